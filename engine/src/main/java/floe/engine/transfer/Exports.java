package floe.engine.transfer;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ExportConflictException;
import floe.api.error.ExportNotFoundException;
import floe.api.error.InvalidExportTimeException;
import floe.api.error.PointInTimeRecoveryUnavailableException;
import floe.api.error.TableNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.DescribeExportRequest;
import floe.api.model.DescribeExportResponse;
import floe.api.model.ExportDescription;
import floe.api.model.ExportSummary;
import floe.api.model.ExportTableToPointInTimeRequest;
import floe.api.model.ExportTableToPointInTimeResponse;
import floe.api.model.IncrementalExportSpecification;
import floe.api.model.ListExportsRequest;
import floe.api.model.ListExportsResponse;
import floe.engine.backup.Backups;
import floe.engine.codec.ItemCodec;
import floe.engine.table.Arns;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableLifecycle;
import floe.engine.table.TableNames;
import floe.engine.table.TableOptions;
import floe.engine.validate.Constraints;
import floe.spi.extension.ExportFormat;
import floe.spi.extension.ExportFormatProvider;
import floe.spi.extension.ExportSink;
import floe.spi.extension.ExportSource;
import floe.spi.extension.ObjectInfo;
import floe.spi.extension.ObjectStore;
import floe.spi.extension.ObjectStoreException;
import floe.spi.extension.PutOptions;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.WriteTransaction;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * ExportTableToPointInTime, DescribeExport and ListExports. An export reads the table as
 * it was at its export time, from a read snapshot begun in the request when it is of
 * "now", else (and after a restart) from the table's point-in-time history, and writes
 * DynamoDB's layout into the object store: {@code [prefix/]AWSDynamoDB/<id>/} with
 * {@code _started}, {@code data/}, {@code manifest-files.json}, {@code manifest-summary.json}
 * and their {@code .md5}s. It reads storage directly, so it uses none of the table's
 * capacity, at the pace of {@link Pacer} on a low-priority thread. An export a restart cut
 * short starts again from the history; what it had written is removed first. If the history
 * no longer reaches back to its instant, it fails with {@code InvalidExportTime} instead.
 */
final class Exports {
    /** Exports: partition = export id, value = its description ({@link ExportRecords}). */
    static final String EXPORTS = "floe.exports";

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
    static final String FULL = "FULL_EXPORT";
    static final String INCREMENTAL = "INCREMENTAL_EXPORT";
    static final String DYNAMODB_JSON = "DYNAMODB_JSON";
    static final String ION = "ION";

    private static final byte[] EMPTY = new byte[0];
    private static final Pattern BUCKET = Pattern.compile("^[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+$");
    private static final Duration TOKEN_LIFE = Duration.ofHours(8);
    private static final System.Logger LOG = System.getLogger(Exports.class.getName());

    private final TransferContext context;
    private final TableCatalog catalog;
    private final Backups backups;
    private final Arns arns;
    private final ConcurrentHashMap<String, ExportDescription> exports = new ConcurrentHashMap<>();
    /** The sources of the exports running now, by ARN: their counters so far. */
    private final ConcurrentHashMap<String, Source> running = new ConcurrentHashMap<>();
    /** Snapshots of exports not finished yet, closed by {@link #close} if their task never ran. */
    private final java.util.Set<ReadTransaction> snapshots = ConcurrentHashMap.newKeySet();

    Exports(TransferContext context, TableCatalog catalog, Backups backups, Arns arns) {
        this.context = context;
        this.catalog = catalog;
        this.backups = backups;
        this.arns = arns;
        context.backend.createKeyspace(EXPORTS);
        try (ReadTransaction r = context.backend.beginRead()) {
            r.scan(EXPORTS, 0, 1, null, (p, s, v) -> {
                ExportDescription d = ExportRecords.decode(v);
                exports.put(d.exportArn(), d);
                return true;
            });
        }
    }

    /** Starts again, from the table's history, every export a restart cut short. */
    void resume() {
        for (ExportDescription d : List.copyOf(exports.values())) {
            if (IN_PROGRESS.equals(d.exportStatus())) {
                LOG.log(System.Logger.Level.INFO, "export " + d.exportArn() + " was cut short; it starts again");
                start(d, null);
            }
        }
    }

    ExportTableToPointInTimeResponse export(ExportTableToPointInTimeRequest r) {
        Constraints c = new Constraints();
        c.notNull(r.tableArn(), "tableArn");
        c.notNull(r.s3Bucket(), "s3Bucket");
        if (r.s3Bucket() != null) {
            c.length(r.s3Bucket(), r.s3Bucket().length(), 0, 255, "s3Bucket");
            c.pattern(r.s3Bucket(), BUCKET.matcher(r.s3Bucket()).matches(), BUCKET.pattern(), "s3Bucket");
        }
        if (r.s3BucketOwner() != null) {
            c.pattern(r.s3BucketOwner(), r.s3BucketOwner().matches("[0-9]{12}"), "[0-9]{12}", "s3BucketOwner");
        }
        if (r.s3Prefix() != null) {
            c.length(r.s3Prefix(), r.s3Prefix().length(), 0, 1024, "s3Prefix");
        }
        if (r.clientToken() != null) {
            c.pattern(r.clientToken(), r.clientToken().matches("^[^$]+$"), "^[^$]+$", "clientToken");
        }
        if (r.s3SseAlgorithm() != null) {
            c.oneOf(r.s3SseAlgorithm(), List.of("AES256", "KMS"), "s3SseAlgorithm");
        }
        if (r.exportType() != null) {
            c.oneOf(r.exportType(), List.of(FULL, INCREMENTAL), "exportType");
        }
        IncrementalExportSpecification inc = r.incrementalExportSpecification();
        if (inc != null && inc.exportViewType() != null) {
            c.oneOf(
                    inc.exportViewType(),
                    List.of("NEW_IMAGE", "NEW_AND_OLD_IMAGES"),
                    "incrementalExportSpecification.exportViewType");
        }
        String format = r.exportFormat() == null ? DYNAMODB_JSON : r.exportFormat();
        if (!format.equals(DYNAMODB_JSON)
                && !format.equals(ION)
                && !pluginFormats().containsKey(pluginName(format))) {
            List<String> known = new ArrayList<>(List.of(DYNAMODB_JSON, ION));
            pluginFormats().keySet().forEach(n -> known.add(n.toUpperCase(Locale.ROOT)));
            c.oneOf(format, known, "exportFormat");
        }
        c.throwIfAny();
        String name = TableNames.resolve(r.tableArn());
        Instant now = context.clock.instant();
        TableDefinition def = catalog.get(name);
        if (def == null
                || TableLifecycle.isCreating(def, now)
                || !arns.table(name).equals(r.tableArn())) {
            throw new TableNotFoundException("Table not found: " + r.tableArn());
        }
        if (!TableOptions.pitrEnabled(def)) {
            // message not known: a guess in DynamoDB's words for restores
            throw new PointInTimeRecoveryUnavailableException(
                    "Point in time recovery is not enabled for table '" + name + "'");
        }
        boolean incremental = INCREMENTAL.equals(r.exportType());
        long start = backups.historyStart(def);
        Instant exportTime = r.exportTime() == null ? now : r.exportTime();
        IncrementalExportSpecification spec = null;
        if (incremental) {
            if (inc == null || inc.exportFromTime() == null || inc.exportToTime() == null) {
                // message not known: a guess
                throw new ValidationException(
                        "IncrementalExportSpecification with ExportFromTime and ExportToTime is required for INCREMENTAL_EXPORT");
            }
            if (Duration.between(inc.exportFromTime(), inc.exportToTime()).compareTo(Duration.ofMinutes(15)) < 0) {
                // DynamoDB's message starts so; the rest is a guess
                throw new InvalidExportTimeException(
                        "Difference between export period from time and export period to time should be at least 15 minutes");
            }
            if (Duration.between(inc.exportFromTime(), inc.exportToTime()).compareTo(Duration.ofHours(24)) > 0) {
                // message not known: a guess
                throw new InvalidExportTimeException(
                        "Difference between export period from time and export period to time should not exceed 24 hours");
            }
            if (inc.exportFromTime().toEpochMilli() < start
                    || inc.exportToTime().isAfter(now)) {
                // message not known: a guess naming the window
                throw new InvalidExportTimeException("Export period is out of the point in time recovery window: "
                        + Instant.ofEpochMilli(start) + " to " + now);
            }
            spec = new IncrementalExportSpecification(
                    inc.exportFromTime(),
                    inc.exportToTime(),
                    inc.exportViewType() == null ? "NEW_AND_OLD_IMAGES" : inc.exportViewType());
            exportTime = null;
        } else if (r.exportTime() != null && (exportTime.toEpochMilli() < start || exportTime.isAfter(now))) {
            // message not known: a guess naming the window
            throw new InvalidExportTimeException("Export time is out of the point in time recovery window: "
                    + Instant.ofEpochMilli(start) + " to " + now);
        }
        String token = r.clientToken() == null ? java.util.UUID.randomUUID().toString() : r.clientToken();
        synchronized (this) {
            for (ExportDescription d : exports.values()) {
                if (token.equals(d.clientToken())
                        && d.startTime().plus(TOKEN_LIFE).isAfter(now)) {
                    if (same(d, r, format)) {
                        return new ExportTableToPointInTimeResponse(shown(d));
                    }
                    throw new ExportConflictException("Duplicate request detected with conflicting parameters");
                }
            }
            String id = context.newId();
            ExportDescription d = new ExportDescription(
                    r.tableArn() + "/export/" + id,
                    IN_PROGRESS,
                    now,
                    null,
                    null,
                    r.tableArn(),
                    def.id(),
                    exportTime,
                    token,
                    r.s3Bucket(),
                    r.s3BucketOwner(),
                    r.s3Prefix(),
                    r.s3SseAlgorithm(), // as asked: null sends no encryption header (see shown)
                    r.s3SseKmsKeyId(),
                    null,
                    null,
                    format,
                    null,
                    null,
                    r.exportType(),
                    spec);
            put(d);
            // an export of "now" reads a snapshot begun here; any other from the history
            ReadTransaction snapshot = !incremental && r.exportTime() == null ? context.backend.beginRead() : null;
            start(d, snapshot);
            return new ExportTableToPointInTimeResponse(shown(d));
        }
    }

    private static boolean same(ExportDescription d, ExportTableToPointInTimeRequest r, String format) {
        return java.util.Objects.equals(d.tableArn(), r.tableArn())
                && java.util.Objects.equals(d.s3Bucket(), r.s3Bucket())
                && java.util.Objects.equals(d.s3Prefix(), r.s3Prefix())
                && java.util.Objects.equals(d.s3BucketOwner(), r.s3BucketOwner())
                && java.util.Objects.equals(d.exportFormat(), format)
                && java.util.Objects.equals(d.exportType(), r.exportType())
                && (r.exportTime() == null || r.exportTime().equals(d.exportTime()));
    }

    DescribeExportResponse describe(DescribeExportRequest r) {
        Constraints c = new Constraints();
        c.notNull(r.exportArn(), "exportArn");
        c.throwIfAny();
        if (!r.exportArn().matches("arn:aws[a-z-]*:dynamodb:[^:]+:[0-9]+:table/[^/]+/export/[^/]+")) {
            throw new ValidationException("Invalid Export ARN");
        }
        ExportDescription d = exports.get(r.exportArn());
        if (d == null) {
            // message not known: a guess
            throw new ExportNotFoundException("Export not found: " + r.exportArn());
        }
        Source live = running.get(d.exportArn());
        if (live != null && IN_PROGRESS.equals(d.exportStatus())) {
            // FloeDB shows the counts so far while the export runs, where DynamoDB leaves both
            // members out until COMPLETED: they are optional in every SDK, and a client must wait
            // for COMPLETED anyway before the files are there, when they hold the final figures
            d = d.toBuilder()
                    .itemCount(live.liveItems)
                    .billedSizeBytes(live.liveBytes)
                    .build();
        }
        return new DescribeExportResponse(shown(d));
    }

    /**
     * {@code d} as described: without an {@code S3SseAlgorithm} asked for, {@code AES256},
     * as DynamoDB describes it. The record keeps what was asked, so that an export asked for
     * none sends the store no encryption header: S3 encrypts every object with SSE-S3
     * anyway (or with the bucket's default), while some S3-compatible servers without a KMS
     * refuse an explicit {@code AES256}.
     */
    private static ExportDescription shown(ExportDescription d) {
        return d.s3SseAlgorithm() != null
                ? d
                : d.toBuilder().s3SseAlgorithm("AES256").build();
    }

    ListExportsResponse list(ListExportsRequest r) {
        Constraints c = new Constraints();
        if (r.maxResults() != null) {
            c.atLeast((long) r.maxResults(), 1, "maxResults").atMost((long) r.maxResults(), 25, "maxResults");
        }
        c.throwIfAny();
        int limit = r.maxResults() == null ? 25 : r.maxResults();
        String after = r.nextToken() == null ? null : Tokens.decode(r.nextToken());
        List<ExportDescription> all = new ArrayList<>();
        for (ExportDescription d : exports.values()) {
            if (r.tableArn() != null && !r.tableArn().equals(d.tableArn())) {
                continue;
            }
            if (r.tableArn() == null && catalog.get(TableNames.resolve(d.tableArn())) == null) {
                continue; // exports of a deleted table drop out of the listing, as DynamoDB's do
            }
            all.add(d);
        }
        all.sort(Comparator.comparing(ExportDescription::exportArn));
        List<ExportSummary> out = new ArrayList<>();
        String next = null;
        for (ExportDescription d : all) {
            if (after != null && d.exportArn().compareTo(after) <= 0) {
                continue;
            }
            if (out.size() == limit) {
                next = Tokens.encode(out.get(out.size() - 1).exportArn());
                break;
            }
            out.add(new ExportSummary(d.exportArn(), d.exportStatus(), d.exportType()));
        }
        return new ListExportsResponse(out, next);
    }

    // ------------------------------------------------------------------ running

    /** Closes the snapshots of exports whose task never ran; after the transfers' threads stopped. */
    void close() {
        for (ReadTransaction r : snapshots) {
            if (snapshots.remove(r)) {
                r.close();
            }
        }
    }

    private void start(ExportDescription d, ReadTransaction snapshot) {
        if (snapshot != null) {
            snapshots.add(snapshot);
        }
        try {
            context.tasks.execute(() -> run(d, snapshot));
        } catch (RejectedExecutionException e) {
            if (snapshot != null && snapshots.remove(snapshot)) {
                snapshot.close(); // closing: the export resumes at the next open
            }
        }
    }

    private void run(ExportDescription d, ReadTransaction snapshot) {
        String base = (d.s3Prefix() == null || d.s3Prefix().isEmpty()
                        ? ""
                        : d.s3Prefix().replaceAll("/+$", "") + "/") + "AWSDynamoDB/"
                + d.exportArn().substring(d.exportArn().lastIndexOf('/') + 1);
        ObjectStore store = null;
        try {
            store = context.store();
            removeAll(store, d.s3Bucket(), base + "/"); // what an earlier, cut-short run left
            TableDefinition def = catalog.get(TableNames.resolve(d.tableArn()));
            if (def == null || !def.id().equals(d.tableId())) {
                throw new Failure("TableNotFound", "Table was deleted during the export: " + d.tableArn());
            }
            boolean incremental = d.incrementalExportSpecification() != null;
            PutOptions sse = new PutOptions(d.s3SseAlgorithm(), d.s3SseKmsKeyId());
            try (OutputStream o = store.put(d.s3Bucket(), base + "/_started", sse)) {
                o.write(EMPTY);
            }
            ExportFormat format = format(d.exportFormat(), incremental);
            Sink sink = new Sink(store, d.s3Bucket(), base, incremental, format.fileSuffix(), sse);
            Source source = new Source(def, d, snapshot);
            running.put(d.exportArn(), source);
            format.write(source, sink);
            if (context.closed) {
                return;
            }
            StringBuilder files = new StringBuilder();
            for (String line : sink.manifest) {
                files.append(line).append('\n');
            }
            String filesKey = base + "/manifest-files.json";
            putText(store, d.s3Bucket(), filesKey, files.toString(), sse);
            Instant end = context.clock.instant();
            ExportDescription done = d.toBuilder()
                    .exportStatus(COMPLETED)
                    .endTime(end)
                    .exportManifest(base + "/manifest-summary.json")
                    .billedSizeBytes(source.bytes)
                    .itemCount(source.items)
                    .build();
            putText(store, d.s3Bucket(), base + "/manifest-summary.json", summary(done, filesKey), sse);
            put(done);
        } catch (Failure f) {
            fail(d, store, base, f.code, f.getMessage());
        } catch (ObjectStoreException e) {
            fail(d, store, base, "S3" + e.code(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (context.closed) {
                return; // resumed at the next open
            }
            LOG.log(System.Logger.Level.ERROR, "export " + d.exportArn() + " failed", e);
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof ObjectStoreException s) {
                fail(d, store, base, "S3" + s.code(), s.getMessage());
            } else {
                fail(d, store, base, "UNKNOWN", String.valueOf(cause.getMessage()));
            }
        } finally {
            running.remove(d.exportArn());
            if (snapshot != null && snapshots.remove(snapshot)) {
                snapshot.close();
            }
        }
    }

    private void fail(ExportDescription d, ObjectStore store, String bucketBase, String code, String message) {
        if (store != null) {
            try {
                removeAll(store, d.s3Bucket(), bucketBase + "/");
            } catch (IOException | RuntimeException e) {
                // the bucket is gone or unreachable: nothing to remove
            }
        }
        put(d.toBuilder()
                .exportStatus(FAILED)
                .endTime(context.clock.instant())
                .failureCode(code)
                .failureMessage(message)
                .build());
    }

    private static void removeAll(ObjectStore store, String bucket, String prefix) throws IOException {
        while (true) {
            List<ObjectInfo> page = store.list(bucket, prefix, null, 1000);
            if (page.isEmpty()) {
                return;
            }
            for (ObjectInfo o : page) {
                store.delete(bucket, o.key());
            }
        }
    }

    private ExportFormat format(String name, boolean incremental) {
        if (name.equals(DYNAMODB_JSON)) {
            return LineFormat.dynamoJson(incremental);
        }
        if (name.equals(ION)) {
            return LineFormat.ion(incremental);
        }
        String plugin = pluginName(name);
        ExportFormatProvider p = pluginFormats().get(plugin);
        if (p == null) {
            throw new Failure("UNKNOWN", "no export format named " + name + " is present any more");
        }
        Map<String, String> options =
                new TreeMap<>(context.options.formatOptions().getOrDefault(plugin, Map.of()));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(p.getClass().getClassLoader());
        try {
            return p.open(options);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private Map<String, ExportFormatProvider> pluginFormats() {
        return context.formats.get();
    }

    private static String pluginName(String format) {
        return format.toLowerCase(Locale.ROOT);
    }

    private static String summary(ExportDescription d, String filesKey) {
        StringBuilder b = new StringBuilder("{");
        field(b, "version", "2020-06-30").append(',');
        field(b, "exportArn", d.exportArn()).append(',');
        field(b, "startTime", d.startTime().toString()).append(',');
        field(b, "endTime", d.endTime().toString()).append(',');
        field(b, "tableArn", d.tableArn()).append(',');
        field(b, "tableId", d.tableId()).append(',');
        if (d.incrementalExportSpecification() != null) {
            // the keys of an incremental export's summary are not confirmed: a guess
            field(
                            b,
                            "exportFromTime",
                            d.incrementalExportSpecification().exportFromTime().toString())
                    .append(',');
            field(
                            b,
                            "exportToTime",
                            d.incrementalExportSpecification().exportToTime().toString())
                    .append(',');
            field(b, "exportViewType", d.incrementalExportSpecification().exportViewType())
                    .append(',');
            field(b, "exportType", INCREMENTAL).append(',');
        } else {
            field(b, "exportTime", d.exportTime().toString()).append(',');
        }
        field(b, "s3Bucket", d.s3Bucket()).append(',');
        field(b, "s3Prefix", d.s3Prefix()).append(',');
        field(b, "s3SseAlgorithm", shown(d).s3SseAlgorithm()).append(',');
        field(b, "s3SseKmsKeyId", d.s3SseKmsKeyId()).append(',');
        field(b, "manifestFilesS3Key", filesKey).append(',');
        b.append("\"billedSizeBytes\":").append(d.billedSizeBytes()).append(',');
        b.append("\"itemCount\":").append(d.itemCount()).append(',');
        field(b, "outputFormat", d.exportFormat());
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        JsonText.quote(b, name);
        b.append(':');
        if (value == null) {
            b.append("null");
        } else {
            JsonText.quote(b, value);
        }
        return b;
    }

    /** Writes a manifest and, beside it, its {@code .md5}: the base64 of its MD5. */
    private static void putText(ObjectStore store, String bucket, String key, String text, PutOptions sse)
            throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (OutputStream o = store.put(bucket, key, sse)) {
            o.write(bytes);
        }
        String md5Key = key.substring(0, key.length() - ".json".length()) + ".md5";
        try (OutputStream o = store.put(bucket, md5Key, sse)) {
            o.write(Base64.getEncoder().encodeToString(md5().digest(bytes)).getBytes(StandardCharsets.US_ASCII));
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void put(ExportDescription d) {
        try (WriteTransaction w = context.backend.beginWrite()) {
            w.put(EXPORTS, d.exportArn().getBytes(StandardCharsets.UTF_8), EMPTY, ExportRecords.encode(d));
            w.commit();
        }
        exports.put(d.exportArn(), d);
    }

    /** A failure with the code DynamoDB reports. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        Failure(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** The items of one export, read as often as its format needs, at the transfers' pace. */
    private final class Source implements ExportSource {
        private final TableDefinition def;
        private final ExportDescription export;
        private final ReadTransaction snapshot;
        long items;
        long bytes;
        /** {@link #items} and {@link #bytes} as of the last few items, for DescribeExport meanwhile. */
        volatile long liveItems;

        volatile long liveBytes;
        private long counted = -1;

        Source(TableDefinition def, ExportDescription export, ReadTransaction snapshot) {
            this.def = def;
            this.export = export;
            this.snapshot = snapshot;
        }

        @Override
        public String tableName() {
            return def.name();
        }

        @Override
        public List<AttributeDefinition> keyAttributes() {
            List<AttributeDefinition> out = new ArrayList<>();
            out.add(new AttributeDefinition(
                    def.partitionKey().name(), def.partitionKey().type().name()));
            if (def.sortKey() != null) {
                out.add(new AttributeDefinition(
                        def.sortKey().name(), def.sortKey().type().name()));
            }
            return out;
        }

        @Override
        public long itemCount() {
            if (counted < 0) {
                long[] n = {0};
                read(i -> n[0]++, false);
                counted = n[0];
            }
            return counted;
        }

        @Override
        public void forEach(Consumer<? super Item> action) {
            items = 0;
            bytes = 0;
            read(
                    i -> {
                        items++;
                        bytes += i.size();
                        action.accept(i);
                        if ((items & 255) == 0) {
                            liveItems = items;
                            liveBytes = bytes;
                        }
                    },
                    true);
            liveItems = items;
            liveBytes = bytes;
        }

        private void read(Consumer<Item> action, boolean paced) {
            Pacer pacer = new Pacer(paced ? context.options.itemsPerSecond() : 0);
            IncrementalExportSpecification inc = export.incrementalExportSpecification();
            if (snapshot == null) {
                reachable(inc == null ? export.exportTime() : inc.exportFromTime());
            }
            if (inc != null) {
                boolean oldImages = "NEW_AND_OLD_IMAGES".equals(inc.exportViewType());
                backups.changesBetween(
                        def,
                        inc.exportFromTime().toEpochMilli(),
                        inc.exportToTime().toEpochMilli(),
                        change -> {
                            if (context.closed) {
                                throw new IllegalStateException("closing");
                            }
                            Item.Builder line = Item.builder()
                                    .put(
                                            "Metadata",
                                            AttributeValue.m(Map.of(
                                                    "WriteTimestampMicros", AttributeValue.n(change.millis() * 1000))))
                                    .put("Keys", AttributeValue.m(change.keys().attributes()));
                            if (change.newImage() != null) {
                                line.put(
                                        "NewImage",
                                        AttributeValue.m(change.newImage().attributes()));
                            }
                            if (oldImages && change.oldImage() != null) {
                                line.put(
                                        "OldImage",
                                        AttributeValue.m(change.oldImage().attributes()));
                            }
                            action.accept(line.build());
                            pacer.item();
                            return true;
                        });
                return;
            }
            if (snapshot != null) {
                snapshot.scan(def.keyspace(), 0, 1, null, (p, s, v) -> {
                    if (context.closed) {
                        throw new IllegalStateException("closing");
                    }
                    action.accept(ItemCodec.decode(v));
                    pacer.item();
                    return true;
                });
                return;
            }
            backups.itemsAt(def, export.exportTime().toEpochMilli(), i -> {
                if (context.closed) {
                    throw new IllegalStateException("closing");
                }
                action.accept(i);
                pacer.item();
                return true;
            });
        }

        /**
         * Fails the export, as it cannot be resumed, when the table's history no longer
         * reaches back to {@code from}. That happens when the server stopped (a crash, a
         * kill) while the history's base image was still being copied, right after point-in-
         * time recovery was turned on: the copy read a snapshot that does not outlive the
         * process, so the history starts again at the restart, and the table as it was
         * before is gone (its changes alone cannot rebuild it). DynamoDB's window never
         * loses an instant, and an export of an instant outside it is refused
         * (InvalidExportTimeException); so this one ends FAILED with that code, naming the
         * new earliest instant, rather than export a different table than the one asked for.
         */
        private void reachable(Instant from) {
            long start = backups.historyStart(def);
            if (start < 0 || start > from.toEpochMilli()) {
                // FailureCode and message not known for this case: a guess in the request error's words
                throw new Failure(
                        "InvalidExportTime",
                        "Export time " + from + " is no longer in the point in time recovery window of table "
                                + def.name()
                                + (start < 0 ? "" : ", which now starts at " + Instant.ofEpochMilli(start))
                                + " (a restart while recovery was starting, or the window moved on): the export"
                                + " cannot resume; export again");
            }
        }
    }

    /**
     * The export's data files: named, checksummed, and listed for the manifest. Thread-safe:
     * formats may write several files at once.
     */
    private static final class Sink implements ExportSink {
        private final ObjectStore store;
        private final String bucket;
        private final String dataPrefix;
        private final String suffix;
        private final PutOptions sse;
        final List<String> manifest = new ArrayList<>();

        Sink(ObjectStore store, String bucket, String base, boolean incremental, String suffix, PutOptions sse) {
            this.store = store;
            this.sse = sse;
            this.bucket = bucket;
            // DynamoDB writes an incremental export's data beside the exports, in AWSDynamoDB/data/
            this.dataPrefix = incremental ? base.substring(0, base.lastIndexOf('/')) + "/data/" : base + "/data/";
            this.suffix = suffix;
        }

        @Override
        public DataFile newFile() throws IOException {
            String key = dataPrefix + fileName() + "." + suffix;
            MessageDigest md5 = md5();
            OutputStream target = store.put(bucket, key, sse);
            DigestOutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(target, 64 * 1024), md5);
            return new DataFile() {
                private long items;
                private boolean closed;

                @Override
                public OutputStream stream() {
                    return out;
                }

                @Override
                public void itemsWritten(long n) {
                    items += n;
                }

                @Override
                public void close() throws IOException {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    out.close();
                    byte[] digest = md5.digest();
                    StringBuilder line =
                            new StringBuilder("{\"itemCount\":").append(items).append(',');
                    field(line, "md5Checksum", Base64.getEncoder().encodeToString(digest))
                            .append(',');
                    field(line, "etag", HexFormat.of().formatHex(digest)).append(',');
                    field(line, "dataFileS3Key", key).append('}');
                    synchronized (manifest) {
                        manifest.add(line.toString());
                    }
                }
            };
        }

        /** A name as DynamoDB's look: 26 characters of lower-case base32. */
        private static String fileName() {
            String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
            StringBuilder b = new StringBuilder(26);
            ThreadLocalRandom r = ThreadLocalRandom.current();
            for (int i = 0; i < 26; i++) {
                b.append(alphabet.charAt(r.nextInt(32)));
            }
            return b.toString();
        }
    }
}
