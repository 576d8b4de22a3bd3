package floe.plugin.replication;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Convergence} over three servers, each its own process, Region and data directory: the
 * server of us-east-2 is killed with SIGKILL and restarted, the one of us-west-2 is stopped
 * (SIGSTOP) for a while and resumed (SIGCONT), its clients waiting meanwhile.
 * {@link OneServerConvergenceTest} runs the same load and checks with every Region in one
 * server.
 */
class ConvergenceTest {
    /** The others' sweep interval (in effect never during a test; their tables have no Time to Live anyway). */
    static final long SLOW_SWEEP_MILLIS = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path dir;

    final Map<String, NodeProcess> nodes = new TreeMap<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (NodeProcess n : nodes.values()) {
            n.close();
        }
    }

    @Test
    void everyReplicaConvergesToLastWriterWinsAfterAKillAndACutOff() throws Exception {
        Map<String, Integer> ports = new HashMap<>();
        for (String r : Convergence.REGIONS) {
            ports.put(r, GlobalTableTest.freePort());
        }
        for (String r : Convergence.REGIONS) {
            Map<String, String> peers = new TreeMap<>();
            ports.forEach((other, port) -> {
                if (!other.equals(r)) {
                    peers.put(other, "http://127.0.0.1:" + port);
                }
            });
            long sweep = r.equals(Convergence.SWEEPER) ? Convergence.FAST_SWEEP_MILLIS : SLOW_SWEEP_MILLIS;
            nodes.put(r, new NodeProcess(r, ports.get(r), dir.resolve(r), sweep, peers));
        }
        for (NodeProcess n : nodes.values()) {
            n.start();
        }
        NodeProcess killed = nodes.get(Convergence.REGIONS.get(1));
        NodeProcess stopped = nodes.get(Convergence.REGIONS.get(2));
        Convergence.run(
                new Convergence.Topology() {
                    @Override
                    public int port(String region) {
                        return ports.get(region);
                    }

                    @Override
                    public void kill() throws InterruptedException {
                        killed.kill();
                    }

                    @Override
                    public void restart() throws Exception {
                        killed.start();
                    }

                    @Override
                    public void cutOff() throws InterruptedException {
                        stopped.suspend();
                    }

                    @Override
                    public void reconnect() throws InterruptedException {
                        stopped.resume();
                    }
                },
                Convergence.loadMillis());
    }
}
