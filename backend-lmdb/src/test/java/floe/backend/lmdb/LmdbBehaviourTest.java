package floe.backend.lmdb;

import floe.api.FloeConfig;
import floe.tck.behaviour.FloeBehaviourTck;
import java.nio.file.Path;
import java.util.Map;

/** Every behaviour suite over the LMDB backend (inside the kit's SPI-checking wrapper; without fsync, to keep the suites fast). */
class LmdbBehaviourTest extends FloeBehaviourTck {
    @Override
    protected FloeConfig config(Path directory) {
        return FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false"));
    }
}
