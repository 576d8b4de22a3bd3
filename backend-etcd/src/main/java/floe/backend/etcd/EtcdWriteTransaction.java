package floe.backend.etcd;

import floe.spi.storage.ConflictException;
import floe.spi.storage.StorageLimits;
import floe.spi.storage.UnsupportedCapabilityException;
import floe.spi.storage.WriteTransaction;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An optimistic write transaction: reads at its snapshot's revision R, buffers its writes, and
 * commits them in one etcd transaction that applies only if everything read is unchanged since R:
 * each key read still has the mod revision seen (0 for an absent key), each partition ranged over
 * and each keyspace scanned has a guard not rewritten after R, and each keyspace used still has the
 * create revision seen. Every commit rewrites the guards of the partitions and keyspaces it
 * changes. So commits are serializable in etcd's revision order; a failed comparison is a {@link
 * ConflictException}, with nothing written.
 */
final class EtcdWriteTransaction extends EtcdReadTransaction implements WriteTransaction {
    private static final java.util.Comparator<byte[]> ORDER = Arrays::compareUnsigned;

    /** Buffered writes per keyspace: etcd key to value, or {@link Reads#DELETED}. */
    private final Map<String, TreeMap<byte[], byte[]>> writes = new HashMap<>();
    /** Guards of the partitions written. */
    private final TreeSet<byte[]> writtenGuards = new TreeSet<>(ORDER);
    /** Keys read, with the mod revision seen. */
    private final TreeMap<byte[], Long> readKeys = new TreeMap<>(ORDER);
    /** Guards of partitions and keyspaces read by range or scan. */
    private final TreeSet<byte[]> readGuards = new TreeSet<>(ORDER);

    EtcdWriteTransaction(EtcdBackend backend) {
        super(backend);
    }

    @Override
    public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
        checkActive();
        StorageLimits.checkKey(partition, sort);
        if (value.length > backend.capabilities().maxValueSize()) {
            throw new UnsupportedCapabilityException("a value of " + value.length + " bytes exceeds the etcd backend's"
                    + " maxValueSize of " + backend.capabilities().maxValueSize());
        }
        write(keyspace, partition, sort, value.clone());
    }

    @Override
    public void delete(String keyspace, byte[] partition, byte[] sort) {
        checkActive();
        write(keyspace, partition, sort, Reads.DELETED);
    }

    private void write(String keyspace, byte[] partition, byte[] sort, byte[] value) {
        keyspace(keyspace);
        writes.computeIfAbsent(keyspace, k -> new TreeMap<>(ORDER))
                .put(keys.entryKey(keyspace, partition, sort), value);
        writtenGuards.add(keys.partitionGuard(keyspace, partition));
    }

    @Override
    public void commit() {
        checkActive();
        try {
            if (writes.isEmpty()) {
                return; // read only: serializable at its snapshot
            }
            List<Cmp> checks = new ArrayList<>();
            for (String keyspace : writes.keySet()) {
                checks.add(new Cmp(
                        bytes(keys.catalogKey(keyspace)),
                        Cmp.Op.EQUAL,
                        CmpTarget.createRevision(catalog().get(keyspace))));
            }
            readKeys.forEach((key, modRevision) ->
                    checks.add(new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(modRevision))));
            for (byte[] guard : readGuards) {
                checks.add(new Cmp(bytes(guard), Cmp.Op.LESS, CmpTarget.modRevision(revision + 1)));
            }
            List<Op> ops = new ArrayList<>();
            for (Map.Entry<String, TreeMap<byte[], byte[]>> ks : writes.entrySet()) {
                for (Map.Entry<byte[], byte[]> w : ks.getValue().entrySet()) {
                    ops.add(
                            w.getValue() == Reads.DELETED
                                    ? Op.delete(bytes(w.getKey()), DeleteOption.DEFAULT)
                                    : Op.put(bytes(w.getKey()), bytes(w.getValue()), PutOption.DEFAULT));
                }
                ops.add(Op.put(bytes(keys.keyspaceGuard(ks.getKey())), EtcdBackend.MARK, PutOption.DEFAULT));
            }
            for (byte[] guard : writtenGuards) {
                ops.add(Op.put(bytes(guard), EtcdBackend.MARK, PutOption.DEFAULT));
            }
            TxnResponse response = backend.await(
                    backend.kv()
                            .txn()
                            .If(checks.toArray(Cmp[]::new))
                            .Then(ops.toArray(Op[]::new))
                            .commit(),
                    "commit");
            if (!response.isSucceeded()) {
                throw new ConflictException("the transaction conflicted with another that committed first: something"
                        + " it read changed after revision " + revision);
            }
        } finally {
            end();
        }
    }

    @Override
    byte[] buffered(String keyspace, byte[] key) {
        TreeMap<byte[], byte[]> own = writes.get(keyspace);
        return own == null ? null : own.get(key);
    }

    @Override
    NavigableMap<byte[], byte[]> buffered(String keyspace) {
        return writes.get(keyspace);
    }

    @Override
    void readKey(byte[] key, long modRevision) {
        readKeys.putIfAbsent(key, modRevision);
    }

    @Override
    void readPartition(String keyspace, byte[] partition) {
        readGuards.add(keys.partitionGuard(keyspace, partition));
    }

    @Override
    void readKeyspace(String keyspace) {
        readGuards.add(keys.keyspaceGuard(keyspace));
    }

    private static ByteSequence bytes(byte[] b) {
        return ByteSequence.from(b);
    }
}
