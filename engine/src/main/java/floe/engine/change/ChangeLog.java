package floe.engine.change;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.engine.codec.ItemCodec;
import floe.engine.table.TableDefinition;
import floe.engine.write.GroupCommit;
import floe.spi.extension.ChangeListener;
import floe.spi.extension.CommittedChange;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The durable log behind change listeners. While any listener is subscribed, every
 * item change is appended to the log in the write transaction that makes it, under an
 * increasing sequence number (writes commit one at a time, so sequence order is commit
 * order). Each listener has a durable checkpoint, the last sequence it acknowledged,
 * and a thread that delivers the log after it in batches and moves the checkpoint past
 * a batch once the listener returned from it. Entries every checkpoint has passed are
 * trimmed. A subscription outlives the listener's absence: a listener not configured
 * for a while finds every change since its checkpoint when it returns.
 *
 * <p>Deliveries hand on changes from memory, not from the log: a change recorded in a
 * transaction of the group committer is kept in memory too, and becomes deliverable when
 * that transaction commits (or is dropped if it does not); the delivery threads wake then.
 * A delivery reads the log only where memory does not hold every change after its
 * checkpoint: after a restart, behind a listener that fell further back than memory keeps
 * (at most {@link #RECENT_BYTES} of changes, by default), and past a change recorded outside the group
 * committer. Otherwise a delivery looks at the log every 50 ms.
 *
 * <p>The checkpoint moves in memory with each acknowledged batch and is stored at most
 * every 200 ms (and when the log closes): a stored checkpoint is a commit of its own, which
 * under load would come with nearly every batch. After a crash, the changes acknowledged
 * since the last stored checkpoint are delivered again, which delivery at least once allows.
 */
public final class ChangeLog implements ChangeRecorder, AutoCloseable {
    /** The log: one partition, sort = 8-byte sequence, value = the change as an item. */
    static final String LOG = "floe.changes";
    /** Checkpoints: partition = listener name, empty sort, value = 8-byte sequence. */
    static final String CHECKPOINTS = "floe.listeners";
    /** Changes per delivered batch. */
    static final int BATCH = 100;
    /** Log entries trimmed per transaction. */
    static final int TRIM = 1000;

    private static final byte[] PARTITION = {0};
    private static final byte[] EMPTY = new byte[0];
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** The longest a delivery's acknowledged position stays unstored while it moves. */
    static final long CHECKPOINT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** The most (encoded) bytes of changes kept in memory for the deliveries, by default. */
    public static final long RECENT_BYTES = 32L * 1024 * 1024;

    private final StorageBackend backend;
    private final GroupCommit committer;
    private final Clock clock;
    private final long retryMillis;
    private final long memoryBytes;
    /** The next sequence number; only the committing thread takes one. */
    private final AtomicLong next;

    private volatile boolean subscribed;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    /**
     * Changes recorded in transactions of the group committer, by sequence, from when they are
     * recorded until every delivery has passed them; those of a transaction that did not commit
     * are removed.
     */
    private final ConcurrentSkipListMap<Long, Recent> recent = new ConcurrentSkipListMap<>();
    /** The encoded size of what {@link #recent} holds. */
    private final AtomicLong recentBytes = new AtomicLong();
    /**
     * Memory holds every change from this sequence on (each committed one until every delivery
     * passed it); a change it could not take (memory full, no delivery running, recorded outside
     * the group committer) moves this past it, so that the deliveries read the log to there.
     */
    private final AtomicLong memoryFrom;
    /** Changes being recorded that memory does not take (see {@link #memoryFrom}). */
    private final AtomicLong untracked = new AtomicLong();
    /** What this thread records in a transaction of the group committer. */
    private final ThreadLocal<Recording> recording = ThreadLocal.withInitial(Recording::new);

    /** The sequences recorded in one thread's transaction of the group committer. */
    private static final class Recording {
        /** Whether the thread is in such a transaction. */
        boolean open;

        final List<Long> sequences = new ArrayList<>();
    }

    /** A recorded change and whether its transaction committed. */
    private static final class Recent {
        final CommittedChange change;
        final int bytes;
        volatile boolean committed;

        Recent(CommittedChange change, int bytes) {
            this.change = change;
            this.bytes = bytes;
        }
    }

    /**
     * A log over {@code backend}, making its keyspaces on first use.
     *
     * @param retryMillis the pause before a batch a listener failed is delivered again
     */
    public ChangeLog(StorageBackend backend, GroupCommit committer, Clock clock, long retryMillis) {
        this(backend, committer, clock, retryMillis, RECENT_BYTES);
    }

    /**
     * A log over {@code backend}, making its keyspaces on first use.
     *
     * @param retryMillis the pause before a batch a listener failed is delivered again
     * @param memoryBytes the most (encoded) bytes of changes kept in memory for the deliveries
     */
    public ChangeLog(StorageBackend backend, GroupCommit committer, Clock clock, long retryMillis, long memoryBytes) {
        this.memoryBytes = memoryBytes;
        this.backend = backend;
        this.committer = committer;
        this.clock = clock;
        this.retryMillis = retryMillis;
        backend.createKeyspace(LOG);
        backend.createKeyspace(CHECKPOINTS);
        long last = 0;
        boolean any = false;
        try (ReadTransaction r = backend.beginRead()) {
            long[] max = {0};
            r.range(LOG, PARTITION, SortRange.prefix(EMPTY), true, 1, (p, s, v) -> {
                max[0] = sequence(s);
                return false;
            });
            last = max[0];
            List<Long> checkpoints = new ArrayList<>();
            r.scan(CHECKPOINTS, 0, 1, null, (p, s, v) -> checkpoints.add(sequence(v)));
            for (long c : checkpoints) {
                last = Math.max(last, c);
            }
            any = !checkpoints.isEmpty();
        }
        this.next = new AtomicLong(last + 1);
        this.subscribed = any;
        this.memoryFrom = new AtomicLong(last + 1);
        committer.listen(new GroupCommit.TransactionListener() {
            @Override
            public void begun() {
                Recording mine = recording.get();
                mine.open = true;
                mine.sequences.clear();
            }

            @Override
            public void committed() {
                Recording mine = recording.get();
                mine.open = false;
                if (mine.sequences.isEmpty()) {
                    return;
                }
                for (long sequence : mine.sequences) {
                    Recent r = recent.get(sequence);
                    if (r != null) {
                        r.committed = true;
                    }
                }
                mine.sequences.clear();
                for (Delivery d : deliveries) {
                    LockSupport.unpark(d.thread);
                }
            }

            @Override
            public void abandoned() {
                Recording mine = recording.get();
                mine.open = false;
                for (long sequence : mine.sequences) {
                    forget(recent.remove(sequence));
                }
                mine.sequences.clear();
            }
        });
    }

    @Override
    public boolean follows(TableDefinition table) {
        return subscribed;
    }

    @Override
    public void record(WriteTransaction w, ItemChange change) {
        if (!subscribed) {
            return;
        }
        long at = clock.millis();
        byte[] value = ItemCodec.encode(encode(change, at));
        Recording mine = recording.get();
        boolean kept = mine.open && !deliveries.isEmpty() && recentBytes.get() + value.length <= memoryBytes;
        if (kept) {
            long sequence = next.getAndIncrement();
            w.put(LOG, PARTITION, bytes(sequence), value);
            recentBytes.addAndGet(value.length);
            recent.put(sequence, new Recent(committed(sequence, change, at), value.length));
            mine.sequences.add(sequence);
            return;
        }
        // not in memory: the deliveries find it, and whatever comes before it, in the log; counted
        // from before its sequence is taken, so that no delivery passes it in memory meanwhile
        untracked.incrementAndGet();
        try {
            long sequence = next.getAndIncrement();
            w.put(LOG, PARTITION, bytes(sequence), value);
            memoryFrom.accumulateAndGet(sequence + 1, Math::max);
        } finally {
            untracked.decrementAndGet();
        }
    }

    private void forget(Recent r) {
        if (r != null) {
            recentBytes.addAndGet(-r.bytes);
        }
    }

    /**
     * Drops from memory what every delivery has passed, or reads from the log anyway (below
     * {@link #memoryFrom}).
     */
    private void passed() {
        long readFromLog = memoryFrom.get() - 1;
        long least = Long.MAX_VALUE;
        for (Delivery d : deliveries) {
            least = Math.min(least, Math.max(d.checkpoint, readFromLog));
        }
        while (true) {
            Map.Entry<Long, Recent> first = recent.firstEntry();
            if (first == null || first.getKey() > least || !first.getValue().committed) {
                return;
            }
            if (recent.remove(first.getKey(), first.getValue())) {
                forget(first.getValue());
            }
        }
    }

    /** Whether memory holds every change after {@code after}. */
    private boolean inMemory(long after) {
        return untracked.get() == 0 && memoryFrom.get() <= after + 1;
    }

    /**
     * The committed changes after {@code after} from memory, at most {@link #BATCH}, stopping
     * at one whose transaction has not committed yet; or null if memory may not hold them all.
     */
    private List<CommittedChange> fromMemory(long after) {
        if (!inMemory(after)) {
            return null;
        }
        List<CommittedChange> out = new ArrayList<>();
        // a sequence missing between two is one whose transaction did not commit (taken out)
        for (Recent r : recent.tailMap(after, false).values()) {
            if (!r.committed || out.size() == BATCH) {
                break;
            }
            out.add(r.change);
        }
        // a change memory could not take, recorded meanwhile before those: the log has it
        return inMemory(after) ? out : null;
    }

    /** The keyspace of the log, whose values hold item images. */
    public static final String KEYSPACE = LOG;

    /** The name of the table whose change the log entry {@code value} holds. */
    public static String tableOf(byte[] value) {
        return ((AttributeValue.S) ItemCodec.decode(value).get("table")).value();
    }

    /**
     * Starts delivering to {@code listener} under {@code name}. A name seen for the first
     * time is subscribed at the log's end: it receives the changes committed from now on.
     */
    public void start(String name, ChangeListener listener) {
        byte[] key = name.getBytes(StandardCharsets.UTF_8);
        long checkpoint = committer.submit(0, w -> {
            byte[] v = w.get(CHECKPOINTS, key, EMPTY);
            if (v != null) {
                return sequence(v);
            }
            // inside the serial order of writes: every write after this one is logged
            subscribed = true;
            long at = next.get() - 1;
            w.put(CHECKPOINTS, key, EMPTY, bytes(at));
            return at;
        });
        subscribed = true;
        Delivery d = new Delivery(name, key, listener, checkpoint);
        deliveries.add(d);
        d.thread.start();
    }

    /**
     * How many logged changes the delivery named {@code name} has not acknowledged yet: an
     * estimate (sequence numbers may skip), or 0 if there is no such delivery.
     */
    public long pending(String name) {
        for (Delivery d : deliveries) {
            if (d.name.equals(name)) {
                return Math.max(0, next.get() - 1 - d.checkpoint);
            }
        }
        return 0;
    }

    /**
     * Hands {@code sink} the logged changes the delivery named {@code name} has not acknowledged
     * yet, oldest first, at most {@code limit} of them (a status counting a backlog by table);
     * reads only.
     *
     * @return how many it handed over (0 if there is no such delivery)
     */
    public int peek(String name, int limit, java.util.function.Consumer<CommittedChange> sink) {
        long after = -1;
        for (Delivery d : deliveries) {
            if (d.name.equals(name)) {
                after = d.checkpoint;
            }
        }
        if (after < 0) {
            return 0;
        }
        int seen = 0;
        while (seen < limit) {
            List<CommittedChange> page = read(after);
            if (page.isEmpty()) {
                break;
            }
            for (CommittedChange c : page) {
                if (seen == limit) {
                    break;
                }
                sink.accept(c);
                seen++;
            }
            after = page.get(page.size() - 1).sequence();
        }
        return seen;
    }

    /** Stops every delivery (a batch being delivered finishes first) and closes the listeners. */
    @Override
    public void close() {
        for (Delivery d : deliveries) {
            d.stopped = true;
            d.thread.interrupt();
        }
        for (Delivery d : deliveries) {
            try {
                d.thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!d.thread.isAlive() && d.stored != d.checkpoint) {
                try {
                    d.store(); // what it acknowledged is not delivered again after a clean close
                } catch (RuntimeException e) {
                    // the storage closed first: those changes are delivered again, at least once
                }
            }
            d.listener.close();
        }
        deliveries.clear();
    }

    /** One listener's delivery thread. */
    private final class Delivery implements Runnable {
        final String name;
        final byte[] key;
        final ChangeListener listener;
        final Thread thread;
        /** The last sequence the listener acknowledged. */
        volatile long checkpoint;
        /** The checkpoint as last stored (read by {@link #close} once the thread ended). */
        long stored;
        /** When it was stored, by System.nanoTime(). */
        long storedAt;

        volatile boolean stopped;

        Delivery(String name, byte[] key, ChangeListener listener, long checkpoint) {
            this.name = name;
            this.key = key;
            this.listener = listener;
            this.checkpoint = checkpoint;
            this.stored = checkpoint;
            this.storedAt = System.nanoTime();
            this.thread = new Thread(this, "floe-listener-" + name);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (!stopped) {
                try {
                    List<CommittedChange> batch = fromMemory(checkpoint);
                    if (batch == null) {
                        batch = read(checkpoint);
                    }
                    if (batch.isEmpty()) {
                        long due = CHECKPOINT_NANOS - (System.nanoTime() - storedAt);
                        if (stored != checkpoint && due <= 0) {
                            store();
                        } else {
                            LockSupport.parkNanos(stored != checkpoint ? Math.min(due, IDLE_NANOS) : IDLE_NANOS);
                        }
                        continue;
                    }
                    try {
                        listener.onChanges(batch);
                    } catch (Exception | LinkageError | AssertionError e) {
                        Thread.sleep(retryMillis);
                        continue;
                    }
                    checkpoint = batch.get(batch.size() - 1).sequence();
                    passed();
                    if (System.nanoTime() - storedAt >= CHECKPOINT_NANOS) {
                        store();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (stopped) {
                        return; // the backend closed under a read
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(retryMillis));
                }
            }
        }

        /** Stores the acknowledged position (and trims what every checkpoint has passed). */
        void store() {
            long at = checkpoint;
            committer.submit(0, w -> {
                w.put(CHECKPOINTS, key, EMPTY, bytes(at));
                trim(w);
                return null;
            });
            stored = at;
            storedAt = System.nanoTime();
        }
    }

    private List<CommittedChange> read(long after) {
        List<CommittedChange> out = new ArrayList<>();
        try (ReadTransaction r = backend.beginRead()) {
            r.range(
                    LOG,
                    PARTITION,
                    new SortRange(bytes(after), false, null, false),
                    false,
                    BATCH,
                    (p, s, v) -> out.add(decode(sequence(s), ItemCodec.decode(v))));
        }
        return out;
    }

    /** Deletes the entries every checkpoint has passed, a bounded number at a time. */
    private void trim(WriteTransaction w) {
        long[] min = {Long.MAX_VALUE};
        w.scan(CHECKPOINTS, 0, 1, null, (p, s, v) -> {
            min[0] = Math.min(min[0], sequence(v));
            return true;
        });
        List<byte[]> passed = new ArrayList<>();
        w.range(
                LOG,
                PARTITION,
                new SortRange(EMPTY, true, bytes(min[0]), true),
                false,
                TRIM,
                (p, s, v) -> passed.add(s));
        for (byte[] s : passed) {
            w.delete(LOG, PARTITION, s);
        }
    }

    /** The change as {@link #decode} reads it back, without the round trip. */
    private static CommittedChange committed(long sequence, ItemChange change, long at) {
        return new CommittedChange(
                sequence,
                change.table().name(),
                CommittedChange.Kind.valueOf(change.kind().name()),
                change.keys(),
                change.oldImage(),
                change.newImage(),
                Instant.ofEpochMilli(at),
                change.byService(),
                change.origin() == null ? 0 : change.stamp(),
                change.origin());
    }

    private static Item encode(ItemChange change, long at) {
        Item.Builder b = Item.builder()
                .put("table", change.table().name())
                .put("kind", change.kind().name())
                .put("keys", AttributeValue.m(change.keys().attributes()))
                .put("at", at)
                .put("service", AttributeValue.bool(change.byService()));
        if (change.origin() != null) {
            b.put("stamp", AttributeValue.n(Long.toUnsignedString(change.stamp())));
            b.put("origin", change.origin());
        }
        if (change.oldImage() != null) {
            b.put("old", AttributeValue.m(change.oldImage().attributes()));
        }
        if (change.newImage() != null) {
            b.put("new", AttributeValue.m(change.newImage().attributes()));
        }
        return b.build();
    }

    private static CommittedChange decode(long sequence, Item v) {
        return new CommittedChange(
                sequence,
                ((AttributeValue.S) v.get("table")).value(),
                CommittedChange.Kind.valueOf(((AttributeValue.S) v.get("kind")).value()),
                image(v.get("keys")),
                image(v.get("old")),
                image(v.get("new")),
                Instant.ofEpochMilli(((AttributeValue.N) v.get("at")).value().longValueExact()),
                ((AttributeValue.Bool) v.get("service")).value(),
                v.get("stamp") == null
                        ? 0
                        : Long.parseUnsignedLong(
                                ((AttributeValue.N) v.get("stamp")).value().toPlainString()),
                v.get("origin") == null ? null : ((AttributeValue.S) v.get("origin")).value());
    }

    private static Item image(AttributeValue v) {
        return v == null ? null : Item.of(((AttributeValue.M) v).values());
    }

    private static byte[] bytes(long sequence) {
        return ByteBuffer.allocate(8).putLong(sequence).array();
    }

    private static long sequence(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }
}
