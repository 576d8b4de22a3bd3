package floe.server.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import floe.launcher.cli.Arguments;
import floe.launcher.cli.Command;
import floe.launcher.cli.Flag;
import floe.launcher.cli.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code floe backup create|list|restore|restore-to-time}: thin wrappers over DynamoDB's
 * backup operations against a running server, which then follow the backup or restore
 * until it is done: a progress bar (items, bytes, rate, time left) on a terminal, a
 * plain line a second otherwise.
 */
final class BackupCommand {
    static final String SUMMARY = "Backs up and restores tables of a running FloeDB server, showing progress.";
    private static final String DEFAULT_ENDPOINT = "http://127.0.0.1:8000";

    private BackupCommand() {}

    /**
     * Runs {@code floe backup [--endpoint-url URL] <create|list|restore|restore-to-time> ...}:
     * the endpoint may come before the subcommand or among its flags.
     */
    static int run(List<String> args, PrintWriter out, PrintWriter err) {
        String endpoint = DEFAULT_ENDPOINT;
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                out.print(usage());
                out.flush();
                return 0;
            } else if (arg.startsWith("--endpoint-url=")) {
                endpoint = arg.substring("--endpoint-url=".length());
                i++;
            } else if (arg.equals("--endpoint-url") && i + 1 < args.size()) {
                endpoint = args.get(i + 1);
                i += 2;
            } else {
                err.println("floe backup: Unknown option: '" + arg + "'");
                err.flush();
                return 2;
            }
        }
        if (i == args.size()) {
            err.println("floe backup: missing command: create, list, restore or restore-to-time");
            err.print(usage());
            err.flush();
            return 2;
        }
        String name = args.get(i);
        Map<String, String> defaults = Map.of("endpoint-url", endpoint);
        for (Command c : commands(defaults)) {
            if (c.name().equals("floe backup " + name)) {
                return c.execute(args.subList(i + 1, args.size()), out, err);
            }
        }
        err.println("floe backup: Unmatched argument: '" + name + "'");
        err.print(usage());
        err.flush();
        return 2;
    }

    private static String usage() {
        StringBuilder b = new StringBuilder("Usage: floe backup [-h] [--endpoint-url=<endpoint>] [COMMAND]\n")
                .append(Arguments.wrap(SUMMARY, 0, 80))
                .append('\n')
                .append("Commands:\n");
        for (Command c : commands(Map.of())) {
            b.append(String.format("  %-17s", c.name().substring("floe backup ".length())))
                    .append(Arguments.wrap(c.description().get(0), 19, 80))
                    .append('\n');
        }
        return b.toString();
    }

    private static final Flag ENDPOINT =
            Flag.value("endpoint-url", "<endpoint>", DEFAULT_ENDPOINT, "The server (default: ${DEFAULT}).");

    private static List<Command> commands(Map<String, String> defaults) {
        return List.of(
                new Command(
                        "floe backup create",
                        List.of("Backs up a table and waits for it."),
                        List.of(
                                ENDPOINT,
                                Flag.value("table-name", "<table>", null, "The table."),
                                Flag.value("backup-name", "<name>", null, "The backup's name.")),
                        defaults,
                        (a, o, e) -> create(
                                a.uri("endpoint-url"), a.required("table-name"), a.required("backup-name"), o, e)),
                new Command(
                        "floe backup list",
                        List.of("Lists the backups, oldest first."),
                        List.of(ENDPOINT, Flag.value("table-name", "<table>", null, "Only this table's backups.")),
                        defaults,
                        (a, o, e) -> list(a.uri("endpoint-url"), a.string("table-name"), o, e)),
                new Command(
                        "floe backup restore",
                        List.of("Restores a backup into a new table and waits for it."),
                        List.of(
                                ENDPOINT,
                                Flag.value("backup-arn", "<arn>", null, "The backup."),
                                Flag.value("target-table-name", "<table>", null, "The new table.")),
                        defaults,
                        (a, o, e) -> restore(
                                a.uri("endpoint-url"),
                                a.required("backup-arn"),
                                a.required("target-table-name"),
                                o,
                                e)),
                new Command(
                        "floe backup restore-to-time",
                        List.of("Restores a table as it was at an instant into a new table and waits for it."),
                        List.of(
                                ENDPOINT,
                                Flag.value("source-table-name", "<table>", null, "The table."),
                                Flag.value(
                                        "source-table-arn",
                                        "<arn>",
                                        null,
                                        "The table's ARN, instead of its name (a deleted table's, too)."),
                                Flag.value("target-table-name", "<table>", null, "The new table."),
                                Flag.value(
                                        "restore-date-time",
                                        "<instant>",
                                        null,
                                        "The instant, ISO-8601 (default: the latest restorable time).")),
                        defaults,
                        (a, o, e) -> restoreToTime(
                                a.uri("endpoint-url"),
                                source(a.string("source-table-name"), a.string("source-table-arn")),
                                a.required("target-table-name"),
                                instant(a.string("restore-date-time")),
                                o,
                                e)));
    }

    /** The source as the request names it: {@code SourceTableName} or {@code SourceTableArn}, exactly one. */
    private static Map.Entry<String, String> source(String name, String arn) {
        if ((name == null) == (arn == null)) {
            throw new UsageException("Exactly one of '--source-table-name' and '--source-table-arn' is required");
        }
        return name != null ? Map.entry("SourceTableName", name) : Map.entry("SourceTableArn", arn);
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException(
                    "Invalid value for option '--restore-date-time': '" + text + "' is not an ISO-8601 instant");
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** Calls a DynamoDB operation with a flat request of strings and booleans; returns its fields by path. */
    static Map<String, String> invoke(URI endpoint, String operation, Map<String, Object> request)
            throws IOException, InterruptedException {
        StringWriter body = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(body)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : request.entrySet()) {
                if (e.getValue() instanceof Boolean b) {
                    g.writeBooleanField(e.getKey(), b);
                } else if (e.getValue() instanceof Number n) {
                    g.writeNumberField(e.getKey(), n.doubleValue());
                } else if (e.getValue() != null) {
                    g.writeStringField(e.getKey(), e.getValue().toString());
                }
            }
            g.writeEndObject();
        }
        return call(endpoint, operation, body.toString());
    }

    /** Calls a DynamoDB operation with a request body of JSON; returns its fields by path. */
    static Map<String, String> call(URI endpoint, String operation, String body)
            throws IOException, InterruptedException {
        return send(endpoint, "DynamoDB_20120810." + operation, body);
    }

    /** Calls the operation {@code target} names with a request body of JSON; returns its fields by path. */
    static Map<String, String> send(URI endpoint, String target, String body) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient()
                    .send(
                            AdminCalls.request(endpoint, target, body, Duration.ofMinutes(1)),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot reach " + endpoint + ": " + e, e);
        }
        Map<String, String> fields = flatten(response.body());
        if (response.statusCode() != 200) {
            String type = fields.getOrDefault("__type", "error");
            throw new IOException(type.substring(type.indexOf('#') + 1) + ": " + fields.get("message"));
        }
        return fields;
    }

    /** A JSON object's scalar fields by dotted path, list elements numbered: {@code BackupSummaries.0.BackupArn}. */
    static Map<String, String> flatten(String json) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            List<String> path = new ArrayList<>();
            List<Integer> indexes = new ArrayList<>();
            String field = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> field = p.currentName();
                    case START_OBJECT, START_ARRAY -> {
                        path.add(name(field, indexes));
                        indexes.add(t == JsonToken.START_ARRAY ? 0 : -1);
                        field = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.remove(path.size() - 1);
                        indexes.remove(indexes.size() - 1);
                        field = null;
                        bump(indexes);
                    }
                    default -> {
                        List<String> full = new ArrayList<>(path.subList(1, path.size()));
                        full.add(name(field, indexes));
                        out.put(String.join(".", full), p.getValueAsString());
                        field = null;
                        bump(indexes);
                    }
                }
            }
        }
        return out;
    }

    private static String name(String field, List<Integer> indexes) {
        if (field != null || indexes.isEmpty()) {
            return field == null ? "" : field;
        }
        return Integer.toString(indexes.get(indexes.size() - 1));
    }

    private static void bump(List<Integer> indexes) {
        int last = indexes.size() - 1;
        if (last >= 0 && indexes.get(last) >= 0) {
            indexes.set(last, indexes.get(last) + 1);
        }
    }

    /** Shows the progress of a restore: the target's items against the source's. */
    static final class Progress {
        private final PrintWriter out;
        private final boolean terminal;
        private final long started = System.nanoTime();
        private long lastLine;

        Progress(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        void show(String what, long items, long total, long bytes, boolean done) {
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            double rate = items / seconds;
            String left = total > 0 && rate > 0 && items < total
                    ? String.format("%.0fs left", (total - items) / rate)
                    : done ? "done" : "";
            String numbers = String.format(
                    "%s %d/%s items, %s, %.0f items/s, %s",
                    what, items, total > 0 ? Long.toString(total) : "?", bytes(bytes), rate, left);
            if (terminal) {
                int width = 30;
                int filled = total > 0 ? (int) Math.min(width, width * items / total) : done ? width : 0;
                out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + numbers + "   ");
                if (done) {
                    out.println();
                }
                out.flush();
            } else if (done || System.nanoTime() - lastLine > 1_000_000_000L) {
                lastLine = System.nanoTime();
                out.println(numbers);
                out.flush(); // a line as it happens, for whoever watches a log
            }
        }

        private static String bytes(long b) {
            return b < 1024 ? b + " B" : b < 1 << 20 ? (b >> 10) + " KB" : (b >> 20) + " MB";
        }
    }

    static boolean onTerminal() {
        return System.console() != null;
    }

    /** Follows a restore until the target table is ACTIVE, showing its items against {@code total}. */
    static void follow(URI endpoint, String table, long total, PrintWriter out)
            throws IOException, InterruptedException {
        Progress progress = new Progress(out, onTerminal());
        while (true) {
            Map<String, String> t = invoke(endpoint, "DescribeTable", Map.of("TableName", table));
            long items = Long.parseLong(t.getOrDefault("Table.ItemCount", "0"));
            long bytes = Long.parseLong(t.getOrDefault("Table.TableSizeBytes", "0"));
            boolean done = "ACTIVE".equals(t.get("Table.TableStatus"));
            progress.show("restoring " + table + ":", items, total, bytes, done);
            if (done) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** Runs a subcommand's body, turning failures into a message and exit status 1. */
    static int attempt(PrintWriter err, Body body) {
        return attempt("floe backup", err, body);
    }

    /** Runs the body of {@code command}, turning failures into a message and exit status 1. */
    static int attempt(String command, PrintWriter err, Body body) {
        try {
            body.run();
            return 0;
        } catch (IOException e) {
            err.println(command + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    @FunctionalInterface
    interface Body {
        void run() throws IOException, InterruptedException;
    }

    /** {@code floe backup create}. */
    private static int create(URI endpoint, String table, String name, PrintWriter out, PrintWriter err) {
        return attempt(err, () -> {
            Map<String, String> created =
                    invoke(endpoint, "CreateBackup", Map.of("TableName", table, "BackupName", name));
            String arn = created.get("BackupDetails.BackupArn");
            Progress progress = new Progress(out, onTerminal());
            while (true) {
                Map<String, String> d = invoke(endpoint, "DescribeBackup", Map.of("BackupArn", arn));
                long items = Long.parseLong(d.getOrDefault("BackupDescription.SourceTableDetails.ItemCount", "0"));
                long bytes = Long.parseLong(d.getOrDefault("BackupDescription.SourceTableDetails.TableSizeBytes", "0"));
                boolean done = "AVAILABLE".equals(d.get("BackupDescription.BackupDetails.BackupStatus"));
                // the copy's own progress is not shown by the API: the bar fills when it is done
                progress.show("backing up " + table + ":", done ? items : 0, items, bytes, done);
                if (done) {
                    break;
                }
                Thread.sleep(200);
            }
            out.println(arn);
        });
    }

    /** {@code floe backup list}. */
    private static int list(URI endpoint, String table, PrintWriter out, PrintWriter err) {
        return attempt(err, () -> {
            String start = null;
            do {
                Map<String, Object> request = new HashMap<>();
                request.put("TableName", table);
                request.put("BackupType", "ALL");
                request.put("ExclusiveStartBackupArn", start);
                Map<String, String> page = invoke(endpoint, "ListBackups", request);
                for (int i = 0; page.containsKey("BackupSummaries." + i + ".BackupArn"); i++) {
                    String p = "BackupSummaries." + i + ".";
                    String created = page.get(p + "BackupCreationDateTime");
                    out.println(String.join(
                            "  ",
                            page.get(p + "TableName"),
                            page.get(p + "BackupName"),
                            page.get(p + "BackupType"),
                            page.get(p + "BackupStatus"),
                            page.getOrDefault(p + "BackupSizeBytes", "-") + " B",
                            created == null
                                    ? "-"
                                    : Instant.ofEpochMilli((long) (Double.parseDouble(created) * 1000))
                                            .toString(),
                            page.get(p + "BackupArn")));
                }
                start = page.get("LastEvaluatedBackupArn");
            } while (start != null);
        });
    }

    /** {@code floe backup restore}. */
    private static int restore(URI endpoint, String arn, String target, PrintWriter out, PrintWriter err) {
        return attempt(err, () -> {
            Map<String, String> d = invoke(endpoint, "DescribeBackup", Map.of("BackupArn", arn));
            long total = Long.parseLong(d.getOrDefault("BackupDescription.SourceTableDetails.ItemCount", "0"));
            invoke(endpoint, "RestoreTableFromBackup", Map.of("BackupArn", arn, "TargetTableName", target));
            follow(endpoint, target, total, out);
        });
    }

    /** {@code floe backup restore-to-time}. */
    private static int restoreToTime(
            URI endpoint,
            Map.Entry<String, String> source,
            String target,
            Instant at,
            PrintWriter out,
            PrintWriter err) {
        return attempt(err, () -> {
            long total = 0; // unknown for a deleted table: progress without a total
            try {
                Map<String, String> t = invoke(endpoint, "DescribeTable", Map.of("TableName", source.getValue()));
                total = Long.parseLong(t.getOrDefault("Table.ItemCount", "0"));
            } catch (IOException e) {
                if (source.getKey().equals("SourceTableName")) {
                    throw e;
                }
            }
            Map<String, Object> request = new HashMap<>();
            request.put(source.getKey(), source.getValue());
            request.put("TargetTableName", target);
            if (at == null) {
                request.put("UseLatestRestorableTime", true);
            } else {
                request.put("RestoreDateTime", at.toEpochMilli() / 1000.0);
            }
            invoke(endpoint, "RestoreTableToPointInTime", request);
            follow(endpoint, target, total, out);
        });
    }
}
