package floe.backend.lmdb;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.QueryScanBehaviourTck;
import java.nio.file.Path;
import java.util.Map;

/** The QueryScan behaviour suite over the LMDB backend (without fsync, to keep the suite fast). */
class LmdbQueryScanBehaviourTest extends QueryScanBehaviourTck {
    @Override
    protected FloeDb open(Path directory) {
        return FloeDb.open(FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false")));
    }
}
