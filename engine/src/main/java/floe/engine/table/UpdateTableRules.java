package floe.engine.table;

import floe.api.error.LimitExceededException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateGlobalSecondaryIndexAction;
import floe.api.model.GlobalSecondaryIndexUpdate;
import floe.api.model.KeySchemaElement;
import floe.api.model.ProvisionedThroughput;
import floe.api.model.UpdateTableRequest;
import floe.engine.table.TableDefinition.KeyAttribute;
import floe.engine.validate.Constraints;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * UpdateTable's validation and effect: throughput and billing mode, and the global
 * secondary indexes (one created or deleted per call, any number updated). What
 * needs no table is checked first, by {@link #validate}; the rest, against the table,
 * by {@link #apply}, which changes nothing itself: it returns the new definition.
 */
public final class UpdateTableRules {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final String ONE_ONLINE_INDEX =
            "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table";

    private UpdateTableRules() {}

    /**
     * What an UpdateTable does.
     *
     * @param table the table's new definition
     * @param created the global index it adds (CREATING, to be backfilled), or null
     * @param deleted the global index it removes, or null
     */
    public record Change(TableDefinition table, IndexDefinition created, IndexDefinition deleted) {}

    /**
     * Checks what needs no table, in DynamoDB's order: the declared constraints, all
     * reported together, then that something is asked, then the shape of each index
     * update.
     */
    public static void validate(UpdateTableRequest r) {
        validate(r, new Constraints());
    }

    /**
     * Validates an UpdateTable request as {@link #validate(UpdateTableRequest)} does,
     * reporting the violations already in {@code c} (the table name's, a stream
     * specification's) in the same message as the request's own.
     */
    public static void validate(UpdateTableRequest r, Constraints c) {
        if (r.attributeDefinitions() != null) {
            int i = 1;
            for (AttributeDefinition d : r.attributeDefinitions()) {
                String at = "attributeDefinitions." + i++ + ".member.";
                c.notNull(d.attributeName(), at + "attributeName");
                c.notNull(d.attributeType(), at + "attributeType");
                c.oneOf(d.attributeType(), List.of("B", "N", "S"), at + "attributeType");
            }
        }
        ProvisionedThroughput pt = r.provisionedThroughput();
        if (pt != null) {
            units(c, pt, "provisionedThroughput.");
        }
        if (r.billingMode() != null) {
            c.oneOf(r.billingMode(), List.of("PROVISIONED", "PAY_PER_REQUEST"), "billingMode");
        }
        List<GlobalSecondaryIndexUpdate> updates = r.globalSecondaryIndexUpdates();
        if (updates != null) {
            int i = 1;
            for (GlobalSecondaryIndexUpdate u : updates) {
                String at = "globalSecondaryIndexUpdates." + i++ + ".member.";
                if (u.update() != null) {
                    indexName(c, u.update().indexName(), at + "update.indexName");
                    if (u.update().onDemandThroughput() == null && u.update().warmThroughput() == null) {
                        c.notNull(u.update().provisionedThroughput(), at + "update.provisionedThroughput");
                    }
                    if (u.update().provisionedThroughput() != null) {
                        units(c, u.update().provisionedThroughput(), at + "update.provisionedThroughput.");
                    }
                }
                if (u.create() != null) {
                    CreateGlobalSecondaryIndexAction g = u.create();
                    CreateTableRules.indexConstraints(
                            c,
                            at + "create.",
                            g.indexName(),
                            g.keySchema(),
                            g.projection(),
                            g.provisionedThroughput(),
                            CreateTableRules.MAX_GLOBAL_KEYS);
                }
                if (u.delete() != null) {
                    indexName(c, u.delete().indexName(), at + "delete.indexName");
                }
            }
        }
        c.throwIfAny();
        if (pt == null
                && r.billingMode() == null
                && (updates == null || updates.isEmpty())
                && r.sseSpecification() == null
                && r.deletionProtectionEnabled() == null
                && r.onDemandThroughput() == null
                && r.warmThroughput() == null
                && r.tableClass() == null
                && r.streamSpecification() == null) {
            // measured: the list names members outside the public model too
            throw new ValidationException("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled,"
                    + " GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady,"
                    + " ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput,"
                    + " WarmThroughput or TableClass is required");
        }
        if (updates == null) {
            return;
        }
        if (updates.isEmpty()) {
            throw new ValidationException(INVALID + "List of GlobalSecondaryIndexUpdates is empty");
        }
        Set<String> names = new HashSet<>();
        for (GlobalSecondaryIndexUpdate u : updates) {
            int actions = (u.update() == null ? 0 : 1) + (u.create() == null ? 0 : 1) + (u.delete() == null ? 0 : 1);
            if (actions == 0) {
                throw new ValidationException(
                        INVALID + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create,"
                                + " GlobalSecondaryIndexUpdate.Delete must not be null");
            }
            if (actions > 1) {
                // guessed: the wording is DynamoDB's as reported by a third party, the prefix is assumed
                throw new ValidationException(INVALID + "Only one global secondary index action is allowed per"
                        + " GlobalSecondaryIndexUpdate object");
            }
            String name = u.update() != null
                    ? u.update().indexName()
                    : u.create() != null ? u.create().indexName() : u.delete().indexName();
            if (!names.add(name)) {
                throw new ValidationException(INVALID + "Only one global secondary index update per index is allowed"
                        + " simultaneously. Index: " + name);
            }
        }
    }

    /**
     * Validates {@code r} (already {@link #validate}d) against {@code def} and returns
     * what it changes.
     *
     * @param ids names a new index
     */
    public static Change apply(TableDefinition def, UpdateTableRequest r, Instant now, Supplier<String> ids) {
        List<GlobalSecondaryIndexUpdate> updates =
                r.globalSecondaryIndexUpdates() == null ? List.of() : r.globalSecondaryIndexUpdates();
        CreateGlobalSecondaryIndexAction create = null;
        String delete = null;
        Map<String, ProvisionedThroughput> throughput = new HashMap<>();
        int online = 0;
        for (GlobalSecondaryIndexUpdate u : updates) {
            if (u.create() != null) {
                create = u.create();
                online++;
            } else if (u.delete() != null) {
                delete = u.delete().indexName();
                online++;
            } else if (u.update().provisionedThroughput() != null) {
                throughput.put(u.update().indexName(), u.update().provisionedThroughput());
            } else {
                global(def, u.update().indexName()); // on-demand maximums or warm throughput: the options' rules
            }
        }
        if (online > 1) {
            throw new LimitExceededException(ONE_ONLINE_INDEX);
        }
        if (online == 1 && r.provisionedThroughput() != null) {
            // measured wording, quoted by a third party without saying whether it carries the usual prefix
            throw new ValidationException("You cannot create or delete index while updating table IOPS");
        }
        for (IndexDefinition i : def.indexes()) {
            // an index still being built holds the table's one online index operation (deleting that very index is
            // allowed)
            if (online == 1 && i.isCreating() && !i.name().equals(delete)) {
                throw new LimitExceededException(ONE_ONLINE_INDEX);
            }
        }
        if (delete != null) {
            global(def, delete);
        }
        for (String name : throughput.keySet()) {
            global(def, name);
        }

        TableDefinition next = billing(def, r, now, throughput);
        if (!throughput.isEmpty()) {
            next = indexThroughput(def, next, throughput);
        }
        IndexDefinition created = null;
        IndexDefinition deleted = null;
        if (delete != null) {
            deleted = next.index(delete);
            next = without(next, deleted);
        }
        if (create != null) {
            created = create(next, r.attributeDefinitions(), create, ids.get());
            next = with(next, r.attributeDefinitions(), created);
        }
        return new Change(next, created, deleted);
    }

    // ------------------------------------------------------------------ billing mode and table throughput

    /**
     * The table's billing mode and throughput after {@code r}, the global indexes'
     * throughput following a switch to on demand. A request that asks for neither
     * leaves them as they are.
     */
    private static TableDefinition billing(
            TableDefinition def, UpdateTableRequest r, Instant now, Map<String, ProvisionedThroughput> indexUpdates) {
        ProvisionedThroughput pt = r.provisionedThroughput();
        String mode = r.billingMode() == null ? def.billingMode() : r.billingMode();
        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(mode);
        if (onDemand && !indexUpdates.isEmpty()) {
            String name = indexUpdates.keySet().iterator().next();
            // guessed prefix: the wording is DynamoDB's as reported by a third party
            throw new ValidationException(INVALID + "The only Updates for index: " + name
                    + " when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput");
        }
        if (pt == null && r.billingMode() == null) {
            return def;
        }
        if (onDemand) {
            if (pt != null) {
                throw new ValidationException(
                        INVALID
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
            return def.withBilling(
                    mode, 0, 0, def.lastIncrease(), def.lastDecrease(), def.decreasesToday(), now, indexes);
        }
        if (pt == null) {
            throw new ValidationException(
                    INVALID + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
        }
        if (TableDefinition.PAY_PER_REQUEST.equals(def.billingMode())) {
            for (IndexDefinition i : def.indexes()) {
                if (i.isGlobal() && !indexUpdates.containsKey(i.name())) {
                    // each global index needs throughput of its own, given by an Update of it in the same request
                    throw new ValidationException(
                            INVALID + "ProvisionedThroughput must be specified for index: " + i.name());
                }
            }
        }
        if (pt.readCapacityUnits() > CreateTableRules.MAX_UNITS) {
            throw new ValidationException(
                    "Given value " + pt.readCapacityUnits() + " for ReadCapacityUnits is out of bounds");
        }
        if (pt.writeCapacityUnits() > CreateTableRules.MAX_UNITS) {
            throw new ValidationException(
                    "Given value " + pt.writeCapacityUnits() + " for WriteCapacityUnits is out of bounds");
        }
        boolean wasProvisioned = TableDefinition.PROVISIONED.equals(def.billingMode());
        if (wasProvisioned
                && pt.readCapacityUnits() == def.readCapacity()
                && pt.writeCapacityUnits() == def.writeCapacity()) {
            throw new ValidationException(
                    "The provisioned throughput for the table will not change. The requested value"
                            + " equals the current value. Current ReadCapacityUnits provisioned for the table: "
                            + def.readCapacity()
                            + ". Requested ReadCapacityUnits: " + pt.readCapacityUnits()
                            + ". Current WriteCapacityUnits provisioned"
                            + " for the table: " + def.writeCapacity() + ". Requested WriteCapacityUnits: "
                            + pt.writeCapacityUnits()
                            + ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
        }
        boolean increase = !wasProvisioned
                || pt.readCapacityUnits() > def.readCapacity()
                || pt.writeCapacityUnits() > def.writeCapacity();
        boolean decrease = wasProvisioned
                && (pt.readCapacityUnits() < def.readCapacity() || pt.writeCapacityUnits() < def.writeCapacity());
        long decreasesToday =
                def.lastDecrease() != null && sameUtcDay(def.lastDecrease(), now) ? def.decreasesToday() : 0;
        if (decrease) {
            Decreases.check(decreasesToday, def.lastDecrease(), now);
        }
        return def.withBilling(
                TableDefinition.PROVISIONED,
                pt.readCapacityUnits(),
                pt.writeCapacityUnits(),
                increase ? now : def.lastIncrease(),
                decrease ? now : def.lastDecrease(),
                decrease ? decreasesToday + 1 : decreasesToday,
                def.lastSwitchToPayPerRequest(),
                def.indexes());
    }

    private static boolean sameUtcDay(Instant a, Instant b) {
        return a.atZone(ZoneOffset.UTC)
                .toLocalDate()
                .equals(b.atZone(ZoneOffset.UTC).toLocalDate());
    }

    // ------------------------------------------------------------------ global indexes

    /** The global index named {@code name} of {@code def}, which must exist. */
    private static IndexDefinition global(TableDefinition def, String name) {
        IndexDefinition index = def.index(name);
        if (index == null || !index.isGlobal()) {
            // measured wording for an Update of an index that is gone; a Delete is assumed to answer the same
            throw new ResourceNotFoundException(
                    "Requested resource not found: Index " + name + " for table " + def.name());
        }
        return index;
    }

    /** {@code next} with each updated global index's new throughput ({@code before} is the table as it was). */
    private static TableDefinition indexThroughput(
            TableDefinition before, TableDefinition next, Map<String, ProvisionedThroughput> updates) {
        boolean wasProvisioned = TableDefinition.PROVISIONED.equals(before.billingMode());
        for (Map.Entry<String, ProvisionedThroughput> e : updates.entrySet()) {
            IndexDefinition index = next.index(e.getKey());
            ProvisionedThroughput pt = e.getValue();
            if (pt.readCapacityUnits() > CreateTableRules.MAX_UNITS
                    || pt.writeCapacityUnits() > CreateTableRules.MAX_UNITS) {
                throw new ValidationException(
                        "This operation cannot be performed with given input values. Please contact"
                                + " DynamoDB service team for more info: Action Blocked: IndexUpdate");
            }
            if (wasProvisioned
                    && pt.readCapacityUnits() == index.readCapacity()
                    && pt.writeCapacityUnits() == index.writeCapacity()) {
                // measured up to "Current WriteCapacityUnits"; the rest follows the table's message
                String n = index.name();
                throw new ValidationException("The provisioned throughput for the index " + n
                        + " will not change. The requested"
                        + " value equals the current value. Current ReadCapacityUnits provisioned for index " + n + ": "
                        + index.readCapacity() + ". Requested ReadCapacityUnits: " + pt.readCapacityUnits()
                        + ". Current WriteCapacityUnits provisioned for index " + n + ": " + index.writeCapacity()
                        + ". Requested WriteCapacityUnits: " + pt.writeCapacityUnits()
                        + ". Refer to the Amazon DynamoDB"
                        + " Developer Guide for current limits and how to request higher limits.");
            }
            next = next.withIndex(index.withThroughput(pt.readCapacityUnits(), pt.writeCapacityUnits()));
        }
        return next;
    }

    /** The new global index, CREATING, after DynamoDB's rules for it, in order. */
    private static IndexDefinition create(
            TableDefinition def, List<AttributeDefinition> given, CreateGlobalSecondaryIndexAction g, String id) {
        if (def.index(g.indexName()) != null) {
            // as a third-party emulator words it; not confirmed against the service
            throw new ValidationException("Attempting to create an index which already exists");
        }
        long globals = def.indexes().stream().filter(IndexDefinition::isGlobal).count();
        if (globals >= CreateTableRules.MAX_GLOBAL) {
            throw new LimitExceededException(
                    "Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of "
                            + CreateTableRules.MAX_GLOBAL);
        }
        if (given == null) {
            // guessed prefix: the wording is DynamoDB's as reported by a third party
            throw new ValidationException(
                    INVALID + "AttributeDefinitions is not specified for index: " + g.indexName());
        }
        checkNotRedefined(def, given, g.keySchema());
        List<AttributeDefinition> defs = definitions(def, given);
        CreateTableRules.checkIndexKeys(
                g.keySchema(),
                defs.stream().map(AttributeDefinition::attributeName).toList(),
                true);
        int projected = CreateTableRules.checkProjection(g.projection());
        for (IndexDefinition i : def.indexes()) {
            projected += i.nonKeyAttributes().size();
        }
        CreateTableRules.checkProjected(projected);
        ProvisionedThroughput pt = g.provisionedThroughput();
        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(def.billingMode());
        if (onDemand && pt != null) {
            // guessed: CreateTable's wording for the same rule
            throw new ValidationException(INVALID + "ProvisionedThroughput should not be specified for index: "
                    + g.indexName() + " when BillingMode is PAY_PER_REQUEST");
        }
        if (!onDemand) {
            if (pt == null) {
                // guessed prefix: the wording is DynamoDB's as reported by a third party
                throw new ValidationException(
                        INVALID + "Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: "
                                + g.indexName());
            }
            CreateTableRules.checkUnits(pt);
        }
        return CreateTableRules.index(
                defs,
                g.indexName(),
                id,
                IndexDefinition.Kind.GLOBAL,
                g.keySchema(),
                g.projection(),
                onDemand ? 0 : pt.readCapacityUnits(),
                onDemand ? 0 : pt.writeCapacityUnits(),
                IndexDefinition.CREATING);
    }

    /**
     * Refuses a new index keyed on an attribute the table already keys (itself or in an
     * index) with another type than the request now gives it. DynamoDB's message, as
     * ScyllaDB's test_gsi_updatetable.py records it: "One or more parameter values were
     * invalid: Attributes cannot be redefined. Please check that your attribute has the
     * same type as previously defined. Existing schema: Schema:[SchemaElement:
     * key{xyz:S:HASH}] New schema: Schema:[SchemaElement: key{xyz:N:HASH}]". A conflicting
     * definition of an attribute the new index does not use is ignored, as DynamoDB
     * ignores it (observed on DynamoDB, paritysuite/dynamodb-conformance issue 78).
     */
    private static void checkNotRedefined(
            TableDefinition def, List<AttributeDefinition> given, List<KeySchemaElement> newKeys) {
        if (given == null || newKeys == null) {
            return;
        }
        for (KeySchemaElement k : newKeys) {
            String existing = typeOf(def.attributeDefinitions(), k.attributeName());
            String requested = typeOf(given, k.attributeName());
            if (existing == null || requested == null || existing.equals(requested)) {
                continue;
            }
            // wording: best guess for the separators, and for which existing schema is shown when several use
            // the attribute (the table's first, then its indexes' in order)
            throw new ValidationException(INVALID
                    + "Attributes cannot be redefined. Please check that your attribute has the same type as"
                    + " previously defined. Existing schema: " + existingSchema(def, k.attributeName())
                    + " New schema: " + schema(newKeys, given));
        }
    }

    private static String typeOf(List<AttributeDefinition> defs, String name) {
        for (AttributeDefinition d : defs) {
            if (name.equals(d.attributeName())) {
                return d.attributeType();
            }
        }
        return null;
    }

    /** The key schema, among the table's and its indexes', that holds {@code name}, in DynamoDB's notation. */
    private static String existingSchema(TableDefinition def, String name) {
        List<KeyAttribute> hash = List.of(def.partitionKey());
        List<KeyAttribute> range = def.sortKey() == null ? List.of() : List.of(def.sortKey());
        if (!contains(hash, name) && !contains(range, name)) {
            for (IndexDefinition i : def.indexes()) {
                if (contains(i.partitionKey(), name) || contains(i.sortKey(), name)) {
                    hash = i.partitionKey();
                    range = i.sortKey();
                    break;
                }
            }
        }
        List<String> elements = new ArrayList<>();
        for (KeyAttribute k : hash) {
            elements.add(element(k.name(), k.type().name(), "HASH"));
        }
        for (KeyAttribute k : range) {
            elements.add(element(k.name(), k.type().name(), "RANGE"));
        }
        return "Schema:[" + String.join(", ", elements) + "]";
    }

    private static boolean contains(List<KeyAttribute> keys, String name) {
        for (KeyAttribute k : keys) {
            if (k.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String schema(List<KeySchemaElement> keys, List<AttributeDefinition> given) {
        List<String> elements = new ArrayList<>();
        for (KeySchemaElement k : keys) {
            elements.add(element(k.attributeName(), typeOf(given, k.attributeName()), k.keyType()));
        }
        return "Schema:[" + String.join(", ", elements) + "]";
    }

    private static String element(String name, String type, String keyType) {
        return "SchemaElement: key{" + name + ":" + type + ":" + keyType + "}";
    }

    /**
     * The table's attribute definitions plus those given that it lacks. A given
     * definition of an attribute the table defines already is ignored, as DynamoDB
     * ignores stale or conflicting entries here: the table's keys keep their types.
     */
    private static List<AttributeDefinition> definitions(TableDefinition def, List<AttributeDefinition> given) {
        List<AttributeDefinition> out = new ArrayList<>(def.attributeDefinitions());
        Set<String> names = new HashSet<>();
        for (AttributeDefinition d : out) {
            names.add(d.attributeName());
        }
        for (AttributeDefinition d : given) {
            if (names.add(d.attributeName())) {
                out.add(d);
            }
        }
        return out;
    }

    /** {@code def} with {@code index} after its other global indexes, defining the index's key attributes it lacked. */
    private static TableDefinition with(TableDefinition def, List<AttributeDefinition> given, IndexDefinition index) {
        List<AttributeDefinition> all = definitions(def, given);
        Set<String> used = used(def.partitionKey(), def.sortKey(), def.indexes());
        for (KeyAttribute k : index.keyAttributes()) {
            used.add(k.name());
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        for (IndexDefinition i : def.indexes()) {
            if (i.isGlobal()) {
                indexes.add(i);
            }
        }
        indexes.add(index);
        for (IndexDefinition i : def.indexes()) {
            if (!i.isGlobal()) {
                indexes.add(i);
            }
        }
        return def.withIndexes(
                all.stream().filter(d -> used.contains(d.attributeName())).toList(), indexes);
    }

    /** {@code def} without {@code index}, and without the attribute definitions only it used, as DynamoDB prunes them. */
    private static TableDefinition without(TableDefinition def, IndexDefinition index) {
        List<IndexDefinition> indexes = new ArrayList<>(def.indexes());
        indexes.remove(index);
        Set<String> used = used(def.partitionKey(), def.sortKey(), indexes);
        return def.withIndexes(
                def.attributeDefinitions().stream()
                        .filter(d -> used.contains(d.attributeName()))
                        .toList(),
                indexes);
    }

    private static Set<String> used(KeyAttribute partition, KeyAttribute sort, List<IndexDefinition> indexes) {
        Set<String> used = new LinkedHashSet<>();
        used.add(partition.name());
        if (sort != null) {
            used.add(sort.name());
        }
        for (IndexDefinition i : indexes) {
            for (KeyAttribute k : i.keyAttributes()) {
                used.add(k.name());
            }
        }
        return used;
    }

    // ------------------------------------------------------------------ declared constraints

    private static void units(Constraints c, ProvisionedThroughput pt, String at) {
        c.notNull(pt.writeCapacityUnits(), at + "writeCapacityUnits");
        c.atLeast(pt.writeCapacityUnits(), 1, at + "writeCapacityUnits");
        c.notNull(pt.readCapacityUnits(), at + "readCapacityUnits");
        c.atLeast(pt.readCapacityUnits(), 1, at + "readCapacityUnits");
    }

    private static void indexName(Constraints c, String name, String at) {
        c.notNull(name, at);
        if (name != null) {
            c.pattern(name, TableNames.matchesPattern(name), TableNames.PATTERN_TEXT, at);
            c.length(name, name.length(), 3, 255, at);
        }
    }
}
