package floe.backend.memory;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.ControlPlaneBehaviourTck;
import java.nio.file.Path;

/** The control-plane behaviour suite over the memory backend. */
class MemoryControlPlaneBehaviourTest extends ControlPlaneBehaviourTck {
    @Override
    protected FloeDb open(Path directory) {
        return FloeDb.open(FloeConfig.inMemory());
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
