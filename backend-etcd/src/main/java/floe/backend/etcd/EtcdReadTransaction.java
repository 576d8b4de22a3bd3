package floe.backend.etcd;

import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageException;
import floe.spi.storage.support.PartitionHashing;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Reads at one etcd revision, a consistent snapshot: the revision current when the transaction
 * began (one request, which also reads the keyspaces that existed then). Holds nothing on the cluster, so an
 * abandoned one costs nothing there (though a revision older than the cluster's compaction can no
 * longer be read).
 */
class EtcdReadTransaction implements ReadTransaction {
    final EtcdBackend backend;
    final Keys keys;
    /** The snapshot's revision. */
    final long revision;
    /** The keyspaces of the snapshot, each with the revision that created it. */
    private final Map<String, Long> catalog = new HashMap<>();

    private boolean done;

    EtcdReadTransaction(EtcdBackend backend) {
        this.backend = backend;
        this.keys = backend.keys();
        GetResponse response = backend.await(
                backend.kv()
                        .get(
                                ByteSequence.from(keys.catalogPrefix()),
                                GetOption.builder()
                                        .isPrefix(true)
                                        .withKeysOnly(true)
                                        .build()),
                "read the keyspaces");
        for (KeyValue kv : response.getKvs()) {
            catalog.put(keys.keyspaceOf(kv.getKey().getBytes()), kv.getCreateRevision());
        }
        revision = response.getHeader().getRevision();
    }

    @Override
    public byte[] get(String keyspace, byte[] partition, byte[] sort) {
        checkActive();
        keyspace(keyspace);
        byte[] key = keys.entryKey(keyspace, partition, sort);
        byte[] own = buffered(keyspace, key);
        if (own != null) {
            return own == Reads.DELETED ? null : own.clone();
        }
        GetResponse response = backend.await(
                backend.kv()
                        .get(
                                ByteSequence.from(key),
                                GetOption.builder().withRevision(revision).build()),
                "read an entry");
        List<KeyValue> kvs = response.getKvs();
        KeyValue found = kvs.isEmpty() ? null : kvs.get(0);
        readKey(key, found == null ? 0 : found.getModRevision());
        return found == null ? null : found.getValue().getBytes();
    }

    @Override
    public int range(
            String keyspace, byte[] partition, SortRange range, boolean reverse, int limit, EntryVisitor visitor) {
        checkActive();
        keyspace(keyspace);
        if (range.isEmpty() || limit <= 0) {
            return 0;
        }
        readPartition(keyspace, partition);
        byte[][] bounds = keys.sortRange(keyspace, partition, range);
        Iterator<Reads.Entry> entries = entries(keyspace, bounds[0], bounds[1], reverse, limit);
        int count = 0;
        while (entries.hasNext()) {
            Reads.Entry e = entries.next();
            byte[][] parts = keys.decode(keyspace, e.key());
            count++;
            if (!visitor.visit(parts[0], parts[1], e.value().clone()) || count >= limit) {
                break;
            }
        }
        return count;
    }

    @Override
    public int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
        checkActive();
        PartitionHashing.checkSegment(segment, totalSegments);
        keyspace(keyspace);
        readKeyspace(keyspace);
        byte[][] bounds = keys.segmentRange(keyspace, segment, totalSegments);
        byte[] from = bounds[0];
        if (resumeAfter != null) {
            long hash = PartitionHashing.hash(resumeAfter.partition());
            if (PartitionHashing.segmentOf(hash, totalSegments) != segment) {
                throw new IllegalArgumentException(
                        "resumeAfter lies outside segment " + segment + " of " + totalSegments);
            }
            from = Keys.concat(keys.entryKey(keyspace, resumeAfter), new byte[] {0});
        }
        Iterator<Reads.Entry> entries = entries(keyspace, from, bounds[1], false, Reads.PAGE);
        int count = 0;
        while (entries.hasNext()) {
            Reads.Entry e = entries.next();
            byte[][] parts = keys.decode(keyspace, e.key());
            count++;
            if (!visitor.visit(parts[0], parts[1], e.value().clone())) {
                break;
            }
        }
        return count;
    }

    @Override
    public void close() {
        done = true;
    }

    /** The create revision of a keyspace of the snapshot. */
    final long keyspace(String keyspace) {
        Long created = catalog.get(keyspace);
        if (created == null) {
            throw new StorageException("no such keyspace: " + keyspace);
        }
        return created;
    }

    /** The keyspaces this transaction's snapshot had, with their create revisions. */
    final Map<String, Long> catalog() {
        return catalog;
    }

    final void checkActive() {
        if (done) {
            throw new StorageException("the transaction has ended");
        }
        backend.checkOpen();
    }

    final void end() {
        done = true;
    }

    /** This transaction's own buffered value or {@link Reads#DELETED} for a key, or null: none here. */
    byte[] buffered(String keyspace, byte[] key) {
        return null;
    }

    /** This transaction's own buffered writes of a keyspace, or null: none here. */
    NavigableMap<byte[], byte[]> buffered(String keyspace) {
        return null;
    }

    /** Notes that a key was read at its mod revision (0: absent); nothing here. */
    void readKey(byte[] key, long modRevision) {}

    /** Notes that a range of a partition was read; nothing here. */
    void readPartition(String keyspace, byte[] partition) {}

    /** Notes that a keyspace was scanned; nothing here. */
    void readKeyspace(String keyspace) {}

    private Iterator<Reads.Entry> entries(String keyspace, byte[] from, byte[] to, boolean reverse, int pageHint) {
        Iterator<Reads.Entry> stored = Reads.stored(backend, revision, from, to, reverse, pageHint);
        NavigableMap<byte[], byte[]> own = buffered(keyspace);
        return own == null ? stored : Reads.merged(stored, own, from, to, reverse);
    }
}
