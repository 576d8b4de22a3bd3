package floe.plugin.replication;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** The replica operations of {@link GlobalTableTest} between two servers on the in-memory backend. */
class MemoryGlobalTableTest extends GlobalTableTest {
    @Override
    @BeforeEach
    void start() throws IOException {
        int port1 = freePort();
        int port2 = freePort();
        node1 = ReplicaNode.start(EAST1, port1, dir.resolve("1"), Map.of(EAST2, "http://127.0.0.1:" + port2), "memory");
        node2 = ReplicaNode.start(EAST2, port2, dir.resolve("2"), Map.of(EAST1, "http://127.0.0.1:" + port1), "memory");
        east1 = Clients.dynamo(port1, EAST1);
        east2 = Clients.dynamo(port2, EAST2);
    }
}
