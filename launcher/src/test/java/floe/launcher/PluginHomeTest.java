package floe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.launcher.PluginDescriptor.Kind;
import floe.spi.plugin.SpiVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a home: each descriptor error is one line naming the folder, the key or plugin,
 * and what to do. Only descriptors here: no plugin has a class.
 */
class PluginHomeTest {
    @TempDir
    Path home;

    @Test
    void aGoodDescriptorReadsAsWritten() {
        Path folder = TestPlugins.plugin(home, "kms")
                .requires("audit", "keys")
                .set("description", " Keys from KMS ")
                .build();
        TestPlugins.plugin(home, "audit").build();
        TestPlugins.plugin(home, "keys").build();
        PluginDescriptor d = PluginLauncher.scan(home).get("kms");
        assertEquals(
                new PluginDescriptor(
                        "kms",
                        "1.0",
                        Kind.PLUGIN,
                        "test.kms",
                        SpiVersion.running(),
                        17,
                        "Keys from KMS",
                        List.of("audit", "keys"),
                        folder),
                d);
    }

    @Test
    void aHomeWithoutFoldersHasNoPlugins() {
        assertEquals(List.of(), PluginLauncher.builder(home).build().plugins());
    }

    @Test
    void anUnknownKey() {
        Path folder = TestPlugins.plugin(home, "kms").set("modul", "x").build();
        assertError("plugin folder " + folder + ": floe-plugin.properties has an unknown key 'modul'; remove it or"
                + " correct its spelling (known keys: name, version, kind, module, spi.version, java.version,"
                + " description, requires)");
    }

    @Test
    void eachMissingKey() {
        String[][] keys = {
            {"name", "the plugin's name, which is also its folder's"},
            {"version", "the plugin's version"},
            {"kind", "backend or plugin"},
            {"module", "the name of the plugin's main module"},
            {"spi.version", "the SPI version it was built against, such as 1.0"},
            {"java.version", "the lowest Java release it runs on, such as 17"},
            {"description", "one line on what it does"},
            {"requires", "the plugins it needs, comma-separated, or nothing"},
        };
        for (String[] key : keys) {
            Path folder = TestPlugins.plugin(home, "kms").set(key[0], null).build();
            assertError("plugin folder " + folder + ": floe-plugin.properties lacks the key '" + key[0]
                    + "'; add a line " + key[0] + "=<" + key[1] + ">");
        }
    }

    @Test
    void anEmptyValue() {
        Path folder = TestPlugins.plugin(home, "kms").set("module", " ").build();
        assertError("plugin folder " + folder + ": key 'module' of floe-plugin.properties is empty; set it to the"
                + " name of the plugin's main module");
    }

    @Test
    void badValues() {
        Path folder = home.resolve("plugins").resolve("kms");
        TestPlugins.plugin(home, "kms").set("kind", "extension").build();
        assertError("plugin folder " + folder + ": key 'kind' of floe-plugin.properties is 'extension'; set it to"
                + " backend or plugin");
        TestPlugins.plugin(home, "kms").set("kind", "backend").build();
        assertError("plugin folder " + folder + ": key 'kind' of floe-plugin.properties is 'backend'; the folder lies"
                + " under plugins/; move it to backends/ or set kind=plugin");
        TestPlugins.plugin(home, "kms").set("name", "k-m-s").build();
        assertError("plugin folder " + folder + ": key 'name' of floe-plugin.properties is 'k-m-s'; use ASCII letters"
                + " and digits only");
        TestPlugins.plugin(home, "kms").set("name", "keys").build();
        assertError("plugin folder " + folder + ": key 'name' of floe-plugin.properties is 'keys'; name the folder"
                + " keys or set name=kms (a plugin's folder bears its name)");
        TestPlugins.plugin(home, "kms").set("module", "test.native").build();
        assertError("plugin folder " + folder + ": key 'module' of floe-plugin.properties is 'test.native'; set it to"
                + " the name of the plugin's main module");
        TestPlugins.plugin(home, "kms").set("spi.version", "1").build();
        assertError("plugin folder " + folder + ": key 'spi.version' of floe-plugin.properties is '1'; set it to the"
                + " SPI version the plugin was built against, major.minor such as " + SpiVersion.running());
        TestPlugins.plugin(home, "kms").set("java.version", "17.0.2").build();
        assertError("plugin folder " + folder + ": key 'java.version' of floe-plugin.properties is '17.0.2'; set it to"
                + " the lowest Java release the plugin runs on, such as 17");
        TestPlugins.plugin(home, "kms").set("requires", "audit;keys").build();
        assertError("plugin folder " + folder + ": key 'requires' of floe-plugin.properties is 'audit;keys'; list the"
                + " names of the plugins it needs, comma-separated (ASCII letters and digits)");
        TestPlugins.plugin(home, "kms").set("requires", "kms").build();
        assertError("plugin folder " + folder + ": key 'requires' of floe-plugin.properties is 'kms'; remove kms: a"
                + " plugin does not require itself");
    }

    @Test
    void aFolderWithoutDescriptor() throws IOException {
        Path folder = Files.createDirectories(home.resolve("backends").resolve("rocks"));
        assertError("plugin folder " + folder + ": no floe-plugin.properties; add the descriptor, or remove the folder"
                + " (every folder under backends/ and plugins/ is a plugin)");
    }

    @Test
    void aDuplicateName() {
        Path backend = TestPlugins.plugin(home, "memory").kind("backend").build();
        Path plugin = TestPlugins.plugin(home, "memory").build();
        assertError("plugin folder " + plugin + ": the name 'memory' is taken by " + backend
                + "; remove one of the two folders");
    }

    @Test
    void aMissingRequiredPlugin() {
        Path folder = TestPlugins.plugin(home, "replication").requires("kms").build();
        assertError("plugin folder " + folder + ": requires 'kms', which is not installed; install kms under plugins/"
                + " or backends/, or remove it from requires");
    }

    @Test
    void aCycle() {
        Path a = TestPlugins.plugin(home, "a").requires("b").build();
        TestPlugins.plugin(home, "b").requires("c").build();
        TestPlugins.plugin(home, "c").requires("a").build();
        TestPlugins.plugin(home, "d").requires("a").build();
        assertError("plugin folder " + a + ": requires form a cycle (a -> b -> c -> a); remove one of these"
                + " requirements");
    }

    @Test
    void hiddenFoldersAreNotPlugins() throws IOException {
        Files.createDirectories(home.resolve("plugins").resolve(".cache"));
        assertEquals(List.of(), PluginLauncher.builder(home).build().plugins());
    }

    private void assertError(String message) {
        PluginException e = assertThrows(
                PluginException.class, () -> PluginLauncher.builder(home).build());
        assertEquals(message, e.getMessage());
    }
}
