package floe.backend.etcd;

import floe.spi.storage.StorageBackend;
import floe.tck.storage.StorageBackendTck;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole storage TCK over a 3-member etcd cluster on 127.0.0.1. Each test gets its own root
 * prefix, named after its directory, so reopening the same directory finds the same data.
 */
class EtcdBackendTckTest extends StorageBackendTck {
    @Override
    protected StorageBackend open(Path directory) {
        try {
            return new EtcdBackendProvider()
                    .open(Map.of(
                            "endpoints",
                            EtcdCluster.shared().endpoints(),
                            "root",
                            "tck/" + directory.getFileName() + "/",
                            "replicas",
                            "3",
                            "path",
                            directory.toString()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the etcd cluster", e);
        }
    }
}
