package floe.plugin.s3store;

import floe.spi.extension.ObjectInfo;
import floe.spi.extension.ObjectStore;
import floe.spi.extension.ObjectStoreException;
import floe.spi.extension.ObjectStoreProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Run by {@link S3StoreLayerIT} in a JVM of its own, as FloeDB's launcher runs a plugin:
 * floe.api and floe.spi in the boot layer, the plugin folder in a layer of its own over the
 * platform class loader, the plugin's loader as the thread's context loader; then a round
 * of writes and reads through the store that layer provides.
 *
 * <p>Arguments: the plugin folder, the S3 endpoint, the bucket.
 */
final class S3LayerHarness {
    private S3LayerHarness() {}

    public static void main(String[] args) throws Exception {
        ModuleFinder finder = ModuleFinder.of(Path.of(args[0]));
        Set<String> roots =
                finder.findAll().stream().map(r -> r.descriptor().name()).collect(Collectors.toSet());
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration =
                Configuration.resolveAndBind(finder, List.of(boot.configuration()), ModuleFinder.of(), roots);
        ModuleLayer layer = ModuleLayer.defineModulesWithOneLoader(
                        configuration, List.of(boot), ClassLoader.getPlatformClassLoader())
                .layer();
        Thread.currentThread().setContextClassLoader(layer.findLoader("floe.plugin.s3store"));
        ObjectStoreProvider provider = ServiceLoader.load(layer, ObjectStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("s3"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no s3 provider in the plugin's layer"));
        String bucket = args[2];
        byte[] big = new byte[(5 << 20) + 4096];
        Arrays.fill(big, (byte) 7);
        try (ObjectStore store = provider.open(Map.of(
                "endpoint", args[1],
                "accessKeyId", "AKIDEXAMPLE",
                "secretAccessKey", "secret",
                "pathStyle", "true",
                "partSize", Integer.toString(5 << 20)))) {
            try (OutputStream out = store.put(bucket, "layer/big")) {
                out.write(big);
            }
            try (OutputStream out = store.put(bucket, "layer/small")) {
                out.write(new byte[] {1, 2, 3});
            }
            List<ObjectInfo> listed = store.list(bucket, "layer/", null, 10);
            check(listed.size() == 2 && listed.get(0).size() == big.length, "listed " + listed);
            try (InputStream in = store.get(bucket, "layer/big")) {
                check(Arrays.equals(big, in.readAllBytes()), "the big object reads back");
            }
            store.delete(bucket, "layer/big");
            try {
                store.get(bucket, "layer/big").close();
                check(false, "a deleted object reads");
            } catch (ObjectStoreException e) {
                check(e.code().equals(ObjectStoreException.NO_SUCH_KEY), "code " + e.code());
            }
        }
        System.out.println("round trip through " + provider.getClass().getModule());
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
