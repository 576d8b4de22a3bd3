package floe.plugin.replication;

import floe.spi.extension.CommittedChange;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one peer's feed did, for the replication status: per table and in all, how many changes
 * it shipped, the replication latency of what it shipped (DynamoDB's CloudWatch metric
 * {@code ReplicationLatency}: milliseconds from a change's commit here to the peer's
 * acknowledgement; the last batch's, and the median and 99th percentile of the recent ones),
 * when it last shipped, when changes written in the peer's Region were last applied here, whether
 * the peer answered the last call, and the last error. The backlog
 * ({@code PendingReplicationCount}) is the durable feed's, not kept here.
 */
final class PeerMetrics {
    /** Latency samples kept per table (and in all): the recent batches' percentiles come from them. */
    static final int SAMPLES = 1024;

    /** The figures of one table (or of all). */
    static final class Figures {
        long shipped;
        long lastLatency = -1;
        long lastShippedMillis;
        long lastAppliedMillis;
        private final long[] samples = new long[SAMPLES];
        private int count;
        private int next;

        void sample(long latency) {
            lastLatency = latency;
            samples[next] = latency;
            next = (next + 1) % SAMPLES;
            count = Math.min(SAMPLES, count + 1);
        }

        /** The {@code q}-quantile (0..1) of the recent samples (nearest rank), or -1 with none. */
        long percentile(double q) {
            if (count == 0) {
                return -1;
            }
            long[] sorted = Arrays.copyOf(samples, count);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * count);
            return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
        }
    }

    private final Figures all = new Figures();
    private final Map<String, Figures> tables = new TreeMap<>();
    private String lastError;
    private long lastErrorMillis;
    /** Whether the peer answered the last call (even with an error); null before any. */
    private Boolean reachable;

    private long lastContactMillis;

    /** The feed shipped {@code changes} and the peer acknowledged them at {@code now}. */
    synchronized void shipped(List<CommittedChange> changes, long now) {
        Map<String, Long> oldest = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        long oldestAll = Long.MAX_VALUE;
        for (CommittedChange c : changes) {
            long committed = c.committed().toEpochMilli();
            oldest.merge(c.tableName(), committed, Math::min);
            counts.merge(c.tableName(), 1, Integer::sum);
            oldestAll = Math.min(oldestAll, committed);
        }
        if (changes.isEmpty()) {
            return;
        }
        oldest.forEach((table, committed) -> {
            Figures f = tables.computeIfAbsent(table, t -> new Figures());
            f.shipped += counts.get(table);
            f.lastShippedMillis = now;
            f.sample(Math.max(0, now - committed));
        });
        all.shipped += changes.size();
        all.lastShippedMillis = now;
        all.sample(Math.max(0, now - oldestAll));
        lastError = null;
        reachable = true;
        lastContactMillis = now;
    }

    /** A call to the peer succeeded at {@code now} (the group told, a replica created). */
    synchronized void answered(long now) {
        reachable = true;
        lastContactMillis = now;
    }

    /** A call to the peer failed: unreachable if it did not answer, else refused with an error. */
    synchronized void failed(RuntimeException e, long now) {
        lastError = String.valueOf(e.getMessage());
        lastErrorMillis = now;
        boolean answered = e instanceof Peer.PeerException p && p.type != null;
        reachable = answered;
        if (answered) {
            lastContactMillis = now;
        }
    }

    /** Changes written in the peer's Region to {@code table} were applied here at {@code now}. */
    synchronized void applied(String table, long now) {
        tables.computeIfAbsent(table, t -> new Figures()).lastAppliedMillis = now;
        all.lastAppliedMillis = now;
    }

    /** The last batch's latency, or 0 before any (as the status always reported it). */
    synchronized long latencyMillis() {
        return Math.max(0, all.lastLatency);
    }

    /** The peer's figures, as the status answers them, into {@code row}. */
    synchronized void describe(Map<String, Object> row) {
        row.put("ReplicationLatency", Math.max(0, all.lastLatency));
        put(row, "ReplicationLatencyP50", all.percentile(0.5));
        put(row, "ReplicationLatencyP99", all.percentile(0.99));
        row.put("ReplicatedCount", all.shipped);
        time(row, "LastShippedTime", all.lastShippedMillis);
        time(row, "LastAppliedTime", all.lastAppliedMillis);
        if (reachable != null) {
            row.put("Reachable", reachable);
            time(row, "LastContactTime", lastContactMillis);
        }
        if (lastError != null) {
            row.put("LastError", lastError);
            time(row, "LastErrorTime", lastErrorMillis);
        }
    }

    /** The figures of {@code table}, as the status answers them, into {@code row}. */
    synchronized void describe(String table, Map<String, Object> row) {
        Figures f = tables.get(table);
        if (f == null) {
            row.put("ReplicatedCount", 0L);
            return;
        }
        put(row, "ReplicationLatency", f.lastLatency);
        put(row, "ReplicationLatencyP50", f.percentile(0.5));
        put(row, "ReplicationLatencyP99", f.percentile(0.99));
        row.put("ReplicatedCount", f.shipped);
        time(row, "LastShippedTime", f.lastShippedMillis);
        time(row, "LastAppliedTime", f.lastAppliedMillis);
    }

    /** The tables figures are kept for. */
    synchronized List<String> tables() {
        return List.copyOf(tables.keySet());
    }

    /** A short line of the peer's figures, for the server's status page. */
    synchronized String line() {
        Map<String, Object> row = new LinkedHashMap<>();
        describe(row);
        StringBuilder b = new StringBuilder();
        b.append("ReplicationLatency=").append(row.get("ReplicationLatency")).append("ms");
        if (row.containsKey("ReplicationLatencyP50")) {
            b.append(" (p50 ")
                    .append(row.get("ReplicationLatencyP50"))
                    .append("ms, p99 ")
                    .append(row.get("ReplicationLatencyP99"))
                    .append("ms)");
        }
        b.append(" ReplicatedCount=").append(all.shipped);
        if (all.lastShippedMillis > 0) {
            b.append(" LastShippedTime=").append(java.time.Instant.ofEpochMilli(all.lastShippedMillis));
        }
        if (all.lastAppliedMillis > 0) {
            b.append(" LastAppliedTime=").append(java.time.Instant.ofEpochMilli(all.lastAppliedMillis));
        }
        b.append(reachable == null ? " not contacted yet" : reachable ? " reachable" : " unreachable");
        if (lastError != null) {
            b.append(" LastError=\"").append(lastError).append('"');
        }
        return b.toString();
    }

    private static void put(Map<String, Object> row, String name, long value) {
        if (value >= 0) {
            row.put(name, value);
        }
    }

    /** A time as AWS's JSON protocols write one: seconds since the epoch, with milliseconds. */
    private static void time(Map<String, Object> row, String name, long millis) {
        if (millis > 0) {
            row.put(name, java.math.BigDecimal.valueOf(millis, 3));
        }
    }
}
