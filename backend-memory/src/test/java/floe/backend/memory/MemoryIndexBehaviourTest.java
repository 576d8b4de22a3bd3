package floe.backend.memory;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.IndexBehaviourTck;
import java.nio.file.Path;

/** The secondary-index behaviour suite over the memory backend. */
class MemoryIndexBehaviourTest extends IndexBehaviourTck {
    @Override
    protected FloeDb open(Path directory) {
        return FloeDb.open(FloeConfig.inMemory());
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
