package floe.plugin.kms;

import floe.spi.extension.KeyInaccessibleException;
import floe.spi.extension.SealScope;
import floe.spi.extension.ValueSealer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;

/**
 * Seals values with their table's data key (AES-256-GCM, the scope as associated data), which
 * the key store keeps unwrapped in memory while the table's KMS key can be used; the
 * plaintexts of values recently sealed or opened are kept in {@link OpenedValues}:
 *
 * <pre>
 * sealed = format:byte(01) dataKey:8 nonce:12 ciphertext tag:16
 * </pre>
 */
final class KmsSealer implements ValueSealer {
    private static final byte FORMAT = 1;
    private static final int HEADER = 9;

    private final KeyStore store;
    private final OpenedValues opened;
    /**
     * The start of the associated data (table and kind, length-prefixed) of each kind of record,
     * for the last table it was used with: the same bytes {@link SealScope#associatedData()}
     * starts with, without encoding two strings for every value sealed or opened.
     */
    private final Map<String, Prefix> prefixes = new ConcurrentHashMap<>();

    private final AtomicLong prefixIds = new AtomicLong();

    /**
     * A table and kind of record: the start of their values' associated data, and an id that
     * names the pair for {@link OpenedValues} (never given to another pair).
     */
    private record Prefix(String table, byte[] bytes, long id) {}

    KmsSealer(KeyStore store, OpenedValues opened) {
        this.store = store;
        this.opened = opened;
    }

    @Override
    public TableKey useKey(String table, String keyId) {
        Cmk k = null;
        if (keyId != null) {
            try {
                k = store.resolve(keyId);
            } catch (KmsException e) {
                // guessed: DynamoDB's wording for a key it cannot find
                throw new IllegalArgumentException("KMS key " + keyId + " was not found: " + e.getMessage());
            }
            if (!Cmk.ENABLED.equals(k.state)) {
                // guessed: DynamoDB's wording for a key it may not use
                throw new IllegalArgumentException(
                        "KMS key " + store.keyArn(k.id) + " is not enabled: its state is " + k.state);
            }
        }
        store.bind(table, k);
        return key(table);
    }

    @Override
    public TableKey key(String table) {
        String id = store.tableKeyId(table);
        return new TableKey(id == null ? null : store.keyArn(id), store.inaccessibleSince(table));
    }

    @Override
    public void forget(String table) {
        // data keys stay: backups and point-in-time history of a deleted table are still sealed with them
    }

    @Override
    public void checkUsable(String table) {
        store.checkUsable(table);
    }

    @Override
    public byte[] seal(SealScope scope, byte[] plaintext) {
        return seal(scope, plaintext, 0);
    }

    @Override
    public byte[] seal(SealScope scope, byte[] plaintext, int headroom) {
        store.checkUsable(scope.table());
        KeyStore.Unwrapped d = store.sealingKey(scope.table());
        // one exact-size array: the caller's headroom, this header, then nonce, ciphertext and tag
        byte[] out = new byte[headroom + HEADER + Aead.OVERHEAD + plaintext.length];
        out[headroom] = FORMAT;
        long id = d.id();
        for (int i = 0; i < 8; i++) {
            out[headroom + 1 + i] = (byte) (id >>> (56 - 8 * i));
        }
        Prefix prefix = prefix(scope);
        Aead.sealInto(d.key(), plaintext, associatedData(prefix, scope), out, headroom + HEADER);
        // a value written is often read again soon (the next write of the item reads it first)
        opened.keep(prefix.id(), scope, out, headroom, plaintext);
        return out;
    }

    @Override
    public byte[] open(SealScope scope, byte[] sealed) {
        return open(scope, sealed, 0);
    }

    @Override
    public byte[] open(SealScope scope, byte[] stored, int offset) {
        if (stored.length - offset < HEADER + Aead.OVERHEAD || stored[offset] != FORMAT) {
            throw new IllegalArgumentException("not a sealed value of " + scope);
        }
        store.checkUsable(scope.table());
        Prefix prefix = prefix(scope);
        byte[] known = opened.find(prefix.id(), scope, stored, offset);
        if (known != null) {
            return known;
        }
        long id = 0;
        for (int i = 1; i <= 8; i++) {
            id = (id << 8) | (stored[offset + i] & 0xFF);
        }
        KeyStore.Unwrapped d = store.dataKey(id);
        if (d == null) {
            throw new KeyInaccessibleException("the data key of " + scope + " cannot be unwrapped", null);
        }
        if (!d.table().equals(scope.table())) {
            throw new IllegalArgumentException("a value of " + scope + " was sealed for another table");
        }
        try {
            byte[] plain = Aead.open(d.key(), stored, offset + HEADER, associatedData(prefix, scope));
            opened.keep(prefix.id(), scope, stored, offset, plain);
            return plain;
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException(
                    "a value of " + scope + " does not open: it was sealed for another" + " scope, or it is damaged");
        }
    }

    /** {@link SealScope#associatedData()}, byte for byte. */
    byte[] associatedData(SealScope scope) {
        return associatedData(prefix(scope), scope);
    }

    /** The table and kind of {@code scope}: kept per kind, for the table it was last used with. */
    private Prefix prefix(SealScope scope) {
        Prefix p = prefixes.get(scope.kind());
        if (p == null || !p.table().equals(scope.table())) {
            byte[] t = scope.table().getBytes(StandardCharsets.UTF_8);
            byte[] k = scope.kind().getBytes(StandardCharsets.UTF_8);
            byte[] b = new byte[8 + t.length + k.length];
            put(k, b, put(t, b, 0));
            p = new Prefix(scope.table(), b, prefixIds.incrementAndGet());
            prefixes.put(scope.kind(), p);
        }
        return p;
    }

    private static byte[] associatedData(Prefix p, SealScope scope) {
        byte[] partition = scope.partition();
        byte[] sort = scope.sort();
        byte[] out = new byte[p.bytes().length + 8 + partition.length + sort.length];
        System.arraycopy(p.bytes(), 0, out, 0, p.bytes().length);
        put(sort, out, put(partition, out, p.bytes().length));
        return out;
    }

    /** Writes {@code part}, length-prefixed, at {@code at} of {@code out}: as {@link SealScope} does. */
    private static int put(byte[] part, byte[] out, int at) {
        int n = part.length;
        out[at] = (byte) (n >>> 24);
        out[at + 1] = (byte) (n >>> 16);
        out[at + 2] = (byte) (n >>> 8);
        out[at + 3] = (byte) n;
        System.arraycopy(part, 0, out, at + 4, n);
        return at + 4 + n;
    }

    @Override
    public void close() {}
}
