package floe.plugin.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Convergence} with every Region in one server: one process hosts us-east-1 (its own)
 * and us-east-2 and us-west-2 as local Regions (namespaces of its one LMDB store), calling
 * each other without HTTP. The server is killed with SIGKILL (every Region at once) and
 * restarted; us-west-2 is cut off by pausing its replication ({@code FloeReplication.Pause},
 * then {@code Resume}): it ships nothing and applies nothing meanwhile, while its clients go on
 * writing to it, and the others' to them.
 *
 * <p>Why a pause rather than SIGSTOP: the Regions share one process, so stopping it would stop
 * them all. The pause works where the Regions meet, in the replication service every change
 * between them goes through, so it cuts exactly what a network partition between servers cuts,
 * and it is an operator's action FloeDB has anyway (nothing a DynamoDB client sees).
 */
class OneServerConvergenceTest {
    static final String CUT_OFF = Convergence.REGIONS.get(2);

    @TempDir
    Path dir;

    NodeProcess node;

    @AfterEach
    void stop() throws InterruptedException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void everyRegionOfOneServerConvergesToLastWriterWinsAfterAKillAndACutOff() throws Exception {
        int port = GlobalTableTest.freePort();
        Map<String, String> peers = new TreeMap<>();
        for (String r : Convergence.REGIONS.subList(1, Convergence.REGIONS.size())) {
            peers.put(r, Peer.LOCAL);
        }
        // one sweep interval for every Region; only the first one's table has Time to Live on
        node = new NodeProcess(Convergence.REGIONS.get(0), port, dir, Convergence.FAST_SWEEP_MILLIS, peers);
        node.start();
        Convergence.run(
                new Convergence.Topology() {
                    @Override
                    public int port(String region) {
                        return port;
                    }

                    @Override
                    public void kill() throws InterruptedException {
                        node.kill();
                    }

                    @Override
                    public void restart() throws Exception {
                        node.start();
                    }

                    @Override
                    public void cutOff() {
                        assertEquals(
                                true,
                                Convergence.replication(port, CUT_OFF, "Pause").get("Paused"));
                    }

                    @Override
                    public void reconnect() {
                        // the cut-off held both ways: the cut-off Region's changes and the others' to it wait
                        for (String r : Convergence.REGIONS) {
                            for (Object row :
                                    (List<?>) Convergence.status(port, r).get("Replicas")) {
                                String to = (String) ((Map<?, ?>) row).get("RegionName");
                                if (r.equals(CUT_OFF) || to.equals(CUT_OFF)) {
                                    assertTrue(
                                            Convergence.pending(row) > 0,
                                            r + " has nothing waiting for " + to + " while " + CUT_OFF + " is paused: "
                                                    + row);
                                }
                            }
                        }
                        assertEquals(
                                false,
                                Convergence.replication(port, CUT_OFF, "Resume").get("Paused"));
                    }
                },
                Convergence.loadMillis());
    }
}
