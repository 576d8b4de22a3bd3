package floe.tck.storage;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The plainest correct backend there is, for the kit's self-test: each write
 * transaction copies the whole state and publishes its copy on commit. Two flags
 * break it on purpose, to prove the kit notices.
 */
final class ReferenceBackend implements StorageBackend {
    /** Ways to be wrong. */
    enum Flaw { NONE, LEAKS_UNCOMMITTED_WRITES, SIGNED_BYTE_ORDER }

    private record Key(long hash, byte[] partition, byte[] sort) {}

    private final Flaw flaw;
    private final Comparator<byte[]> bytes;
    private final Comparator<Key> order;
    private final ReentrantLock writer = new ReentrantLock();
    private volatile TreeMap<String, TreeMap<Key, byte[]>> committed = new TreeMap<>();
    private volatile boolean closed;

    ReferenceBackend(Flaw flaw) {
        this.flaw = flaw;
        this.bytes = flaw == Flaw.SIGNED_BYTE_ORDER ? Arrays::compare : Arrays::compareUnsigned;
        Comparator<Key> byHash = Comparator.comparingLong(Key::hash);
        this.order = byHash.thenComparing(Key::partition, bytes).thenComparing(Key::sort, bytes);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(Set.of(), 16 * 1024 * 1024);
    }

    @Override
    public synchronized List<String> keyspaces() {
        check();
        return new ArrayList<>(committed.keySet());
    }

    @Override
    public synchronized boolean createKeyspace(String name) {
        check();
        if (!StorageLimits.isValidKeyspaceName(name)) {
            throw new IllegalArgumentException(name);
        }
        if (committed.containsKey(name)) {
            return false;
        }
        TreeMap<String, TreeMap<Key, byte[]>> next = copy(committed);
        next.put(name, new TreeMap<>(order));
        committed = next;
        return true;
    }

    @Override
    public synchronized boolean dropKeyspace(String name) {
        check();
        if (!committed.containsKey(name)) {
            return false;
        }
        TreeMap<String, TreeMap<Key, byte[]>> next = copy(committed);
        next.remove(name);
        committed = next;
        return true;
    }

    @Override
    public ReadTransaction beginRead() {
        check();
        return new Reader(committed);
    }

    @Override
    public WriteTransaction beginWrite() {
        check();
        writer.lock();
        return new Writer(flaw == Flaw.LEAKS_UNCOMMITTED_WRITES ? committed : copy(committed));
    }

    @Override
    public void close() {
        closed = true;
    }

    private void check() {
        if (closed) {
            throw new StorageException("closed");
        }
    }

    private TreeMap<String, TreeMap<Key, byte[]>> copy(TreeMap<String, TreeMap<Key, byte[]>> state) {
        TreeMap<String, TreeMap<Key, byte[]>> copy = new TreeMap<>();
        for (Map.Entry<String, TreeMap<Key, byte[]>> e : state.entrySet()) {
            copy.put(e.getKey(), new TreeMap<>(e.getValue()));
        }
        return copy;
    }

    private static Key key(byte[] p, byte[] s) {
        return new Key(PartitionHashing.hash(p), p.clone(), s == null ? null : s.clone());
    }

    private class Reader implements ReadTransaction {
        final TreeMap<String, TreeMap<Key, byte[]>> state;

        Reader(TreeMap<String, TreeMap<Key, byte[]>> state) {
            this.state = state;
        }

        TreeMap<Key, byte[]> ks(String name) {
            check();
            TreeMap<Key, byte[]> ks = state.get(name);
            if (ks == null) {
                throw new StorageException("no keyspace " + name);
            }
            return ks;
        }

        @Override
        public byte[] get(String keyspace, byte[] partition, byte[] sort) {
            byte[] v = ks(keyspace).get(key(partition, sort));
            return v == null ? null : v.clone();
        }

        @Override
        public int range(String keyspace, byte[] partition, SortRange range, boolean reverse, int limit, EntryVisitor visitor) {
            TreeMap<Key, byte[]> ks = ks(keyspace);
            List<Map.Entry<Key, byte[]>> hits = new ArrayList<>();
            long hash = PartitionHashing.hash(partition);
            for (Map.Entry<Key, byte[]> e : ks.entrySet()) {
                Key k = e.getKey();
                if (k.hash == hash && Arrays.equals(k.partition, partition) && inRange(range, k.sort)) {
                    hits.add(e);
                }
            }
            if (reverse) {
                java.util.Collections.reverse(hits);
            }
            return visit(hits, limit, visitor);
        }

        private boolean inRange(SortRange r, byte[] s) {
            if (r.lower() != null) {
                int c = bytes.compare(s, r.lower());
                if (c < 0 || (c == 0 && !r.lowerInclusive())) {
                    return false;
                }
            }
            if (r.upper() != null) {
                int c = bytes.compare(s, r.upper());
                return c < 0 || (c == 0 && r.upperInclusive());
            }
            return true;
        }

        @Override
        public int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
            PartitionHashing.checkSegment(segment, totalSegments);
            TreeMap<Key, byte[]> ks = ks(keyspace);
            NavigableMap<Key, byte[]> tail = resumeAfter == null ? ks : ks.tailMap(key(resumeAfter.partition(), resumeAfter.sort()), false);
            List<Map.Entry<Key, byte[]>> hits = new ArrayList<>();
            for (Map.Entry<Key, byte[]> e : tail.entrySet()) {
                if (PartitionHashing.segmentOf(e.getKey().hash, totalSegments) == segment) {
                    hits.add(e);
                }
            }
            return visit(hits, Integer.MAX_VALUE, visitor);
        }

        private int visit(List<Map.Entry<Key, byte[]>> hits, int limit, EntryVisitor visitor) {
            int n = 0;
            for (Map.Entry<Key, byte[]> e : hits) {
                if (n >= limit) {
                    break;
                }
                n++;
                if (!visitor.visit(e.getKey().partition.clone(), e.getKey().sort.clone(), e.getValue().clone())) {
                    break;
                }
            }
            return n;
        }

        @Override
        public void close() {}
    }

    private final class Writer extends Reader implements WriteTransaction {
        boolean done;

        Writer(TreeMap<String, TreeMap<Key, byte[]>> state) {
            super(state);
        }

        @Override
        public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
            StorageLimits.checkKey(partition, sort);
            if (value.length > capabilities().maxValueSize()) {
                throw new UnsupportedCapabilityException("too large");
            }
            ks(keyspace).put(key(partition, sort), value.clone());
        }

        @Override
        public void delete(String keyspace, byte[] partition, byte[] sort) {
            ks(keyspace).remove(key(partition, sort));
        }

        @Override
        public void commit() {
            committed = state;
            close();
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                writer.unlock();
            }
        }
    }
}
