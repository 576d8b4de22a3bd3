package floe.engine.stream;

import floe.api.error.ValidationException;
import floe.api.model.GlobalSecondaryIndexUpdate;
import floe.api.model.StreamSpecification;
import floe.api.model.UpdateTableRequest;
import floe.engine.validate.Constraints;
import java.util.List;

/**
 * DynamoDB's rules for a StreamSpecification on CreateTable and UpdateTable, with the
 * messages measured against the service, and the value sets of the Streams API.
 */
public final class StreamRules {
    private static final String INVALID = "One or more parameter values were invalid: ";
    /** The view types, in the order DynamoDB lists them in its enum-constraint message (measured). */
    static final List<String> VIEW_TYPES = List.of("OLD_IMAGE", "KEYS_ONLY", "NEW_AND_OLD_IMAGES", "NEW_IMAGE");
    /** The shard iterator types (the order of DynamoDB's message is not known: this is the documentation's). */
    static final List<String> ITERATOR_TYPES =
            List.of("TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER");

    private StreamRules() {}

    /** Checks a CreateTable's StreamSpecification; null (no stream) passes. */
    public static void checkCreate(StreamSpecification spec) {
        if (spec == null) {
            return;
        }
        constraints(spec);
        if (spec.streamEnabled() && spec.streamViewType() == null) {
            throw new ValidationException(
                    INVALID + "Table is being created with a stream enabled, UpdateViewType is required");
        }
        if (!spec.streamEnabled() && spec.streamViewType() != null) {
            throw new ValidationException(
                    INVALID + "Table is being created with a stream disabled, UpdateViewType should not be specified");
        }
    }

    /**
     * Checks an UpdateTable's StreamSpecification, and what it may not be combined with,
     * as far as no table is needed; null (no change to the stream) passes.
     */
    public static void checkUpdate(UpdateTableRequest r) {
        StreamSpecification spec = r.streamSpecification();
        if (spec == null) {
            return;
        }
        constraints(spec);
        if (spec.streamEnabled() && spec.streamViewType() == null) {
            throw new ValidationException(INVALID + "If stream is being enabled then UpdateViewType is required");
        }
        if (!spec.streamEnabled() && spec.streamViewType() != null) {
            throw new ValidationException(
                    INVALID + "If stream is being disabled, then UpdateViewType must not be specified");
        }
        if (r.provisionedThroughput() != null) {
            throw new ValidationException(INVALID + "You cannot modify stream status while updating table IOPS");
        }
        if (r.globalSecondaryIndexUpdates() != null) {
            for (GlobalSecondaryIndexUpdate u : r.globalSecondaryIndexUpdates()) {
                if (u.create() != null || u.delete() != null) {
                    throw new ValidationException(
                            INVALID + "You cannot create or delete index while changing stream status");
                }
            }
        }
    }

    private static void constraints(StreamSpecification spec) {
        Constraints c = new Constraints();
        constraints(spec, c);
        c.throwIfAny();
    }

    /**
     * Records the declared constraints of a StreamSpecification (null passes), for a
     * request that reports them with its other constraint violations.
     */
    public static void constraints(StreamSpecification spec, Constraints c) {
        if (spec == null) {
            return;
        }
        c.notNull(spec.streamEnabled(), "streamSpecification.streamEnabled");
        c.oneOf(spec.streamViewType(), VIEW_TYPES, "streamSpecification.streamViewType");
    }
}
