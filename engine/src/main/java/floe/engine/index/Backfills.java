package floe.engine.index;

import floe.api.Item;
import floe.engine.codec.ItemCodec;
import floe.engine.table.IndexDefinition;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.write.GroupCommit;
import floe.spi.storage.EntryKey;
import floe.spi.storage.StorageException;
import floe.spi.storage.WriteTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The online backfill of global secondary indexes added to existing tables. From
 * the moment such an index is published (CREATING) every item write keeps it; a
 * background task per index then walks the table in bounded batches, each one work
 * of the group committer (so one short write transaction among the others, never one
 * huge one), writing the entries of the items written before the index existed. Each
 * batch records how far it came in the same transaction, so a restart resumes there.
 * When a batch reaches the table's end, the index is handed to {@link Completion}, which
 * makes it ACTIVE.
 *
 * <p>An entry already there was written by an item write since the index existed,
 * from the item as it is now: the backfill leaves it, so every item is indexed exactly
 * once. Items whose index key attribute has the wrong type, is empty or too large are
 * left out, as DynamoDB leaves them out.
 */
public final class Backfills implements AutoCloseable {
    /** Bound on the bytes of items one batch reads, whatever its item bound. */
    static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;
    /** How long a task waits before retrying a batch the backend failed (full, conflict). */
    private static final long RETRY_MILLIS = 1000;

    private static final System.Logger LOG = System.getLogger(Backfills.class.getName());

    /** Makes a fully backfilled index ACTIVE, if it still exists and is still CREATING. */
    @FunctionalInterface
    public interface Completion {
        /** Called by a backfill task once every entry is written. */
        void backfilled(String tableName, String tableId, String indexId);
    }

    /**
     * What one batch did.
     *
     * @param done the table was read to its end
     * @param gone the index (or its table) no longer exists, or no longer needs backfilling
     * @param written the entries it wrote
     */
    record Batch(boolean done, boolean gone, int written) {}

    private final TableCatalog catalog;
    private final GroupCommit committer;
    private final int batchItems;
    private final long pauseMillis;
    private final Completion completion;
    private final ExecutorService tasks = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "floe-index-backfill");
        t.setDaemon(true);
        return t;
    });
    /** Ids of the indexes being backfilled: one task per index. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    private volatile boolean closed;

    /**
     * @param batchItems the most table items one batch reads
     * @param pauseMillis the pause between batches
     */
    public Backfills(
            TableCatalog catalog, GroupCommit committer, int batchItems, long pauseMillis, Completion completion) {
        this.catalog = catalog;
        this.committer = committer;
        this.batchItems = batchItems;
        this.pauseMillis = pauseMillis;
        this.completion = completion;
    }

    /** Starts backfilling {@code index} of {@code table}, unless a task does already or this is closed. */
    public void start(TableDefinition table, IndexDefinition index) {
        if (closed || !running.add(index.id())) {
            return;
        }
        try {
            tasks.execute(() -> {
                try {
                    run(table.name(), table.id(), index.id());
                } finally {
                    running.remove(index.id());
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(index.id()); // closing: the next open resumes it
        }
    }

    /** Stops every task after its current batch and waits for them; what is left resumes at the next open. */
    @Override
    public void close() {
        closed = true;
        tasks.shutdownNow();
        try {
            if (!tasks.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "index backfill tasks did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(String tableName, String tableId, String indexId) {
        while (!closed) {
            Batch batch;
            try {
                batch = committer.submit(MAX_BATCH_BYTES, w -> batch(w, tableName, tableId, indexId));
            } catch (StorageException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "backfill of an index of table " + tableName + " failed; retrying",
                        e);
                if (!pause(RETRY_MILLIS)) {
                    return;
                }
                continue;
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.log(
                            System.Logger.Level.ERROR,
                            "backfill of an index of table " + tableName + " stopped; it resumes at the next open",
                            e);
                }
                return;
            }
            if (batch.gone()) {
                return;
            }
            if (batch.done()) {
                completion.backfilled(tableName, tableId, indexId);
                return;
            }
            if (pauseMillis > 0 && !pause(pauseMillis)) {
                return;
            }
        }
    }

    /** Sleeps; false if interrupted (closing). */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /**
     * One batch, as a work of the group committer: reads the table after the recorded
     * position, then writes the missing entries, their statistics and the new position.
     * It reads everything before it writes, and keeps no state between runs.
     */
    Batch batch(WriteTransaction w, String tableName, String tableId, String indexId) {
        TableDefinition table = catalog.get(tableName);
        IndexDefinition index = table == null || !table.id().equals(tableId) ? null : table.indexById(indexId);
        if (index == null || !index.isCreating()) {
            return new Batch(false, true, 0);
        }
        EntryKey resume = catalog.backfillPosition(w, index);
        List<EntryKey> keys = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        long[] bytes = {0};
        w.scan(table.keyspace(), 0, 1, resume, (p, s, v) -> {
            keys.add(new EntryKey(p, s));
            items.add(ItemCodec.decode(v));
            bytes[0] += v.length;
            return keys.size() < batchItems && bytes[0] < MAX_BATCH_BYTES;
        });
        if (keys.isEmpty()) {
            return new Batch(true, false, 0);
        }
        List<IndexEntry> missing = new ArrayList<>();
        for (Item item : items) {
            IndexEntry entry = IndexEntry.existing(table, index, item);
            if (entry != null && w.get(index.keyspace(), entry.partition(), entry.sort()) == null) {
                missing.add(entry);
            }
        }
        long size = 0;
        for (IndexEntry entry : missing) {
            w.put(index.keyspace(), entry.partition(), entry.sort(), entry.value());
            size += entry.size();
        }
        catalog.addStats(w, index, missing.size(), size);
        catalog.putBackfillPosition(w, index, keys.get(keys.size() - 1));
        boolean rest = keys.size() == batchItems || bytes[0] >= MAX_BATCH_BYTES;
        return new Batch(!rest, false, missing.size());
    }
}
