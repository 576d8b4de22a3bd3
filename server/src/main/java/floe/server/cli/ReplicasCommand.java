package floe.server.cli;

import floe.launcher.cli.Command;
import floe.launcher.cli.Flag;
import floe.launcher.cli.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code floe replicas}: the replication status of a running server's global tables, from the
 * replication plugin's {@code FloeReplication.Status}: per Region the server hosts, per replica
 * Region and per table, the replica's status, the backlog ({@code PendingReplicationCount}, as
 * DynamoDB's CloudWatch metric is named: changes committed here that the replica has not
 * acknowledged yet; on the replica Region's own line, everything its durable feed has not
 * acknowledged, every table's), the replication
 * latency ({@code ReplicationLatency}: the last batch's, and the median and 99th percentile of
 * the recent ones, in milliseconds), when changes were last shipped there and last applied here
 * from there, whether the peer answered its last call, and its last error.
 *
 * <p>On a terminal, {@code --watch} redraws the table in place every interval; otherwise each
 * round is printed as plain lines, {@code key=value} pairs, for whoever reads a log.
 */
final class ReplicasCommand {
    static final String TARGET = "FloeReplication.Status";
    private static final String DEFAULT_ENDPOINT = "http://127.0.0.1:8000";
    private static final String CLEAR = "\033[H\033[2J";

    private ReplicasCommand() {}

    static Command command() {
        return new Command(
                "floe replicas",
                List.of(
                        "Shows the replication of a running server's global tables: per replica Region and table,"
                                + " ReplicaStatus, PendingReplicationCount, ReplicationLatency (last, p50, p99, ms),"
                                + " when changes were last shipped and applied, and the peer's reachability and"
                                + " last error.",
                        "Against a server with --auth, the call is signed with AWS_ACCESS_KEY_ID and"
                                + " AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), whose policies must allow"
                                + " floe:ReplicationStatus."),
                List.of(
                        Flag.value("endpoint-url", "<endpoint>", DEFAULT_ENDPOINT, "The server (default: ${DEFAULT})."),
                        Flag.value("endpoint", "<endpoint>", null, "The server (as --endpoint-url).")
                                .hide(),
                        Flag.value("table-name", "<table>", null, "Only this table (default: every global table)."),
                        Flag.value("table", "<table>", null, "Only this table (as --table-name).")
                                .hide(),
                        Flag.value(
                                "region",
                                "<region>",
                                null,
                                "Only this Region of the server (default: each Region it hosts for global tables)."),
                        Flag.toggle("watch", "Shows the figures again every interval until interrupted (Ctrl-C)."),
                        Flag.value(
                                "interval",
                                "<seconds>",
                                "2",
                                "Seconds between two rounds with --watch (default: ${DEFAULT}).")),
                (a, o, e) -> {
                    String endpoint = a.string("endpoint") != null ? a.string("endpoint") : a.string("endpoint-url");
                    URI uri;
                    try {
                        uri = URI.create(endpoint);
                    } catch (IllegalArgumentException ex) {
                        throw new UsageException("Invalid value for option '--endpoint-url': '" + endpoint + "'");
                    }
                    String table = a.string("table") != null ? a.string("table") : a.string("table-name");
                    int interval = a.integer("interval");
                    if (interval < 1) {
                        throw new UsageException("Invalid value for option '--interval': at least 1 second");
                    }
                    return run(
                            uri,
                            table,
                            a.string("region"),
                            a.bool("watch"),
                            interval,
                            BackupCommand.onTerminal(),
                            o,
                            e);
                });
    }

    /** One line of the status: a replica Region's table, or the replica Region as a whole ({@code table} null). */
    record Row(
            String region,
            String replica,
            String endpoint,
            String table,
            String status,
            String pending,
            String latency,
            String p50,
            String p99,
            String shipped,
            String applied,
            String reachable,
            String error) {}

    static int run(
            URI endpoint,
            String table,
            String region,
            boolean watch,
            int interval,
            boolean terminal,
            PrintWriter out,
            PrintWriter err) {
        return BackupCommand.attempt("floe replicas", err, () -> {
            do {
                List<Row> rows = rows(endpoint, table, region);
                if (terminal) {
                    if (watch) {
                        out.print(CLEAR);
                        out.println("floe replicas " + endpoint + "   "
                                + Instant.now().truncatedTo(ChronoUnit.SECONDS));
                    }
                    out.print(table(rows));
                } else {
                    if (watch) {
                        out.println("time=" + Instant.now().truncatedTo(ChronoUnit.MILLIS));
                    }
                    for (Row r : rows) {
                        out.println(plain(r));
                    }
                }
                if (rows.isEmpty()) {
                    out.println(
                            table == null
                                    ? "no replicas: the server's tables replicate nowhere"
                                    : "no replica of table " + table);
                }
                out.flush();
                if (watch) {
                    Thread.sleep(interval * 1000L);
                }
            } while (watch);
        });
    }

    /** The status of each Region the server hosts (or of {@code only}), as rows. */
    static List<Row> rows(URI endpoint, String table, String only) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        Set<String> asked = new LinkedHashSet<>();
        List<String> regions = new ArrayList<>();
        regions.add(only); // null: the server's own Region
        for (int i = 0; i < regions.size(); i++) {
            String r = regions.get(i);
            Map<String, String> s;
            try {
                s = BackupCommand.send(endpoint, TARGET, r == null ? "{}" : "{\"Region\":\"" + r + "\"}");
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("UnknownOperationException")) {
                    throw new IOException(endpoint + " serves no replication (start it with --plugin replication)");
                }
                throw e;
            }
            String here = s.get("Region");
            if (!asked.add(here)) {
                continue;
            }
            for (int p = 0; s.containsKey("Replicas." + p + ".RegionName"); p++) {
                String k = "Replicas." + p + ".";
                String replica = s.get(k + "RegionName");
                String peerEndpoint = s.get(k + "Endpoint");
                if (only == null && "local".equals(peerEndpoint) && !regions.contains(replica)) {
                    regions.add(replica); // a Region this server hosts too: asked in turn
                }
                String reachable = s.containsKey(k + "Reachable")
                        ? ("true".equals(s.get(k + "Reachable")) ? "reachable" : "unreachable")
                        : "not contacted";
                String error = s.get(k + "LastError");
                if (error != null && s.containsKey(k + "LastErrorTime")) {
                    error = error + " (at " + time(s.get(k + "LastErrorTime")) + ")";
                }
                if (table == null) {
                    rows.add(new Row(
                            here,
                            replica,
                            peerEndpoint,
                            null,
                            "-",
                            s.getOrDefault(k + "PendingReplicationCount", "0"),
                            s.getOrDefault(k + "ReplicationLatency", "-"),
                            s.getOrDefault(k + "ReplicationLatencyP50", "-"),
                            s.getOrDefault(k + "ReplicationLatencyP99", "-"),
                            time(s.get(k + "LastShippedTime")),
                            time(s.get(k + "LastAppliedTime")),
                            reachable,
                            error));
                }
                for (int t = 0; s.containsKey(k + "Tables." + t + ".TableName"); t++) {
                    String tk = k + "Tables." + t + ".";
                    String name = s.get(tk + "TableName");
                    if (table != null && !table.equals(name)) {
                        continue;
                    }
                    rows.add(new Row(
                            here,
                            replica,
                            peerEndpoint,
                            name,
                            s.getOrDefault(tk + "ReplicaStatus", "-"),
                            s.getOrDefault(tk + "PendingReplicationCount", "0")
                                    + ("true".equals(s.get(tk + "PendingReplicationCountIsLowerBound")) ? "+" : ""),
                            s.getOrDefault(tk + "ReplicationLatency", "-"),
                            s.getOrDefault(tk + "ReplicationLatencyP50", "-"),
                            s.getOrDefault(tk + "ReplicationLatencyP99", "-"),
                            time(s.get(tk + "LastShippedTime")),
                            time(s.get(tk + "LastAppliedTime")),
                            reachable,
                            table == null ? null : error));
                }
            }
        }
        return rows;
    }

    /** A time the status gives in seconds since the epoch, as ISO-8601; {@code -} if none. */
    private static String time(String epochSeconds) {
        if (epochSeconds == null) {
            return "-";
        }
        try {
            return Instant.ofEpochMilli(Math.round(Double.parseDouble(epochSeconds) * 1000))
                    .truncatedTo(ChronoUnit.MILLIS)
                    .toString();
        } catch (NumberFormatException e) {
            return epochSeconds;
        }
    }

    /** A row as one plain line of {@code key=value} pairs (the error last, as it may hold spaces). */
    static String plain(Row r) {
        StringBuilder b = new StringBuilder()
                .append("Region=")
                .append(r.region())
                .append(" ReplicaRegion=")
                .append(r.replica());
        if (r.table() == null) {
            b.append(" Endpoint=").append(r.endpoint());
        } else {
            b.append(" TableName=").append(r.table()).append(" ReplicaStatus=").append(r.status());
        }
        b.append(" PendingReplicationCount=").append(r.pending());
        b.append(" ReplicationLatency=")
                .append(r.latency())
                .append(" ReplicationLatencyP50=")
                .append(r.p50())
                .append(" ReplicationLatencyP99=")
                .append(r.p99())
                .append(" LastShippedTime=")
                .append(r.shipped())
                .append(" LastAppliedTime=")
                .append(r.applied())
                .append(" Peer=")
                .append(r.reachable().replace(' ', '-'));
        if (r.error() != null) {
            b.append(" LastError=").append(r.error());
        }
        return b.toString();
    }

    /** The rows as a table with a header line, for a terminal; errors on a line of their own below their row. */
    static String table(List<Row> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {
            "REGION",
            "REPLICA",
            "TABLE",
            "STATUS",
            "PENDING",
            "LATENCY ms (last/p50/p99)",
            "LAST SHIPPED",
            "LAST APPLIED",
            "PEER"
        });
        List<String> errors = new ArrayList<>();
        for (Row r : rows) {
            lines.add(new String[] {
                r.region(),
                r.replica(),
                r.table() == null ? "(all) " + r.endpoint() : r.table(),
                r.status(),
                r.pending(),
                r.latency() + "/" + r.p50() + "/" + r.p99(),
                r.shipped(),
                r.applied(),
                r.reachable()
            });
            errors.add(r.error());
        }
        int columns = lines.get(0).length;
        int[] widths = new int[columns];
        for (String[] line : lines) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            String[] line = lines.get(n);
            for (int i = 0; i < columns - 1; i++) {
                out.append(line[i]).append(" ".repeat(widths[i] - line[i].length() + 2));
            }
            out.append(line[columns - 1]).append('\n');
            String error = n == 0 ? null : errors.get(n - 1);
            if (error != null) {
                out.append("    error: ").append(error).append('\n');
            }
        }
        return out.toString();
    }
}
