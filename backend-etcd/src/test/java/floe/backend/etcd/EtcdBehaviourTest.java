package floe.backend.etcd;

import floe.api.FloeConfig;
import floe.tck.behaviour.FloeBehaviourTck;
import java.nio.file.Path;
import java.util.Map;

/**
 * Every behaviour suite over the etcd backend on a 3-member cluster on 127.0.0.1 (inside the kit's
 * SPI-checking wrapper). Each database gets its own root prefix, named after its directory.
 */
class EtcdBehaviourTest extends FloeBehaviourTck {
    @Override
    protected FloeConfig config(Path directory) {
        String endpoints;
        try {
            endpoints = EtcdCluster.shared().endpoints();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the etcd cluster", e);
        }
        return FloeConfig.inMemory()
                .withBackend(
                        "etcd",
                        Map.of(
                                "endpoints",
                                endpoints,
                                "root",
                                "behaviour/" + directory.toAbsolutePath().getFileName() + "/",
                                "path",
                                directory.toString()));
    }
}
