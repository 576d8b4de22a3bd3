package floe.backend.memory;

import floe.api.Stability;
import floe.spi.storage.Capabilities;
import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageException;
import floe.spi.storage.StorageLimits;
import floe.spi.storage.UnsupportedCapabilityException;
import floe.spi.storage.WriteTransaction;
import floe.spi.storage.support.PartitionHashing;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Multi-version storage in memory. Each keyspace is a skip list ordered by
 * (partition hash, partition, sort); each key holds a chain of versions, newest
 * first. One writer at a time: its writes go straight into the chains, stamped
 * with the next version number, which no reader's snapshot includes; commit is
 * publishing that number, so a commit is atomic and instant, and an abort unlinks
 * the writer's versions. Versions no open snapshot can see are pruned as keys are
 * rewritten, and deleted keys are dropped once no snapshot can see them.
 */
@Stability(Stability.Level.INTERNAL)
public final class MemoryBackend implements StorageBackend {
    static final int DEFAULT_MAX_VALUE_SIZE = 16 * 1024 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final int maxValueSize;
    private final ConcurrentHashMap<String, Keyspace> keyspaces = new ConcurrentHashMap<>();
    private final ReentrantLock writer = new ReentrantLock(true);
    private final TreeMap<Long, Integer> snapshots = new TreeMap<>(); // guarded by itself
    private final ArrayDeque<Grave> graveyard = new ArrayDeque<>(); // guarded by writer
    private volatile long visible;
    private volatile boolean closed;

    MemoryBackend(int maxValueSize) {
        if (maxValueSize < StorageLimits.MIN_MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("maxValueSize");
        }
        this.maxValueSize = maxValueSize;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(Set.of(), maxValueSize);
    }

    @Override
    public List<String> keyspaces() {
        checkOpen();
        List<String> names = new ArrayList<>(keyspaces.keySet());
        names.sort(null);
        return names;
    }

    @Override
    public boolean createKeyspace(String name) {
        checkOpen();
        if (!StorageLimits.isValidKeyspaceName(name)) {
            throw new IllegalArgumentException("invalid keyspace name: " + name);
        }
        return keyspaces.putIfAbsent(name, new Keyspace()) == null;
    }

    @Override
    public boolean dropKeyspace(String name) {
        checkOpen();
        Keyspace ks = keyspaces.remove(name);
        if (ks == null) {
            return false;
        }
        ks.dropped = true;
        return true;
    }

    @Override
    public ReadTransaction beginRead() {
        checkOpen();
        return new Reader(acquireSnapshot());
    }

    @Override
    public WriteTransaction beginWrite() {
        checkOpen();
        writer.lock();
        if (closed) {
            writer.unlock();
            throw new StorageException("the memory backend is closed");
        }
        return new Writer(visible + 1);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("the memory backend is closed");
        }
    }

    private long acquireSnapshot() {
        synchronized (snapshots) {
            long v = visible;
            snapshots.merge(v, 1, Integer::sum);
            return v;
        }
    }

    private void releaseSnapshot(long v) {
        synchronized (snapshots) {
            snapshots.computeIfPresent(v, (k, n) -> n == 1 ? null : n - 1);
        }
    }

    /** The oldest version an open or future snapshot may need. */
    private long horizon() {
        synchronized (snapshots) {
            return snapshots.isEmpty() ? visible : Math.min(snapshots.firstKey(), visible);
        }
    }

    private Keyspace keyspace(String name) {
        Keyspace ks = keyspaces.get(name);
        if (ks == null || ks.dropped) {
            throw new StorageException("no such keyspace: " + name);
        }
        return ks;
    }

    /** One version of a key's value; a null value is a deletion. */
    private static final class Version {
        final long version;
        final byte[] value;
        volatile Version older;

        Version(long version, byte[] value, Version older) {
            this.version = version;
            this.value = value;
            this.older = older;
        }

        static Version at(Version v, long snapshot) {
            while (v != null && v.version > snapshot) {
                v = v.older;
            }
            return v;
        }
    }

    /** Skip-list key: (hash, partition, sort); a null sort stands for "after every sort". */
    private record Key(long hash, byte[] partition, byte[] sort) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(hash, o.hash);
            if (c != 0) {
                return c;
            }
            c = java.util.Arrays.compareUnsigned(partition, o.partition);
            if (c != 0) {
                return c;
            }
            if (sort == null || o.sort == null) {
                return sort == o.sort ? 0 : sort == null ? 1 : -1;
            }
            return java.util.Arrays.compareUnsigned(sort, o.sort);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && compareTo(k) == 0;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(hash) * 31 + java.util.Arrays.hashCode(sort);
        }
    }

    private static final class Keyspace {
        final ConcurrentSkipListMap<Key, Version> entries = new ConcurrentSkipListMap<>();
        volatile boolean dropped;
    }

    private record Grave(Keyspace keyspace, Key key, Version tombstone) {}

    private class Reader implements ReadTransaction {
        final long snapshot;
        boolean done;

        Reader(long snapshot) {
            this.snapshot = snapshot;
        }

        void checkActive() {
            if (done) {
                throw new StorageException("the transaction is closed");
            }
            checkOpen();
        }

        @Override
        public byte[] get(String keyspace, byte[] partition, byte[] sort) {
            checkActive();
            Version v = Version.at(keyspace(keyspace).entries.get(key(partition, sort)), snapshot);
            return v == null || v.value == null ? null : v.value.clone();
        }

        @Override
        public int range(
                String keyspace, byte[] partition, SortRange range, boolean reverse, int limit, EntryVisitor visitor) {
            checkActive();
            Keyspace ks = keyspace(keyspace);
            if (range.isEmpty() || limit <= 0) {
                return 0;
            }
            long hash = PartitionHashing.hash(partition);
            Key from = new Key(hash, partition, range.lower() == null ? EMPTY : range.lower());
            boolean fromInclusive = range.lower() == null || range.lowerInclusive();
            Key to = new Key(hash, partition, range.upper());
            boolean toInclusive = range.upper() == null || range.upperInclusive();
            NavigableMap<Key, Version> sub = ks.entries.subMap(from, fromInclusive, to, toInclusive);
            return visit(reverse ? sub.descendingMap() : sub, limit, visitor);
        }

        @Override
        public int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
            checkActive();
            PartitionHashing.checkSegment(segment, totalSegments);
            Keyspace ks = keyspace(keyspace);
            long first = PartitionHashing.firstHash(segment, totalSegments);
            long end = PartitionHashing.endHash(segment, totalSegments);
            Key to = new Key(end, EMPTY, EMPTY);
            NavigableMap<Key, Version> sub;
            if (resumeAfter == null) {
                sub = ks.entries.subMap(new Key(first, EMPTY, EMPTY), true, to, false);
            } else {
                Key after = key(resumeAfter.partition(), resumeAfter.sort());
                if (after.hash < first || after.hash >= end) {
                    throw new IllegalArgumentException(
                            "resumeAfter lies outside segment " + segment + " of " + totalSegments);
                }
                sub = ks.entries.subMap(after, false, to, false);
            }
            return visit(sub, Integer.MAX_VALUE, visitor);
        }

        private int visit(NavigableMap<Key, Version> entries, int limit, EntryVisitor visitor) {
            int count = 0;
            for (Map.Entry<Key, Version> e : entries.entrySet()) {
                Version v = Version.at(e.getValue(), snapshot);
                if (v == null || v.value == null) {
                    continue;
                }
                count++;
                Key k = e.getKey();
                if (!visitor.visit(k.partition.clone(), k.sort.clone(), v.value.clone()) || count >= limit) {
                    break;
                }
            }
            return count;
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                releaseSnapshot(snapshot);
            }
        }
    }

    private final class Writer extends Reader implements WriteTransaction {
        /** Keys this transaction wrote, with the keyspace, for abort and for the graveyard. */
        private final HashMap<Key, Keyspace> written = new HashMap<>();

        private final long horizon;

        Writer(long pending) {
            super(pending);
            this.horizon = horizon();
        }

        @Override
        public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
            checkActive();
            StorageLimits.checkKey(partition, sort);
            if (value.length > maxValueSize) {
                throw new UnsupportedCapabilityException(
                        "value of " + value.length + " bytes exceeds the memory backend's maximum of " + maxValueSize);
            }
            write(keyspace(keyspace), key(partition.clone(), sort.clone()), value.clone());
        }

        @Override
        public void delete(String keyspace, byte[] partition, byte[] sort) {
            checkActive();
            Keyspace ks = keyspace(keyspace);
            Key k = key(partition, sort);
            Version head = ks.entries.get(k);
            Version current = Version.at(head, snapshot);
            if (current == null || current.value == null) {
                return; // nothing to delete
            }
            write(ks, key(partition.clone(), sort.clone()), null);
        }

        private void write(Keyspace ks, Key k, byte[] value) {
            Version head = ks.entries.get(k);
            Version older = head != null && head.version == snapshot ? head.older : head;
            prune(older);
            ks.entries.put(k, new Version(snapshot, value, older));
            written.putIfAbsent(k, ks);
        }

        /** Cuts the versions below the newest one every snapshot can still reach. */
        private void prune(Version chain) {
            Version v = chain;
            while (v != null && v.version > horizon) {
                v = v.older;
            }
            if (v != null) {
                v.older = null;
            }
        }

        @Override
        public void commit() {
            checkActive();
            visible = snapshot;
            for (Map.Entry<Key, Keyspace> e : written.entrySet()) {
                Version head = e.getValue().entries.get(e.getKey());
                if (head != null && head.value == null) {
                    graveyard.add(new Grave(e.getValue(), e.getKey(), head));
                }
            }
            written.clear();
            bury(horizon());
            finish();
        }

        /** Drops deleted keys that no snapshot can see any more. */
        private void bury(long horizon) {
            Grave g;
            while ((g = graveyard.peek()) != null && g.tombstone.version <= horizon) {
                graveyard.poll();
                g.tombstone.older = null;
                g.keyspace.entries.remove(g.key, g.tombstone);
            }
        }

        @Override
        public void close() {
            if (done) {
                return;
            }
            for (Map.Entry<Key, Keyspace> e : written.entrySet()) {
                ConcurrentSkipListMap<Key, Version> entries = e.getValue().entries;
                Version head = entries.get(e.getKey());
                if (head != null && head.version == snapshot) {
                    if (head.older == null) {
                        entries.remove(e.getKey(), head);
                    } else {
                        entries.replace(e.getKey(), head, head.older);
                    }
                }
            }
            written.clear();
            finish();
        }

        private void finish() {
            done = true;
            writer.unlock();
        }
    }

    private static Key key(byte[] partition, byte[] sort) {
        return new Key(PartitionHashing.hash(partition), partition, sort);
    }
}
