package floe.engine.seal;

/**
 * A value {@link SealedBackend#sealAhead sealed ahead} of the transaction that stores it, for
 * one key of one keyspace. Only a transaction of the backend that sealed it stores it as it is
 * ({@link PresealedPuts}), and only under that keyspace and key, for the same table; anything
 * else seals its plaintext again, as any value is sealed.
 */
public final class Presealed {
    final SealedBackend by;
    final String keyspace;
    final byte[] partition;
    final byte[] sort;
    final String table;
    final byte[] plaintext;
    final byte[] stored;

    Presealed(
            SealedBackend by,
            String keyspace,
            byte[] partition,
            byte[] sort,
            String table,
            byte[] plaintext,
            byte[] stored) {
        this.by = by;
        this.keyspace = keyspace;
        this.partition = partition;
        this.sort = sort;
        this.table = table;
        this.plaintext = plaintext;
        this.stored = stored;
    }

    /** The value as it was before sealing (not a copy). */
    public byte[] plaintext() {
        return plaintext;
    }

    /** The value as the backend stores it: sealed, behind the backend's header (not a copy). */
    public byte[] stored() {
        return stored;
    }
}
