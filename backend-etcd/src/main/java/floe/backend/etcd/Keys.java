package floe.backend.etcd;

import floe.spi.storage.EntryKey;
import floe.spi.storage.SortRange;
import floe.spi.storage.support.PartitionHashing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where entries live in etcd's one sorted byte keyspace, under the backend's root prefix:
 *
 * <ul>
 *   <li>{@code root "k/" name}: a keyspace exists (the catalog);
 *   <li>{@code root "d/" name 0x00 hash32 partition' sort}: an entry, where {@code hash32} is the
 *       partition's {@link PartitionHashing} hash, big-endian, and {@code partition'} the partition
 *       with each 0x00 written 0x00 0xFF and ended by 0x00 0x01 (so that no partition's keys are a
 *       prefix of another's, and the sort bytes follow raw, in their own order);
 *   <li>{@code root "g/" name 0x00 hash32 partition'}: the partition's guard, rewritten by every
 *       commit that changes the partition, so that a transaction that read a range of it can check at
 *       commit that nothing in it changed (etcd compares single keys, not ranges);
 *   <li>{@code root "g/" name}: the keyspace's guard, likewise, for transactions that scanned it.
 * </ul>
 *
 * Keyspace names never hold 0x00, so one keyspace's keys are never a prefix of another's. Entries
 * of a segment are contiguous (ordered by hash first), partitions too, and within a partition the
 * sort bytes are in unsigned order, as etcd compares keys.
 */
final class Keys {
    private final byte[] catalog;
    private final byte[] data;
    private final byte[] guards;

    Keys(String root) {
        byte[] r = root.getBytes(StandardCharsets.UTF_8);
        this.catalog = concat(r, ascii("k/"));
        this.data = concat(r, ascii("d/"));
        this.guards = concat(r, ascii("g/"));
    }

    /** The catalog key of a keyspace. */
    byte[] catalogKey(String keyspace) {
        return concat(catalog, ascii(keyspace));
    }

    /** The prefix of every catalog key. */
    byte[] catalogPrefix() {
        return catalog.clone();
    }

    /** The keyspace name in a catalog key. */
    String keyspaceOf(byte[] catalogKey) {
        return new String(catalogKey, catalog.length, catalogKey.length - catalog.length, StandardCharsets.US_ASCII);
    }

    /** The prefix of every entry of a keyspace. */
    byte[] dataPrefix(String keyspace) {
        return concat(concat(data, ascii(keyspace)), new byte[] {0});
    }

    /** The prefix of every partition guard of a keyspace. */
    byte[] guardPrefix(String keyspace) {
        return concat(concat(guards, ascii(keyspace)), new byte[] {0});
    }

    /** The keyspace's own guard. */
    byte[] keyspaceGuard(String keyspace) {
        return concat(guards, ascii(keyspace));
    }

    /** The prefix of every entry of one partition. */
    byte[] partitionPrefix(String keyspace, byte[] partition) {
        return withPartition(dataPrefix(keyspace), partition);
    }

    /** The guard of one partition. */
    byte[] partitionGuard(String keyspace, byte[] partition) {
        return withPartition(guardPrefix(keyspace), partition);
    }

    /** The key of one entry. */
    byte[] entryKey(String keyspace, byte[] partition, byte[] sort) {
        return concat(partitionPrefix(keyspace, partition), sort);
    }

    /** The key of a scan's resume point, in a keyspace. */
    byte[] entryKey(String keyspace, EntryKey key) {
        return entryKey(keyspace, key.partition(), key.sort());
    }

    /**
     * The etcd range {@code [from, to)} of a partition's entries whose sort bytes lie in {@code range}.
     */
    byte[][] sortRange(String keyspace, byte[] partition, SortRange range) {
        byte[] base = partitionPrefix(keyspace, partition);
        byte[] from;
        if (range.lower() == null) {
            from = base;
        } else if (range.lowerInclusive()) {
            from = concat(base, range.lower());
        } else {
            from = concat(concat(base, range.lower()), new byte[] {0});
        }
        byte[] to;
        if (range.upper() == null) {
            to = SortRange.successorOfPrefix(base); // base ends 0x00 0x01: never null
        } else if (range.upperInclusive()) {
            to = concat(concat(base, range.upper()), new byte[] {0});
        } else {
            to = concat(base, range.upper());
        }
        return new byte[][] {from, to};
    }

    /** The etcd range {@code [from, to)} of a segment of a keyspace. */
    byte[][] segmentRange(String keyspace, int segment, int totalSegments) {
        byte[] prefix = dataPrefix(keyspace);
        byte[] from = concat(prefix, be32(PartitionHashing.firstHash(segment, totalSegments)));
        long end = PartitionHashing.endHash(segment, totalSegments);
        byte[] to = end == 1L << 32 ? SortRange.successorOfPrefix(prefix) : concat(prefix, be32(end));
        return new byte[][] {from, to};
    }

    /**
     * The partition and sort bytes of an entry key of {@code keyspace}.
     *
     * @return {partition, sort}
     */
    byte[][] decode(String keyspace, byte[] key) {
        int at = dataPrefix(keyspace).length + 4;
        byte[] partition = new byte[key.length - at];
        int n = 0;
        while (true) {
            if (at >= key.length) {
                throw new IllegalStateException("not an entry key: no partition terminator");
            }
            byte b = key[at++];
            if (b != 0) {
                partition[n++] = b;
                continue;
            }
            byte next = key[at++];
            if (next == 1) {
                break;
            }
            partition[n++] = 0; // 0x00 0xFF: an escaped 0x00
        }
        return new byte[][] {Arrays.copyOf(partition, n), Arrays.copyOfRange(key, at, key.length)};
    }

    private static byte[] withPartition(byte[] prefix, byte[] partition) {
        byte[] out = new byte[prefix.length + 4 + partition.length * 2 + 2];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int at = prefix.length;
        byte[] hash = be32(PartitionHashing.hash(partition));
        System.arraycopy(hash, 0, out, at, 4);
        at += 4;
        for (byte b : partition) {
            out[at++] = b;
            if (b == 0) {
                out[at++] = (byte) 0xFF;
            }
        }
        out[at++] = 0;
        out[at++] = 1;
        return Arrays.copyOf(out, at);
    }

    static byte[] be32(long unsigned) {
        return new byte[] {(byte) (unsigned >>> 24), (byte) (unsigned >>> 16), (byte) (unsigned >>> 8), (byte) unsigned
        };
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
