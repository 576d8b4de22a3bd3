package floe.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine options of throttling and of the table status delay. */
class EngineOptionsTest {
    @Test
    void throttlingIsOnAndStatusesHaveNoDelayByDefault() {
        EngineOptions defaults = EngineOptions.parse(Map.of());
        assertTrue(defaults.throttling());
        assertEquals(0, defaults.tableStatusDelayMillis());
    }

    @Test
    void bothAreParsedAndChecked() {
        EngineOptions o = EngineOptions.parse(
                Map.of(EngineOptions.THROTTLING, "false", EngineOptions.TABLE_STATUS_DELAY_MILLIS, "250"));
        assertFalse(o.throttling());
        assertEquals(250, o.tableStatusDelayMillis());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> EngineOptions.parse(Map.of(EngineOptions.THROTTLING, "off")));
        assertEquals("throttling must be true or false: off", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> EngineOptions.parse(Map.of(EngineOptions.TABLE_STATUS_DELAY_MILLIS, "-1")));
    }
}
