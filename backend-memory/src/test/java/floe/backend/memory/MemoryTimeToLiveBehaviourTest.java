package floe.backend.memory;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.TimeToLiveBehaviourTck;
import java.nio.file.Path;

/** The Time to Live behaviour suite over the memory backend. */
class MemoryTimeToLiveBehaviourTest extends TimeToLiveBehaviourTck {
    @Override
    protected FloeDb open(Path directory) {
        return FloeDb.open(FloeConfig.inMemory().withEngineOptions(ENGINE_OPTIONS));
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
