package floe.backend.memory;

import floe.api.FloeConfig;
import floe.tck.behaviour.FloeBehaviourTck;
import java.nio.file.Path;

/** Every behaviour suite over the memory backend (inside the kit's SPI-checking wrapper). */
class MemoryBehaviourTest extends FloeBehaviourTck {
    @Override
    protected FloeConfig config(Path directory) {
        return FloeConfig.inMemory();
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
