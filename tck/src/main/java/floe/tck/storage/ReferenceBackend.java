package floe.tck.storage;

import floe.api.Stability;
import floe.spi.storage.Capabilities;
import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageBackendProvider;
import floe.spi.storage.StorageException;
import floe.spi.storage.StorageLimits;
import floe.spi.storage.UnsupportedCapabilityException;
import floe.spi.storage.WriteTransaction;
import floe.spi.storage.support.PartitionHashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The plainest correct storage backend there is: the kit's reference, for tests that
 * need a backend and must not depend on one (the engine's own tests, the kit's
 * self-tests, the wrapper backends' tests). Not persistent, one writer at a time: a
 * write transaction copies a keyspace when it first writes to it and publishes its
 * copies on commit; readers keep the state they began with. Its provider is named
 * {@value #NAME}.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class ReferenceBackend implements StorageBackend {
    /** The provider's name. */
    public static final String NAME = "tckReference";

    private record Key(long hash, byte[] partition, byte[] sort) {}

    private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::hash)
            .thenComparing(Key::partition, Arrays::compareUnsigned)
            .thenComparing(Key::sort, Arrays::compareUnsigned);
    private static final int MAX_VALUE_SIZE = 16 * 1024 * 1024;

    private final ReentrantLock writer = new ReentrantLock();
    /** Published state: never changed, only replaced. */
    private volatile Map<String, TreeMap<Key, byte[]>> committed = Map.of();

    private volatile boolean closed;

    /** An empty backend. */
    public ReferenceBackend() {}

    @Override
    public Capabilities capabilities() {
        return new Capabilities(Set.of(), MAX_VALUE_SIZE);
    }

    @Override
    public synchronized List<String> keyspaces() {
        check();
        List<String> names = new ArrayList<>(committed.keySet());
        names.sort(null);
        return names;
    }

    @Override
    public synchronized boolean createKeyspace(String name) {
        check();
        if (!StorageLimits.isValidKeyspaceName(name)) {
            throw new IllegalArgumentException("invalid keyspace name '" + name + "'");
        }
        if (committed.containsKey(name)) {
            return false;
        }
        Map<String, TreeMap<Key, byte[]>> next = new HashMap<>(committed);
        next.put(name, new TreeMap<>(ORDER));
        committed = next;
        return true;
    }

    @Override
    public synchronized boolean dropKeyspace(String name) {
        check();
        if (!committed.containsKey(name)) {
            return false;
        }
        Map<String, TreeMap<Key, byte[]>> next = new HashMap<>(committed);
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
        return new Writer(committed);
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * A new backend holding what this one committed, as if its data had been reopened
     * after a close or a crash: what a test of recovery needs from a backend that does
     * not persist.
     */
    public ReferenceBackend reopened() {
        ReferenceBackend b = new ReferenceBackend();
        b.committed = committed;
        return b;
    }

    private void check() {
        if (closed) {
            throw new StorageException("closed");
        }
    }

    private synchronized void publish(Map<String, TreeMap<Key, byte[]>> changed) {
        Map<String, TreeMap<Key, byte[]>> next = new HashMap<>(committed);
        changed.forEach((name, ks) -> next.computeIfPresent(name, (n, old) -> ks));
        committed = next;
    }

    private static Key key(byte[] p, byte[] s) {
        return new Key(PartitionHashing.hash(p), p.clone(), s.clone());
    }

    private class Reader implements ReadTransaction {
        final Map<String, TreeMap<Key, byte[]>> base;

        Reader(Map<String, TreeMap<Key, byte[]>> base) {
            this.base = base;
        }

        TreeMap<Key, byte[]> ks(String name) {
            check();
            TreeMap<Key, byte[]> ks = base.get(name);
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
        public int range(
                String keyspace, byte[] partition, SortRange range, boolean reverse, int limit, EntryVisitor visitor) {
            long hash = PartitionHashing.hash(partition);
            List<Map.Entry<Key, byte[]>> hits = new ArrayList<>();
            for (Map.Entry<Key, byte[]> e : ks(keyspace).entrySet()) {
                Key k = e.getKey();
                if (k.hash() == hash && Arrays.equals(k.partition(), partition) && range.contains(k.sort())) {
                    hits.add(e);
                }
            }
            if (reverse) {
                Collections.reverse(hits);
            }
            return visit(hits, limit, visitor);
        }

        @Override
        public int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
            PartitionHashing.checkSegment(segment, totalSegments);
            TreeMap<Key, byte[]> ks = ks(keyspace);
            NavigableMap<Key, byte[]> tail =
                    resumeAfter == null ? ks : ks.tailMap(key(resumeAfter.partition(), resumeAfter.sort()), false);
            List<Map.Entry<Key, byte[]>> hits = new ArrayList<>();
            for (Map.Entry<Key, byte[]> e : tail.entrySet()) {
                if (PartitionHashing.segmentOf(e.getKey().hash(), totalSegments) == segment) {
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
                if (!visitor.visit(
                        e.getKey().partition().clone(),
                        e.getKey().sort().clone(),
                        e.getValue().clone())) {
                    break;
                }
            }
            return n;
        }

        @Override
        public void close() {}
    }

    private final class Writer extends Reader implements WriteTransaction {
        final Map<String, TreeMap<Key, byte[]>> copies = new HashMap<>();
        boolean done;

        Writer(Map<String, TreeMap<Key, byte[]>> base) {
            super(base);
        }

        @Override
        TreeMap<Key, byte[]> ks(String name) {
            TreeMap<Key, byte[]> copy = copies.get(name);
            return copy != null ? copy : super.ks(name);
        }

        private TreeMap<Key, byte[]> writable(String name) {
            TreeMap<Key, byte[]> copy = copies.get(name);
            if (copy == null) {
                copy = new TreeMap<>(super.ks(name));
                copies.put(name, copy);
            }
            return copy;
        }

        @Override
        public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
            StorageLimits.checkKey(partition, sort);
            if (value.length > MAX_VALUE_SIZE) {
                throw new UnsupportedCapabilityException(
                        "a value of " + value.length + " bytes exceeds " + MAX_VALUE_SIZE);
            }
            writable(keyspace).put(key(partition, sort), value.clone());
        }

        @Override
        public void delete(String keyspace, byte[] partition, byte[] sort) {
            writable(keyspace).remove(key(partition, sort));
        }

        @Override
        public void commit() {
            if (done) {
                throw new IllegalStateException("transaction ended");
            }
            check();
            publish(copies);
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

    /** Opens a {@link ReferenceBackend}: options {@code path} and {@code sync} are accepted and ignored. */
    public static final class Provider implements StorageBackendProvider {
        /** For {@link java.util.ServiceLoader}. */
        public Provider() {}

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public StorageBackend open(Map<String, String> config) {
            for (String key : config.keySet()) {
                if (!key.equals(PATH) && !key.equals(SYNC)) {
                    throw new StorageException("unknown option '" + key + "' of storage backend " + NAME);
                }
            }
            return new ReferenceBackend();
        }
    }
}
