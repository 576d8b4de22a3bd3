package floe.plugin.replication;

import floe.api.error.ValidationException;
import floe.api.model.GlobalSecondaryIndexDescription;
import floe.api.model.OnDemandThroughputOverride;
import floe.api.model.ProvisionedThroughputOverride;
import floe.api.model.ReplicaGlobalSecondaryIndex;
import floe.api.model.TableDescription;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of a replica's own settings in {@code ReplicaUpdates} (Create and Update):
 * overrides that fit the table's billing mode, indexes the table has, a known table class.
 * Constraint messages have DynamoDB's form for a member of the request; the others are marked.
 */
final class ReplicaSettingsRules {
    private ReplicaSettingsRules() {}

    /**
     * Checks one action's settings against the table.
     *
     * @param path where the action is in the request, e.g. {@code replicaUpdates.1.member.create}
     */
    static void check(
            TableDescription table,
            String path,
            ProvisionedThroughputOverride provisioned,
            OnDemandThroughputOverride onDemand,
            List<ReplicaGlobalSecondaryIndex> indexes,
            String tableClass) {
        boolean onDemandTable = table.billingModeSummary() != null
                && "PAY_PER_REQUEST".equals(table.billingModeSummary().billingMode());
        if (tableClass != null && !tableClass.equals("STANDARD") && !tableClass.equals("STANDARD_INFREQUENT_ACCESS")) {
            // DynamoDB's form of an enum constraint
            throw new ValidationException("1 validation error detected: Value '" + tableClass + "' at '" + path
                    + ".tableClassOverride' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [STANDARD_INFREQUENT_ACCESS, STANDARD]");
        }
        checkOverrides(onDemandTable, path, provisioned, onDemand);
        if (indexes == null) {
            return;
        }
        Set<String> known = new HashSet<>();
        if (table.globalSecondaryIndexes() != null) {
            for (GlobalSecondaryIndexDescription g : table.globalSecondaryIndexes()) {
                known.add(g.indexName());
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < indexes.size(); i++) {
            ReplicaGlobalSecondaryIndex g = indexes.get(i);
            String at = path + ".globalSecondaryIndexes." + (i + 1) + ".member";
            if (g.indexName() == null) {
                throw new ValidationException("1 validation error detected: Value null at '" + at
                        + ".indexName' failed to satisfy constraint: Member must not be null");
            }
            if (!known.contains(g.indexName())) {
                // guess: DynamoDB's wording for an index the table does not have
                throw new ValidationException("One or more parameter values were invalid: Global Secondary Index "
                        + g.indexName() + " does not exist in table " + table.tableName());
            }
            if (!seen.add(g.indexName())) {
                // guess
                throw new ValidationException(
                        "One or more parameter values were invalid: Duplicate index name: " + g.indexName());
            }
            checkOverrides(onDemandTable, at, g.provisionedThroughputOverride(), g.onDemandThroughputOverride());
        }
    }

    private static void checkOverrides(
            boolean onDemandTable,
            String path,
            ProvisionedThroughputOverride provisioned,
            OnDemandThroughputOverride onDemand) {
        if (provisioned != null) {
            Long rcu = provisioned.readCapacityUnits();
            if (rcu != null && rcu < 1) {
                throw new ValidationException("1 validation error detected: Value '" + rcu + "' at '" + path
                        + ".provisionedThroughputOverride.readCapacityUnits' failed to satisfy constraint: Member"
                        + " must have value greater than or equal to 1");
            }
            if (onDemandTable) {
                // guess: DynamoDB refuses provisioned capacity for an on-demand table with this wording elsewhere
                throw new ValidationException("One or more parameter values were invalid: ProvisionedThroughputOverride"
                        + " is not supported for a table with billing mode PAY_PER_REQUEST");
            }
        }
        if (onDemand != null) {
            if (!onDemandTable) {
                // guess: the wording of the table's own OnDemandThroughput on a provisioned table
                throw new ValidationException("One or more parameter values were invalid: MaxReadRequestUnits for"
                        + " OnDemandThroughputOverride cannot be specified when the table BillingMode is PROVISIONED");
            }
            Long max = onDemand.maxReadRequestUnits();
            if (max != null && max < 1 && max != -1) {
                // guess: the wording of the table's own OnDemandThroughput out of range; -1 removes the limit
                throw new ValidationException("One or more parameter values were invalid: Requested"
                        + " MaxReadRequestUnits for OnDemandThroughputOverride is outside of valid range");
            }
        }
    }
}
