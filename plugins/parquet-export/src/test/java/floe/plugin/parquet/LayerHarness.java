package floe.plugin.parquet;

import floe.api.Item;
import floe.api.model.AttributeDefinition;
import floe.spi.extension.ExportFormat;
import floe.spi.extension.ExportFormatProvider;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Run by {@link ParquetPluginLayerIT} in a JVM of its own, as FloeDB's launcher runs a plugin:
 * floe.api and floe.spi in the boot layer, the plugin's folder in a layer of its own over the
 * platform class loader (nothing of the class path, no Hadoop anywhere), and an export
 * written through the provider that layer brings.
 *
 * <p>Arguments: the plugin folder, the folder to write into.
 */
final class LayerHarness {
    private LayerHarness() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        ModuleFinder finder = ModuleFinder.of(folder);
        Set<String> roots =
                finder.findAll().stream().map(r -> r.descriptor().name()).collect(Collectors.toSet());
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration =
                Configuration.resolveAndBind(finder, List.of(boot.configuration()), ModuleFinder.of(), roots);
        ModuleLayer layer = ModuleLayer.defineModulesWithOneLoader(
                        configuration, List.of(boot), ClassLoader.getPlatformClassLoader())
                .layer();
        ExportFormatProvider provider = ServiceLoader.load(layer, ExportFormatProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("parquet"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no parquet provider in the plugin's layer"));
        if (provider.getClass().getModule().getLayer() != layer) {
            throw new AssertionError(
                    "the provider is not the layer's: " + provider.getClass().getModule());
        }
        List<Item> items = ParquetFormatTest.everyType();
        for (String codec : List.of("zstd", "snappy", "gzip", "none")) {
            ExportFormat format = provider.open(Map.of("compression", codec));
            FolderSink sink = new FolderSink(Path.of(args[1]).resolve(codec));
            format.write(new ListSource("Things", List.of(new AttributeDefinition("pk", "S")), items), sink);
        }
        System.out.println("written by " + provider.getClass().getModule());
    }
}
