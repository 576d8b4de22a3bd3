package floe.backend.memory;

import floe.spi.storage.Capability;
import floe.spi.storage.StorageBackend;
import floe.tck.storage.StorageBackendTck;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** The memory backend runs the whole storage TCK. */
class MemoryBackendTckTest extends StorageBackendTck {
    @Override
    protected StorageBackend open(Path directory) {
        return new MemoryBackendProvider().open(Map.of("path", directory.toString()));
    }

    @Override
    protected Set<Capability> lacking() {
        return Set.of(Capability.PERSISTENT, Capability.CONCURRENT_WRITERS);
    }
}
