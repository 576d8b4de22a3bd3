package floe.server.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import floe.launcher.cli.Command;
import floe.launcher.cli.Flag;
import floe.launcher.cli.UsageException;
import floe.server.json.WireOperations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code floe export} and {@code floe import}: thin wrappers over ExportTableToPointInTime
 * and ImportTable against a running server, which then follow the export or import until
 * it is done: a progress bar (items, bytes, rate, time left) on a terminal, a plain line
 * a second otherwise. An export's follows the items and bytes it has read so far, which
 * FloeDB's DescribeExport shows while it runs, against the table's item count estimate; an
 * import's measures the bytes read of its source objects against their total size
 * (FloeDB's own DescribeImportProgress, as the server lists the prefix before loading),
 * beside the new table's items.
 */
final class TransferCommand {
    private static final String DEFAULT_ENDPOINT = "http://127.0.0.1:8000";
    private static final Flag ENDPOINT =
            Flag.value("endpoint-url", "<endpoint>", DEFAULT_ENDPOINT, "The server (default: ${DEFAULT}).");

    private TransferCommand() {}

    /**
     * The JSON factory, made on first use: {@code floe serve} lists these commands too, and
     * should not pay for the factory on its start's main thread.
     */
    private static final class Json {
        static final JsonFactory FACTORY = new JsonFactory();
    }

    /** The two commands. */
    static List<Command> commands() {
        return List.of(
                new Command(
                        "floe export",
                        List.of(
                                "Exports a table to the object store, as ExportTableToPointInTime does, and waits for it.",
                                "The table must have point-in-time recovery on."),
                        List.of(
                                ENDPOINT,
                                Flag.value("table-name", "<table>", null, "The table."),
                                Flag.value("s3-bucket", "<bucket>", null, "The bucket to write to."),
                                Flag.value("s3-prefix", "<prefix>", null, "The key prefix (default: none)."),
                                Flag.value(
                                        "format",
                                        "<format>",
                                        "DYNAMODB_JSON",
                                        "DYNAMODB_JSON, ION or a plugin's format such as parquet (default: ${DEFAULT})."),
                                Flag.value(
                                        "export-time",
                                        "<instant>",
                                        null,
                                        "The instant to export, ISO-8601 (default: now).")),
                        (a, o, e) -> export(
                                a.uri("endpoint-url"),
                                a.required("table-name"),
                                a.required("s3-bucket"),
                                a.string("s3-prefix"),
                                a.string("format"),
                                instant(a.string("export-time")),
                                o,
                                e)),
                new Command(
                        "floe import",
                        List.of("Imports objects of the object store into a new table, as ImportTable does, and waits"
                                + " for it."),
                        List.of(
                                ENDPOINT,
                                Flag.value("s3-bucket", "<bucket>", null, "The bucket to read."),
                                Flag.value("s3-key-prefix", "<prefix>", null, "The key prefix (default: all)."),
                                Flag.value(
                                        "input-format",
                                        "<format>",
                                        "DYNAMODB_JSON",
                                        "DYNAMODB_JSON, ION or CSV (default: ${DEFAULT})."),
                                Flag.value(
                                        "compression", "<type>", "NONE", "GZIP, ZSTD or NONE (default: ${DEFAULT})."),
                                Flag.value("table-name", "<table>", null, "The new table."),
                                Flag.value(
                                        "key-schema",
                                        "<keys>",
                                        null,
                                        "The new table's keys: name:type, then optionally a sort key, e.g. pk:S,sk:N."),
                                Flag.value("csv-delimiter", "<char>", null, "CSV's delimiter (default: a comma)."),
                                Flag.value(
                                        "csv-header",
                                        "<names>",
                                        null,
                                        "CSV's column names, comma-separated, when the files have no header line.")),
                        (a, o, e) -> importTable(
                                a.uri("endpoint-url"),
                                a.required("s3-bucket"),
                                a.string("s3-key-prefix"),
                                a.string("input-format").toUpperCase(Locale.ROOT),
                                a.string("compression").toUpperCase(Locale.ROOT),
                                a.required("table-name"),
                                a.required("key-schema"),
                                a.string("csv-delimiter"),
                                a.string("csv-header"),
                                o,
                                e)));
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException(
                    "Invalid value for option '--export-time': '" + text + "' is not an ISO-8601 instant");
        }
    }

    /** {@code floe export}. */
    private static int export(
            URI endpoint,
            String table,
            String bucket,
            String prefix,
            String format,
            Instant at,
            PrintWriter out,
            PrintWriter err) {
        return BackupCommand.attempt("floe export", err, () -> {
            Map<String, String> t = BackupCommand.invoke(endpoint, "DescribeTable", Map.of("TableName", table));
            long total = Long.parseLong(t.getOrDefault("Table.ItemCount", "0"));
            StringWriter body = new StringWriter();
            try (JsonGenerator g = Json.FACTORY.createGenerator(body)) {
                g.writeStartObject();
                g.writeStringField("TableArn", t.get("Table.TableArn"));
                g.writeStringField("S3Bucket", bucket);
                if (prefix != null) {
                    g.writeStringField("S3Prefix", prefix);
                }
                g.writeStringField("ExportFormat", format.toUpperCase(Locale.ROOT));
                if (at != null) {
                    g.writeNumberField("ExportTime", at.toEpochMilli() / 1000.0);
                }
                g.writeEndObject();
            }
            String arn = BackupCommand.call(endpoint, "ExportTableToPointInTime", body.toString())
                    .get("ExportDescription.ExportArn");
            BackupCommand.Progress progress = new BackupCommand.Progress(out, BackupCommand.onTerminal());
            while (true) {
                Map<String, String> d = BackupCommand.invoke(endpoint, "DescribeExport", Map.of("ExportArn", arn));
                String status = d.get("ExportDescription.ExportStatus");
                boolean done = !"IN_PROGRESS".equals(status);
                // FloeDB fills both while the export runs: the items and bytes read so far
                long items = Long.parseLong(d.getOrDefault("ExportDescription.ItemCount", "0"));
                long bytes = Long.parseLong(d.getOrDefault("ExportDescription.BilledSizeBytes", "0"));
                progress.show("exporting " + table + ":", items, done ? items : Math.max(total, items), bytes, done);
                if ("FAILED".equals(status)) {
                    throw new IOException("export failed: " + d.get("ExportDescription.FailureCode") + ": "
                            + d.get("ExportDescription.FailureMessage"));
                }
                if (done) {
                    out.println(d.get("ExportDescription.ExportManifest"));
                    out.println(arn);
                    return;
                }
                Thread.sleep(200);
            }
        });
    }

    private static String importArnBody(String arn) throws IOException {
        StringWriter body = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(body)) {
            g.writeStartObject();
            g.writeStringField("ImportArn", arn);
            g.writeEndObject();
        }
        return body.toString();
    }

    /** {@code floe import}. */
    private static int importTable(
            URI endpoint,
            String bucket,
            String prefix,
            String format,
            String compression,
            String table,
            String keys,
            String delimiter,
            String header,
            PrintWriter out,
            PrintWriter err) {
        String[] parts = keys.split(",");
        if (parts.length > 2) {
            throw new UsageException("Invalid value for option '--key-schema': at most a partition and a sort key");
        }
        for (String part : parts) {
            if (!part.matches("[^:]+:[SNB]")) {
                throw new UsageException("Invalid value for option '--key-schema': '" + part + "' is not name:S|N|B");
            }
        }
        return BackupCommand.attempt("floe import", err, () -> {
            StringWriter body = new StringWriter();
            try (JsonGenerator g = Json.FACTORY.createGenerator(body)) {
                g.writeStartObject();
                g.writeObjectFieldStart("S3BucketSource");
                g.writeStringField("S3Bucket", bucket);
                if (prefix != null) {
                    g.writeStringField("S3KeyPrefix", prefix);
                }
                g.writeEndObject();
                g.writeStringField("InputFormat", format);
                g.writeStringField("InputCompressionType", compression);
                if (delimiter != null || header != null) {
                    g.writeObjectFieldStart("InputFormatOptions");
                    g.writeObjectFieldStart("Csv");
                    if (delimiter != null) {
                        g.writeStringField("Delimiter", delimiter);
                    }
                    if (header != null) {
                        g.writeArrayFieldStart("HeaderList");
                        for (String h : header.split(",")) {
                            g.writeString(h);
                        }
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeObjectFieldStart("TableCreationParameters");
                g.writeStringField("TableName", table);
                g.writeStringField("BillingMode", "PAY_PER_REQUEST");
                g.writeArrayFieldStart("AttributeDefinitions");
                for (String part : parts) {
                    g.writeStartObject();
                    g.writeStringField("AttributeName", part.substring(0, part.indexOf(':')));
                    g.writeStringField("AttributeType", part.substring(part.indexOf(':') + 1));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("KeySchema");
                for (int i = 0; i < parts.length; i++) {
                    g.writeStartObject();
                    g.writeStringField("AttributeName", parts[i].substring(0, parts[i].indexOf(':')));
                    g.writeStringField("KeyType", i == 0 ? "HASH" : "RANGE");
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
            String arn = BackupCommand.call(endpoint, "ImportTable", body.toString())
                    .get("ImportTableDescription.ImportArn");
            ByteProgress progress = new ByteProgress(out, BackupCommand.onTerminal());
            long total = -1;
            long read = 0;
            while (true) {
                Map<String, String> d = BackupCommand.invoke(endpoint, "DescribeImport", Map.of("ImportArn", arn));
                String status = d.get("ImportTableDescription.ImportStatus");
                boolean done = !"IN_PROGRESS".equals(status);
                long items;
                if (done) {
                    items = Long.parseLong(d.getOrDefault("ImportTableDescription.ImportedItemCount", "0"));
                    if (total < 0) {
                        // ended before its source's size was seen: what it processed is all there is
                        total = Long.parseLong(d.getOrDefault("ImportTableDescription.ProcessedSizeBytes", "0"));
                    }
                    read = total;
                } else {
                    // the source's size, as stored, and how much of it is read: FloeDB's own operation
                    Map<String, String> p = BackupCommand.send(
                            endpoint, WireOperations.ADMIN_PREFIX + ".DescribeImportProgress", importArnBody(arn));
                    if (p.containsKey("SourceSizeBytes")) {
                        total = Long.parseLong(p.get("SourceSizeBytes"));
                        read = Long.parseLong(p.get("SourceBytesRead"));
                    }
                    // the new table's items as they arrive: the import's own counters come at the end
                    Map<String, String> t;
                    try {
                        t = BackupCommand.invoke(endpoint, "DescribeTable", Map.of("TableName", table));
                    } catch (IOException e) {
                        t = Map.of(); // deleted: the import failed, as the next describe says
                    }
                    items = Long.parseLong(t.getOrDefault("Table.ItemCount", "0"));
                }
                progress.show("importing into " + table + ":", items, read, total, done);
                if (done) {
                    out.println(String.format(
                            "%s: %s items imported, %s processed, %s error(s)",
                            status,
                            d.getOrDefault("ImportTableDescription.ImportedItemCount", "0"),
                            d.getOrDefault("ImportTableDescription.ProcessedItemCount", "0"),
                            d.getOrDefault("ImportTableDescription.ErrorCount", "0")));
                    out.println(arn);
                    if (!"COMPLETED".equals(status)) {
                        throw new IOException("import failed: " + d.get("ImportTableDescription.FailureCode") + ": "
                                + d.get("ImportTableDescription.FailureMessage"));
                    }
                    return;
                }
                Thread.sleep(200);
            }
        });
    }
}
