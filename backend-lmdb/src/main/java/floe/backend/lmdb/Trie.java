package floe.backend.lmdb;

import floe.backend.lmdb.buffer.KeyBuffer;
import floe.backend.lmdb.buffer.NativeSlice;
import floe.spi.storage.CorruptStorageException;
import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.SortRange;
import floe.spi.storage.support.PartitionHashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;

/**
 * How entries are laid out in LMDB, whose keys hold at most 511 bytes, when the SPI
 * promises partitions of 2048 bytes and sort parts of 8192 in exact unsigned order.
 *
 * <h2>Keys of {@code data}</h2>
 *
 * {@code [keyspace id: 4][partition hash: 4, big-endian][partition part][sort part]}.
 * The first three form the <em>prefix</em>, at most {@value #MAX_PREFIX} bytes.
 * <ul>
 *   <li>Partition part: {@code [length: 1][partition]} for partitions of up to
 *       {@value #SHORT_PARTITION} bytes; else {@code [0xFF][SHA-256 of the partition: 32]},
 *       the whole partition kept in {@code partitions} under the 41-byte prefix, for
 *       scans to return. Both forms are prefix-free, so a partition's keys are one
 *       contiguous run. Two long partitions with the same SHA-256 would share entries;
 *       that risk is accepted (and a put that meets it fails rather than mixing them).
 *   <li>Sort part, a chunked trie with chunk {@code C} ({@link #topChunk}): a sort of at
 *       most {@code C} bytes is stored as is (an <em>entry key</em>, whose value is the
 *       entry's value). A longer sort {@code s} is stored under the <em>node key</em>
 *       {@code prefix + s[0, C) + 0x00}, whose value is an 8-byte node id {@code n};
 *       the remainder {@code r = s[C..]} lives in {@code overflow} under
 *       {@code [n: 8][r]}, or, if longer than the node chunk {@code C'}
 *       ({@link #nodeChunk}), under another node key {@code [n][r[0, C')][0x00]}, and so on.
 *       A node key is told from entry keys by its length, prefix + C + 1, which no
 *       entry key has.
 * </ul>
 *
 * <h2>Why the order is exact</h2>
 *
 * Compare an entry key {@code P+t} ({@code |t| <= C}) with a node key {@code P+c+0x00}
 * ({@code |c| = C}): if {@code t} is a prefix of {@code c} (or equal), the entry sorts
 * first, which is right because every sort under the node extends {@code c}; otherwise
 * they differ within the first {@code C} bytes, which decides both orders alike. Two
 * node keys differ within {@code c}. So walking the keys in order, descending into
 * nodes, visits sorts in unsigned order; the same argument holds at every level. A node
 * exists exactly while something lies under it: deletes remove emptied nodes.
 *
 * <p>The chunks are constructor parameters so that tests can run everything with tiny
 * ones (deep tries); production uses the largest that fit: C = 511 - 136 - 1 = 374,
 * C' = 511 - 8 - 1 = 502.
 */
final class Trie {
    static final int SHORT_PARTITION = 127;
    static final int LONG_TAG = 0xFF;
    static final int DIGEST = 32;
    /** The prefix of a long partition: keyspace, hash, tag, digest. */
    static final int LONG_PREFIX = 4 + 4 + 1 + DIGEST;

    static final int MAX_PREFIX = 4 + 4 + 1 + SHORT_PARTITION;
    static final int NODE_ID = 8;
    static final byte NODE_MARK = 0;
    static final int MAX_TOP_CHUNK = KeyBuffer.MAX_KEY - MAX_PREFIX - 1;
    static final int MAX_NODE_CHUNK = KeyBuffer.MAX_KEY - NODE_ID - 1;
    private static final int UNLIMITED = Integer.MAX_VALUE;

    private final Db data;
    private final Db overflow;
    private final Db partitions;
    final int topChunk;
    final int nodeChunk;

    /** @param chunkLimit at most this many sort bytes per trie level: the production chunks if larger */
    Trie(Db data, Db overflow, Db partitions, int chunkLimit) {
        if (chunkLimit < 1) {
            throw new IllegalArgumentException("chunk " + chunkLimit);
        }
        this.data = data;
        this.overflow = overflow;
        this.partitions = partitions;
        this.topChunk = Math.min(MAX_TOP_CHUNK, chunkLimit);
        this.nodeChunk = Math.min(MAX_NODE_CHUNK, chunkLimit);
    }

    /** The databases the trie uses. */
    List<Db> dbs() {
        return List.of(data, overflow, partitions);
    }

    // ------------------------------------------------------------------ keys

    /** Writes the prefix of {@code partition}'s keys into {@code dst}; returns its length. */
    static int prefix(Access a, byte[] dst, int keyspace, byte[] partition) {
        Bytes.putInt(dst, 0, keyspace);
        Bytes.putInt(dst, 4, (int) PartitionHashing.hash(partition));
        if (partition.length <= SHORT_PARTITION) {
            dst[8] = (byte) partition.length;
            System.arraycopy(partition, 0, dst, 9, partition.length);
            return 9 + partition.length;
        }
        dst[8] = (byte) LONG_TAG;
        a.sha256(partition, dst, 9);
        return LONG_PREFIX;
    }

    /** The length of the prefix of the data key {@code key[0, len)}. */
    static int prefixLength(byte[] key, int len) {
        if (len < 9) {
            throw corrupt("a data key of " + len + " bytes");
        }
        int tag = key[8] & 0xFF;
        int plen = tag == LONG_TAG ? LONG_PREFIX : tag <= SHORT_PARTITION ? 9 + tag : -1;
        if (plen < 0 || plen > len) {
            throw corrupt("a data key with partition tag " + tag + " and " + len + " bytes");
        }
        return plen;
    }

    private static CorruptStorageException corrupt(String what) {
        return new CorruptStorageException("LMDB backend: " + what + "; the data is damaged or not written by FloeDB");
    }

    // ------------------------------------------------------------------ point operations

    /** The value of {@code (partition, sort)}, or null. */
    byte[] get(Access a, int keyspace, byte[] partition, byte[] sort) {
        byte[] k = a.build;
        int len = prefix(a, k, keyspace, partition);
        Db db = data;
        int chunk = topChunk;
        int off = 0;
        for (; ; ) {
            int rem = sort.length - off;
            if (rem <= chunk) {
                System.arraycopy(sort, off, k, len, rem);
                NativeSlice v = a.get(db, k, len + rem);
                return v == null ? null : v.bytes();
            }
            System.arraycopy(sort, off, k, len, chunk);
            k[len + chunk] = NODE_MARK;
            NativeSlice v = a.get(db, k, len + chunk + 1);
            if (v == null) {
                return null;
            }
            Bytes.putLong(k, 0, v.readLong());
            len = NODE_ID;
            db = overflow;
            off += chunk;
            chunk = nodeChunk;
        }
    }

    /** Stores {@code (partition, sort) -> value}, creating trie nodes on the way down. */
    void put(Access a, LongSupplier newNodeId, int keyspace, byte[] partition, byte[] sort, byte[] value) {
        byte[] k = a.build;
        int len = prefix(a, k, keyspace, partition);
        if (len == LONG_PREFIX) {
            NativeSlice known = a.get(partitions, k, len);
            if (known == null) {
                a.put(partitions, k, len, partition);
            } else if (!Arrays.equals(known.bytes(), partition)) {
                throw new CorruptStorageException("LMDB backend: two different partitions of " + partition.length
                        + " bytes have the same SHA-256; the second cannot be stored");
            }
        }
        Db db = data;
        int chunk = topChunk;
        int off = 0;
        for (; ; ) {
            int rem = sort.length - off;
            if (rem <= chunk) {
                System.arraycopy(sort, off, k, len, rem);
                a.put(db, k, len + rem, value);
                return;
            }
            System.arraycopy(sort, off, k, len, chunk);
            k[len + chunk] = NODE_MARK;
            NativeSlice v = a.get(db, k, len + chunk + 1);
            long node;
            if (v == null) {
                node = newNodeId.getAsLong();
                a.put(db, k, len + chunk + 1, Bytes.ofLong(node));
            } else {
                node = v.readLong();
            }
            Bytes.putLong(k, 0, node);
            len = NODE_ID;
            db = overflow;
            off += chunk;
            chunk = nodeChunk;
        }
    }

    private record Step(Db db, byte[] nodeKey, long node) {}

    /** Removes {@code (partition, sort)} if present, and the trie nodes and partition record it leaves empty. */
    void delete(Access a, int keyspace, byte[] partition, byte[] sort) {
        byte[] k = a.build;
        int len = prefix(a, k, keyspace, partition);
        byte[] longPrefix = len == LONG_PREFIX ? Arrays.copyOf(k, len) : null;
        List<Step> path = null;
        Db db = data;
        int chunk = topChunk;
        int off = 0;
        for (; ; ) {
            int rem = sort.length - off;
            if (rem <= chunk) {
                System.arraycopy(sort, off, k, len, rem);
                if (!a.delete(db, k, len + rem)) {
                    return;
                }
                break;
            }
            System.arraycopy(sort, off, k, len, chunk);
            k[len + chunk] = NODE_MARK;
            NativeSlice v = a.get(db, k, len + chunk + 1);
            if (v == null) {
                return;
            }
            long node = v.readLong();
            if (path == null) {
                path = new ArrayList<>();
            }
            path.add(new Step(db, Arrays.copyOf(k, len + chunk + 1), node));
            Bytes.putLong(k, 0, node);
            len = NODE_ID;
            db = overflow;
            off += chunk;
            chunk = nodeChunk;
        }
        if (path != null) {
            for (int i = path.size() - 1; i >= 0; i--) {
                Step s = path.get(i);
                if (!a.noKeyStartsWith(overflow, Bytes.ofLong(s.node()))) {
                    return; // the node still holds something, so do its ancestors and the partition
                }
                a.delete(s.db(), s.nodeKey(), s.nodeKey().length);
            }
        }
        if (longPrefix != null && a.noKeyStartsWith(data, longPrefix)) {
            a.delete(partitions, longPrefix, longPrefix.length);
        }
    }

    // ------------------------------------------------------------------ walks

    /** Receives entries, counts them and applies the limit. */
    private static final class Sink {
        final EntryVisitor visitor;
        final int limit;
        int count;
        byte[] partition;

        Sink(EntryVisitor visitor, int limit) {
            this.visitor = visitor;
            this.limit = limit;
        }

        /** @return whether to go on */
        boolean accept(byte[] sort, NativeSlice value) {
            byte[] v = value.bytes(); // before the visitor runs: it may write, moving the page
            count++;
            return visitor.visit(partition.clone(), sort, v) && count < limit;
        }
    }

    /**
     * One trie level: the keys {@code prefix + suffix} of {@code db}, whose suffixes
     * are entry sorts of at most {@code chunk} bytes or node chunks of exactly
     * {@code chunk} bytes plus the mark.
     */
    private record Level(Db db, byte[] prefix, int chunk) {}

    private Level nodeLevel(long node) {
        return new Level(overflow, Bytes.ofLong(node), nodeChunk);
    }

    /** Visits the entries of one partition within {@code range}; returns how many. */
    int range(
            Access a,
            int keyspace,
            byte[] partition,
            SortRange range,
            boolean reverse,
            int limit,
            EntryVisitor visitor) {
        if (limit <= 0 || range.isEmpty()) {
            return 0;
        }
        byte[] prefix = Arrays.copyOf(a.build, prefix(a, a.build, keyspace, partition));
        Sink sink = new Sink(visitor, limit);
        sink.partition = partition.clone();
        walk(a, new Level(data, prefix, topChunk), Bytes.EMPTY, range, reverse, sink);
        return sink.count;
    }

    /**
     * Visits, in order, the entries of {@code level} whose sorts (the sort bytes of
     * the levels above, {@code acc}, followed by the key's suffix) lie in {@code r}.
     *
     * @return false once the walk must stop: the sink said so, or it passed the far bound
     */
    private boolean walk(Access a, Level level, byte[] acc, SortRange r, boolean reverse, Sink sink) {
        Cursor<NativeSlice> c = a.cursor(level.db());
        byte[] p = level.prefix();
        int chunk = level.chunk();
        boolean on = reverse ? seekLast(a, c, level, acc, r.upper()) : seekFirst(a, c, level, acc, r.lower());
        while (on) {
            byte[] key = a.read;
            int klen = a.readKey(c);
            if (!Bytes.startsWith(key, klen, p)) {
                return true;
            }
            int slen = klen - p.length;
            if (slen == chunk + 1) {
                byte[] childAcc = Bytes.concat(acc, key, p.length, chunk);
                if (reverse ? allBelow(childAcc, r) : allAbove(childAcc, r)) {
                    return false;
                }
                if (!(reverse ? allAbove(childAcc, r) : allBelow(childAcc, r))) {
                    long node = c.val().readLong();
                    // the levels below share this cursor when it is the overflow one: come back afterwards
                    byte[] back = level.db() == data ? null : Arrays.copyOf(key, klen);
                    if (!walk(a, nodeLevel(node), childAcc, r, reverse, sink)) {
                        return false;
                    }
                    if (back != null && !a.seek(c, back, back.length, GetOp.MDB_SET_KEY)) {
                        throw corrupt("a trie node key vanished during a scan");
                    }
                }
            } else if (slen > chunk) {
                throw corrupt("a key of " + klen + " bytes at a trie level with chunk " + chunk);
            } else {
                byte[] sort = Bytes.concat(acc, key, p.length, slen);
                if (reverse ? below(sort, r) : above(sort, r)) {
                    return false;
                }
                if (!(reverse ? above(sort, r) : below(sort, r)) && !sink.accept(sort, c.val())) {
                    return false;
                }
            }
            on = reverse ? c.prev() : c.next();
        }
        return true;
    }

    /**
     * Positions {@code c} at the first key of {@code level} that can hold a sort
     * {@code >= lo}: {@code prefix + lo'[0, min(|lo'|, C))} where {@code lo'} is
     * {@code lo} past {@code acc}. Every key before it is an entry or node whose sorts
     * are all below {@code lo}.
     */
    private static boolean seekFirst(Access a, Cursor<NativeSlice> c, Level level, byte[] acc, byte[] lo) {
        byte[] k = a.build;
        byte[] p = level.prefix();
        int len = p.length;
        System.arraycopy(p, 0, k, 0, len);
        if (lo != null && Bytes.startsWith(lo, acc)) {
            int n = Math.min(lo.length - acc.length, level.chunk());
            System.arraycopy(lo, acc.length, k, len, n);
            len += n;
        }
        return a.seek(c, k, len, GetOp.MDB_SET_RANGE);
    }

    /**
     * Positions {@code c} at the last key of {@code level} that can hold a sort
     * {@code <= hi}. With {@code hi'} = {@code hi} past {@code acc}: if
     * {@code |hi'| <= C}, every key after {@code prefix + hi'} holds only greater sorts
     * (a node key {@code prefix + hi' + 0x00} included, its sorts extending {@code hi'});
     * if {@code |hi'| > C}, the keys starting with {@code prefix + hi'[0, C)} are the
     * entry {@code hi'[0, C)} and its node key, which may hold sorts up to {@code hi},
     * and everything after that node key is greater. Either way: the greatest key
     * {@code <=} that bound.
     */
    private static boolean seekLast(Access a, Cursor<NativeSlice> c, Level level, byte[] acc, byte[] hi) {
        byte[] p = level.prefix();
        if (hi == null || !Bytes.startsWith(hi, acc)) {
            byte[] after = Bytes.successor(p);
            if (after == null) {
                return c.last();
            }
            return a.seek(c, after, after.length, GetOp.MDB_SET_RANGE) ? c.prev() : c.last();
        }
        byte[] k = a.build;
        int len = p.length;
        System.arraycopy(p, 0, k, 0, len);
        int n = hi.length - acc.length;
        int m = Math.min(n, level.chunk());
        System.arraycopy(hi, acc.length, k, len, m);
        len += m;
        if (n > level.chunk()) {
            k[len++] = NODE_MARK;
        }
        byte[] bound = Arrays.copyOf(k, len);
        if (!a.seek(c, bound, len, GetOp.MDB_SET_RANGE)) {
            return c.last();
        }
        int klen = a.readKey(c);
        if (Arrays.equals(a.read, 0, klen, bound, 0, len)) {
            return true;
        }
        return c.prev();
    }

    /** Whether every sort under a node (all longer than {@code nodeAcc}, starting with it) is past the upper bound. */
    private static boolean allAbove(byte[] nodeAcc, SortRange r) {
        if (r.upper() == null) {
            return false;
        }
        int c = Bytes.compareZeroExtended(nodeAcc, r.upper()); // the least sort under the node is nodeAcc + 0x00
        return c > 0 || (c == 0 && !r.upperInclusive());
    }

    /** Whether every sort under a node is before the lower bound. */
    private static boolean allBelow(byte[] nodeAcc, SortRange r) {
        byte[] lo = r.lower();
        return lo != null && !Bytes.startsWith(lo, nodeAcc) && Arrays.compareUnsigned(nodeAcc, lo) < 0;
    }

    private static boolean below(byte[] sort, SortRange r) {
        if (r.lower() == null) {
            return false;
        }
        int c = Arrays.compareUnsigned(sort, r.lower());
        return c < 0 || (c == 0 && !r.lowerInclusive());
    }

    private static boolean above(byte[] sort, SortRange r) {
        if (r.upper() == null) {
            return false;
        }
        int c = Arrays.compareUnsigned(sort, r.upper());
        return c > 0 || (c == 0 && !r.upperInclusive());
    }

    // ------------------------------------------------------------------ segment scans

    /**
     * Visits one segment: the contiguous keys from {@code [keyspace][firstHash]} up
     * to {@code [keyspace][endHash]}, in key order, descending into trie nodes.
     */
    int scan(Access a, int keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
        PartitionHashing.checkSegment(segment, totalSegments);
        long first = PartitionHashing.firstHash(segment, totalSegments);
        long end = PartitionHashing.endHash(segment, totalSegments);
        byte[] endKey;
        if (end < (1L << 32)) {
            endKey = new byte[8];
            Bytes.putInt(endKey, 0, keyspace);
            Bytes.putInt(endKey, 4, (int) end);
        } else {
            endKey = Bytes.ofInt(keyspace + 1); // keyspace ids stay below 2^31
        }
        Sink sink = new Sink(visitor, UNLIMITED);
        byte[] start;
        if (resumeAfter != null) {
            long hash = PartitionHashing.hash(resumeAfter.partition());
            if (hash < first || hash >= end) {
                throw new IllegalArgumentException(
                        "resumeAfter lies outside segment " + segment + " of " + totalSegments);
            }
            byte[] prefix = Arrays.copyOf(a.build, prefix(a, a.build, keyspace, resumeAfter.partition()));
            sink.partition = resumeAfter.partition().clone();
            SortRange rest = new SortRange(resumeAfter.sort().clone(), false, null, true);
            if (!walk(a, new Level(data, prefix, topChunk), Bytes.EMPTY, rest, false, sink)) {
                return sink.count;
            }
            start = Bytes.successor(prefix); // never null: the keyspace id is not all 0xFF
        } else {
            start = new byte[8];
            Bytes.putInt(start, 0, keyspace);
            Bytes.putInt(start, 4, (int) first);
        }
        Cursor<NativeSlice> c = a.cursor(data);
        byte[] current = null;
        boolean on = a.seek(c, start, start.length, GetOp.MDB_SET_RANGE);
        while (on) {
            byte[] key = a.read;
            int klen = a.readKey(c);
            if (Arrays.compareUnsigned(key, 0, klen, endKey, 0, endKey.length) >= 0) {
                break;
            }
            int plen = prefixLength(key, klen);
            if (current == null || !Arrays.equals(key, 0, plen, current, 0, current.length)) {
                current = Arrays.copyOf(key, plen);
                sink.partition = partitionOf(a, current);
            }
            int slen = klen - plen;
            if (slen == topChunk + 1) {
                byte[] acc = Arrays.copyOfRange(key, plen, plen + topChunk);
                if (!walk(a, nodeLevel(c.val().readLong()), acc, SortRange.all(), false, sink)) {
                    break;
                }
            } else if (slen > topChunk) {
                throw corrupt("a data key of " + klen + " bytes");
            } else if (!sink.accept(Arrays.copyOfRange(key, plen, klen), c.val())) {
                break;
            }
            on = c.next();
        }
        return sink.count;
    }

    /** The partition whose keys start with {@code prefix}. */
    private byte[] partitionOf(Access a, byte[] prefix) {
        if (prefix.length != LONG_PREFIX || (prefix[8] & 0xFF) != LONG_TAG) {
            return Arrays.copyOfRange(prefix, 9, prefix.length);
        }
        NativeSlice v = a.get(partitions, prefix, prefix.length);
        if (v == null) {
            throw corrupt("a long partition without its partition record");
        }
        return v.bytes();
    }

    // ------------------------------------------------------------------ dropped keyspaces

    /**
     * Deletes up to about {@code budget} keys of a dropped keyspace: its data keys,
     * the trie nodes under them and its partition records.
     *
     * @return whether nothing of it remains
     */
    boolean purge(Access a, int keyspace, int budget) {
        byte[] prefix = Bytes.ofInt(keyspace);
        int left = budget;
        Cursor<NativeSlice> c = a.cursor(data);
        while (a.seek(c, prefix, prefix.length, GetOp.MDB_SET_RANGE)) {
            int klen = a.readKey(c);
            if (!Bytes.startsWith(a.read, klen, prefix)) {
                break;
            }
            if (left <= 0) {
                return false;
            }
            byte[] key = Arrays.copyOf(a.read, klen);
            if (klen - prefixLength(key, klen) == topChunk + 1) {
                left -= purgeNode(a, c.val().readLong());
            }
            a.delete(data, key, klen);
            left--;
        }
        Cursor<NativeSlice> pc = a.cursor(partitions);
        while (a.seek(pc, prefix, prefix.length, GetOp.MDB_SET_RANGE)) {
            int klen = a.readKey(pc);
            if (!Bytes.startsWith(a.read, klen, prefix)) {
                break;
            }
            if (left <= 0) {
                return false;
            }
            a.delete(partitions, Arrays.copyOf(a.read, klen), klen);
            left--;
        }
        return true;
    }

    /** Deletes everything under a trie node; returns how many keys. */
    private int purgeNode(Access a, long node) {
        byte[] prefix = Bytes.ofLong(node);
        Cursor<NativeSlice> c = a.cursor(overflow);
        int n = 0;
        while (a.seek(c, prefix, prefix.length, GetOp.MDB_SET_RANGE)) {
            int klen = a.readKey(c);
            if (!Bytes.startsWith(a.read, klen, prefix)) {
                break;
            }
            byte[] key = Arrays.copyOf(a.read, klen);
            if (klen == NODE_ID + nodeChunk + 1) {
                n += purgeNode(a, c.val().readLong());
            }
            a.delete(overflow, key, klen);
            n++;
        }
        return n;
    }
}
