package floe.engine.seal;

import floe.api.error.ValidationException;
import floe.api.model.SseDescription;
import floe.api.model.SseSpecification;
import floe.spi.extension.ValueSealer;

/**
 * Each table's key, as DynamoDB's {@code SSESpecification} chooses it, when a sealer is
 * configured; without one, FloeDB only records and describes the specification, as before.
 */
public final class TableKeys {
    /** The alias DynamoDB names its AWS managed key by. */
    public static final String MANAGED_ALIAS = "alias/aws/dynamodb";

    private final ValueSealer sealer;

    /** With {@code sealer}, or none (null). */
    public TableKeys(ValueSealer sealer) {
        this.sealer = sealer;
    }

    /** Whether values are sealed. */
    public boolean sealing() {
        return sealer != null;
    }

    /**
     * Chooses the key of table {@code tableId} as {@code sse} says (null, or not enabled: the
     * owned key; enabled: the key it names, the managed key when it names none), before any of
     * its values is written. Nothing without a sealer.
     *
     * @throws ValidationException if the key does not exist or cannot be used
     */
    public void choose(String tableId, SseSpecification sse) {
        if (sealer == null) {
            return;
        }
        boolean kms = sse != null && (Boolean.TRUE.equals(sse.enabled()) || "KMS".equals(sse.sseType()));
        String keyId = !kms ? null : sse.kmsMasterKeyId() == null ? MANAGED_ALIAS : sse.kmsMasterKeyId();
        try {
            sealer.useKey(tableId, keyId);
        } catch (IllegalArgumentException e) {
            // the sealer's message says what is wrong with the key (KMS's words)
            throw new ValidationException(e.getMessage());
        }
    }

    /**
     * The table's SSEDescription as DynamoDB shows it: none for the owned key, else KMS with
     * the key's ARN, and since when the key is inaccessible if it is. {@code recorded} (what
     * FloeDB recorded) without a sealer.
     *
     * @param status the description's status (ENABLED, or UPDATING during a key switch)
     */
    public SseDescription describe(String tableId, SseDescription recorded, String status) {
        if (sealer == null) {
            return recorded;
        }
        ValueSealer.TableKey key = sealer.key(tableId);
        if (key.keyArn() == null) {
            return null;
        }
        return new SseDescription(status, "KMS", key.keyArn(), key.inaccessibleSince());
    }

    /** Whether the table's key cannot be used now (the table is INACCESSIBLE_ENCRYPTION_CREDENTIALS). */
    public boolean inaccessible(String tableId) {
        return sealer != null && sealer.key(tableId).inaccessibleSince() != null;
    }
}
