package floe.benchmarks.ignitegate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteServer;
import org.apache.ignite.InitParameters;
import org.apache.ignite.sql.ResultSet;
import org.apache.ignite.sql.SqlRow;
import org.apache.ignite.sql.Statement;
import org.apache.ignite.table.RecordView;
import org.apache.ignite.table.Tuple;
import org.apache.ignite.tx.Transaction;
import org.apache.ignite.tx.TransactionOptions;

/**
 * The Query-path gate of a distributed backend on Apache Ignite 3: three nodes in this JVM on
 * 127.0.0.1, one table shaped as the storage SPI needs it ({@code (PK, SK) -> V}, all VARBINARY,
 * a sorted primary key, colocated by PK, 3 replicas), loaded with {@code items} entries in
 * partitions of 1 to 1,000 entries (log-uniform). Then, for bounded range reads of a partition,
 * forward and backward with a limit, it prints the plan (EXPLAIN) and the latency (p50, p90) of
 * each way a backend could run them: in an implicit transaction, in a read-only transaction, in
 * a read-write transaction, and with the primary-key index forced by a hint.
 *
 * <p>Arguments: the number of entries, and a work directory (deleted contents are not reused).
 */
public final class IgniteQueryGate {
    private static final long T0 = System.nanoTime();
    private static final int ROUNDS = 60;

    private IgniteQueryGate() {}

    public static void main(String[] args) throws Exception {
        int items = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        List<IgniteServer> nodes = start(work);
        try {
            run(nodes.get(0).api(), items);
        } finally {
            for (IgniteServer s : nodes) {
                s.shutdown();
            }
            log("stopped");
        }
        System.exit(0);
    }

    private static List<IgniteServer> start(Path work) throws Exception {
        String seeds = "\"127.0.0.1:3644\", \"127.0.0.1:3645\", \"127.0.0.1:3646\"";
        List<CompletableFuture<IgniteServer>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String cfg = "ignite { network { port: " + (3644 + i) + ", listenAddresses: [\"127.0.0.1\"],"
                    + " nodeFinder.netClusterNodes: [ " + seeds + " ] }\n"
                    + " clientConnector { port: " + (11000 + i) + ", listenAddresses: [\"127.0.0.1\"] }\n"
                    + " rest { port: " + (10500 + i) + " } }\n";
            Path dir = work.resolve("g" + i);
            Files.createDirectories(dir);
            Path conf = dir.resolve("ignite-config.conf");
            Files.writeString(conf, cfg);
            starting.add(IgniteServer.startAsync("g" + i, conf, dir.resolve("work")));
        }
        List<IgniteServer> nodes = new ArrayList<>();
        for (CompletableFuture<IgniteServer> f : starting) {
            nodes.add(f.get());
        }
        // Initialised through the last node, with every node named: initialising through the first
        // node hung (its metastorage group never found its peers) on this machine.
        nodes.get(2)
                .initClusterAsync(InitParameters.builder()
                        .metaStorageNodeNames("g0", "g1", "g2")
                        .cmgNodeNames("g0", "g1", "g2")
                        .clusterName("gate")
                        .build());
        for (IgniteServer s : nodes) {
            s.waitForInitAsync().get(5, java.util.concurrent.TimeUnit.MINUTES);
        }
        log("cluster initialised");
        return nodes;
    }

    private static void run(Ignite ig, int items) {
        ig.sql().executeScript("CREATE ZONE IF NOT EXISTS GATE (REPLICAS 3, PARTITIONS 16) STORAGE PROFILES ['default']");
        ig.sql().executeScript("CREATE TABLE IF NOT EXISTS ITEMS (PK VARBINARY, SK VARBINARY, V VARBINARY,"
                + " PRIMARY KEY USING SORTED (PK, SK)) COLOCATE BY (PK) ZONE GATE");
        RecordView<Tuple> rv = ig.tables().table("ITEMS").recordView();
        Random random = new Random(42);
        List<int[]> partitions = new ArrayList<>(); // {id, size}
        byte[] value = new byte[200];
        random.nextBytes(value);
        List<Tuple> batch = new ArrayList<>();
        int loaded = 0;
        long loadStart = System.nanoTime();
        for (int p = 0; loaded < items; p++) {
            int size = (int) Math.min(items - loaded, Math.round(Math.pow(1000, random.nextDouble())));
            partitions.add(new int[] {p, size});
            for (int s = 0; s < size; s++) {
                batch.add(Tuple.create().set("PK", pk(p)).set("SK", sk(s)).set("V", value));
                if (batch.size() == 2000) {
                    rv.upsertAll(null, batch);
                    batch.clear();
                }
            }
            loaded += size;
            if (loaded % 20000 < size) {
                log("loaded " + loaded + " entries");
            }
        }
        if (!batch.isEmpty()) {
            rv.upsertAll(null, batch);
        }
        log(String.format(
                "loaded %d entries in %d partitions in %.1f s",
                items, partitions.size(), (System.nanoTime() - loadStart) / 1e9));
        List<int[]> big = partitions.stream().filter(p -> p[1] >= 200).toList();
        String fwd = "SELECT SK, V FROM ITEMS WHERE PK = ? AND SK >= ? AND SK < ? ORDER BY SK LIMIT ?";
        String bwd = "SELECT SK, V FROM ITEMS WHERE PK = ? AND SK > ? AND SK <= ? ORDER BY SK DESC LIMIT ?";
        String hint = "SELECT /*+ FORCE_INDEX(ITEMS_PK) */ SK, V FROM ITEMS WHERE PK = ? AND SK >= ? AND SK < ?"
                + " ORDER BY SK LIMIT ?";
        explain(ig, fwd);
        explain(ig, bwd);
        explain(ig, hint);
        Random pick = new Random(7);
        for (String[] q : new String[][] {{"forward", fwd}, {"backward", bwd}, {"forward, index hint", hint}}) {
            Statement st = ig.sql().statementBuilder().query(q[1]).build();
            Query one = tx -> {
                int[] p = big.get(pick.nextInt(big.size()));
                int from = pick.nextInt(p[1] - 100);
                try (ResultSet<SqlRow> rs = ig.sql().execute(tx, st, pk(p[0]), sk(from), sk(from + 100), 50)) {
                    int n = 0;
                    while (rs.hasNext()) {
                        rs.next();
                        n++;
                    }
                    if (n != 50) {
                        throw new IllegalStateException("expected 50 rows, got " + n);
                    }
                }
            };
            time(q[0] + ", implicit tx", () -> one.run(null));
            time(q[0] + ", read-only tx", () -> {
                Transaction t = ig.transactions().begin(new TransactionOptions().readOnly(true));
                one.run(t);
                t.commit();
            });
            time(q[0] + ", read-write tx", () -> {
                Transaction t = ig.transactions().begin();
                one.run(t);
                t.commit();
            });
        }
        List<Tuple> keys = new ArrayList<>();
        time("KV get of 1 key, implicit", () -> {
            int[] p = partitions.get(pick.nextInt(partitions.size()));
            rv.get(null, Tuple.create().set("PK", pk(p[0])).set("SK", sk(pick.nextInt(p[1]))));
        });
        time("KV get of 1 key, read-only tx", () -> {
            int[] p = partitions.get(pick.nextInt(partitions.size()));
            Transaction t = ig.transactions().begin(new TransactionOptions().readOnly(true));
            rv.get(t, Tuple.create().set("PK", pk(p[0])).set("SK", sk(pick.nextInt(p[1]))));
            t.commit();
        });
        keys.clear();
    }

    private static byte[] pk(int p) {
        return ("user#" + p).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] sk(int s) {
        return String.format("item#%06d", s).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void explain(Ignite ig, String q) {
        Statement st = ig.sql().statementBuilder().query("EXPLAIN PLAN FOR " + q).build();
        try (ResultSet<SqlRow> rs = ig.sql().execute(null, st, pk(1), sk(0), sk(100), 50)) {
            while (rs.hasNext()) {
                log("PLAN of " + q + "\n" + rs.next().stringValue(0));
            }
        } catch (RuntimeException e) {
            log("EXPLAIN failed: " + e);
        }
    }

    @FunctionalInterface
    private interface Query {
        void run(Transaction tx);
    }

    private static void time(String label, Runnable r) {
        for (int i = 0; i < 10; i++) {
            r.run();
        }
        long[] v = new long[ROUNDS];
        for (int i = 0; i < v.length; i++) {
            long s = System.nanoTime();
            r.run();
            v[i] = System.nanoTime() - s;
        }
        Arrays.sort(v);
        log(String.format(
                "%-36s p50 %7.1f ms  p90 %7.1f ms", label, v[ROUNDS / 2] / 1e6, v[ROUNDS * 9 / 10] / 1e6));
    }

    private static void log(String s) {
        System.out.printf("[gate %7d ms] %s%n", (System.nanoTime() - T0) / 1_000_000, s);
        System.out.flush();
    }
}
