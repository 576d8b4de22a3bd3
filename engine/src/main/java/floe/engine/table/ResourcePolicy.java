package floe.engine.table;

import floe.api.AttributeValue;
import floe.api.error.PolicyNotFoundException;
import floe.api.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A table's resource-based policy, kept in its definition's settings (so it goes
 * with the table), with DynamoDB's rules for storing it: a JSON object of at most
 * 20 KB, a revision id that changes with every different document (an identical
 * document keeps it), and the optimistic {@code ExpectedRevisionId} check, with the
 * service's messages. FloeDB stores and returns policies; it does not evaluate them.
 *
 * @param document the policy document as given
 * @param revisionId its revision: milliseconds since the epoch when it was written, so
 *     revisions compare in time order as DynamoDB's do
 */
public record ResourcePolicy(String document, String revisionId) {
    /** The largest policy document, in bytes. */
    public static final int MAX_BYTES = 20 * 1024;
    /** {@code ExpectedRevisionId} saying that no policy may exist yet. */
    public static final String NO_POLICY = "NO_POLICY";

    static final String POLICY = "resourcePolicy";
    private static final String INVALID = "One or more parameter values were invalid: ";

    /** The policy of {@code def}, or null. */
    public static ResourcePolicy of(TableDefinition def) {
        Map<String, AttributeValue> m = TableOptions.map(def.setting(POLICY));
        return m.isEmpty()
                ? null
                : new ResourcePolicy(TableDefinition.str(m.get("document")), TableDefinition.str(m.get("revision")));
    }

    /** {@code def} with {@code policy}, or without any if null. */
    public static TableDefinition with(TableDefinition def, ResourcePolicy policy) {
        return def.withSetting(
                POLICY,
                policy == null
                        ? null
                        : AttributeValue.m(Map.of(
                                "document",
                                AttributeValue.s(policy.document),
                                "revision",
                                AttributeValue.s(policy.revisionId))));
    }

    /** Checks a policy document: a JSON object within the size limit. */
    public static void check(String document) {
        if (document.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ValidationException(INVALID + "Maximum policy size of " + MAX_BYTES + " bytes exceeded");
        }
        if (!JsonSyntax.isObject(document)) {
            throw new ValidationException(INVALID + "Invalid policy document: This policy contains invalid Json");
        }
    }

    /**
     * The policy after putting {@code document} over {@code current} (null if none),
     * after the {@code ExpectedRevisionId} check; an identical document keeps its
     * revision.
     *
     * @param now when, for a new revision id (later than the current one)
     */
    public static ResourcePolicy put(
            ResourcePolicy current, String tableName, String document, String expectedRevisionId, Instant now) {
        expect(current, tableName, expectedRevisionId);
        if (current != null && current.document.equals(document)) {
            return current;
        }
        long revision = now.toEpochMilli();
        if (current != null) {
            revision = Math.max(revision, Long.parseLong(current.revisionId) + 1);
        }
        return new ResourcePolicy(document, Long.toString(revision));
    }

    /** Checks {@code ExpectedRevisionId} against the current policy (null if none) of table {@code tableName}. */
    public static void expect(ResourcePolicy current, String tableName, String expectedRevisionId) {
        if (expectedRevisionId == null) {
            return;
        }
        String prefix = "Resource-based policy not found for the provided ResourceArn: ";
        if (NO_POLICY.equals(expectedRevisionId)) {
            if (current != null) {
                throw new PolicyNotFoundException(
                        prefix + "Requested policy update expecting none to be present for table " + tableName
                                + ", but a policy exists with revision id " + current.revisionId + ".");
            }
            return;
        }
        if (current == null) {
            // message not known: best guess, following the mismatch wording
            throw new PolicyNotFoundException(prefix + "Requested update for policy with revision id "
                    + expectedRevisionId + ", but no policy is associated to target table " + tableName + ".");
        }
        if (!current.revisionId.equals(expectedRevisionId)) {
            throw new PolicyNotFoundException(prefix + "Requested update for policy with revision id "
                    + expectedRevisionId + ", but the policy associated to target table " + tableName
                    + " has revision id " + current.revisionId + ".");
        }
    }
}
