/**
 * FloeDB's engine: the DynamoDB semantics above the storage SPI. It encodes keys
 * and items into the bytes that {@code floe.spi} backends store.
 */
module floe.engine {
    requires transitive floe.api;
    requires transitive floe.spi;

    exports floe.engine;
    exports floe.engine.codec;
    exports floe.engine.expr;

    uses floe.spi.extension.ChangeListenerProvider;
    uses floe.spi.storage.StorageBackendProvider;

    provides floe.api.FloeDb.Opener with floe.engine.EngineOpener;
}
