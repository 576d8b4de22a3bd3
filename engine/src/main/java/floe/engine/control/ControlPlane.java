package floe.engine.control;

import floe.api.error.ResourceInUseException;
import floe.api.error.ValidationException;
import floe.api.model.BillingModeSummary;
import floe.api.model.CreateTableRequest;
import floe.api.model.GlobalSecondaryIndexDescription;
import floe.api.model.GlobalSecondaryIndexUpdate;
import floe.api.model.GlobalSecondaryIndexWarmThroughputDescription;
import floe.api.model.OnDemandThroughput;
import floe.api.model.ProvisionedThroughputDescription;
import floe.api.model.SseDescription;
import floe.api.model.TableDescription;
import floe.api.model.TableWarmThroughputDescription;
import floe.api.model.UpdateTableRequest;
import floe.engine.table.Arns;
import floe.engine.table.IndexDefinition;
import floe.engine.table.ResourcePolicy;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableLifecycle;
import floe.engine.table.TableOptionRules;
import floe.engine.table.TableOptions;
import floe.engine.table.Tags;
import floe.engine.table.UpdateTableRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The table-level rules of CreateTable, UpdateTable and DeleteTable beyond keys,
 * indexes and throughput: the options (see {@link TableOptionRules}), tags and
 * resource policy a table is created with, the status it passes through (see
 * {@link TableLifecycle}), when a change is admitted, and what the responses show:
 * DynamoDB answers CreateTable and UpdateTable before the change is done, so their
 * descriptions show the state the change starts from where the service's do.
 */
public final class ControlPlane {
    private static final String IN_USE = "Attempt to change a resource which is still in use: ";

    private ControlPlane() {}

    // ------------------------------------------------------------------ CreateTable

    /** A new table's definition with its options, tags, policy and CREATING status. */
    public static TableDefinition created(
            CreateTableRequest r, TableDefinition def, Arns arns, Instant now, Duration delay) {
        TableDefinition out = TableOptionRules.created(r, def, arns).applyTo(def);
        if (r.tags() != null) {
            out = Tags.add(out, r.tags());
        }
        if (r.resourcePolicy() != null) {
            out = ResourcePolicy.with(out, ResourcePolicy.put(null, def.name(), r.resourcePolicy(), null, now));
        }
        return TableLifecycle.enter(out, TableLifecycle.CREATING, now, delay);
    }

    /**
     * What CreateTable answers: the table and its global indexes CREATING, no warm
     * throughput unless one was asked for, and the billing mode without a date (the
     * measured shape of DynamoDB's response).
     */
    public static TableDescription createResponse(TableDescription d, CreateTableRequest r) {
        TableDescription.Builder b = d.toBuilder().tableStatus(TableLifecycle.CREATING);
        if (d.globalSecondaryIndexes() != null) {
            List<GlobalSecondaryIndexDescription> globals = new ArrayList<>();
            for (GlobalSecondaryIndexDescription g : d.globalSecondaryIndexes()) {
                globals.add(g.toBuilder().indexStatus(TableLifecycle.CREATING).build());
            }
            b.globalSecondaryIndexes(globals);
        }
        if (r.warmThroughput() == null) {
            b.warmThroughput(null);
        } else {
            b.warmThroughput(new TableWarmThroughputDescription(
                    d.warmThroughput().readUnitsPerSecond(), d.warmThroughput().writeUnitsPerSecond(), "UPDATING"));
        }
        if (d.billingModeSummary() != null) {
            b.billingModeSummary(new BillingModeSummary(d.billingModeSummary().billingMode(), null));
        }
        return b.build();
    }

    // ------------------------------------------------------------------ DeleteTable

    /** Refuses to delete a table still being created or updated, or protected against deletion. */
    public static void checkDeletable(TableDefinition def, Instant now) {
        String status = TableLifecycle.status(def, now);
        if (TableLifecycle.CREATING.equals(status)) {
            throw new ResourceInUseException(IN_USE + "Table is being created: " + def.name());
        }
        if (TableLifecycle.UPDATING.equals(status)) {
            throw new ResourceInUseException(IN_USE + "Table: " + def.name() + " is in the process of being updated.");
        }
        if (TableOptions.of(def).deletionProtection()) {
            throw new ValidationException(
                    "Resource cannot be deleted as it is currently protected against deletion. Disable deletion"
                            + " protection first.");
        }
    }

    // ------------------------------------------------------------------ UpdateTable

    /**
     * Refuses an UpdateTable of a table still being created, or being updated unless it
     * changes deletion protection only (which DynamoDB admits then).
     */
    public static void checkUpdatable(TableDefinition def, UpdateTableRequest r, Instant now) {
        String status = TableLifecycle.status(def, now);
        if (TableLifecycle.CREATING.equals(status)) {
            throw new ResourceInUseException(IN_USE + "Table is being created: " + def.name());
        }
        if (TableLifecycle.UPDATING.equals(status) && r.deletionProtectionEnabled() == null) {
            if (r.provisionedThroughput() != null || r.billingMode() != null || r.onDemandThroughput() != null) {
                throw new ResourceInUseException(
                        IN_USE + "Table IOPS are currently being updated. Table: " + def.name());
            }
            throw new ResourceInUseException(IN_USE + "Table: " + def.name() + " is in the process of being updated.");
        }
    }

    /**
     * The table's definition after an UpdateTable: {@code after} (what
     * {@link UpdateTableRules} made) with the options the request changes and, for a
     * change DynamoDB runs asynchronously, UPDATING for the status delay.
     */
    public static TableDefinition updated(
            TableDefinition before,
            TableDefinition after,
            UpdateTableRequest r,
            IndexDefinition created,
            Instant now,
            Arns arns,
            Duration delay) {
        TableDefinition out =
                TableOptionRules.updated(before, after, r, created, now, arns).applyTo(after);
        return asynchronous(r) ? TableLifecycle.enter(out, TableLifecycle.UPDATING, now, delay) : out;
    }

    /**
     * Whether DynamoDB runs the change with the table UPDATING: billing mode, throughput,
     * table class and adding or removing a global index do; deletion protection,
     * on-demand maximums, encryption, warm throughput and index throughput leave it ACTIVE.
     */
    static boolean asynchronous(UpdateTableRequest r) {
        if (r.billingMode() != null || r.provisionedThroughput() != null || r.tableClass() != null) {
            return true;
        }
        if (r.globalSecondaryIndexUpdates() != null) {
            for (GlobalSecondaryIndexUpdate u : r.globalSecondaryIndexUpdates()) {
                if (u.create() != null || u.delete() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What UpdateTable answers, as measured: the table UPDATING for an asynchronous
     * change (else ACTIVE); a throughput change with the units and count of decreases
     * from before but the new change dates; a billing switch with the new mode but no
     * date; the table class, encryption and warm throughput from before, the latter two
     * UPDATING; on-demand maximums as asked, a removed one as -1; updated global
     * indexes UPDATING.
     *
     * @param before the table described before the change
     * @param after the table described after it
     */
    public static TableDescription updateResponse(
            TableDescription before,
            TableDescription after,
            UpdateTableRequest r,
            UpdateTableRules.Change change,
            Instant now) {
        TableDescription.Builder b =
                after.toBuilder().tableStatus(asynchronous(r) ? TableLifecycle.UPDATING : TableLifecycle.ACTIVE);
        boolean switchedToOnDemand = TableDefinition.PAY_PER_REQUEST.equals(r.billingMode())
                && (before.billingModeSummary() == null
                        || !TableDefinition.PAY_PER_REQUEST.equals(
                                before.billingModeSummary().billingMode()));
        if (r.provisionedThroughput() != null && !switchedToOnDemand) {
            ProvisionedThroughputDescription old = before.provisionedThroughput();
            ProvisionedThroughputDescription now2 = after.provisionedThroughput();
            b.provisionedThroughput(new ProvisionedThroughputDescription(
                    now2.lastIncreaseDateTime(),
                    now2.lastDecreaseDateTime(),
                    old.numberOfDecreasesToday(),
                    old.readCapacityUnits(),
                    old.writeCapacityUnits()));
        }
        if (r.billingMode() != null && after.billingModeSummary() != null) {
            b.billingModeSummary(
                    new BillingModeSummary(after.billingModeSummary().billingMode(), null));
        }
        if (r.tableClass() != null) {
            b.tableClassSummary(before.tableClassSummary());
        }
        if (r.sseSpecification() != null) {
            SseDescription old = before.sseDescription();
            b.sseDescription(
                    old == null
                            ? new SseDescription("UPDATING", null, null, null)
                            : new SseDescription("UPDATING", old.sseType(), old.kmsMasterKeyArn(), null));
        }
        if (r.warmThroughput() != null) {
            TableWarmThroughputDescription old = before.warmThroughput();
            b.warmThroughput(new TableWarmThroughputDescription(
                    old.readUnitsPerSecond(), old.writeUnitsPerSecond(), "UPDATING"));
        }
        if (r.onDemandThroughput() != null) {
            OnDemandThroughput asked = r.onDemandThroughput();
            OnDemandThroughput now2 = after.onDemandThroughput();
            Long read = asked.maxReadRequestUnits() != null && asked.maxReadRequestUnits() == -1
                    ? Long.valueOf(-1)
                    : now2 == null ? null : now2.maxReadRequestUnits();
            Long write = asked.maxWriteRequestUnits() != null && asked.maxWriteRequestUnits() == -1
                    ? Long.valueOf(-1)
                    : now2 == null ? null : now2.maxWriteRequestUnits();
            b.onDemandThroughput(read == null && write == null ? null : new OnDemandThroughput(read, write));
        }
        if (r.globalSecondaryIndexUpdates() != null && after.globalSecondaryIndexes() != null) {
            List<String> updated = new ArrayList<>();
            for (GlobalSecondaryIndexUpdate u : r.globalSecondaryIndexUpdates()) {
                if (u.update() != null) {
                    updated.add(u.update().indexName());
                }
            }
            List<GlobalSecondaryIndexDescription> globals = new ArrayList<>();
            for (GlobalSecondaryIndexDescription g : after.globalSecondaryIndexes()) {
                globals.add(
                        updated.contains(g.indexName())
                                ? g.toBuilder()
                                        .indexStatus(TableLifecycle.UPDATING)
                                        .build()
                                : g);
            }
            b.globalSecondaryIndexes(globals);
        }
        return b.build();
    }

    // ------------------------------------------------------------------ descriptions

    /** A table's warm throughput as described: always present. */
    public static TableWarmThroughputDescription warm(TableDefinition def, TableOptions o) {
        long[] w = TableOptionRules.effectiveWarm(def, o);
        return new TableWarmThroughputDescription(w[0], w[1], TableLifecycle.ACTIVE);
    }

    /** A global index's warm throughput as described. */
    public static GlobalSecondaryIndexWarmThroughputDescription warm(
            IndexDefinition index, TableDefinition def, TableOptions o, String indexStatus) {
        long[] w = TableOptionRules.effectiveWarm(index, def, o.index(index.id()));
        return new GlobalSecondaryIndexWarmThroughputDescription(
                w[0],
                w[1],
                TableLifecycle.CREATING.equals(indexStatus) ? TableLifecycle.CREATING : TableLifecycle.ACTIVE);
    }

    /** On-demand maximums as described: only those set, or null for none. */
    public static OnDemandThroughput onDemand(Long read, Long write) {
        return read == null && write == null ? null : new OnDemandThroughput(read, write);
    }

    /** A global index's on-demand maximums as described (only on an on-demand table). */
    public static OnDemandThroughput onDemand(TableDefinition def, TableOptions.IndexOptions o) {
        return TableDefinition.PAY_PER_REQUEST.equals(def.billingMode())
                ? onDemand(o.maxReadRequestUnits(), o.maxWriteRequestUnits())
                : null;
    }
}
