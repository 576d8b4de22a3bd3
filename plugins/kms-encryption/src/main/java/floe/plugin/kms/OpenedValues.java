package floe.plugin.kms;

import floe.spi.extension.SealScope;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The plaintexts of values recently sealed or opened, so that reading a value again costs a
 * comparison instead of an AES-GCM open (on JDK 17 the JDK's GCM spends about half a
 * microsecond on a value of a few hundred bytes, about a fifth of an in-process GetItem). It
 * plays the part a database's buffer pool of decrypted pages plays: what is on disk stays
 * sealed; memory holds plaintext, as it does anyway while a request uses it.
 *
 * <p>A hit needs the same sealed bytes (nonce, ciphertext and tag: a value sealed once) and
 * the same scope (table, kind of record, key bytes): a sealed value copied under another key,
 * or damaged, misses and is opened, and fails, as without the cache. Whether the table's key
 * can be used is checked by the caller on every read, hit or not. The table and kind are
 * compared through the caller's id for the pair ({@code scopeId}), which names one pair for
 * the life of the cache.
 *
 * <p>Why it is laid out as it is: the cache is one slab of fixed-size slots in large arrays
 * (allocated as they are first written), a slot holding a header, the sealed bytes, the key
 * bytes and the plaintext side by side, written in place. An earlier cache made an object per
 * value kept: every young collection then copied the values kept since the one before (about
 * all of the cache under a stream of writes), which a profile of PutItem showed as most of
 * the encrypted side's extra collector time; and a lookup chased four objects, each a trip to
 * memory. Now keeping a value allocates nothing and a lookup reads one place, front to back.
 * Two-way set-associative, the set found from the record (its table, kind and key bytes), so
 * that a new value of a record replaces its old one rather than pushing another record out.
 *
 * <p>Lock-free, as a sequence lock: a writer makes a slot's version odd (by compare-and-set:
 * one writer at a time, another gives up), writes, and makes it even again; a reader reads the
 * version, then the slot, and keeps what it read only if the version did not change meanwhile.
 */
final class OpenedValues {
    /** The bytes of one slot: a value is kept if its header, sealed form, key and plaintext fit. */
    static final int SLOT_BYTES = 1024;

    /** Slots per page of the slab (256 KiB), allocated when first written. */
    private static final int PAGE_SLOTS = 256;

    /** version:4 (0 empty, odd being written) unused:4 scopeId:8, then lengths: sealed:2 partition:2 sort:2 plain:2 */
    private static final int HEADER = 24;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    private static final VarHandle PAGE = MethodHandles.arrayElementVarHandle(byte[][].class);

    private final byte[][] pages;
    private final int pageSlots;
    private final int slots;

    /**
     * @param entries a power of two, or 0 for no cache; the cache takes up to {@link
     *     #SLOT_BYTES} per entry, as it is used
     */
    OpenedValues(int entries) {
        if (entries < 0 || Integer.bitCount(entries) > 1) {
            throw new IllegalArgumentException("the number of cached values is 0 or a power of two: " + entries);
        }
        // two ways per set: at least two slots
        this.slots = entries == 0 ? 0 : Math.max(2, entries);
        this.pageSlots = Math.max(1, Math.min(PAGE_SLOTS, slots));
        this.pages = new byte[slots / pageSlots][];
    }

    /**
     * Keeps {@code plain}, the plaintext of {@code sealed} from {@code offset} on, for {@code
     * scope} (whose table and kind {@code scopeId} names), in place of the record's older value
     * if its set holds one; copies both.
     */
    void keep(long scopeId, SealScope scope, byte[] sealed, int offset, byte[] plain) {
        byte[] p = scope.partition();
        byte[] s = scope.sort();
        int n = sealed.length - offset;
        if (slots == 0 || HEADER + n + p.length + s.length + plain.length > SLOT_BYTES) {
            return;
        }
        int set = set(scopeId, p, s);
        byte[] page = page(set, true);
        int first = (set % pageSlots) * SLOT_BYTES;
        int second = first + SLOT_BYTES;
        int at;
        if (emptyOrHolds(page, first, scopeId, p, s)) {
            at = first;
        } else if (emptyOrHolds(page, second, scopeId, p, s)) {
            at = second;
        } else {
            // both hold other records: one of them, as good as at random (a bit of the new tag)
            at = (sealed[sealed.length - 1] & 1) == 0 ? first : second;
        }
        int version = (int) INT.getAcquire(page, at);
        if ((version & 1) != 0 || !INT.compareAndSet(page, at, version, version + 1)) {
            return; // another thread writes the slot now: this value is not kept, which costs a later open at most
        }
        LONG.set(page, at + 8, scopeId);
        SHORT.set(page, at + 16, (short) n);
        SHORT.set(page, at + 18, (short) p.length);
        SHORT.set(page, at + 20, (short) s.length);
        SHORT.set(page, at + 22, (short) plain.length);
        int to = at + HEADER;
        System.arraycopy(sealed, offset, page, to, n);
        System.arraycopy(p, 0, page, to + n, p.length);
        System.arraycopy(s, 0, page, to + n + p.length, s.length);
        System.arraycopy(plain, 0, page, to + n + p.length + s.length, plain.length);
        int next = version + 2;
        // 0 means empty: a slot written 2^31 times goes on at 2
        INT.setRelease(page, at, next == 0 ? 2 : next);
    }

    /** A copy of the plaintext kept for exactly these sealed bytes and scope, or null. */
    byte[] find(long scopeId, SealScope scope, byte[] stored, int offset) {
        if (slots == 0) {
            return null;
        }
        byte[] p = scope.partition();
        byte[] s = scope.sort();
        int set = set(scopeId, p, s);
        byte[] page = page(set, false);
        if (page == null) {
            return null;
        }
        int first = (set % pageSlots) * SLOT_BYTES;
        byte[] plain = find(page, first, scopeId, p, s, stored, offset);
        return plain != null ? plain : find(page, first + SLOT_BYTES, scopeId, p, s, stored, offset);
    }

    private static byte[] find(byte[] page, int at, long scopeId, byte[] p, byte[] s, byte[] stored, int offset) {
        int version = (int) INT.getAcquire(page, at);
        if (version == 0 || (version & 1) != 0 || (long) LONG.get(page, at + 8) != scopeId) {
            return null;
        }
        int n = stored.length - offset;
        int plainLength = (short) SHORT.get(page, at + 22) & 0xFFFF;
        // lengths read while a writer changes the slot may be anything: checked against the slot first
        if (((short) SHORT.get(page, at + 16) & 0xFFFF) != n
                || ((short) SHORT.get(page, at + 18) & 0xFFFF) != p.length
                || ((short) SHORT.get(page, at + 20) & 0xFFFF) != s.length
                || HEADER + n + p.length + s.length + plainLength > SLOT_BYTES) {
            return null;
        }
        int from = at + HEADER;
        if (!Arrays.equals(page, from, from + n, stored, offset, stored.length)
                || !Arrays.equals(page, from + n, from + n + p.length, p, 0, p.length)
                || !Arrays.equals(page, from + n + p.length, from + n + p.length + s.length, s, 0, s.length)) {
            return null;
        }
        int start = from + n + p.length + s.length;
        // the caller owns what it reads
        byte[] plain = Arrays.copyOfRange(page, start, start + plainLength);
        // kept only if no writer changed the slot while it was read
        VarHandle.loadLoadFence();
        return (int) INT.getVolatile(page, at) == version ? plain : null;
    }

    /** Whether the slot at {@code at} is empty or holds a value (any) of the record named. */
    private static boolean emptyOrHolds(byte[] page, int at, long scopeId, byte[] p, byte[] s) {
        if ((int) INT.getAcquire(page, at) == 0) {
            return true;
        }
        // read while another thread may write the slot: a wrong answer only picks the other slot
        int from = at + HEADER + ((short) SHORT.get(page, at + 16) & 0xFFFF);
        return (long) LONG.get(page, at + 8) == scopeId
                && ((short) SHORT.get(page, at + 18) & 0xFFFF) == p.length
                && ((short) SHORT.get(page, at + 20) & 0xFFFF) == s.length
                && from - at + p.length + s.length <= SLOT_BYTES
                && Arrays.equals(page, from, from + p.length, p, 0, p.length)
                && Arrays.equals(page, from + p.length, from + p.length + s.length, s, 0, s.length);
    }

    /** The page of the set that starts at slot {@code set}: made if {@code make}, else null until made. */
    private byte[] page(int set, boolean make) {
        int i = set / pageSlots;
        byte[] page = (byte[]) PAGE.getAcquire(pages, i);
        if (page == null && make) {
            byte[] made = new byte[pageSlots * SLOT_BYTES];
            byte[] raced = (byte[]) PAGE.compareAndExchange(pages, i, (byte[]) null, made);
            page = raced == null ? made : raced;
        }
        return page;
    }

    /** The first slot of the record's set: from its table and kind ({@code scopeId}) and key bytes. */
    private int set(long scopeId, byte[] p, byte[] s) {
        int h = Long.hashCode(scopeId);
        h = 31 * h + Arrays.hashCode(p);
        h = 31 * h + Arrays.hashCode(s);
        // spread: the set is taken from the low bits
        h *= 0x9E3779B9;
        h ^= h >>> 16;
        return h & (slots - 1) & ~1;
    }
}
