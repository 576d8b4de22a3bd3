package floe.spi.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FloePluginTest {
    @Test
    void onlyTheNameMustBeWritten() throws Exception {
        FloePlugin plugin = () -> "minimal";
        // On the class path a plugin has no module version.
        assertEquals("unversioned", plugin.version());
        plugin.start(null);
        plugin.stop();
    }
}
