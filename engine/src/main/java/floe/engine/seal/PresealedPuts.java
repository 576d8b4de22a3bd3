package floe.engine.seal;

import floe.spi.storage.WriteTransaction;

/**
 * A write transaction that can store a {@link Presealed} value as it was sealed: the
 * {@link SealedBackend}'s own, and views of one that pass the value on (the group
 * committer's). {@link #put(WriteTransaction, String, byte[], byte[], Presealed)} stores one
 * in any transaction.
 */
public interface PresealedPuts {
    /**
     * Stores {@code value} under {@code keyspace}, {@code partition} and {@code sort}: as it
     * was sealed if that is what it was sealed for, else its plaintext, sealed as any value.
     */
    void put(String keyspace, byte[] partition, byte[] sort, Presealed value);

    /**
     * Stores {@code value} in {@code w}: as it was sealed where {@code w} can, else its
     * plaintext, which a sealing transaction seals then.
     */
    static void put(WriteTransaction w, String keyspace, byte[] partition, byte[] sort, Presealed value) {
        if (w instanceof PresealedPuts p) {
            p.put(keyspace, partition, sort, value);
        } else {
            w.put(keyspace, partition, sort, value.plaintext());
        }
    }
}
