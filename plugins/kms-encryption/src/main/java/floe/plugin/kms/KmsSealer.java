package floe.plugin.kms;

import floe.spi.extension.KeyInaccessibleException;
import floe.spi.extension.SealScope;
import floe.spi.extension.ValueSealer;
import java.nio.ByteBuffer;
import javax.crypto.AEADBadTagException;

/**
 * Seals values with their table's data key (AES-256-GCM, the scope as associated data), which
 * the key store keeps unwrapped in memory while the table's KMS key can be used:
 *
 * <pre>
 * sealed = format:byte(01) dataKey:8 nonce:12 ciphertext tag:16
 * </pre>
 */
final class KmsSealer implements ValueSealer {
    private static final byte FORMAT = 1;
    private static final int HEADER = 9;

    private final KeyStore store;

    KmsSealer(KeyStore store) {
        this.store = store;
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
    public byte[] seal(SealScope scope, byte[] plaintext) {
        store.checkUsable(scope.table());
        KeyStore.Unwrapped d = store.sealingKey(scope.table());
        byte[] header = ByteBuffer.allocate(HEADER).put(FORMAT).putLong(d.id()).array();
        return Aead.seal(d.key(), header, plaintext, scope.associatedData());
    }

    @Override
    public byte[] open(SealScope scope, byte[] sealed) {
        if (sealed.length < HEADER + Aead.OVERHEAD || sealed[0] != FORMAT) {
            throw new IllegalArgumentException("not a sealed value of " + scope);
        }
        store.checkUsable(scope.table());
        long id = ByteBuffer.wrap(sealed, 1, 8).getLong();
        KeyStore.Unwrapped d = store.dataKey(id);
        if (d == null) {
            throw new KeyInaccessibleException("the data key of " + scope + " cannot be unwrapped", null);
        }
        if (!d.table().equals(scope.table())) {
            throw new IllegalArgumentException("a value of " + scope + " was sealed for another table");
        }
        try {
            return Aead.open(d.key(), sealed, HEADER, scope.associatedData());
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException(
                    "a value of " + scope + " does not open: it was sealed for another" + " scope, or it is damaged");
        }
    }

    @Override
    public void close() {}
}
