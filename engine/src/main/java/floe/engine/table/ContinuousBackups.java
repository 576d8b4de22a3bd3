package floe.engine.table;

import floe.api.error.ValidationException;
import floe.api.model.ContinuousBackupsDescription;
import floe.api.model.PointInTimeRecoveryDescription;
import floe.api.model.PointInTimeRecoverySpecification;
import floe.engine.validate.Constraints;
import java.time.Duration;
import java.time.Instant;

/**
 * DescribeContinuousBackups and UpdateContinuousBackups: point-in-time recovery's
 * setting, stored in the table's options and described as DynamoDB describes it
 * (continuous backups are always ENABLED for a table; recovery may go back to when
 * it was turned on, at most the recovery period, and up to five minutes ago). The
 * history that restores replay is the backups' (see {@code floe.engine.backup}).
 */
public final class ContinuousBackups {
    /** The longest recovery period, and the default. */
    static final int MAX_DAYS = 35;
    /** How far behind the present the latest restorable time lags in DynamoDB. */
    static final Duration LAG = Duration.ofMinutes(5);

    private ContinuousBackups() {}

    /** Checks an UpdateContinuousBackups specification, adding its declared constraints to {@code c} and throwing them. */
    public static void check(PointInTimeRecoverySpecification spec, Constraints c) {
        c.notNull(spec, "pointInTimeRecoverySpecification");
        if (spec != null) {
            c.notNull(spec.pointInTimeRecoveryEnabled(), "pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled");
            if (spec.recoveryPeriodInDays() != null) {
                long days = spec.recoveryPeriodInDays();
                c.atLeast(days, 1, "pointInTimeRecoverySpecification.recoveryPeriodInDays")
                        .atMost(days, MAX_DAYS, "pointInTimeRecoverySpecification.recoveryPeriodInDays");
            }
        }
        c.throwIfAny();
        if (!spec.pointInTimeRecoveryEnabled() && spec.recoveryPeriodInDays() != null) {
            throw new ValidationException(
                    "Invalid Request: Cannot specify RecoveryPeriodInDays when disabling point-in-time recovery.");
        }
    }

    /** {@code def} with point-in-time recovery as a checked specification asks (turning it on again keeps its start). */
    public static TableDefinition update(TableDefinition def, PointInTimeRecoverySpecification spec, Instant now) {
        TableOptions o = TableOptions.of(def);
        TableOptions.Pitr pitr;
        if (spec.pointInTimeRecoveryEnabled()) {
            int days = spec.recoveryPeriodInDays() == null ? MAX_DAYS : spec.recoveryPeriodInDays();
            pitr = new TableOptions.Pitr(
                    true, days, o.pitr().enabled() ? o.pitr().since() : now);
        } else {
            pitr = TableOptions.Pitr.OFF;
        }
        return o.toBuilder().pitr(pitr).build().applyTo(def);
    }

    /** The continuous backups of {@code def} at {@code now}. */
    public static ContinuousBackupsDescription describe(TableDefinition def, Instant now) {
        TableOptions.Pitr pitr = TableOptions.of(def).pitr();
        if (!pitr.enabled()) {
            return new ContinuousBackupsDescription(
                    "ENABLED", new PointInTimeRecoveryDescription("DISABLED", null, null, null));
        }
        Instant earliest = pitr.since();
        Instant horizon = now.minus(Duration.ofDays(pitr.recoveryPeriodInDays()));
        if (horizon.isAfter(earliest)) {
            earliest = horizon;
        }
        Instant latest = now.minus(LAG);
        if (latest.isBefore(earliest)) {
            latest = earliest;
        }
        return new ContinuousBackupsDescription(
                "ENABLED",
                new PointInTimeRecoveryDescription("ENABLED", pitr.recoveryPeriodInDays(), earliest, latest));
    }
}
