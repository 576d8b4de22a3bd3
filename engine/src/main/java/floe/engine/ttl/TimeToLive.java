package floe.engine.ttl;

import floe.api.FloeAdmin;
import floe.api.error.FloeException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.DescribeTimeToLiveRequest;
import floe.api.model.DescribeTimeToLiveResponse;
import floe.api.model.TimeToLiveDescription;
import floe.api.model.TimeToLiveSpecification;
import floe.api.model.UpdateTimeToLiveRequest;
import floe.api.model.UpdateTimeToLiveResponse;
import floe.engine.codec.ItemCodec;
import floe.engine.item.ItemWrite;
import floe.engine.item.ItemWriter;
import floe.engine.item.WritePlan;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableNames;
import floe.engine.validate.Constraints;
import floe.engine.write.GroupCommit;
import floe.spi.storage.EntryKey;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageException;
import floe.spi.storage.WriteTransaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Time to Live: UpdateTimeToLive and DescribeTimeToLive, and the sweep that deletes
 * expired items. The sweep runs on a thread of its own every configured interval (and
 * when {@link FloeAdmin#sweepExpiredItems} asks). For each table with Time to Live on
 * it first, while the table is ENABLING, enters the items written before into the
 * {@link ExpiryIndex} in bounded batches, then makes it ENABLED; then it deletes the
 * items the index shows expired, in batches, each a work of the group committer that
 * re-reads the item and deletes it only if it still expires by then. The deletes take
 * the one write path of items, so indexes, statistics and change recorders (streams,
 * listeners) follow them; their changes are marked as made by the service. Lastly it
 * purges the entries of generations no table uses any more.
 *
 * <p>Restart: an ENABLING table's entering starts again from the table's first item
 * (entering an item twice writes the same entry), the rest resumes as it was.
 */
public final class TimeToLive implements AutoCloseable {
    /** Items entered or deleted per work: a short write transaction among the others. */
    static final int BATCH = 256;

    private final StorageBackend backend;
    private final TableCatalog catalog;
    private final GroupCommit committer;
    private final ItemWriter writer;
    private final ExpiryIndex index;
    private final Clock clock;
    private final Object controlPlane;
    private final ScheduledExecutorService sweeper;

    /**
     * @param writer the item writer, whose change recorders include the expiry index
     * @param controlPlane the engine's control-plane lock, held while a table's settings change
     * @param intervalMillis how often the sweep runs in the background
     */
    public TimeToLive(
            StorageBackend backend,
            TableCatalog catalog,
            GroupCommit committer,
            ItemWriter writer,
            ExpiryIndex index,
            Clock clock,
            Object controlPlane,
            long intervalMillis) {
        this.backend = backend;
        this.catalog = catalog;
        this.committer = committer;
        this.writer = writer;
        this.index = index;
        this.clock = clock;
        this.controlPlane = controlPlane;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "floe-ttl-sweep");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(
                () -> quietly(this::sweep), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    public UpdateTimeToLiveResponse update(UpdateTimeToLiveRequest r) {
        Constraints c = new Constraints();
        String name = TableNames.check(r.tableName(), c);
        TimeToLiveSpecification spec = r.timeToLiveSpecification();
        c.notNull(spec, "timeToLiveSpecification");
        if (spec != null) {
            c.notNull(spec.enabled(), "timeToLiveSpecification.enabled");
            c.notNull(spec.attributeName(), "timeToLiveSpecification.attributeName");
            if (spec.attributeName() != null) {
                c.length(
                        spec.attributeName(),
                        spec.attributeName().length(),
                        1,
                        255,
                        "timeToLiveSpecification.attributeName");
            }
        }
        c.throwIfAny();
        synchronized (controlPlane) {
            TableDefinition def = catalog.requireNamed(name);
            TimeToLiveSettings current = TimeToLiveSettings.of(def);
            TableDefinition updated;
            if (spec.enabled()) {
                if (current != null) {
                    throw new ValidationException("TimeToLive is already enabled");
                }
                updated = new TimeToLiveSettings(
                                spec.attributeName(),
                                TimeToLiveSettings.ENABLING,
                                UUID.randomUUID().toString())
                        .applyTo(def);
            } else {
                if (current == null) {
                    throw new ValidationException("TimeToLive is already disabled");
                }
                updated = def.withSetting(TimeToLiveSettings.SETTING, null);
            }
            try (WriteTransaction w = backend.beginWrite()) {
                catalog.put(w, updated);
                if (current != null) {
                    index.orphan(w, current);
                }
                w.commit();
            }
            catalog.published(updated);
            if (current != null) {
                // writes resolved against the old definition may still enter items into the old generation:
                // let them commit before the purge can find that generation empty
                committer.submit(0, w -> null);
            }
        }
        // enters the table's items at once rather than at the next sweep; deletes nothing before the sweep does
        sweeper.execute(() -> quietly(this::enable));
        return new UpdateTimeToLiveResponse(spec);
    }

    public DescribeTimeToLiveResponse describe(DescribeTimeToLiveRequest r) {
        TimeToLiveSettings ttl = TimeToLiveSettings.of(catalog.requireNamed(TableNames.checked(r.tableName())));
        return new DescribeTimeToLiveResponse(
                ttl == null
                        ? new TimeToLiveDescription("DISABLED", null)
                        // ENABLED as soon as UpdateTimeToLive returns, as DynamoDB shows it; entering the items
                        // written before (the internal ENABLING) goes on in the background, unseen
                        : new TimeToLiveDescription(TimeToLiveSettings.ENABLED, ttl.attributeName()));
    }

    /** In a DeleteTable's transaction: the table's expiry entries are to be purged. */
    public void deleted(WriteTransaction w, TableDefinition def) {
        TimeToLiveSettings ttl = TimeToLiveSettings.of(def);
        if (ttl != null) {
            index.orphan(w, ttl);
        }
    }

    /** Runs a whole sweep now; one at a time. */
    public synchronized long sweep() {
        enable();
        long deleted = 0;
        for (TableDefinition def : catalog.all()) {
            TimeToLiveSettings ttl = TimeToLiveSettings.of(def);
            if (ttl != null && TimeToLiveSettings.ENABLED.equals(ttl.status())) {
                try {
                    deleted += reap(def, ttl);
                } catch (ResourceNotFoundException e) {
                    // the table was deleted meanwhile: its generation is orphaned and purged below
                }
            }
        }
        while (committer.submit(0, w -> index.purge(w, BATCH)) > 0) {
            // purge until nothing is left
        }
        return deleted;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        try {
            sweeper.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Finishes the enabling of every ENABLING table: enters its items into the index, then makes it ENABLED. */
    private synchronized void enable() {
        for (TableDefinition def : catalog.all()) {
            TimeToLiveSettings ttl = TimeToLiveSettings.of(def);
            if (ttl != null && TimeToLiveSettings.ENABLING.equals(ttl.status())) {
                try {
                    enterAll(def, ttl);
                } catch (ResourceNotFoundException e) {
                    // the table was deleted meanwhile
                }
            }
        }
    }

    private static void quietly(Runnable task) {
        try {
            task.run();
        } catch (StorageException | FloeException | IllegalStateException e) {
            // a closing backend, a full disk: the next sweep tries again
        }
    }

    /** Enters every item of an ENABLING table into the index, then makes it ENABLED; false if its Time to Live changed meanwhile. */
    private boolean enterAll(TableDefinition def, TimeToLiveSettings ttl) {
        Entered entered = new Entered(BATCH, null);
        while (entered.count() == BATCH) {
            if (!ttl.equals(TimeToLiveSettings.of(catalog.current(def))) || catalog.get(def.name()) == null) {
                return false;
            }
            EntryKey after = entered.last();
            // the position is the work's result: a work run again after its group aborted starts where it did
            entered = committer.submit(0, w -> {
                int[] n = {0};
                EntryKey[] last = {after};
                w.scan(def.keyspace(), 0, 1, after, (p, s, v) -> {
                    index.enter(w, def, ttl, ItemCodec.decode(v));
                    last[0] = new EntryKey(p, s);
                    return ++n[0] < BATCH;
                });
                return new Entered(n[0], last[0]);
            });
        }
        synchronized (controlPlane) {
            TableDefinition now = catalog.get(def.name());
            if (now == null || !now.id().equals(def.id()) || !ttl.equals(TimeToLiveSettings.of(now))) {
                return false;
            }
            catalog.store(ttl.withStatus(TimeToLiveSettings.ENABLED).applyTo(now));
        }
        return true;
    }

    /** One batch of items entered into the expiry index: how many, and the table entry entered last (null: none yet). */
    private record Entered(int count, EntryKey last) {}

    /** Deletes the table's items that have expired by now; returns how many. */
    private long reap(TableDefinition def, TimeToLiveSettings ttl) {
        long deleted = 0;
        long now = clock.instant().getEpochSecond();
        while (true) {
            List<ExpiryIndex.Due> due;
            try (ReadTransaction r = backend.beginRead()) {
                due = index.due(r, ttl, now, BATCH);
            }
            if (due.isEmpty()) {
                return deleted;
            }
            int n = committer.submit(0, w -> {
                TableDefinition current = catalog.current(def);
                if (!ttl.equals(TimeToLiveSettings.of(current))) {
                    return -1; // turned off meanwhile: the generation is orphaned, and purged
                }
                // every check first, then every write, as a work must
                List<WritePlan> deletes = new ArrayList<>();
                List<ExpiryIndex.Due> stale = new ArrayList<>();
                for (ExpiryIndex.Due d : due) {
                    WritePlan delete = writer.check(
                                    w, ItemWrite.delete(current, d.key(), null).asService())
                            .orThrow();
                    Long expiry = ExpiryIndex.expiry(delete.old(), ttl.attributeName());
                    if (delete.old() != null && expiry != null && expiry == d.expiry() && !index.tooOld(expiry)) {
                        deletes.add(delete);
                    } else {
                        stale.add(d);
                    }
                }
                for (WritePlan delete : deletes) {
                    writer.write(w, delete);
                }
                for (ExpiryIndex.Due d : stale) {
                    index.remove(w, ttl, d);
                }
                return deletes.size();
            });
            if (n < 0) {
                return deleted;
            }
            deleted += n;
        }
    }
}
