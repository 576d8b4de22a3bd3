package floe.backend.lmdb;

import floe.spi.storage.Capability;
import floe.spi.storage.StorageBackend;
import floe.tck.storage.StorageBackendTck;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The whole storage TCK again with a trie chunk of 4 bytes, so that every sort part
 * longer than 4 bytes goes through trie nodes and the TCK's long keys build tries
 * thousands of levels deep.
 */
class LmdbDeepTrieTckTest extends StorageBackendTck {
    @Override
    protected StorageBackend open(Path directory) {
        return LmdbBackend.open(LmdbOptions.parse(Map.of("path", directory.toString(), "sync", "false"))
                .withChunk(4));
    }

    @Override
    protected Set<Capability> lacking() {
        return Set.of(Capability.CONCURRENT_WRITERS);
    }
}
