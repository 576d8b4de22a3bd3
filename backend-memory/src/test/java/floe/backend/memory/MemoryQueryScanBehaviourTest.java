package floe.backend.memory;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.QueryScanBehaviourTck;
import java.nio.file.Path;

/** The Query and Scan behaviour suite over the memory backend. */
class MemoryQueryScanBehaviourTest extends QueryScanBehaviourTck {
    @Override
    protected FloeDb open(Path directory) {
        return FloeDb.open(FloeConfig.inMemory());
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
