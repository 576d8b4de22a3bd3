package floe.backend.lmdb;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.ControlPlaneBehaviourTck;
import java.nio.file.Path;
import java.util.Map;

/** The control-plane behaviour suite over the LMDB backend (without fsync, to keep the suite fast). */
class LmdbControlPlaneBehaviourTest extends ControlPlaneBehaviourTck {
    @Override
    protected FloeDb open(Path directory) {
        return FloeDb.open(FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false")));
    }
}
