package floe.backend.etcd;

import floe.api.Stability;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageBackendProvider;
import java.util.Map;

/**
 * Opens {@link EtcdBackend}s: {@code etcd}, storage on an existing etcd cluster (v3 API), reached
 * through jetcd. Options: {@code endpoints}, {@code root}, {@code replicas}, {@code timeoutMillis},
 * {@code connectTimeoutMillis}, {@code maxValueSize}; {@code path} and {@code sync} are accepted and
 * ignored (see the module's README).
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class EtcdBackendProvider implements StorageBackendProvider {
    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public StorageBackend open(Map<String, String> config) {
        return EtcdBackend.open(EtcdOptions.parse(config));
    }
}
