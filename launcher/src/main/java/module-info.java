/**
 * The plugin runtime: finds the backends and plugins of a FloeDB home in their folders,
 * checks their descriptors and SPI versions, loads each into a module layer of its own,
 * starts and stops them, and hands out the providers they bring. Lives in the boot layer,
 * beside {@code floe.api} and {@code floe.spi} only.
 */
module floe.launcher {
    requires transitive floe.spi;

    exports floe.launcher;
    exports floe.launcher.cli;

    uses floe.spi.plugin.FloePlugin;
    uses java.util.spi.ToolProvider;
}
