package floe.spi.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpiVersionTest {
    @Test
    void theRunningVersionIsTheBuildsProperty() {
        // The parent POM's floe.spi.version: the build filters it into floe.spi and hands it to this test.
        String built = System.getProperty("floe.spi.version");
        assertEquals(SpiVersion.parse(built), SpiVersion.running(), "floe.spi.version is " + built);
    }

    @Test
    void sameMajorAndNoLaterMinorRuns() {
        SpiVersion running = new SpiVersion(2, 3);
        assertTrue(running.runs(new SpiVersion(2, 0)));
        assertTrue(running.runs(new SpiVersion(2, 3)));
        assertFalse(running.runs(new SpiVersion(2, 4)));
        assertFalse(running.runs(new SpiVersion(1, 3)));
        assertFalse(running.runs(new SpiVersion(3, 0)));
    }

    @Test
    void parsesMajorDotMinorOnly() {
        assertEquals(new SpiVersion(1, 12), SpiVersion.parse(" 1.12 "));
        for (String bad : new String[] {"1", "1.0.0", "01.0", "a.b", "-1.0", "", "1."}) {
            assertThrows(IllegalArgumentException.class, () -> SpiVersion.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new SpiVersion(-1, 0));
        assertEquals("1.12", new SpiVersion(1, 12).toString());
        assertTrue(new SpiVersion(1, 2).compareTo(new SpiVersion(1, 10)) < 0);
    }
}
