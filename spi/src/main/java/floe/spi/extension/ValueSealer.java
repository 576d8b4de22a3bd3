package floe.spi.extension;

import floe.api.Stability;

/**
 * Seals and opens the byte strings the engine stores, each for a {@link SealScope} that is
 * bound into the sealed form as associated data: a sealed value copied under another key,
 * record kind or table does not open. Keys themselves (the bytes a backend orders by) are
 * never sealed, since ordering needs them.
 *
 * <p>Each table has a key that seals its values ({@link #useKey}); which keys exist, and
 * whether a key can be used now, is the sealer's business. Thread-safe; {@link #close()} may
 * be called twice.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ValueSealer extends AutoCloseable {
    /**
     * Chooses the key that seals the values of {@code table} from now on; values sealed
     * before stay readable. Durable when it returns.
     *
     * @param table the table's unique, never reused id
     * @param keyId null for the sealer's own default key (DynamoDB's AWS owned key), or a
     *     key's id, ARN, alias name or alias ARN ({@code alias/aws/dynamodb} names the managed key)
     * @return the table's key now
     * @throws IllegalArgumentException with a message for people, if the key does not exist
     *     or cannot be used (disabled, pending deletion)
     */
    TableKey useKey(String table, String keyId);

    /**
     * The key of {@code table} now, and whether it can be used: a table the sealer never saw
     * has the default key.
     */
    TableKey key(String table);

    /** Forgets {@code table}, once its values are gone (a deleted table, a dropped backup). */
    void forget(String table);

    /**
     * The sealed form of {@code plaintext}.
     *
     * @throws KeyInaccessibleException if the table's key cannot be used now
     */
    byte[] seal(SealScope scope, byte[] plaintext);

    /**
     * The plaintext {@link #seal} sealed for the same scope.
     *
     * @throws KeyInaccessibleException if the table's key cannot be used now
     * @throws IllegalArgumentException if {@code sealed} was not sealed for this scope or is damaged
     */
    byte[] open(SealScope scope, byte[] sealed);

    /**
     * Checks that {@code table}'s key can be used now, as {@link #seal} checks it: for a
     * caller that sealed a value ahead of the moment it stores it. The default asks
     * {@link #key}; a sealer overrides it with something cheaper, as this runs for every
     * value stored.
     *
     * @throws KeyInaccessibleException if the table's key cannot be used now
     */
    default void checkUsable(String table) {
        java.time.Instant since = key(table).inaccessibleSince();
        if (since != null) {
            throw new KeyInaccessibleException("the key of table " + table + " cannot be used", since);
        }
    }

    /**
     * {@link #seal} into a new array that starts with {@code headroom} bytes left for the
     * caller (zero), so that a caller that frames the sealed form copies nothing. The default
     * copies what {@link #seal} returns; a sealer overrides it to write in place.
     */
    default byte[] seal(SealScope scope, byte[] plaintext, int headroom) {
        byte[] sealed = seal(scope, plaintext);
        byte[] out = new byte[headroom + sealed.length];
        System.arraycopy(sealed, 0, out, headroom, sealed.length);
        return out;
    }

    /**
     * {@link #open} of the sealed form that starts at {@code offset} of {@code stored} and runs
     * to its end. The default copies it out first; a sealer overrides it to read in place.
     */
    default byte[] open(SealScope scope, byte[] stored, int offset) {
        return open(scope, java.util.Arrays.copyOfRange(stored, offset, stored.length));
    }

    @Override
    void close();

    /**
     * A table's key.
     *
     * @param keyArn the key's ARN, or null for the sealer's own default key
     * @param inaccessibleSince when the key became unusable (disabled, pending deletion), or
     *     null while it can be used
     */
    @Stability(Stability.Level.EXPERIMENTAL)
    record TableKey(String keyArn, java.time.Instant inaccessibleSince) {}
}
