package floe.engine.replica;

import floe.api.FloeDb;
import floe.api.Item;
import floe.engine.change.ChangeLog;
import floe.engine.codec.ItemCodec;
import floe.engine.item.ItemKeys;
import floe.engine.item.ItemWrite;
import floe.engine.item.ItemWriter;
import floe.engine.item.Refusal;
import floe.engine.item.WriteCheck;
import floe.engine.item.WritePlan;
import floe.engine.stamp.Stamp;
import floe.engine.stamp.Stamps;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.write.GroupCommit;
import floe.spi.extension.ChangeListener;
import floe.spi.extension.CommittedChange;
import floe.spi.extension.ReplicaHost;
import floe.spi.extension.ReplicatedChange;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The engine as a {@link ReplicaHost}: replicated changes go through the one
 * {@link ItemWriter}, so they keep indexes, streams, Time to Live and the change log as a
 * local write does, but they are decided by stamp, not by condition: a change is applied only
 * when its stamp wins over the item's stored one (a tombstone's included), in the same
 * transaction that reads it, which makes applying idempotent and order-free.
 */
public final class Replication implements ReplicaHost {
    /** Tombstones deleted per transaction. */
    private static final int PURGE_BATCH = 500;

    private final StorageBackend backend;
    private final TableCatalog catalog;
    private final GroupCommit committer;
    private final ItemWriter writer;
    private final Stamps stamps;
    private final ChangeLog changeLog;
    private final Clock clock;
    private final FloeDb database;
    private final Function<String, ReplicaHost> otherRegions;

    /**
     * The engine's parts a replica host works with.
     *
     * @param otherRegions the host of another Region of the same database by its name (null if
     *     the database hosts one Region only)
     */
    public Replication(
            StorageBackend backend,
            TableCatalog catalog,
            GroupCommit committer,
            ItemWriter writer,
            Stamps stamps,
            ChangeLog changeLog,
            Clock clock,
            FloeDb database,
            Function<String, ReplicaHost> otherRegions) {
        this.backend = backend;
        this.catalog = catalog;
        this.committer = committer;
        this.writer = writer;
        this.stamps = stamps;
        this.changeLog = changeLog;
        this.clock = clock;
        this.database = database;
        this.otherRegions = otherRegions;
    }

    @Override
    public String region() {
        return stamps.region();
    }

    @Override
    public FloeDb database() {
        return database;
    }

    @Override
    public ReplicaHost otherRegion(String region) {
        return region.equals(region()) ? this : otherRegions.apply(region);
    }

    @Override
    public boolean apply(ReplicatedChange change) {
        return applyAll(List.of(change)) == 1;
    }

    /** Applies the changes in one commit: a batch from a peer is all applied or, on a failure, none. */
    @Override
    public int applyAll(List<ReplicatedChange> changes) {
        List<TableDefinition> tables = new ArrayList<>(changes.size());
        for (ReplicatedChange c : changes) {
            tables.add(catalog.require(c.tableName()));
            stamps.hlc().observe(c.stamp());
        }
        long bytes = 0;
        for (ReplicatedChange c : changes) {
            bytes += c.newImage() == null ? c.keys().size() : c.newImage().size();
        }
        return committer.submit(bytes, w -> {
            int won = 0;
            for (int i = 0; i < changes.size(); i++) {
                if (applyOne(w, catalog.current(tables.get(i)), changes.get(i))) {
                    won++;
                }
            }
            return won;
        });
    }

    private boolean applyOne(WriteTransaction w, TableDefinition table, ReplicatedChange c) {
        ItemKeys keys = ItemKeys.ofKey(table, c.keys().attributes());
        Stamp incoming = stamps.replicated(c.stamp(), c.origin(), c.isDelete());
        if (!incoming.winsOver(Stamps.read(w, table, keys.partition(), keys.sort()))) {
            return false;
        }
        ItemWrite write =
                c.isDelete() ? ItemWrite.delete(table, c.keys(), null) : ItemWrite.put(table, c.newImage(), null);
        WriteCheck check = writer.check(w, write);
        if (check instanceof Refusal refusal) {
            // the tables' definitions differ (an index key of another type): nothing can be written
            throw refusal.error(false);
        }
        writer.write(w, (WritePlan) check, incoming);
        return true;
    }

    @Override
    public void copy(String tableName, Consumer<ReplicatedChange> sink) {
        TableDefinition table = catalog.require(tableName);
        try (ReadTransaction r = backend.beginRead()) {
            r.scan(table.keyspace(), 0, 1, null, (p, s, v) -> {
                Item item = ItemCodec.decode(v);
                byte[] sv = r.get(table.stampsKeyspace(), p, s);
                Stamp stamp = sv == null ? null : Stamps.decode(sv);
                Item keys = Item.of(ItemKeys.keyOf(table, item));
                sink.accept(new ReplicatedChange(
                        tableName,
                        keys,
                        item,
                        stamp == null ? 0 : stamp.hlc(),
                        stamp == null ? stamps.region() : stamp.region()));
                return true;
            });
        }
    }

    @Override
    public void follow(String name, ChangeListener listener) {
        changeLog.start(name, listener);
    }

    @Override
    public long pending(String name) {
        return changeLog.pending(name);
    }

    @Override
    public int peekPending(String name, int limit, Consumer<CommittedChange> sink) {
        return changeLog.peek(name, limit, sink);
    }

    @Override
    public long purgeTombstones(long retentionMillis) {
        long before = clock.millis() - retentionMillis;
        long purged = 0;
        for (TableDefinition table : catalog.all()) {
            while (true) {
                List<byte[][]> old = new ArrayList<>();
                try (ReadTransaction r = backend.beginRead()) {
                    r.scan(table.stampsKeyspace(), 0, 1, null, (p, s, v) -> {
                        Stamp stamp = Stamps.decode(v);
                        if (stamp.tombstone() && stamp.storedAtMillis() < before) {
                            old.add(new byte[][] {p, s});
                        }
                        return old.size() < PURGE_BATCH;
                    });
                } catch (RuntimeException e) {
                    break; // the table was deleted under the scan
                }
                if (old.isEmpty()) {
                    break;
                }
                int n = committer.submit(0, w -> {
                    int deleted = 0;
                    for (byte[][] key : old) {
                        byte[] v = w.get(table.stampsKeyspace(), key[0], key[1]);
                        // only if still that tombstone: a write since may have replaced it
                        if (v != null
                                && Stamps.decode(v).tombstone()
                                && Stamps.decode(v).storedAtMillis() < before) {
                            w.delete(table.stampsKeyspace(), key[0], key[1]);
                            deleted++;
                        }
                    }
                    return deleted;
                });
                purged += n;
                if (old.size() < PURGE_BATCH) {
                    break;
                }
            }
        }
        return purged;
    }
}
