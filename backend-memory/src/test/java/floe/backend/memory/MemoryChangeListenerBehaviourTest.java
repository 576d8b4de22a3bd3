package floe.backend.memory;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.ChangeListenerBehaviourTck;
import java.nio.file.Path;

/** The change-listener behaviour suite over the memory backend. */
class MemoryChangeListenerBehaviourTest extends ChangeListenerBehaviourTck {
    @Override
    protected FloeDb open(Path directory) {
        return FloeDb.open(FloeConfig.inMemory().withEngineOptions(engineOptions()));
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
