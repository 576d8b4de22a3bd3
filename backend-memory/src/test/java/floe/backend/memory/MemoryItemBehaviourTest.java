package floe.backend.memory;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.ItemBehaviourTck;
import java.nio.file.Path;

/** The item behaviour suite over the memory backend. */
class MemoryItemBehaviourTest extends ItemBehaviourTck {
    @Override
    protected FloeDb open(Path directory) {
        return FloeDb.open(FloeConfig.inMemory());
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
