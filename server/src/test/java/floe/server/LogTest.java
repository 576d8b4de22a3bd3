package floe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Log log = new Log(Log.Level.INFO, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aNamedLoggerWritesThroughTheLogAtItsLevel() {
        System.Logger plugin = log.logger("floe.plugin.kms");
        plugin.log(System.Logger.Level.DEBUG, "not written");
        plugin.log(System.Logger.Level.INFO, "key {0} opened in {1} ms", "k1", 12);
        plugin.log(System.Logger.Level.WARNING, "slow");
        List<String> lines = lines();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" INFO [floe.plugin.kms] key k1 opened in 12 ms"), lines.get(0));
        assertTrue(lines.get(1).endsWith(" WARN [floe.plugin.kms] slow"), lines.get(1));
        assertFalse(plugin.isLoggable(System.Logger.Level.DEBUG));
        assertTrue(plugin.isLoggable(System.Logger.Level.ERROR));
        assertEquals("floe.plugin.kms", plugin.getName());
    }

    @Test
    void anErrorKeepsItsStackTrace() {
        log.logger("floe.launcher")
                .log(System.Logger.Level.ERROR, "plugin [x] failed to stop", new IllegalStateException("boom"));
        String all = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(all.contains("ERROR [floe.launcher] plugin [x] failed to stop"), all);
        assertTrue(all.contains("java.lang.IllegalStateException: boom"), all);
        assertTrue(all.contains("\tat "), all);
    }

    @Test
    void offWritesNothing() {
        Log off = new Log(Log.Level.OFF, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        off.logger("floe.launcher").log(System.Logger.Level.ERROR, "nothing");
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
