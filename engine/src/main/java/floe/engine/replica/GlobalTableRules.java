package floe.engine.replica;

import floe.api.error.ValidationException;
import floe.api.model.ReplicaDescription;
import floe.api.model.ReplicationGroupUpdate;
import floe.api.model.UpdateReplicationGroupMemberAction;
import floe.api.model.UpdateTableRequest;
import floe.engine.table.TableNames;
import floe.spi.extension.GlobalTables;
import java.util.List;
import java.util.function.Function;

/**
 * UpdateTable's rules for global tables (version 2019.11.21) that need no knowledge of the
 * replicas' Regions: the shape of {@code ReplicaUpdates}, and the stream a global table keeps.
 * Messages as DynamoDB answers them, where observed; the rest are marked.
 */
public final class GlobalTableRules {
    /** The version of global tables FloeDB implements. */
    public static final String VERSION = "2019.11.21";

    private GlobalTableRules() {}

    /** The table name of a request's name or ARN. */
    public static String name(String nameOrArn) {
        return TableNames.checked(nameOrArn);
    }

    /** How many settings an Update action changes. */
    private static int settingsOf(UpdateReplicationGroupMemberAction u) {
        int n = 0;
        for (Object o : new Object[] {
            u.kmsMasterKeyId(),
            u.provisionedThroughputOverride(),
            u.onDemandThroughputOverride(),
            u.globalSecondaryIndexes(),
            u.tableClassOverride()
        }) {
            if (o != null) {
                n++;
            }
        }
        return n;
    }

    /**
     * Checks a request against the global-table rules.
     *
     * @param global the global tables, or null when no replication plugin runs
     * @param replicas the Regions of a table, by name
     * @return the request itself when it has no {@code ReplicaUpdates}; else the request without
     *     them, or null if it asks for nothing else
     * @throws ValidationException when a rule breaks
     */
    public static UpdateTableRequest check(
            UpdateTableRequest request, GlobalTables global, Function<String, List<ReplicaDescription>> replicas) {
        if (global != null
                && request.streamSpecification() != null
                && Boolean.FALSE.equals(request.streamSpecification().streamEnabled())
                && request.tableName() != null
                && !replicas.apply(name(request.tableName())).isEmpty()) {
            // observed on DynamoDB
            throw new ValidationException("Disabling Stream is not allowed for a Global Table replica.");
        }
        List<ReplicationGroupUpdate> updates = request.replicaUpdates();
        if (updates == null) {
            return request;
        }
        if (updates.isEmpty()) {
            // guess: the form of DynamoDB's other length constraints (SDKs refuse it before sending)
            throw new ValidationException("1 validation error detected: Value '[]' at 'replicaUpdates' failed to"
                    + " satisfy constraint: Member must have length greater than or equal to 1");
        }
        for (ReplicationGroupUpdate u : updates) {
            int actions = (u.create() != null ? 1 : 0) + (u.update() != null ? 1 : 0) + (u.delete() != null ? 1 : 0);
            if (actions == 0 || (u.update() != null && settingsOf(u.update()) == 0 && actions == 1)) {
                // observed: an empty element, or an Update with only its RegionName
                throw new ValidationException(
                        "There are no actions specified in the Replica Update Action of the request.");
            }
            if (actions > 1) {
                // observed
                throw new ValidationException(
                        "Update table operation with more than one type of replica actions not allowed.");
            }
        }
        if (global == null) {
            // guess: without the replication plugin no other Region is known, as for an unknown Region
            String region = updates.get(0).create() != null
                    ? updates.get(0).create().regionName()
                    : updates.get(0).delete() != null
                            ? updates.get(0).delete().regionName()
                            : updates.get(0).update().regionName();
            throw new ValidationException("Region " + region + " is not supported. The latest version of global"
                    + " tables are only supported in the following regions: []");
        }
        UpdateTableRequest rest = request.toBuilder().replicaUpdates(null).build();
        boolean more = rest.attributeDefinitions() != null
                || rest.billingMode() != null
                || rest.provisionedThroughput() != null
                || rest.globalSecondaryIndexUpdates() != null
                || rest.streamSpecification() != null
                || rest.sseSpecification() != null
                || rest.tableClass() != null
                || rest.deletionProtectionEnabled() != null
                || rest.onDemandThroughput() != null
                || rest.warmThroughput() != null;
        return more ? rest : null;
    }
}
