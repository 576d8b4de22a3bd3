/**
 * FloeDB's engine: the DynamoDB semantics above the storage SPI. It encodes keys
 * and items into the bytes that {@code floe.spi} backends store.
 *
 * <p>Other modules reach it as the {@link floe.api.FloeDb} behind {@code FloeDb.open},
 * through the service it provides; only the server's runtime, which opens it over the
 * backend the plugin launcher brings, reads its composition root. Its own tests run on
 * the class path.
 */
// The server, the one module its composition root is exported to, is built after it.
@SuppressWarnings("module")
module floe.engine {
    requires transitive floe.api;
    requires transitive floe.spi;
    requires aircompressor;

    exports floe.engine to
            floe.server;
    // what a PartiQL statement does, for the server's authorization before it runs
    exports floe.engine.partiql to
            floe.server;

    uses floe.spi.extension.ChangeListenerProvider;
    uses floe.spi.extension.ObjectStoreProvider;
    uses floe.spi.extension.ExportFormatProvider;
    uses floe.spi.extension.GlobalTablesProvider;
    uses floe.spi.extension.ValueSealerProvider;
    uses floe.spi.extension.WireServiceProvider;
    uses floe.spi.storage.StorageBackendProvider;

    provides floe.api.FloeDb.Opener with
            floe.engine.EngineOpener;
    provides floe.spi.extension.ObjectStoreProvider with
            floe.engine.transfer.LocalObjectStoreProvider;
}
