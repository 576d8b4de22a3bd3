package floe.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.server.runtime.RuntimeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf/floe.properties: every key is a flag of floe serve, a flag wins, an unknown key is refused by name. */
class FloePropertiesTest {
    @TempDir
    Path dir;

    private FloeProperties read(String text) throws IOException {
        Path file = dir.resolve("floe.properties");
        Files.writeString(file, text);
        return FloeProperties.read(file);
    }

    private static FloeCommand.Serve parse(FloeProperties properties, String... args) {
        return FloeCommand.Serve.parse(properties, args);
    }

    @Test
    void unknownKeysAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("prot=9000\n"));
        assertTrue(e.getMessage().contains("unknown key 'prot'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read("plugin.kms=x\n"));
        assertTrue(e.getMessage().contains("unknown key 'plugin.kms'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read("backend.=x\n"));
        assertTrue(e.getMessage().contains("unknown key 'backend.'"), e.getMessage());
    }

    @Test
    void aMissingFileIsAnEmptyConfiguration() {
        FloeProperties none = FloeProperties.read(dir.resolve("absent.properties"));
        assertEquals(Map.of(), none.backendOptions());
        assertEquals(List.of(), none.plugins());
    }

    @Test
    void theFileSetsWhatTheFlagsSetAndAFlagWins() throws IOException {
        FloeProperties file = read(String.join(
                "\n",
                "port=9001",
                "backend=memory",
                "backend.maxValueSize=1000",
                "throttling=false",
                "plugins=kms, parquet",
                "plugin.kms.keyId=alpha",
                "plugin.parquet.rows=10",
                ""));
        FloeCommand.Serve fromFile = parse(file);
        assertEquals(9001, fromFile.port);
        RuntimeSettings settings = fromFile.settings();
        assertEquals("memory", settings.config().backend());
        assertEquals(Map.of("maxValueSize", "1000"), settings.config().backendOptions());
        assertEquals("false", settings.config().engineOptions().get("throttling"));
        assertEquals(List.of("kms", "parquet"), settings.plugins());
        assertEquals(Map.of("keyId", "alpha"), settings.pluginOptions().get("kms"));
        assertNull(settings.stateDirectory(), "an in-memory server keeps no plugin state");

        FloeCommand.Serve flags = parse(
                file,
                "--port",
                "9002",
                "--backend",
                "lmdb",
                "--data",
                "d",
                "--backend-option",
                "maxValueSize=2000",
                "--throttling",
                "--plugin",
                "replication",
                "--plugin-option",
                "kms.keyId=beta");
        settings = flags.settings();
        assertEquals(9002, settings.server().port());
        assertEquals("lmdb", settings.config().backend());
        assertEquals(
                Map.of("path", "d", "maxValueSize", "2000"), settings.config().backendOptions());
        assertEquals("true", settings.config().engineOptions().get("throttling"));
        assertEquals(List.of("kms", "parquet", "replication"), settings.plugins());
        assertEquals(Map.of("keyId", "beta"), settings.pluginOptions().get("kms"));
        assertEquals(Path.of("d", "plugin-state"), settings.stateDirectory());
    }

    @Test
    void inMemoryIsShorthandForTheMemoryBackend() {
        FloeCommand.Serve serve = parse(FloeProperties.NONE, "--in-memory");
        assertEquals("memory", serve.config().backend());
        assertEquals(Map.of(), serve.config().backendOptions());
        assertEquals("lmdb", parse(FloeProperties.NONE).config().backend());
    }

    @Test
    void aPluginOptionNamesItsPlugin() {
        FloeCommand.Serve serve = parse(FloeProperties.NONE, "--plugin-option", "nodot=1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, serve::settings);
        assertTrue(e.getMessage().contains("<name>.<key>=<value>"), e.getMessage());
    }

    @Test
    void theObjectStoreIsChosenWithItsOptionsOneWayEach() throws IOException {
        Map<String, String> local =
                parse(FloeProperties.NONE, "--data", "d").config().engineOptions();
        assertEquals("local", local.get("objectStore"));
        assertEquals(Path.of("d", "objects").toString(), local.get("objectStore.root"));

        FloeProperties file = read(String.join(
                "\n",
                "object-store-provider=s3",
                "object-store.endpoint=http://127.0.0.1:9",
                "object-store.pathStyle=true",
                "export-format.parquet.compression=snappy",
                "transfer-items-per-second=500",
                ""));
        Map<String, String> s3 =
                parse(file, "--object-store-option", "pathStyle=false").config().engineOptions();
        assertEquals("s3", s3.get("objectStore"));
        assertEquals("http://127.0.0.1:9", s3.get("objectStore.endpoint"));
        assertEquals("false", s3.get("objectStore.pathStyle"), "a flag wins over the file");
        assertNull(s3.get("objectStore.root"), "the local directory is not passed to another store");
        assertEquals("snappy", s3.get("exportFormat.parquet.compression"));
        assertEquals("500", s3.get("transferItemsPerSecond"));

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> parse(file, "--object-store", "dir")
                        .config());
        assertTrue(e.getMessage().contains("local object store's directory"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> parse(FloeProperties.NONE, "--object-store-option", "root=x")
                        .config());
        assertTrue(e.getMessage().contains("takes no options"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> parse(FloeProperties.NONE, "--export-format-option", "nodot=1")
                        .config());
        assertTrue(e.getMessage().contains("<name>.<key>=<value>"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read("export-format.parquet=x\n"));
        assertTrue(e.getMessage().contains("unknown key 'export-format.parquet'"), e.getMessage());
    }
}
