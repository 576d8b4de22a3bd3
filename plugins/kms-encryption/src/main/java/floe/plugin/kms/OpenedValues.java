package floe.plugin.kms;

import floe.spi.extension.SealScope;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The plaintexts of values recently sealed or opened, found by their exact sealed bytes and
 * scope, so that reading a value again costs a comparison instead of an AES-GCM open (on
 * JDK 17 the JDK's GCM spends about half a microsecond on a value of a few hundred bytes,
 * which is most of a GetItem's cost). It plays the part a database's buffer pool of decrypted
 * pages plays: what is on disk stays sealed; memory holds plaintext, as it does anyway while
 * a request uses it.
 *
 * <p>A hit needs the same sealed bytes (nonce, ciphertext and tag: a value sealed once) and
 * the same scope (table, kind of record, key bytes): a sealed value copied under another key
 * misses and is opened, and fails, as without the cache. Whether the table's key can be used
 * is checked by the caller on every read, hit or not.
 *
 * <p>Direct-mapped by the tag's bytes, lock-free. A slot is one array holding the sealed
 * bytes, the key bytes and the plaintext side by side, so that a lookup touches one object
 * (a random slot is not in the CPU's caches: each object it would chase costs a trip to
 * memory); the table and kind are compared by reference first. A slot is written whole before
 * it is published, through a release store; two threads racing for a slot cost at most a miss.
 */
final class OpenedValues {
    /** Values larger than this are not kept: the cache is for the many small items. */
    static final int MAX_VALUE_BYTES = 512;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(byte[][].class);

    /** Per slot: sealedLength:4 partitionLength:4 sortLength:4 sealed partition sort plain. */
    private final byte[][] slots;

    private final String[] tables;
    private final String[] kinds;
    private final int mask;

    /** @param entries a power of two, or 0 for no cache */
    OpenedValues(int entries) {
        if (entries < 0 || Integer.bitCount(entries) > 1) {
            throw new IllegalArgumentException("the number of cached values is 0 or a power of two: " + entries);
        }
        this.slots = new byte[entries][];
        this.tables = new String[entries];
        this.kinds = new String[entries];
        this.mask = entries - 1;
    }

    /** Keeps {@code plain}, the plaintext of {@code sealed} from {@code offset} on, for {@code scope}; copies both. */
    void keep(SealScope scope, byte[] sealed, int offset, byte[] plain) {
        if (slots.length == 0 || plain.length > MAX_VALUE_BYTES) {
            return;
        }
        int n = sealed.length - offset;
        byte[] p = scope.partition();
        byte[] s = scope.sort();
        byte[] e = new byte[12 + n + p.length + s.length + plain.length];
        putInt(e, 0, n);
        putInt(e, 4, p.length);
        putInt(e, 8, s.length);
        System.arraycopy(sealed, offset, e, 12, n);
        System.arraycopy(p, 0, e, 12 + n, p.length);
        System.arraycopy(s, 0, e, 12 + n + p.length, s.length);
        System.arraycopy(plain, 0, e, 12 + n + p.length + s.length, plain.length);
        int slot = slot(sealed);
        // the slot's bytes say which table and kind: a reader that sees new names with old bytes misses
        SLOT.setVolatile(slots, slot, (byte[]) null);
        tables[slot] = scope.table();
        kinds[slot] = scope.kind();
        SLOT.setRelease(slots, slot, e);
    }

    /** A copy of the plaintext kept for exactly these sealed bytes and scope, or null. */
    byte[] find(SealScope scope, byte[] stored, int offset) {
        if (slots.length == 0) {
            return null;
        }
        int slot = slot(stored);
        byte[] e = (byte[]) SLOT.getAcquire(slots, slot);
        if (e == null) {
            return null;
        }
        String table = tables[slot];
        String kind = kinds[slot];
        int n = getInt(e, 0);
        int pl = getInt(e, 4);
        int sl = getInt(e, 8);
        byte[] p = scope.partition();
        byte[] s = scope.sort();
        int at = 12 + n + pl + sl;
        if (n != stored.length - offset
                || pl != p.length
                || sl != s.length
                || !Arrays.equals(e, 12, 12 + n, stored, offset, stored.length)
                || !Arrays.equals(e, 12 + n, 12 + n + pl, p, 0, pl)
                || !Arrays.equals(e, 12 + n + pl, at, s, 0, sl)
                || !scope.table().equals(table)
                || !scope.kind().equals(kind)) {
            return null;
        }
        // the names were read while the slot held these bytes: they belong to them
        VarHandle.loadLoadFence();
        if (SLOT.getAcquire(slots, slot) != e) {
            return null;
        }
        // the caller owns what it reads
        return Arrays.copyOfRange(e, at, e.length);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    /** The slot of a sealed value: from the last eight bytes of its tag, which are as good as random. */
    private int slot(byte[] sealed) {
        int n = sealed.length;
        long h = 0;
        for (int i = n - 8; i < n; i++) {
            h = (h << 8) | (sealed[i] & 0xFF);
        }
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
