package floe.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.launcher.PluginDescriptor.Kind;
import floe.spi.plugin.ExtensionPoint;
import floe.spi.plugin.SpiVersion;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageBackendProvider;
import floe.spi.storage.WriteTransaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backends' plugin folders as their builds make them (unpacked from their zips into a
 * home by this module's build): each loads into a layer of its own and its provider, taken
 * from that layer, opens a working backend.
 */
class BuiltBackendsTest {
    private static final Path HOME = Path.of(System.getProperty("floe.test.home", "target/test-home"));

    @TempDir
    Path data;

    @Test
    void theBuiltFoldersAreInstalledAndNotStartedUntilAskedFor() {
        assertTrue(Files.isDirectory(HOME.resolve("backends")), "no built backends under " + HOME);
        try (PluginLauncher launcher = PluginLauncher.builder(HOME).build()) {
            List<PluginInfo> plugins = launcher.plugins();
            assertEquals(
                    List.of("lmdb", "memory"),
                    plugins.stream().map(p -> p.descriptor().name()).toList());
            for (PluginInfo p : plugins) {
                assertEquals(Kind.BACKEND, p.descriptor().kind());
                assertEquals(SpiVersion.running(), p.descriptor().spiVersion());
                assertEquals(
                        "floe.backend." + p.descriptor().name(), p.descriptor().module());
                assertEquals(List.of(), p.descriptor().requires());
                assertEquals(new PluginStatus.NotRequested(), p.status());
            }
        }
    }

    @Test
    void memoryOpensFromItsOwnLayer() {
        writeAndRead("memory", Map.of());
    }

    @Test
    void lmdbOpensFromItsOwnLayerAndKeepsWhatItWrote() {
        Map<String, String> config =
                Map.of(StorageBackendProvider.PATH, data.resolve("lmdb").toString());
        writeAndRead("lmdb", config);
        try (PluginLauncher launcher = PluginLauncher.builder(HOME).build()) {
            launcher.start(List.of("lmdb"));
            try (StorageBackend backend =
                    launcher.provider(ExtensionPoint.STORAGE_BACKEND, "lmdb").open(config)) {
                assertEquals(List.of("items"), backend.keyspaces());
            }
        }
    }

    private static void writeAndRead(String name, Map<String, String> config) {
        try (PluginLauncher launcher = PluginLauncher.builder(HOME).build()) {
            launcher.start(List.of(name));
            assertEquals(new PluginStatus.Started(), status(launcher, name));
            String other = name.equals("lmdb") ? "memory" : "lmdb";
            assertEquals(new PluginStatus.NotRequested(), status(launcher, other));

            ModuleLayer layer = launcher.layer(name);
            assertEquals(List.of(StorageBackendProvider.class.getModule().getLayer()), layer.parents());
            assertEquals(ModuleLayer.boot(), layer.parents().get(0));
            assertTrue(layer.findModule("floe.backend." + name).isPresent());
            assertTrue(
                    layer.modules().stream()
                            .noneMatch(m -> m.getName().startsWith("floe.spi")
                                    || m.getName().startsWith("floe.api")),
                    "floe-api or floe-spi is bundled");
            assertEquals(
                    StorageBackendProvider.class.getModule(),
                    layer.findModule("floe.spi").orElseThrow());
            assertEquals(
                    List.of(name),
                    List.copyOf(
                            launcher.providers(ExtensionPoint.STORAGE_BACKEND).keySet()));

            StorageBackendProvider provider = launcher.provider(ExtensionPoint.STORAGE_BACKEND, name);
            assertEquals(name, provider.name());
            byte[] value = "a value".getBytes(StandardCharsets.UTF_8);
            try (StorageBackend backend = provider.open(config)) {
                backend.createKeyspace("items");
                try (WriteTransaction tx = backend.beginWrite()) {
                    tx.put("items", bytes("p"), bytes("s"), value);
                    tx.commit();
                }
                try (var tx = backend.beginRead()) {
                    assertArrayEquals(value, tx.get("items", bytes("p"), bytes("s")));
                }
                assertNotEquals(ClassLoader.getSystemClassLoader(), ownLoader(launcher, name));
            }
        }
    }

    private static ClassLoader ownLoader(PluginLauncher launcher, String name) {
        return launcher.layer(name).findLoader("floe.backend." + name);
    }

    private static PluginStatus status(PluginLauncher launcher, String name) {
        return launcher.plugins().stream()
                .filter(p -> p.descriptor().name().equals(name))
                .findFirst()
                .orElseThrow()
                .status();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
