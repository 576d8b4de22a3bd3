/**
 * The LMDB storage backend ({@code lmdb}), FloeDB's default: one LMDB environment per
 * data directory, through lmdbjava. See {@link floe.backend.lmdb.LmdbBackendProvider}
 * for its options and the JVM flags it wants.
 */
module floe.backend.lmdb {
    requires floe.spi;
    // lmdbjava 0.9.3 declares no module name; this is the name derived from its jar.
    requires lmdbjava;
    requires org.jnrproject.ffi;
    requires org.jnrproject.jffi;
    requires org.jnrproject.constants;

    provides floe.spi.storage.StorageBackendProvider with
            floe.backend.lmdb.LmdbBackendProvider;
}
