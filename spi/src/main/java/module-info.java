/**
 * What storage backends and plugins implement. Requires nothing but {@code floe.api}
 * and the JDK.
 */
module floe.spi {
    requires transitive floe.api;

    exports floe.spi.extension;
    exports floe.spi.extension.support;
    exports floe.spi.plugin;
    exports floe.spi.storage;
    exports floe.spi.storage.support;

    uses floe.spi.extension.ChangeListenerProvider;
    uses floe.spi.extension.ExportFormatProvider;
    uses floe.spi.extension.GlobalTablesProvider;
    uses floe.spi.extension.ObjectStoreProvider;
    uses floe.spi.extension.ValueSealerProvider;
    uses floe.spi.extension.WireServiceProvider;
    uses floe.spi.storage.StorageBackendProvider;
}
