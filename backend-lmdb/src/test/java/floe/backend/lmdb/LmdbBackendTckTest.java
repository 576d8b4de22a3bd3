package floe.backend.lmdb;

import floe.spi.storage.Capability;
import floe.spi.storage.StorageBackend;
import floe.tck.storage.StorageBackendTck;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** The LMDB backend runs the whole storage TCK, opened through its provider with the default options (sync=true). */
class LmdbBackendTckTest extends StorageBackendTck {
    @Override
    protected StorageBackend open(Path directory) {
        return new LmdbBackendProvider().open(Map.of("path", directory.toString()));
    }

    @Override
    protected Set<Capability> lacking() {
        return Set.of(Capability.CONCURRENT_WRITERS);
    }
}
