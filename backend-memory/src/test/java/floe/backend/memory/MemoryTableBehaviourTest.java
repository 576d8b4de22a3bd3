package floe.backend.memory;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.TableBehaviourTck;
import java.nio.file.Path;

/** The table behaviour suite over the memory backend. */
class MemoryTableBehaviourTest extends TableBehaviourTck {
    @Override
    protected FloeDb open(Path directory) {
        return FloeDb.open(FloeConfig.inMemory());
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
