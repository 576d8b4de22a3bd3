package floe.engine.transfer;

import floe.api.AttributeValue;
import floe.api.ImportProgress;
import floe.api.Item;
import floe.api.error.ImportConflictException;
import floe.api.error.ImportNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.CsvOptions;
import floe.api.model.DescribeImportRequest;
import floe.api.model.DescribeImportResponse;
import floe.api.model.ImportSummary;
import floe.api.model.ImportTableDescription;
import floe.api.model.ImportTableRequest;
import floe.api.model.ImportTableResponse;
import floe.api.model.InputFormatOptions;
import floe.api.model.KeySchemaElement;
import floe.api.model.ListImportsRequest;
import floe.api.model.ListImportsResponse;
import floe.api.model.S3BucketSource;
import floe.api.model.TableCreationParameters;
import floe.api.model.TableDescription;
import floe.engine.backup.BulkLoad;
import floe.engine.backup.RestoreTables;
import floe.engine.codec.ItemCodec;
import floe.engine.index.IndexEntry;
import floe.engine.item.ItemKeys;
import floe.engine.item.ItemWriter;
import floe.engine.item.Refusal;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.validate.Constraints;
import floe.engine.write.GroupCommit;
import floe.spi.extension.ObjectInfo;
import floe.spi.extension.ObjectStore;
import floe.spi.extension.ObjectStoreException;
import floe.spi.extension.support.DynamoJson;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.WriteTransaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.GZIPInputStream;

/**
 * ImportTable, DescribeImport and ListImports. An import creates its table at once, with
 * every check of CreateTable, CREATING; a background task reads every object under the
 * prefix (DynamoDB JSON, Ion or CSV; gzip, zstd or none), listed first, and loads the
 * items into the new table through the restore's {@link BulkLoad} (large transactions of
 * items, index entries and statistics, bypassing the request path and its capacity), with
 * a key the input repeats routed through the item writer ({@link SeenKeys}). Then the
 * table turns ACTIVE. A line that is no item is counted as an error
 * and the rest of its object skipped, and the import ends FAILED with
 * {@code ItemValidationError} while its table keeps the valid items, as DynamoDB does. A
 * missing bucket fails it and deletes the table. A restart that cuts an import short
 * deletes its table (like a restore's) and fails the import, so no imported table is ever
 * ACTIVE with part of its items.
 */
final class Imports {
    /** Imports: partition = import ARN, value = its record. */
    static final String IMPORTS = "floe.imports";

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
    private static final byte[] EMPTY = new byte[0];
    /**
     * Entries a transaction of the load: fewer than a restore's, so that a batch with its
     * overwrites stays within what a distributed backend takes in one transaction (etcd's
     * operations a transaction, as its backend's README sets them).
     */
    private static final int BATCH_ENTRIES = 2048;
    /** Items between two publications of the bytes processed, beside one a batch. */
    private static final int PUBLISH_EVERY = 1024;

    private static final java.time.Duration TOKEN_LIFE = java.time.Duration.ofHours(8);
    private static final System.Logger LOG = System.getLogger(Imports.class.getName());

    private final TransferContext context;
    private final TableCatalog catalog;
    private final GroupCommit committer;
    private final ItemWriter writer;
    private final Object controlPlane;
    private volatile RestoreTables tables;
    private final ConcurrentHashMap<String, ImportTableDescription> imports = new ConcurrentHashMap<>();
    /** The imports loading now, once their source is listed. */
    private final ConcurrentHashMap<String, Progress> progress = new ConcurrentHashMap<>();

    /**
     * A loading import's source: its objects, their bytes as stored, and the cell its
     * loading thread counts the bytes it has read of them in (read racily, for progress).
     */
    private record Progress(int objects, long sizeBytes, long[] read) {}

    Imports(
            TransferContext context,
            TableCatalog catalog,
            GroupCommit committer,
            ItemWriter writer,
            Object controlPlane) {
        this.context = context;
        this.catalog = catalog;
        this.committer = committer;
        this.writer = writer;
        this.controlPlane = controlPlane;
        context.backend.createKeyspace(IMPORTS);
        try (ReadTransaction r = context.backend.beginRead()) {
            r.scan(IMPORTS, 0, 1, null, (p, s, v) -> {
                ImportTableDescription d = ImportRecords.decode(v);
                imports.put(d.importArn(), d);
                return true;
            });
        }
    }

    /** Fails every import a restart cut short: its table was deleted with the restores cut short. */
    void resume(RestoreTables restoreTables) {
        this.tables = restoreTables;
        for (ImportTableDescription d : List.copyOf(imports.values())) {
            if (IN_PROGRESS.equals(d.importStatus())) {
                LOG.log(System.Logger.Level.WARNING, "import " + d.importArn() + " was cut short; it failed");
                // DynamoDB has no code for this; a guess in its style
                put(d.toBuilder()
                        .importStatus(FAILED)
                        .endTime(context.clock.instant())
                        .failureCode("InternalError")
                        .failureMessage("The import was interrupted by a restart of the server; the table "
                                + d.tableCreationParameters().tableName() + " was deleted")
                        .build());
            }
        }
    }

    ImportTableResponse importTable(ImportTableRequest r) {
        Constraints c = new Constraints();
        c.notNull(r.s3BucketSource(), "s3BucketSource");
        if (r.s3BucketSource() != null) {
            c.notNull(r.s3BucketSource().s3Bucket(), "s3BucketSource.s3Bucket");
        }
        c.notNull(r.inputFormat(), "inputFormat");
        if (r.inputFormat() != null) {
            c.oneOf(r.inputFormat(), List.of("DYNAMODB_JSON", "ION", "CSV"), "inputFormat");
        }
        if (r.inputCompressionType() != null) {
            c.oneOf(r.inputCompressionType(), List.of("GZIP", "ZSTD", "NONE"), "inputCompressionType");
        }
        c.notNull(r.tableCreationParameters(), "tableCreationParameters");
        CsvOptions csv =
                r.inputFormatOptions() == null ? null : r.inputFormatOptions().csv();
        if (csv != null) {
            if (csv.delimiter() != null) {
                c.pattern(
                        csv.delimiter(),
                        csv.delimiter().matches("[,;:|\t ]"),
                        "[,;:|\\t ]",
                        "inputFormatOptions.csv.delimiter");
            }
            if (csv.headerList() != null) {
                c.length(csv.headerList(), csv.headerList().size(), 1, 255, "inputFormatOptions.csv.headerList");
            }
        }
        c.throwIfAny();
        if (csv != null && !"CSV".equals(r.inputFormat())) {
            // message not known: a guess
            throw new ValidationException("InputFormatOptions.Csv can only be specified with InputFormat CSV");
        }
        TableCreationParameters t = r.tableCreationParameters();
        String token = r.clientToken() == null ? java.util.UUID.randomUUID().toString() : r.clientToken();
        synchronized (controlPlane) {
            Instant now = context.clock.instant();
            for (ImportTableDescription d : imports.values()) {
                if (!token.equals(d.clientToken())
                        || d.startTime().plus(TOKEN_LIFE).isBefore(now)) {
                    continue;
                }
                if (!Objects.equals(d.tableCreationParameters().tableName(), t.tableName())) {
                    throw new ImportConflictException("Duplicate request detected with conflicting parameters");
                }
                if (IN_PROGRESS.equals(d.importStatus())) {
                    return new ImportTableResponse(d); // DynamoDB ignores the other parameters
                }
                // a finished import's token again: CreateTable's own refusal of an existing table
            }
            TableDescription created = tables.createImported(CreateTableRequest.builder()
                    .tableName(t.tableName())
                    .attributeDefinitions(t.attributeDefinitions())
                    .keySchema(t.keySchema())
                    .billingMode(t.billingMode())
                    .provisionedThroughput(t.provisionedThroughput())
                    .onDemandThroughput(t.onDemandThroughput())
                    .sseSpecification(t.sseSpecification())
                    .globalSecondaryIndexes(t.globalSecondaryIndexes())
                    .build());
            String id = context.newId();
            ImportTableDescription d = ImportTableDescription.builder()
                    .importArn(created.tableArn() + "/import/" + id)
                    .importStatus(IN_PROGRESS)
                    .tableArn(created.tableArn())
                    .tableId(created.tableId())
                    .clientToken(token)
                    .s3BucketSource(r.s3BucketSource())
                    .errorCount(0L)
                    .inputFormat(r.inputFormat())
                    .inputFormatOptions(r.inputFormatOptions())
                    .inputCompressionType(r.inputCompressionType() == null ? "NONE" : r.inputCompressionType())
                    .tableCreationParameters(t)
                    .startTime(context.clock.instant())
                    .processedItemCount(0L)
                    .importedItemCount(0L)
                    .build();
            put(d);
            TableDefinition def = catalog.get(t.tableName());
            try {
                context.tasks.execute(() -> run(d, def));
            } catch (RejectedExecutionException e) {
                // closing: failed at the next open
            }
            return new ImportTableResponse(d);
        }
    }

    DescribeImportResponse describe(DescribeImportRequest r) {
        Constraints c = new Constraints();
        c.notNull(r.importArn(), "importArn");
        c.throwIfAny();
        ImportTableDescription d = imports.get(r.importArn());
        if (d == null) {
            // message not known: a guess
            throw new ImportNotFoundException("Import not found: " + r.importArn());
        }
        return new DescribeImportResponse(d);
    }

    /**
     * How far a loading import has read its source objects, or empty if it is not loading
     * now (not listed yet, or done).
     *
     * @throws ImportNotFoundException if there is no such import
     */
    Optional<ImportProgress> progress(String importArn) {
        describe(new DescribeImportRequest(importArn));
        Progress p = progress.get(importArn);
        return p == null
                ? Optional.empty()
                : Optional.of(new ImportProgress(p.objects(), p.sizeBytes(), Math.min(p.sizeBytes(), p.read()[0])));
    }

    ListImportsResponse list(ListImportsRequest r) {
        Constraints c = new Constraints();
        if (r.pageSize() != null) {
            c.atLeast((long) r.pageSize(), 1, "pageSize").atMost((long) r.pageSize(), 25, "pageSize");
        }
        c.throwIfAny();
        int limit = r.pageSize() == null ? 25 : r.pageSize();
        String after = r.nextToken() == null ? null : Tokens.decode(r.nextToken());
        List<ImportTableDescription> all = new ArrayList<>();
        for (ImportTableDescription d : imports.values()) {
            if (r.tableArn() == null || r.tableArn().equals(d.tableArn())) {
                all.add(d);
            }
        }
        all.sort(Comparator.comparing(ImportTableDescription::importArn));
        List<ImportSummary> out = new ArrayList<>();
        String next = null;
        for (ImportTableDescription d : all) {
            if (after != null && d.importArn().compareTo(after) <= 0) {
                continue;
            }
            if (out.size() == limit) {
                next = Tokens.encode(out.get(out.size() - 1).importArn());
                break;
            }
            out.add(new ImportSummary(
                    d.importArn(),
                    d.importStatus(),
                    d.tableArn(),
                    d.s3BucketSource(),
                    d.cloudWatchLogGroupArn(),
                    d.inputFormat(),
                    d.startTime(),
                    d.endTime()));
        }
        return new ListImportsResponse(out, next);
    }

    // ------------------------------------------------------------------ loading

    /** The counters of one import; its loading thread alone writes them. */
    private static final class Counts {
        long processed;
        long imported;
        long errors;
        /** Items handed to the bulk load since its last flush. */
        long pending;
        /** Uncompressed bytes read: DynamoDB's ProcessedSizeBytes. */
        final long[] bytes = {0};
        /** Bytes of the source objects read, as stored (compressed or not). */
        final long[] sourceRead = {0};

        String firstError;

        void error(String message) {
            errors++;
            if (firstError == null) {
                firstError = message;
            }
        }
    }

    private void run(ImportTableDescription d, TableDefinition def) {
        Counts counts = new Counts();
        S3BucketSource source = d.s3BucketSource();
        String prefix = source.s3KeyPrefix() == null ? "" : source.s3KeyPrefix();
        try {
            ObjectStore store = context.store();
            Pacer pacer = new Pacer(context.options.itemsPerSecond());
            // the whole prefix first: its size bounds the dedupe filter and is the progress's total
            List<ObjectInfo> objects = new ArrayList<>();
            long sourceBytes = 0;
            String after = null;
            while (true) {
                List<ObjectInfo> page = store.list(source.s3Bucket(), prefix, after, 1000);
                if (page.isEmpty()) {
                    break;
                }
                for (ObjectInfo o : page) {
                    if (o.size() > 0) {
                        objects.add(o);
                        sourceBytes += o.size();
                    }
                }
                after = page.get(page.size() - 1).key();
            }
            progress.put(d.importArn(), new Progress(objects.size(), sourceBytes, counts.sourceRead));
            BulkLoad load = new BulkLoad(committer, catalog, writer, def, BATCH_ENTRIES);
            SeenKeys seen = SeenKeys.forSource(sourceBytes);
            for (ObjectInfo o : objects) {
                if (context.closed) {
                    return; // failed, and its table deleted, at the next open
                }
                load(d, def, store, o.key(), counts, pacer, load, seen);
            }
            if (context.closed) {
                return;
            }
            flush(d, load, counts);
            tables.restored(def.name(), def.id());
            ImportTableDescription.Builder done = d.toBuilder()
                    .endTime(context.clock.instant())
                    .processedItemCount(counts.processed)
                    .importedItemCount(counts.imported)
                    .errorCount(counts.errors)
                    .processedSizeBytes(counts.bytes[0]);
            if (counts.errors > 0) {
                // the table keeps the valid items, as DynamoDB's does
                done.importStatus(FAILED)
                        .failureCode("ItemValidationError")
                        .failureMessage("Some of the items failed validation checks and were not imported. "
                                + counts.errors + " error(s); the first: " + counts.firstError);
            } else {
                done.importStatus(COMPLETED);
            }
            put(done.build());
        } catch (ObjectStoreException e) {
            failAndDrop(d, def, counts, "S3" + e.code(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (context.closed) {
                return;
            }
            LOG.log(System.Logger.Level.ERROR, "import " + d.importArn() + " failed", e);
            failAndDrop(d, def, counts, "InternalError", String.valueOf(e.getMessage()));
        } finally {
            progress.remove(d.importArn());
        }
    }

    private void failAndDrop(
            ImportTableDescription d, TableDefinition def, Counts counts, String code, String message) {
        tables.abandon(def.name(), def.id());
        put(d.toBuilder()
                .importStatus(FAILED)
                .endTime(context.clock.instant())
                .processedItemCount(counts.processed)
                .importedItemCount(counts.imported)
                .errorCount(counts.errors)
                .processedSizeBytes(counts.bytes[0])
                .failureCode(code)
                .failureMessage(message)
                .build());
    }

    /**
     * Loads one object into the bulk load; a bad line is counted and ends the object, as
     * in DynamoDB. A key the filter has not seen is loaded without a read; one it may have
     * seen is an overwrite, read back by the item writer, so that a key the input repeats
     * ends as one item with its index entries and statistics right. DynamoDB lets such
     * items "overwrite until one remains, in random order" (not errors, each counted as
     * imported); here the last one read wins.
     */
    private void load(
            ImportTableDescription d,
            TableDefinition def,
            ObjectStore store,
            String key,
            Counts counts,
            Pacer pacer,
            BulkLoad load,
            SeenKeys seen)
            throws IOException {
        try (InputStream raw =
                        new CountingInputStream(store.get(d.s3BucketSource().s3Bucket(), key), counts.sourceRead);
                CountingInputStream counted =
                        new CountingInputStream(decompress(raw, d.inputCompressionType()), counts.bytes);
                Reader text = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 64 * 1024)) {
            ItemReader items = reader(d, def, text);
            while (!context.closed) {
                Item item;
                ItemKeys keys;
                try {
                    item = items.next();
                    if (item == null) {
                        break;
                    }
                    keys = ItemKeys.ofItem(def, item);
                    if (item.size() > Item.MAX_SIZE) {
                        throw new IllegalArgumentException("Item size has exceeded the maximum allowed size");
                    }
                    // what a put would refuse; DynamoDB's import wording for it is not known: a guess
                    IndexEntry.checkAll(def, item);
                } catch (IOException | RuntimeException e) {
                    counts.processed++;
                    counts.error(key + ": " + e.getMessage());
                    break; // the rest of this object is skipped
                }
                counts.processed++;
                if (seen.add(keys.partition(), keys.sort())) {
                    load.item(keys.partition(), keys.sort(), ItemCodec.encode(item), item, true);
                } else {
                    load.overwrite(item);
                }
                counts.pending++;
                pacer.item();
                if (load.full()) {
                    flush(d, load, counts);
                } else if (counts.processed % PUBLISH_EVERY == 0) {
                    publish(d, counts);
                }
            }
        }
        publish(d, counts);
    }

    /** Writes the load's batch, counts it, and publishes the bytes processed so far. */
    private void flush(ImportTableDescription d, BulkLoad load, Counts counts) {
        List<Refusal> refused = load.flush();
        counts.imported += counts.pending - refused.size();
        counts.pending = 0;
        for (Refusal r : refused) {
            counts.error(r.error(false).getMessage());
        }
        publish(d, counts);
    }

    /**
     * Makes the bytes processed so far visible to DescribeImport while the import runs
     * (DynamoDB's counters come at the end; ProcessedSizeBytes live lets a client follow
     * it), in memory only: the record keeps the start until the end.
     */
    private void publish(ImportTableDescription d, Counts counts) {
        imports.computeIfPresent(
                d.importArn(),
                (arn, now) -> IN_PROGRESS.equals(now.importStatus())
                        ? now.toBuilder().processedSizeBytes(counts.bytes[0]).build()
                        : now);
    }

    private static InputStream decompress(InputStream raw, String compression) throws IOException {
        return switch (compression == null ? "NONE" : compression) {
            case "GZIP" -> new GZIPInputStream(raw, 64 * 1024);
            case "ZSTD" -> new io.airlift.compress.zstd.ZstdInputStream(raw);
            default -> raw;
        };
    }

    /** Reads items one by one from an object's text. */
    private interface ItemReader {
        /** The next item, or null at the end. */
        Item next() throws IOException;
    }

    private static ItemReader reader(ImportTableDescription d, TableDefinition def, Reader text) {
        switch (d.inputFormat()) {
            case "ION" -> {
                IonText ion = new IonText(text);
                return () -> {
                    Object v = ion.next();
                    if (v == null) {
                        return null;
                    }
                    if (!(v instanceof Map<?, ?> m) || !(m.get("Item") instanceof Map<?, ?>)) {
                        throw new IllegalArgumentException("a line is a struct with Item");
                    }
                    return Item.of(IonText.readStruct(m.get("Item")));
                };
            }
            case "CSV" -> {
                InputFormatOptions o = d.inputFormatOptions();
                CsvOptions csv = o == null ? null : o.csv();
                return new CsvItems(def, text, csv);
            }
            default -> {
                JsonText json = new JsonText(text);
                return () -> {
                    Object v = json.next();
                    if (v == null) {
                        return null;
                    }
                    if (!(v instanceof Map<?, ?> m) || !(m.get("Item") instanceof Map<?, ?>) || m.size() != 1) {
                        throw new IllegalArgumentException("a line is an object with Item");
                    }
                    return Item.of(DynamoJson.readMap(m.get("Item")));
                };
            }
        }
    }

    /** CSV: a header line (or the header list given), the key columns typed, the others strings. */
    private static final class CsvItems implements ItemReader {
        private final TableDefinition def;
        private final Reader in;
        private final char delimiter;
        private List<String> header;

        CsvItems(TableDefinition def, Reader in, CsvOptions options) {
            this.def = def;
            this.in = in;
            this.delimiter = options == null || options.delimiter() == null
                    ? ','
                    : options.delimiter().charAt(0);
            this.header = options == null || options.headerList() == null ? null : options.headerList();
        }

        @Override
        public Item next() throws IOException {
            List<String> row;
            do {
                row = row();
                if (row == null) {
                    return null;
                }
            } while (row.size() == 1 && row.get(0).isEmpty());
            if (header == null) {
                header = row;
                return next();
            }
            if (row.size() > header.size()) {
                throw new IllegalArgumentException("a row has more fields than the header");
            }
            Item.Builder b = Item.builder();
            for (int i = 0; i < row.size(); i++) {
                String name = header.get(i);
                String value = row.get(i);
                TableDefinition.KeyAttribute key = def.partitionKey().name().equals(name)
                        ? def.partitionKey()
                        : def.sortKey() != null && def.sortKey().name().equals(name) ? def.sortKey() : null;
                if (key != null && key.type() == AttributeValue.Type.N) {
                    b.put(name, AttributeValue.n(new BigDecimal(value.trim()).toString()));
                } else if (key != null && key.type() == AttributeValue.Type.B) {
                    b.put(name, new AttributeValue.B(floe.api.Bytes.fromBase64(value)));
                } else if (key != null || !value.isEmpty()) {
                    b.put(name, AttributeValue.s(value));
                }
            }
            return b.build();
        }

        /** One record, quotes and doubled quotes as RFC 4180 has them; null at the end. */
        private List<String> row() throws IOException {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            List<String> out = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (quoted) {
                    if (c < 0) {
                        throw new JsonText.MalformedException("a quoted field does not end");
                    }
                    if (c == '"') {
                        int d = in.read();
                        if (d == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            c = d;
                            continue;
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c < 0 || c == '\n') {
                    out.add(field.toString());
                    return out;
                } else if (c == '\r') {
                    // part of a CRLF line end
                } else if (c == delimiter) {
                    out.add(field.toString());
                    field.setLength(0);
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else {
                    field.append((char) c);
                }
                c = in.read();
            }
        }
    }

    /** Counts the bytes read into a cell of the import's counters. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private final long[] count;

        CountingInputStream(InputStream in, long[] count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count[0]++;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count[0] += n;
            }
            return n;
        }
    }

    private void put(ImportTableDescription d) {
        try (WriteTransaction w = context.backend.beginWrite()) {
            w.put(IMPORTS, d.importArn().getBytes(StandardCharsets.UTF_8), EMPTY, ImportRecords.encode(d));
            w.commit();
        }
        imports.put(d.importArn(), d);
    }

    /** An import as the engine keeps it. */
    static final class ImportRecords {
        private ImportRecords() {}

        static byte[] encode(ImportTableDescription d) {
            Item.Builder b = Item.builder();
            ExportRecords.str(b, "arn", d.importArn());
            ExportRecords.str(b, "status", d.importStatus());
            ExportRecords.str(b, "tableArn", d.tableArn());
            ExportRecords.str(b, "tableId", d.tableId());
            ExportRecords.str(b, "token", d.clientToken());
            ExportRecords.str(b, "bucket", d.s3BucketSource().s3Bucket());
            ExportRecords.str(b, "owner", d.s3BucketSource().s3BucketOwner());
            ExportRecords.str(b, "prefix", d.s3BucketSource().s3KeyPrefix());
            ExportRecords.num(b, "errors", d.errorCount());
            ExportRecords.str(b, "format", d.inputFormat());
            CsvOptions csv = d.inputFormatOptions() == null
                    ? null
                    : d.inputFormatOptions().csv();
            if (csv != null) {
                ExportRecords.str(b, "delimiter", csv.delimiter());
                if (csv.headerList() != null) {
                    b.put(
                            "header",
                            new AttributeValue.L(csv.headerList().stream()
                                    .map(h -> (AttributeValue) AttributeValue.s(h))
                                    .toList()));
                }
            }
            ExportRecords.str(b, "compression", d.inputCompressionType());
            TableCreationParameters t = d.tableCreationParameters();
            ExportRecords.str(b, "table", t.tableName());
            ExportRecords.str(b, "billing", t.billingMode());
            List<AttributeValue> keys = new ArrayList<>();
            for (KeySchemaElement k : t.keySchema()) {
                String type = "S";
                for (AttributeDefinition a : t.attributeDefinitions()) {
                    if (a.attributeName().equals(k.attributeName())) {
                        type = a.attributeType();
                    }
                }
                keys.add(AttributeValue.l(
                        AttributeValue.s(k.attributeName()), AttributeValue.s(k.keyType()), AttributeValue.s(type)));
            }
            b.put("keys", new AttributeValue.L(keys));
            ExportRecords.time(b, "start", d.startTime());
            ExportRecords.time(b, "end", d.endTime());
            ExportRecords.num(b, "size", d.processedSizeBytes());
            ExportRecords.num(b, "processed", d.processedItemCount());
            ExportRecords.num(b, "imported", d.importedItemCount());
            ExportRecords.str(b, "failureCode", d.failureCode());
            ExportRecords.str(b, "failureMessage", d.failureMessage());
            return ItemCodec.encode(b.build());
        }

        static ImportTableDescription decode(byte[] bytes) {
            Item i = ItemCodec.decode(bytes);
            List<KeySchemaElement> schema = new ArrayList<>();
            List<AttributeDefinition> defs = new ArrayList<>();
            for (AttributeValue k : ((AttributeValue.L) i.get("keys")).values()) {
                List<AttributeValue> parts = ((AttributeValue.L) k).values();
                String name = ((AttributeValue.S) parts.get(0)).value();
                schema.add(new KeySchemaElement(name, ((AttributeValue.S) parts.get(1)).value()));
                defs.add(new AttributeDefinition(name, ((AttributeValue.S) parts.get(2)).value()));
            }
            InputFormatOptions options = null;
            if (i.has("delimiter") || i.has("header")) {
                List<String> header = i.get("header") instanceof AttributeValue.L l
                        ? l.values().stream()
                                .map(v -> ((AttributeValue.S) v).value())
                                .toList()
                        : null;
                options = new InputFormatOptions(new CsvOptions(ExportRecords.str(i, "delimiter"), header));
            }
            return ImportTableDescription.builder()
                    .importArn(ExportRecords.str(i, "arn"))
                    .importStatus(ExportRecords.str(i, "status"))
                    .tableArn(ExportRecords.str(i, "tableArn"))
                    .tableId(ExportRecords.str(i, "tableId"))
                    .clientToken(ExportRecords.str(i, "token"))
                    .s3BucketSource(new S3BucketSource(
                            ExportRecords.str(i, "owner"),
                            ExportRecords.str(i, "bucket"),
                            ExportRecords.str(i, "prefix")))
                    .errorCount(ExportRecords.num(i, "errors"))
                    .inputFormat(ExportRecords.str(i, "format"))
                    .inputFormatOptions(options)
                    .inputCompressionType(ExportRecords.str(i, "compression"))
                    .tableCreationParameters(TableCreationParameters.builder()
                            .tableName(ExportRecords.str(i, "table"))
                            .attributeDefinitions(defs)
                            .keySchema(schema)
                            .billingMode(ExportRecords.str(i, "billing"))
                            .build())
                    .startTime(ExportRecords.time(i, "start"))
                    .endTime(ExportRecords.time(i, "end"))
                    .processedSizeBytes(ExportRecords.num(i, "size"))
                    .processedItemCount(ExportRecords.num(i, "processed"))
                    .importedItemCount(ExportRecords.num(i, "imported"))
                    .failureCode(ExportRecords.str(i, "failureCode"))
                    .failureMessage(ExportRecords.str(i, "failureMessage"))
                    .build();
        }
    }
}
