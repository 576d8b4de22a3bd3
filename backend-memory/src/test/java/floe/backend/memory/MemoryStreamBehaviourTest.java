package floe.backend.memory;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.StreamBehaviourTck;
import java.nio.file.Path;

/** The streams behaviour suite over the memory backend. */
class MemoryStreamBehaviourTest extends StreamBehaviourTck {
    @Override
    protected FloeDb open(Path directory) {
        return FloeDb.open(FloeConfig.inMemory().withClock(clock));
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
