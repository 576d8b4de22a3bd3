package floe.engine.table;

import floe.api.AttributeValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The status DynamoDB shows a table in: CREATING after CreateTable and UPDATING
 * after some UpdateTable changes, each for a configurable delay (none by default),
 * then ACTIVE. The status is kept in the table's settings as a deadline and read
 * against the engine's clock, so it needs no background work and a test drives it by
 * moving its clock. (DELETING is not a stored status: a deleted table is gone from
 * the catalog at once, and the engine remembers it only to describe it.)
 */
public final class TableLifecycle {
    /** Table statuses. */
    public static final String CREATING = "CREATING";
    /** Table statuses. */
    public static final String UPDATING = "UPDATING";
    /** Table statuses. */
    public static final String ACTIVE = "ACTIVE";
    /** Table statuses. */
    public static final String DELETING = "DELETING";

    static final String STATUS = "status";

    private TableLifecycle() {}

    /** The status of {@code def} at {@code now}. */
    public static String status(TableDefinition def, Instant now) {
        if (Restoring.inProgress(def)) {
            return CREATING; // until every restored item is in, however long that takes
        }
        Map<String, AttributeValue> s = TableOptions.map(def.setting(STATUS));
        if (s.isEmpty() || now.toEpochMilli() >= TableOptions.num(s.get("until"), 0)) {
            return ACTIVE;
        }
        return TableDefinition.str(s.get("status"));
    }

    /** Whether {@code def} is still being created at {@code now} (reads and writes of it are refused). */
    public static boolean isCreating(TableDefinition def, Instant now) {
        return CREATING.equals(status(def, now));
    }

    /**
     * {@code def} in {@code status} for {@code delay} from {@code now}; with no delay it
     * is ACTIVE at once (nothing is stored).
     */
    public static TableDefinition enter(TableDefinition def, String status, Instant now, Duration delay) {
        if (delay.isZero()) {
            return def.withSetting(STATUS, null);
        }
        return def.withSetting(
                STATUS,
                AttributeValue.m(Map.of(
                        "status",
                        AttributeValue.s(status),
                        "until",
                        AttributeValue.n(now.plus(delay).toEpochMilli()))));
    }
}
