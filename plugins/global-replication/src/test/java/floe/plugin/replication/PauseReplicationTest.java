package floe.plugin.replication;

import static floe.plugin.replication.GlobalTableTest.addReplica;
import static floe.plugin.replication.GlobalTableTest.awaitActive;
import static floe.plugin.replication.GlobalTableTest.createTable;
import static floe.plugin.replication.GlobalTableTest.get;
import static floe.plugin.replication.GlobalTableTest.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

/**
 * {@code FloeReplication.Pause} and {@code Resume} between two servers: a paused Region ships
 * none of its changes and applies none of its peers', while its tables stay writable; once
 * resumed, both sides' waiting changes flow. (The one-server convergence test cuts a Region off
 * with it under load.)
 */
class PauseReplicationTest {
    static final String EAST1 = TwoRegions.EAST1;
    static final String EAST2 = TwoRegions.EAST2;

    @TempDir
    Path dir;

    TwoRegions regions;

    @AfterEach
    void stop() {
        if (regions != null) {
            regions.close();
        }
    }

    @Test
    void aPausedRegionShipsAndAppliesNothingUntilResumed() throws Exception {
        regions = TwoRegions.start(dir);
        int port1 = regions.node1.port();
        int port2 = regions.node2.port();
        createTable(regions.east1, "Paused", BillingMode.PAY_PER_REQUEST);
        addReplica(regions.east1, "Paused", EAST2);
        awaitActive(regions.east1, "Paused", EAST2);
        Clients.await(
                EAST2 + " is a member",
                30,
                () -> GlobalTableTest.replicas(regions.east2, "Paused").size() == 2);
        assertEquals(false, Convergence.status(port2, EAST2).get("Paused"));

        assertEquals(true, Convergence.replication(port2, EAST2, "Pause").get("Paused"));
        assertEquals(true, Convergence.replication(port2, EAST2, "Pause").get("Paused"), "pausing twice");
        assertEquals(true, Convergence.status(port2, EAST2).get("Paused"));
        assertEquals(false, Convergence.status(port1, EAST1).get("Paused"), "only the Region named is paused");
        // its tables stay writable, and so do the others'
        put(regions.east1, "Paused", "from1", "g", "a");
        put(regions.east2, "Paused", "from2", "g", "b");
        // each side's feed tried and was refused: by the paused receiver, and by the paused sender itself
        awaitRefused(port1, EAST1, "answered 503");
        awaitRefused(port2, EAST2, "replication of " + EAST2 + " is paused");
        assertNull(get(regions.east2, "Paused", "from1"), "applied while paused");
        assertNull(get(regions.east1, "Paused", "from2"), "shipped while paused");

        assertEquals(false, Convergence.replication(port2, EAST2, "Resume").get("Paused"));
        Clients.await("us-east-2 applies what waited", 30, () -> get(regions.east2, "Paused", "from1") != null);
        Clients.await("us-east-2 ships what waited", 30, () -> get(regions.east1, "Paused", "from2") != null);
        for (Map.Entry<Integer, String> e : Map.of(port1, EAST1, port2, EAST2).entrySet()) {
            Clients.await(e.getValue() + " has shipped everything", 30, () -> {
                Map<?, ?> row = (Map<?, ?>)
                        ((List<?>) Convergence.status(e.getKey(), e.getValue()).get("Replicas")).get(0);
                return Convergence.pending(row) == 0 && row.get("LastError") == null;
            });
        }

        Peer.PeerException unknown =
                assertThrows(Peer.PeerException.class, () -> Convergence.replication(port1, "eu-west-1", "Pause"));
        assertEquals("ResourceNotFoundException", unknown.type, unknown.getMessage());
    }

    /** Waits until the Region's one feed holds changes back, its last error naming {@code error}. */
    private static void awaitRefused(int port, String region, String error) throws InterruptedException {
        Clients.await(region + "'s feed is refused with " + error, 30, () -> {
            Map<?, ?> row =
                    (Map<?, ?>) ((List<?>) Convergence.status(port, region).get("Replicas")).get(0);
            return Convergence.pending(row) > 0
                    && String.valueOf(row.get("LastError")).contains(error);
        });
    }
}
