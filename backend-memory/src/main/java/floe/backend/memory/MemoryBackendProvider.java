package floe.backend.memory;

import floe.api.Stability;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageBackendProvider;
import floe.spi.storage.StorageException;
import java.util.Map;
import java.util.Set;

/** Opens {@link MemoryBackend}s: {@code memory}. Accepts {@code path} and {@code sync} and ignores both. */
@Stability(Stability.Level.STABLE)
public final class MemoryBackendProvider implements StorageBackendProvider {
    private static final Set<String> KNOWN = Set.of(PATH, SYNC, "maxValueSize");

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public StorageBackend open(Map<String, String> config) {
        for (String key : config.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new StorageException("unknown option for the memory backend: " + key + " (known: " + KNOWN + ")");
            }
        }
        String max = config.get("maxValueSize");
        try {
            return new MemoryBackend(max == null ? MemoryBackend.DEFAULT_MAX_VALUE_SIZE : Integer.parseInt(max));
        } catch (IllegalArgumentException e) {
            throw new StorageException("bad maxValueSize for the memory backend: " + max, e);
        }
    }
}
