/** An in-memory storage backend: for tests, embedding and the server's in-memory mode. */
module floe.backend.memory {
    requires floe.spi;

    provides floe.spi.storage.StorageBackendProvider with
            floe.backend.memory.MemoryBackendProvider;
}
