package floe.engine.stream;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeStreams;
import floe.api.error.ExpiredIteratorException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.TrimmedDataAccessException;
import floe.api.error.ValidationException;
import floe.api.model.DescribeStreamRequest;
import floe.api.model.DescribeStreamResponse;
import floe.api.model.GetRecordsRequest;
import floe.api.model.GetRecordsResponse;
import floe.api.model.GetShardIteratorRequest;
import floe.api.model.GetShardIteratorResponse;
import floe.api.model.Identity;
import floe.api.model.ListStreamsRequest;
import floe.api.model.ListStreamsResponse;
import floe.api.model.Record;
import floe.api.model.SequenceNumberRange;
import floe.api.model.Shard;
import floe.api.model.ShardFilter;
import floe.api.model.Stream;
import floe.api.model.StreamDescription;
import floe.api.model.StreamRecord;
import floe.api.model.StreamSpecification;
import floe.api.model.TableDescription;
import floe.engine.change.ChangeRecorder;
import floe.engine.change.ItemChange;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableNames;
import floe.engine.validate.Constraints;
import floe.engine.write.GroupCommit;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * DynamoDB Streams over one engine: the records of item changes, appended by
 * {@link #recorder()} inside each change's write transaction; the table hooks that
 * enable and disable streams inside the control plane's transactions; the Streams
 * API; and the background upkeep ({@link #trim()}) that deletes what is older than 24
 * hours and rolls over idle shards.
 *
 * <p>Time is the configured clock's: a record is trimmed, as far as any reader can
 * tell, once it is 24 hours old, whether or not the upkeep has deleted it yet; an
 * iterator expires 15 minutes after it was issued; the open shard is closed, and a
 * child opened, once it is as old as the rollover age (DynamoDB: about four hours).
 *
 * <p>Writers and the upkeep go through the engine's group committer, so the stream's
 * head (next sequence number, open shard) is read and written by one transaction at a
 * time and sequence numbers increase in commit order.
 */
public final class Streams implements FloeStreams, AutoCloseable {
    /** How long records, and disabled streams, are kept. */
    static final long RETENTION_MILLIS = Duration.ofHours(24).toMillis();
    /** How long a shard iterator may be used. */
    static final long ITERATOR_MILLIS = Duration.ofMinutes(15).toMillis();
    /** The most records GetRecords returns. */
    static final int MAX_RECORDS = 1000;
    /** The most bytes of records GetRecords returns (the first record always fits). */
    static final long MAX_RECORD_BYTES = 1024 * 1024;
    /** The most records one trimming transaction deletes. */
    static final int TRIM_BATCH = 512;
    /** A stream's first sequence number: its first shard's start. */
    private static final long FIRST_SEQUENCE = 1;

    private static final String EVENT_VERSION = "1.1";
    private static final String EVENT_SOURCE = "aws:dynamodb";
    /** Who TTL deletions are made by, exactly as DynamoDB reports it. */
    private static final Identity SERVICE = new Identity("dynamodb.amazonaws.com", "Service");

    private final StorageBackend backend;
    private final TableCatalog catalog;
    private final GroupCommit committer;
    private final Clock clock;
    private final String region;
    private final String account;
    private final long rolloverMillis;
    private final StreamStore store;
    /** The table id of each stream, by stream key: whose key seals its records. */
    private final Map<String, String> recordOwners = new ConcurrentHashMap<>();

    private final ScheduledExecutorService upkeep;

    /**
     * @param rolloverMillis the age at which the open shard is closed and a child opened
     * @param trimIntervalMillis the pause between background upkeep runs, or 0 for none
     *     (readers still see nothing older than 24 hours)
     */
    public Streams(
            StorageBackend backend,
            TableCatalog catalog,
            GroupCommit committer,
            FloeConfig config,
            long rolloverMillis,
            long trimIntervalMillis) {
        this.backend = backend;
        this.catalog = catalog;
        this.committer = committer;
        this.clock = config.clock();
        this.region = config.region();
        this.account = config.accountId();
        this.rolloverMillis = rolloverMillis;
        this.store = new StreamStore(backend);
        if (trimIntervalMillis > 0) {
            upkeep = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "floe-stream-upkeep");
                t.setDaemon(true);
                return t;
            });
            upkeep.scheduleWithFixedDelay(
                    this::trimQuietly, trimIntervalMillis, trimIntervalMillis, TimeUnit.MILLISECONDS);
        } else {
            upkeep = null;
        }
    }

    // ------------------------------------------------------------------ tables

    /**
     * On CreateTable, in the transaction that stores the table: enables the stream
     * {@code spec} asks for (already checked by {@link StreamRules#checkCreate}).
     *
     * @return the definition to store
     */
    public TableDefinition onCreateTable(
            WriteTransaction w, TableDefinition def, StreamSpecification spec, Instant now) {
        return spec != null && spec.streamEnabled() ? enable(w, def, spec.streamViewType(), now.toEpochMilli()) : def;
    }

    /**
     * On UpdateTable, in the transaction that stores the table: enables or disables the
     * stream as {@code spec} (already checked by {@link StreamRules#checkUpdate}) asks.
     *
     * @return the definition to store
     * @throws ValidationException if the stream is already enabled, or there is none to disable
     */
    public TableDefinition onUpdateTable(
            WriteTransaction w, TableDefinition def, StreamSpecification spec, Instant now) {
        if (spec == null) {
            return def;
        }
        StreamSettings settings = StreamSettings.of(def);
        if (spec.streamEnabled()) {
            if (settings.enabled()) {
                throw new ValidationException("Table already has an enabled stream: TableName: " + def.name());
            }
            return enable(w, def, spec.streamViewType(), now.toEpochMilli());
        }
        if (!settings.enabled()) {
            throw new ValidationException("Table has no stream to disable: TableName: " + def.name());
        }
        disable(w, settings.latest(def.name()), now.toEpochMilli());
        return new StreamSettings(settings.label(), null).applyTo(def);
    }

    /** On DeleteTable, in the transaction that removes the table: its stream is disabled and stays readable 24 hours. */
    public void onDeleteTable(WriteTransaction w, TableDefinition def, Instant now) {
        StreamSettings settings = StreamSettings.of(def);
        if (settings.enabled()) {
            disable(w, settings.latest(def.name()), now.toEpochMilli());
        }
    }

    /** DescribeTable's stream fields of {@code def}: its specification while enabled, its latest stream's label and ARN. */
    public TableDescription.Builder describe(TableDefinition def, TableDescription.Builder description) {
        StreamSettings settings = StreamSettings.of(def);
        StreamId latest = settings.latest(def.name());
        if (latest == null) {
            return description;
        }
        return description
                .streamSpecification(settings.enabled() ? new StreamSpecification(true, settings.viewType()) : null)
                .latestStreamLabel(latest.label())
                .latestStreamArn(latest.arn(region, account));
    }

    /** A new stream of {@code def}, enabled at {@code now}, with its first shard open. */
    private TableDefinition enable(WriteTransaction w, TableDefinition def, String viewType, long now) {
        String previous = store.latestLabel(w, def.name());
        // labels tell a table's streams apart, even two enabled within one millisecond
        long created = previous == null ? now : Math.max(now, StreamId.millis(previous) + 1);
        StreamId id = new StreamId(def.name(), StreamId.label(created));
        store.putMeta(
                w,
                new StreamMeta(
                        id,
                        def.id(),
                        viewType,
                        created,
                        StreamMeta.NEVER,
                        def.partitionKey().name(),
                        def.sortKey() == null ? null : def.sortKey().name()));
        store.putShard(w, id, ShardState.first(created, FIRST_SEQUENCE));
        store.putHead(w, id, new Head(FIRST_SEQUENCE + 1, 0, created));
        return new StreamSettings(id.label(), viewType).applyTo(def);
    }

    /** Disables a stream: its open shard is closed, it takes no more records. */
    private void disable(WriteTransaction w, StreamId id, long now) {
        StreamMeta meta = store.meta(w, id);
        Head head = store.head(w, id);
        if (meta == null || head == null) {
            return;
        }
        if (head.open()) {
            store.putShard(w, id, store.shard(w, id, head.openOrdinal()).closedWith(head.nextSeq(), now));
            store.putHead(w, id, new Head(head.nextSeq() + 1, -1, 0));
        }
        store.putMeta(w, meta.disabledAt(now));
    }

    // ------------------------------------------------------------------ records

    /** The keyspace of stream records, whose values are item images. */
    public static final String RECORDS_KEYSPACE = StreamStore.RECORDS;

    /**
     * The id of the table whose stream's records are stored under {@code partition} of
     * {@link #RECORDS_KEYSPACE}, read in {@code r}, or null if no stream has that key.
     */
    public String tableOfRecords(ReadTransaction r, byte[] partition) {
        String key = new String(partition, StandardCharsets.UTF_8);
        String known = recordOwners.get(key);
        if (known != null) {
            return known;
        }
        StreamMeta meta = store.meta(r, StreamId.ofKey(key));
        if (meta == null) {
            return null;
        }
        // a stream's key names one stream for good (its label is unique among its table's)
        recordOwners.put(key, meta.tableId());
        return meta.tableId();
    }

    /** The recorder that appends each item change of a table with an enabled stream to that stream. */
    public ChangeRecorder recorder() {
        return new ChangeRecorder() {
            @Override
            public void record(WriteTransaction w, ItemChange change) {
                Streams.this.record(w, change);
            }

            @Override
            public boolean follows(TableDefinition table) {
                return StreamSettings.of(table).enabled();
            }
        };
    }

    private void record(WriteTransaction w, ItemChange change) {
        StreamSettings settings = StreamSettings.of(change.table());
        if (!settings.enabled()) {
            return;
        }
        StreamId id = settings.latest(change.table().name());
        Head head = store.head(w, id);
        if (head == null || !head.open()) {
            return; // disabled after the write resolved its table: the change follows the disable
        }
        long now = clock.millis();
        head = rollIfDue(w, id, head, now);
        store.putRecord(w, id, head.nextSeq(), StoredRecord.of(change, settings.viewType(), now));
        store.putHead(w, id, new Head(head.nextSeq() + 1, head.openOrdinal(), head.openCreated()));
    }

    /** Closes the open shard and opens its child if it is as old as the rollover age; returns the head after. */
    private Head rollIfDue(WriteTransaction w, StreamId id, Head head, long now) {
        if (now - head.openCreated() < rolloverMillis) {
            return head;
        }
        ShardState parent = store.shard(w, id, head.openOrdinal());
        long end = head.nextSeq();
        ShardState child = parent.child(now, end + 1);
        store.putShard(w, id, parent.closedWith(end, now));
        store.putShard(w, id, child);
        return new Head(end + 2, child.ordinal(), child.created());
    }

    // ------------------------------------------------------------------ the Streams API

    @Override
    public ListStreamsResponse listStreams(ListStreamsRequest request) {
        // order of checks: every declared constraint, in one message; then the start ARN's
        // value; then the table's existence
        Constraints c = new Constraints();
        String table = request.tableName();
        if (table != null) {
            // the Streams API declares a plain table name (3 to 255 of [a-zA-Z0-9_.-]): no table ARN
            c.length(table, table.length(), 3, 255, "tableName");
            c.pattern(table, TableNames.matchesPattern(table), TableNames.PATTERN_TEXT, "tableName");
        }
        limit(c, request.limit(), 100);
        arnLength(c, request.exclusiveStartStreamArn(), "exclusiveStartStreamArn");
        c.throwIfAny();
        String after = request.exclusiveStartStreamArn() == null
                ? null
                : StreamId.parse(request.exclusiveStartStreamArn()).id().key();
        int limit = request.limit() == null ? 100 : request.limit();
        long now = clock.millis();
        List<Stream> page = new ArrayList<>();
        boolean[] more = {false};
        try (ReadTransaction r = backend.beginRead()) {
            store.metas(r, table, after, meta -> {
                if (!meta.readableAt(now, RETENTION_MILLIS)) {
                    return true;
                }
                if (page.size() == limit) {
                    more[0] = true;
                    return false;
                }
                page.add(new Stream(
                        meta.id().arn(region, account),
                        meta.id().table(),
                        meta.id().label()));
                return true;
            });
        }
        if (table != null && page.isEmpty() && after == null && catalog.get(table) == null) {
            // wording: best guess (DescribeTable's for a missing table)
            throw new ResourceNotFoundException("Requested resource not found: Table: " + table + " not found");
        }
        return new ListStreamsResponse(page, more[0] ? page.get(page.size() - 1).streamArn() : null);
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        // order of checks: every declared constraint, in one message; then the filter's and
        // the ARN's values; then the stream's existence
        Constraints c = new Constraints();
        c.notNull(request.streamArn(), "streamArn");
        arnLength(c, request.streamArn(), "streamArn");
        limit(c, request.limit(), 100);
        shardIdLength(c, request.exclusiveStartShardId(), "exclusiveStartShardId");
        ShardFilter filter = request.shardFilter();
        if (filter != null) {
            c.oneOf(filter.type(), List.of("CHILD_SHARDS"), "shardFilter.type");
            shardIdLength(c, filter.shardId(), "shardFilter.shardId");
        }
        c.throwIfAny();
        if (filter != null && (filter.type() == null || filter.shardId() == null)) {
            // wording: best guess
            throw new ValidationException("ShardFilter must have both Type and ShardId");
        }
        StreamId id = resolve(request.streamArn());
        int limit = request.limit() == null ? 100 : request.limit();
        long now = clock.millis();
        StreamMeta meta;
        List<ShardState> shards;
        try (ReadTransaction r = backend.beginRead()) {
            meta = readable(r, id, request.streamArn(), now);
            shards = store.shards(r, id);
        }
        List<Shard> page = new ArrayList<>();
        String last = null;
        String start = request.exclusiveStartShardId();
        for (ShardState s : shards) {
            if (!s.visibleAt(now, RETENTION_MILLIS)
                    || (filter != null && !filter.shardId().equals(s.parentId()))
                    || (start != null && s.id().compareTo(start) <= 0)) {
                continue;
            }
            if (page.size() == limit) {
                last = page.get(page.size() - 1).shardId();
                break;
            }
            page.add(new Shard(
                    s.id(),
                    new SequenceNumberRange(sequenceNumber(s.start()), s.isOpen() ? null : sequenceNumber(s.end())),
                    s.parentId()));
        }
        return new DescribeStreamResponse(new StreamDescription(
                meta.id().arn(region, account),
                meta.id().label(),
                meta.enabled() ? "ENABLED" : "DISABLED",
                meta.viewType(),
                Instant.ofEpochMilli(meta.created()),
                meta.id().table(),
                meta.keySchema(),
                page,
                last));
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        // order of checks: every declared constraint, in one message; then the sequence number's
        // and the ARN's values; then the stream's and the shard's existence; then whether the
        // sequence number lies in the shard
        Constraints c = new Constraints();
        c.notNull(request.streamArn(), "streamArn");
        arnLength(c, request.streamArn(), "streamArn");
        c.notNull(request.shardId(), "shardId");
        shardIdLength(c, request.shardId(), "shardId");
        c.notNull(request.shardIteratorType(), "shardIteratorType");
        // wording: best guess for the order of the enum's values in the message
        c.oneOf(request.shardIteratorType(), StreamRules.ITERATOR_TYPES, "shardIteratorType");
        String given = request.sequenceNumber();
        if (given != null) {
            c.length(given, given.length(), 21, 40, "sequenceNumber");
        }
        c.throwIfAny();
        String type = request.shardIteratorType();
        boolean bySequence = type.endsWith("_SEQUENCE_NUMBER");
        if (bySequence && given == null) {
            // wording: best guess
            throw new ValidationException("SequenceNumber is required for ShardIteratorType " + type);
        }
        if (!bySequence && given != null) {
            // wording: best guess
            throw new ValidationException("SequenceNumber must not be specified for ShardIteratorType " + type);
        }
        long sequence = bySequence ? parseSequenceNumber(given) : 0;
        StreamId id = resolve(request.streamArn());
        String arn = id.arn(region, account);
        long now = clock.millis();
        try (ReadTransaction r = backend.beginRead()) {
            readable(r, id, request.streamArn(), now);
            ShardState shard = shard(r, id, request.shardId(), now);
            ShardIterator iterator;
            if (type.equals("TRIM_HORIZON")) {
                iterator = new ShardIterator(arn, shard.ordinal(), true, 0, now);
            } else {
                long last = shard.isOpen() ? store.head(r, id).nextSeq() - 1 : shard.end();
                long after;
                if (type.equals("LATEST")) {
                    after = last;
                } else {
                    if (sequence < shard.start() || sequence > last) {
                        // wording: best guess
                        throw new ValidationException("Invalid SequenceNumber " + given + " for shard " + shard.id());
                    }
                    after = type.equals("AT_SEQUENCE_NUMBER") ? sequence - 1 : sequence;
                    checkNotTrimmed(r, id, shard, after, now);
                }
                iterator = new ShardIterator(arn, shard.ordinal(), false, after, now);
            }
            return new GetShardIteratorResponse(iterator.encode());
        }
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        // order of checks: every declared constraint, in one message; then the iterator's value
        // and age; then the stream's and the shard's existence; then trimming
        Constraints c = new Constraints();
        c.notNull(request.shardIterator(), "shardIterator");
        if (request.shardIterator() != null) {
            c.length(request.shardIterator(), request.shardIterator().length(), 1, 2048, "shardIterator");
        }
        limit(c, request.limit(), MAX_RECORDS);
        c.throwIfAny();
        ShardIterator iterator = ShardIterator.decode(request.shardIterator());
        long now = clock.millis();
        if (now - iterator.issued() > ITERATOR_MILLIS) {
            // wording: best guess (the API model's description of the exception's message)
            throw new ExpiredIteratorException("The provided iterator exceeds the maximum age allowed.");
        }
        StreamId id = resolve(iterator.arn());
        int limit = request.limit() == null ? MAX_RECORDS : request.limit();
        long horizon = now - RETENTION_MILLIS;
        try (ReadTransaction r = backend.beginRead()) {
            StreamMeta meta = readable(r, id, iterator.arn(), now);
            ShardState shard = store.shard(r, id, iterator.ordinal());
            if (shard == null || !shard.visibleAt(now, RETENTION_MILLIS)) {
                throw shardNotFound();
            }
            long after;
            if (iterator.fromStart()) {
                after = Math.max(shard.start(), shard.trimmed());
            } else {
                after = iterator.after();
                checkNotTrimmed(r, id, shard, after, now);
            }
            List<Record> records = new ArrayList<>();
            long[] last = {after};
            long[] bytes = {0};
            boolean[] more = {false};
            store.records(r, id, after, shard.end(), Integer.MAX_VALUE, (seq, stored) -> {
                if (stored.created() < horizon) {
                    last[0] = seq; // trimmed as far as readers can tell: skipped from the trim horizon
                    return true;
                }
                long size = stored.sizeBytes();
                if (records.size() == limit || (!records.isEmpty() && bytes[0] + size > MAX_RECORD_BYTES)) {
                    more[0] = true;
                    return false;
                }
                records.add(record(meta, seq, stored));
                bytes[0] += size;
                last[0] = seq;
                return true;
            });
            ShardIterator next;
            if (!shard.isOpen() && !more[0]) {
                next = null; // a closed shard read to its end: its children follow
            } else if (iterator.fromStart() && last[0] == after) {
                next = new ShardIterator(iterator.arn(), iterator.ordinal(), true, 0, now);
            } else {
                next = iterator.next(last[0], now);
            }
            return new GetRecordsResponse(records, next == null ? null : next.encode());
        }
    }

    // ------------------------------------------------------------------ upkeep

    /**
     * Deletes the records older than 24 hours (in bounded transactions), forgets shards
     * closed and streams disabled more than 24 hours ago, and rolls over open shards as
     * old as the rollover age even when nothing is written. Runs in the background;
     * callable at any time (tests drive it with the configured clock).
     */
    public void trim() {
        long now = clock.millis();
        List<StreamMeta> streams = new ArrayList<>();
        try (ReadTransaction r = backend.beginRead()) {
            store.metas(r, null, null, meta -> streams.add(meta));
        }
        for (StreamMeta meta : streams) {
            StreamId id = meta.id();
            boolean expired = !meta.readableAt(now, RETENTION_MILLIS);
            long before = expired ? Long.MAX_VALUE : now - RETENTION_MILLIS;
            while (committer.submit(TRIM_BATCH * 64L, w -> trimBatch(w, id, before)) == TRIM_BATCH) {
                // a full batch: there may be more
            }
            committer.submit(0, w -> {
                tidy(w, id, expired, now);
                return null;
            });
        }
    }

    /** Deletes up to {@value #TRIM_BATCH} of the stream's oldest records made before {@code before}; returns how many. */
    private int trimBatch(WriteTransaction w, StreamId id, long before) {
        List<Long> old = new ArrayList<>();
        store.records(w, id, 0, ShardState.OPEN, TRIM_BATCH, (seq, stored) -> {
            if (stored.created() >= before) {
                return false;
            }
            old.add(seq);
            return true;
        });
        if (old.isEmpty()) {
            return 0;
        }
        Map<Integer, ShardState> trimmed = new HashMap<>();
        List<ShardState> shards = store.shards(w, id);
        for (long seq : old) {
            store.deleteRecord(w, id, seq);
            for (ShardState s : shards) {
                if (seq > s.start() && (s.isOpen() || seq < s.end())) {
                    trimmed.merge(s.ordinal(), s.trimmedThrough(seq), (a, b) -> a.trimmedThrough(b.trimmed()));
                }
            }
        }
        for (ShardState s : trimmed.values()) {
            store.putShard(w, id, s);
        }
        return old.size();
    }

    /** Forgets an expired stream, or its shards past their 24 hours, and rolls its open shard over if due. */
    private void tidy(WriteTransaction w, StreamId id, boolean expired, long now) {
        if (expired) {
            store.deleteStream(w, id);
            return;
        }
        for (ShardState s : store.shards(w, id)) {
            if (!s.visibleAt(now, RETENTION_MILLIS)) {
                store.deleteShard(w, id, s.ordinal());
            }
        }
        Head head = store.head(w, id);
        if (head != null && head.open()) {
            Head rolled = rollIfDue(w, id, head, now);
            if (rolled != head) {
                store.putHead(w, id, rolled);
            }
        }
    }

    private void trimQuietly() {
        try {
            trim();
        } catch (RuntimeException e) {
            // the next run tries again; once the engine is closed, the upkeep is stopped
        }
    }

    /** Stops the background upkeep, waiting for a run in progress. Idempotent. */
    @Override
    public void close() {
        if (upkeep != null) {
            upkeep.shutdownNow();
            try {
                upkeep.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The stream an ARN names, if it is of this database's region and account. */
    private StreamId resolve(String arn) {
        StreamId.Arn parsed = StreamId.parse(arn);
        if (!parsed.isIn(region, account)) {
            throw streamNotFound(arn);
        }
        return parsed.id();
    }

    private StreamMeta readable(ReadTransaction r, StreamId id, String arn, long now) {
        StreamMeta meta = store.meta(r, id);
        if (meta == null || !meta.readableAt(now, RETENTION_MILLIS)) {
            throw streamNotFound(arn);
        }
        return meta;
    }

    private ShardState shard(ReadTransaction r, StreamId id, String shardId, long now) {
        int ordinal = ShardState.ordinalOf(shardId);
        ShardState shard = ordinal < 0 ? null : store.shard(r, id, ordinal);
        if (shard == null || !shard.id().equals(shardId) || !shard.visibleAt(now, RETENTION_MILLIS)) {
            throw shardNotFound();
        }
        return shard;
    }

    /**
     * Fails if reading {@code shard} after {@code after} would miss trimmed records: some
     * were deleted there, or the next one is older than 24 hours.
     */
    private void checkNotTrimmed(ReadTransaction r, StreamId id, ShardState shard, long after, long now) {
        boolean[] old = {shard.trimmed() > after};
        if (!old[0]) {
            store.records(r, id, after, shard.end(), 1, (seq, stored) -> {
                old[0] = stored.created() < now - RETENTION_MILLIS;
                return false;
            });
        }
        if (old[0]) {
            // wording: best guess (the API model's description of the exception's message)
            throw new TrimmedDataAccessException("The data you are trying to access has been trimmed.");
        }
    }

    private Record record(StreamMeta meta, long seq, StoredRecord stored) {
        StreamRecord change = new StreamRecord(
                Instant.ofEpochSecond(Math.floorDiv(stored.created(), 1000)),
                stored.keys().attributes(),
                attributes(stored.newImage()),
                attributes(stored.oldImage()),
                sequenceNumber(seq),
                stored.sizeBytes(),
                meta.viewType());
        String eventId = UUID.nameUUIDFromBytes((meta.id().key() + "#" + seq).getBytes(StandardCharsets.UTF_8))
                .toString()
                .replace("-", "");
        return new Record(
                eventId,
                stored.kind().name(),
                EVENT_VERSION,
                EVENT_SOURCE,
                region,
                change,
                stored.byService() ? SERVICE : null);
    }

    private static Map<String, AttributeValue> attributes(floe.api.Item item) {
        return item == null ? null : item.attributes();
    }

    /** A sequence number as DynamoDB writes them: a numeric string of at least 21 digits. */
    static String sequenceNumber(long seq) {
        return String.format("%021d", seq);
    }

    private static long parseSequenceNumber(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                // wording: best guess
                throw new ValidationException("Invalid SequenceNumber: " + text);
            }
        }
        BigInteger n = new BigInteger(text);
        return n.bitLength() < 63 ? n.longValueExact() : Long.MAX_VALUE;
    }

    private static void limit(Constraints c, Integer limit, long max) {
        if (limit != null) {
            // the API declares the minimum; the maximum is only documented ("The upper limit is ..."), so
            // wording: best guess that DynamoDB reports it as a constraint, in the minimum's words
            c.atLeast((long) limit, 1, "limit").atMost((long) limit, max, "limit");
        }
    }

    private static void arnLength(Constraints c, String arn, String path) {
        if (arn != null) {
            c.length(arn, arn.length(), 37, 1024, path);
        }
    }

    private static void shardIdLength(Constraints c, String shardId, String path) {
        if (shardId != null) {
            c.length(shardId, shardId.length(), 28, 65, path);
        }
    }

    private static ResourceNotFoundException streamNotFound(String arn) {
        return new ResourceNotFoundException("Requested resource not found: Stream: " + arn + " not found");
    }

    private static ResourceNotFoundException shardNotFound() {
        // wording: best guess
        return new ResourceNotFoundException("Requested resource not found: Shard does not exist");
    }
}
