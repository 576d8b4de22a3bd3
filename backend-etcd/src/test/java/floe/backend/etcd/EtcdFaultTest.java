package floe.backend.etcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.spi.storage.ConflictException;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageException;
import floe.spi.storage.WriteTransaction;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.StatusResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bank transfers through the backend while the cluster's leader is killed with SIGKILL (as
 * {@code kill -9}) and later restarted: every transfer moves money between two accounts and
 * records itself in a log, in one transaction; every commit that returned is remembered. Then the
 * total is unchanged (also in every snapshot read during the run), every acknowledged transfer's
 * log entry is there, commits went on after the kill, and the restarted member serves the same
 * data. In the {@code etcd-full} profile: about 25 s.
 */
class EtcdFaultTest {
    private static final int ACCOUNTS = 10;
    private static final long START = 1_000;
    private static final String BANK = "bank";

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void transfersSurviveTheLeaderKilledAndRestarted() throws Exception {
        Path dir = Path.of(
                "target", "etcd-clusters", "fault-" + ProcessHandle.current().pid());
        try (EtcdCluster cluster = EtcdCluster.start(dir, 3);
                StorageBackend backend = open(cluster.endpoints())) {
            backend.createKeyspace(BANK);
            try (WriteTransaction w = backend.beginWrite()) {
                for (int a = 0; a < ACCOUNTS; a++) {
                    w.put(BANK, b("acct"), b("a" + a), longBytes(START));
                }
                w.commit();
            }
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicLong uncertain = new AtomicLong();
            AtomicLong conflicts = new AtomicLong();
            AtomicLong lastCommitNanos = new AtomicLong();
            AtomicLong badSnapshots = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                threads.add(started("transfer-" + t, () -> {
                    Random random = new Random(id);
                    for (int n = 0; !stop.get(); n++) {
                        String entry = "t" + id + "-" + n;
                        try (WriteTransaction w = backend.beginWrite()) {
                            int from = random.nextInt(ACCOUNTS);
                            int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                            long amount = 1 + random.nextInt(50);
                            long fromBalance = getLong(w.get(BANK, b("acct"), b("a" + from)));
                            long toBalance = getLong(w.get(BANK, b("acct"), b("a" + to)));
                            w.put(BANK, b("acct"), b("a" + from), longBytes(fromBalance - amount));
                            w.put(BANK, b("acct"), b("a" + to), longBytes(toBalance + amount));
                            w.put(BANK, b("log"), b(entry), b(from + ">" + to + ":" + amount));
                            w.commit();
                            acknowledged.add(entry);
                            lastCommitNanos.set(System.nanoTime());
                        } catch (ConflictException e) {
                            conflicts.incrementAndGet();
                        } catch (StorageException e) {
                            uncertain.incrementAndGet(); // unavailable or timed out: the outcome is unknown
                        }
                    }
                }));
            }
            threads.add(started("auditor", () -> {
                while (!stop.get()) {
                    try {
                        if (total(backend) != ACCOUNTS * START) {
                            badSnapshots.incrementAndGet();
                        }
                    } catch (StorageException e) {
                        // unavailable during the failover: nothing to check
                    }
                }
            }));
            Thread.sleep(3_000);
            int leader = leader(cluster);
            int before = acknowledged.size();
            long killedAt = System.nanoTime();
            cluster.kill(leader);
            Thread.sleep(6_000);
            int duringOutage = acknowledged.size() - before;
            long firstGap = lastCommitNanos.get() - killedAt;
            cluster.restart(leader);
            Thread.sleep(6_000);
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertTrue(before > 0, "transfers committed before the kill");
            assertTrue(
                    duringOutage > 0 && firstGap > 0,
                    "transfers went on within 6 s of killing the leader (m" + leader + "): " + duringOutage);
            assertEquals(0, badSnapshots.get(), "every snapshot read held the invariant");
            assertEquals(ACCOUNTS * START, total(backend), "the total is unchanged");
            Set<String> logged = log(backend);
            for (String entry : acknowledged) {
                assertTrue(logged.contains(entry), "acknowledged transfer " + entry + " is in the log");
            }
            System.out.printf(
                    "fault test: %d acknowledged (%d after the kill of m%d), %d uncertain, %d conflicts, %d logged%n",
                    acknowledged.size(), duringOutage, leader, uncertain.get(), conflicts.get(), logged.size());
            // the restarted member rejoined: on its own, it serves the same state (reads are linearizable)
            try (StorageBackend alone = open(endpoint(cluster, leader))) {
                assertEquals(ACCOUNTS * START, total(alone));
                assertEquals(logged, log(alone));
                try (ReadTransaction r = alone.beginRead()) {
                    assertArrayEquals(
                            r.get(BANK, b("acct"), b("a0")), getA0(backend), "the same balance through every member");
                }
            }
        }
    }

    private static Thread started(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.start();
        return t;
    }

    private static byte[] getA0(StorageBackend backend) {
        try (ReadTransaction r = backend.beginRead()) {
            return r.get(BANK, b("acct"), b("a0"));
        }
    }

    private static StorageBackend open(String endpoints) {
        return new EtcdBackendProvider()
                .open(Map.of("endpoints", endpoints, "root", "fault/", "timeoutMillis", "5000", "replicas", "3"));
    }

    private static long total(StorageBackend backend) {
        try (ReadTransaction r = backend.beginRead()) {
            long[] sum = {0};
            r.range(BANK, b("acct"), SortRange.all(), false, Integer.MAX_VALUE, (p, s, v) -> {
                sum[0] += getLong(v);
                return true;
            });
            return sum[0];
        }
    }

    private static Set<String> log(StorageBackend backend) {
        Set<String> out = new java.util.HashSet<>();
        try (ReadTransaction r = backend.beginRead()) {
            r.range(BANK, b("log"), SortRange.all(), false, Integer.MAX_VALUE, (p, s, v) -> {
                out.add(new String(s, StandardCharsets.UTF_8));
                return true;
            });
        }
        return out;
    }

    /** The index of the member that leads, asked of each member. */
    private static int leader(EtcdCluster cluster) throws Exception {
        for (int i = 0; i < cluster.size(); i++) {
            String url = endpoint(cluster, i);
            try (Client client = Client.builder().endpoints(url).build()) {
                StatusResponse status =
                        client.getMaintenanceClient().statusMember(url).get(10, TimeUnit.SECONDS);
                if (status.getLeader() == status.getHeader().getMemberId()) {
                    return i;
                }
            }
        }
        return 0;
    }

    private static String endpoint(EtcdCluster cluster, int i) {
        return cluster.endpoints().split(",")[i];
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static long getLong(byte[] v) {
        return ByteBuffer.wrap(v).getLong();
    }
}
