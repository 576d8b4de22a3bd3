package floe.backend.memory;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.BatchTransactionBehaviourTck;
import java.nio.file.Path;

/** The batch and transaction behaviour suite over the memory backend. */
class MemoryBatchTransactionBehaviourTest extends BatchTransactionBehaviourTck {
    @Override
    protected FloeDb open(Path directory) {
        return FloeDb.open(FloeConfig.inMemory());
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
