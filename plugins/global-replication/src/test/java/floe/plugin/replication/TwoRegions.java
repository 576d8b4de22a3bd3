package floe.plugin.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Two servers on 127.0.0.1, us-east-1 and us-east-2, each the other's peer, and an SDK client of each. */
final class TwoRegions implements AutoCloseable {
    static final String EAST1 = "us-east-1";
    static final String EAST2 = "us-east-2";

    final ReplicaNode node1;
    final ReplicaNode node2;
    final DynamoDbClient east1;
    final DynamoDbClient east2;

    private TwoRegions(ReplicaNode node1, ReplicaNode node2) {
        this.node1 = node1;
        this.node2 = node2;
        this.east1 = Clients.dynamo(node1.port(), EAST1);
        this.east2 = Clients.dynamo(node2.port(), EAST2);
    }

    /** Starts both servers on LMDB, each with its data under {@code dir}. */
    static TwoRegions start(Path dir) throws IOException {
        return start(dir, "lmdb");
    }

    /** Starts both servers on {@code backend} ({@code lmdb} or {@code memory}), each with its data under {@code dir}. */
    static TwoRegions start(Path dir, String backend) throws IOException {
        int port1 = GlobalTableTest.freePort();
        int port2 = GlobalTableTest.freePort();
        ReplicaNode node1 =
                ReplicaNode.start(EAST1, port1, dir.resolve("1"), Map.of(EAST2, "http://127.0.0.1:" + port2), backend);
        ReplicaNode node2 =
                ReplicaNode.start(EAST2, port2, dir.resolve("2"), Map.of(EAST1, "http://127.0.0.1:" + port1), backend);
        return new TwoRegions(node1, node2);
    }

    @Override
    public void close() {
        east1.close();
        east2.close();
        node1.close();
        node2.close();
    }
}
