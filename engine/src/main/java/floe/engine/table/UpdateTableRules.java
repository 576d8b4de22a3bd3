package floe.engine.table;

import floe.api.error.ValidationException;
import floe.api.model.ProvisionedThroughput;
import floe.api.model.UpdateTableRequest;
import floe.engine.validate.Constraints;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** UpdateTable's validation and effect on throughput and billing mode. */
public final class UpdateTableRules {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private UpdateTableRules() {}

    /** Validates {@code r} against {@code def} and returns the updated definition. */
    public static TableDefinition apply(TableDefinition def, UpdateTableRequest r, Instant now) {
        Constraints c = new Constraints();
        ProvisionedThroughput pt = r.provisionedThroughput();
        if (pt != null) {
            c.notNull(pt.writeCapacityUnits(), "provisionedThroughput.writeCapacityUnits");
            c.atLeast(pt.writeCapacityUnits(), 1, "provisionedThroughput.writeCapacityUnits");
            c.notNull(pt.readCapacityUnits(), "provisionedThroughput.readCapacityUnits");
            c.atLeast(pt.readCapacityUnits(), 1, "provisionedThroughput.readCapacityUnits");
        }
        if (r.billingMode() != null) {
            c.oneOf(r.billingMode(), List.of("PROVISIONED", "PAY_PER_REQUEST"), "billingMode");
        }
        c.throwIfAny();
        if (pt == null && r.billingMode() == null && r.globalSecondaryIndexUpdates() == null) {
            throw new ValidationException("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled,"
                    + " GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        if (r.globalSecondaryIndexUpdates() != null) {
            // FloeDB's own message: creating, updating and deleting indexes of an existing table is not built yet
            throw new ValidationException(INVALID + "GlobalSecondaryIndexUpdates are not supported yet");
        }
        String mode = r.billingMode() == null ? def.billingMode() : r.billingMode();
        if (TableDefinition.PAY_PER_REQUEST.equals(mode)) {
            if (pt != null) {
                throw new ValidationException(INVALID
                        + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            if (TableDefinition.PAY_PER_REQUEST.equals(def.billingMode())) {
                return def; // already on demand: nothing changes
            }
            // on demand, the global indexes have no throughput of their own either
            List<IndexDefinition> indexes = new ArrayList<>();
            for (IndexDefinition i : def.indexes()) {
                indexes.add(i.withThroughput(0, 0));
            }
            return def.withBilling(mode, 0, 0, def.lastIncrease(), def.lastDecrease(), def.decreasesToday(), now, indexes);
        }
        if (pt == null) {
            throw new ValidationException(INVALID + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
        }
        if (TableDefinition.PAY_PER_REQUEST.equals(def.billingMode())) {
            for (IndexDefinition i : def.indexes()) {
                if (i.isGlobal()) {
                    // each global index needs throughput of its own, which only GlobalSecondaryIndexUpdates could give
                    throw new ValidationException(INVALID + "ProvisionedThroughput must be specified for index: " + i.name());
                }
            }
        }
        if (pt.readCapacityUnits() > CreateTableRules.MAX_UNITS) {
            throw new ValidationException("Given value " + pt.readCapacityUnits() + " for ReadCapacityUnits is out of bounds");
        }
        if (pt.writeCapacityUnits() > CreateTableRules.MAX_UNITS) {
            throw new ValidationException("Given value " + pt.writeCapacityUnits() + " for WriteCapacityUnits is out of bounds");
        }
        boolean wasProvisioned = TableDefinition.PROVISIONED.equals(def.billingMode());
        if (wasProvisioned && pt.readCapacityUnits() == def.readCapacity() && pt.writeCapacityUnits() == def.writeCapacity()) {
            throw new ValidationException("The provisioned throughput for the table will not change. The requested value"
                    + " equals the current value. Current ReadCapacityUnits provisioned for the table: " + def.readCapacity()
                    + ". Requested ReadCapacityUnits: " + pt.readCapacityUnits() + ". Current WriteCapacityUnits provisioned"
                    + " for the table: " + def.writeCapacity() + ". Requested WriteCapacityUnits: " + pt.writeCapacityUnits()
                    + ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
        }
        boolean increase = !wasProvisioned || pt.readCapacityUnits() > def.readCapacity() || pt.writeCapacityUnits() > def.writeCapacity();
        boolean decrease = wasProvisioned && (pt.readCapacityUnits() < def.readCapacity() || pt.writeCapacityUnits() < def.writeCapacity());
        long decreasesToday = def.lastDecrease() != null && sameUtcDay(def.lastDecrease(), now) ? def.decreasesToday() : 0;
        return def.withBilling(TableDefinition.PROVISIONED, pt.readCapacityUnits(), pt.writeCapacityUnits(),
                increase ? now : def.lastIncrease(), decrease ? now : def.lastDecrease(),
                decrease ? decreasesToday + 1 : decreasesToday, def.lastSwitchToPayPerRequest(), def.indexes());
    }

    private static boolean sameUtcDay(Instant a, Instant b) {
        return a.atZone(ZoneOffset.UTC).toLocalDate().equals(b.atZone(ZoneOffset.UTC).toLocalDate());
    }
}
