package floe.backend.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;

/**
 * Reads a key range {@code [from, to)} of etcd at one revision, page by page, ascending or
 * descending, merged with a transaction's own buffered writes when it has some there.
 */
final class Reads {
    /** Entries fetched per request: enough to amortise a round trip, few enough for large values. */
    static final int PAGE = 128;
    /** A buffered delete, told apart from a buffered empty value by identity. */
    static final byte[] DELETED = new byte[0];

    private Reads() {}

    /** One entry read: its etcd key and value. */
    record Entry(byte[] key, byte[] value) {}

    /** The entries in {@code [from, to)} at {@code revision}, fetched lazily, {@code pageHint} at a time at first. */
    static Iterator<Entry> stored(
            EtcdBackend backend, long revision, byte[] from, byte[] to, boolean reverse, int pageHint) {
        return new Iterator<>() {
            private byte[] low = from;
            private byte[] high = to;
            private final ArrayDeque<Entry> buffered = new ArrayDeque<>();
            private boolean more = true;
            private int page = Math.max(1, Math.min(pageHint, PAGE));

            @Override
            public boolean hasNext() {
                if (buffered.isEmpty() && more) {
                    fetch();
                }
                return !buffered.isEmpty();
            }

            @Override
            public Entry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffered.poll();
            }

            private void fetch() {
                if (Arrays.compareUnsigned(low, high) >= 0) {
                    more = false;
                    return;
                }
                GetOption.Builder option = GetOption.builder()
                        .withRange(ByteSequence.from(high))
                        .withRevision(revision)
                        .withLimit(page);
                if (reverse) {
                    option.withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.DESCEND);
                }
                GetResponse response =
                        backend.await(backend.kv().get(ByteSequence.from(low), option.build()), "read a range");
                byte[] last = null;
                for (KeyValue kv : response.getKvs()) {
                    last = kv.getKey().getBytes();
                    buffered.add(new Entry(last, kv.getValue().getBytes()));
                }
                more = response.isMore() && last != null;
                if (last != null) {
                    if (reverse) {
                        high = last;
                    } else {
                        low = Keys.concat(last, new byte[] {0});
                    }
                }
                page = PAGE; // later pages: the caller wants more than the hint
            }
        };
    }

    /**
     * The stored entries overlaid with {@code buffered} writes (keys to values or {@link #DELETED}),
     * restricted to {@code [from, to)}, in the same order.
     */
    static Iterator<Entry> merged(
            Iterator<Entry> stored, NavigableMap<byte[], byte[]> buffered, byte[] from, byte[] to, boolean reverse) {
        NavigableMap<byte[], byte[]> sub = buffered.subMap(from, true, to, false);
        if (sub.isEmpty()) {
            return stored;
        }
        Iterator<Map.Entry<byte[], byte[]>> own =
                (reverse ? sub.descendingMap() : sub).entrySet().iterator();
        return new Iterator<>() {
            private Entry nextStored = advance(stored);
            private Map.Entry<byte[], byte[]> nextOwn = own.hasNext() ? own.next() : null;
            private Entry next = step();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Entry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Entry out = next;
                next = step();
                return out;
            }

            private Entry step() {
                while (nextStored != null || nextOwn != null) {
                    int c;
                    if (nextStored == null) {
                        c = 1;
                    } else if (nextOwn == null) {
                        c = -1;
                    } else {
                        c = Arrays.compareUnsigned(nextStored.key(), nextOwn.getKey());
                        if (reverse) {
                            c = -c;
                        }
                    }
                    if (c < 0) {
                        Entry out = nextStored;
                        nextStored = advance(stored);
                        return out;
                    }
                    if (c == 0) {
                        nextStored = advance(stored);
                    }
                    Map.Entry<byte[], byte[]> mine = nextOwn;
                    nextOwn = own.hasNext() ? own.next() : null;
                    if (mine.getValue() != DELETED) {
                        return new Entry(mine.getKey(), mine.getValue());
                    }
                }
                return null;
            }
        };
    }

    private static Entry advance(Iterator<Entry> it) {
        return it.hasNext() ? it.next() : null;
    }
}
