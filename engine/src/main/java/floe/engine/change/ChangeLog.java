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

    private final StorageBackend backend;
    private final GroupCommit committer;
    private final Clock clock;
    private final long retryMillis;
    /** The next sequence number; only the committing thread takes one. */
    private final AtomicLong next;

    private volatile boolean subscribed;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    /**
     * A log over {@code backend}, making its keyspaces on first use.
     *
     * @param retryMillis the pause before a batch a listener failed is delivered again
     */
    public ChangeLog(StorageBackend backend, GroupCommit committer, Clock clock, long retryMillis) {
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
        long sequence = next.getAndIncrement();
        w.put(LOG, PARTITION, bytes(sequence), ItemCodec.encode(encode(change)));
        for (Delivery d : deliveries) {
            LockSupport.unpark(d.thread); // it reads after the commit, or at its next idle wake-up
        }
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
        volatile long checkpoint;
        volatile boolean stopped;

        Delivery(String name, byte[] key, ChangeListener listener, long checkpoint) {
            this.name = name;
            this.key = key;
            this.listener = listener;
            this.checkpoint = checkpoint;
            this.thread = new Thread(this, "floe-listener-" + name);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (!stopped) {
                try {
                    List<CommittedChange> batch = read(checkpoint);
                    if (batch.isEmpty()) {
                        LockSupport.parkNanos(IDLE_NANOS);
                        continue;
                    }
                    try {
                        listener.onChanges(batch);
                    } catch (Exception | LinkageError | AssertionError e) {
                        Thread.sleep(retryMillis);
                        continue;
                    }
                    long last = batch.get(batch.size() - 1).sequence();
                    committer.submit(0, w -> {
                        w.put(CHECKPOINTS, key, EMPTY, bytes(last));
                        trim(w);
                        return null;
                    });
                    checkpoint = last;
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

    private Item encode(ItemChange change) {
        Item.Builder b = Item.builder()
                .put("table", change.table().name())
                .put("kind", change.kind().name())
                .put("keys", AttributeValue.m(change.keys().attributes()))
                .put("at", clock.millis())
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
