/**
 * FloeDB's engine: the DynamoDB semantics above the storage SPI. It encodes keys
 * and items into the bytes that {@code floe.spi} backends store.
 *
 * <p>It exports nothing: other modules reach it only as the {@link floe.api.FloeDb}
 * behind {@code FloeDb.open}, through the service it provides, and its own tests run
 * on the class path.
 */
module floe.engine {
    requires transitive floe.api;
    requires transitive floe.spi;

    uses floe.spi.extension.ChangeListenerProvider;
    uses floe.spi.storage.StorageBackendProvider;

    provides floe.api.FloeDb.Opener with
            floe.engine.EngineOpener;
}
