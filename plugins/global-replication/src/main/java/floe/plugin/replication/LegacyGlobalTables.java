package floe.plugin.replication;

import floe.api.FloeDb;
import floe.api.FloeGlobalTables;
import floe.api.error.GlobalTableAlreadyExistsException;
import floe.api.error.IndexNotFoundException;
import floe.api.error.ReplicaAlreadyExistsException;
import floe.api.error.ReplicaNotFoundException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.TableNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.CreateGlobalTableRequest;
import floe.api.model.CreateGlobalTableResponse;
import floe.api.model.DescribeGlobalTableRequest;
import floe.api.model.DescribeGlobalTableResponse;
import floe.api.model.DescribeGlobalTableSettingsRequest;
import floe.api.model.DescribeGlobalTableSettingsResponse;
import floe.api.model.DescribeTableRequest;
import floe.api.model.GlobalSecondaryIndexDescription;
import floe.api.model.GlobalTable;
import floe.api.model.GlobalTableDescription;
import floe.api.model.GlobalTableGlobalSecondaryIndexSettingsUpdate;
import floe.api.model.ListGlobalTablesRequest;
import floe.api.model.ListGlobalTablesResponse;
import floe.api.model.ProvisionedThroughput;
import floe.api.model.ProvisionedThroughputOverride;
import floe.api.model.Replica;
import floe.api.model.ReplicaDescription;
import floe.api.model.ReplicaGlobalSecondaryIndex;
import floe.api.model.ReplicaGlobalSecondaryIndexSettingsDescription;
import floe.api.model.ReplicaGlobalSecondaryIndexSettingsUpdate;
import floe.api.model.ReplicaSettingsDescription;
import floe.api.model.ReplicaSettingsUpdate;
import floe.api.model.ReplicaUpdate;
import floe.api.model.ScanRequest;
import floe.api.model.TableClassSummary;
import floe.api.model.TableDescription;
import floe.api.model.UpdateGlobalTableRequest;
import floe.api.model.UpdateGlobalTableResponse;
import floe.api.model.UpdateGlobalTableSettingsRequest;
import floe.api.model.UpdateGlobalTableSettingsResponse;
import floe.api.model.UpdateTableRequest;
import floe.spi.extension.ReplicaHost;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The legacy global tables API (version 2017.11.29) on the replication groups of
 * {@link Replicator}: CreateGlobalTable joins existing tables of one name, each empty and
 * with a NEW_AND_OLD_IMAGES stream, in the Regions it names; UpdateGlobalTable adds such a
 * table or lets a Region leave (its table stays, as in DynamoDB's version 2017.11.29).
 * Changes then ship and converge exactly as for replicas made with {@code ReplicaUpdates}.
 * A legacy group is marked in its {@link TableMeta}, so DescribeTable names its version and
 * a group of one Region stays a global table. Rules from DynamoDB's API reference; messages
 * not confirmed there are marked as guesses.
 */
final class LegacyGlobalTables implements FloeGlobalTables {
    /** The legacy version's name, as DescribeTable's {@code GlobalTableVersion} shows it. */
    static final String VERSION = "2017.11.29";

    private final Replicator replicator;
    private final ReplicaHost host;
    private final Set<String> peerRegions;
    private final Clock clock;

    LegacyGlobalTables(Replicator replicator, ReplicaHost host, Set<String> peerRegions, Clock clock) {
        this.replicator = replicator;
        this.host = host;
        this.peerRegions = Set.copyOf(peerRegions);
        this.clock = clock;
    }

    @Override
    public CreateGlobalTableResponse createGlobalTable(CreateGlobalTableRequest request) {
        String name = required(request.globalTableName(), "globalTableName");
        if (request.replicationGroup() == null) {
            throw notNull("replicationGroup");
        }
        Set<String> regions = new LinkedHashSet<>();
        for (int i = 0; i < request.replicationGroup().size(); i++) {
            Replica r = request.replicationGroup().get(i);
            regions.add(known(required(r.regionName(), "replicationGroup." + (i + 1) + ".member.regionName")));
        }
        if (!regions.contains(host.region())) {
            // guess: a global table is made from one of its Regions
            throw new ValidationException("One or more parameter values were invalid: the replication group must"
                    + " include the Region the request is made in: " + host.region());
        }
        synchronized (replicator) {
            if (!replicator.group(name).isEmpty()) {
                // guess: DynamoDB's wording for GlobalTableAlreadyExistsException
                throw new GlobalTableAlreadyExistsException("Global table with name: " + name + " already exists.");
            }
            Map<String, Object> definition = checkLocal(host.database(), host.region(), name, null);
            for (String r : regions) {
                if (!r.equals(host.region())) {
                    checkRemote(r, name, definition);
                }
            }
            Map<String, String> group = new TreeMap<>();
            for (String r : regions) {
                group.put(r, Replicator.ACTIVE);
            }
            replicator.saveMeta(name, TableMeta.EMPTY.legacy(clock.millis()));
            replicator.save(name, group);
            replicator.announce(name, group);
            replicator.announceMeta(name);
            return new CreateGlobalTableResponse(describe(name));
        }
    }

    @Override
    public DescribeGlobalTableResponse describeGlobalTable(DescribeGlobalTableRequest request) {
        return new DescribeGlobalTableResponse(describe(required(request.globalTableName(), "globalTableName")));
    }

    @Override
    public ListGlobalTablesResponse listGlobalTables(ListGlobalTablesRequest request) {
        Integer limit = request.limit();
        if (limit != null && limit < 1) {
            // DynamoDB's form of a range constraint
            throw new ValidationException("1 validation error detected: Value '" + limit + "' at 'limit' failed to"
                    + " satisfy constraint: Member must have value greater than or equal to 1");
        }
        int max = limit == null ? 100 : Math.min(limit, 100); // guess: at most 100 a page, as ListTables
        List<GlobalTable> out = new ArrayList<>();
        String last = null;
        for (String table : replicator.groupTables()) {
            if (!replicator.meta(table).legacy()) {
                continue; // tables of version 2019.11.21 are not listed, as in DynamoDB
            }
            if (request.exclusiveStartGlobalTableName() != null
                    && table.compareTo(request.exclusiveStartGlobalTableName()) <= 0) {
                continue;
            }
            Map<String, String> group = replicator.group(table);
            if (request.regionName() != null && !group.containsKey(request.regionName())) {
                continue;
            }
            if (out.size() == max) {
                break;
            }
            List<Replica> replicas = new ArrayList<>();
            for (String r : group.keySet()) {
                replicas.add(new Replica(r));
            }
            out.add(new GlobalTable(table, replicas));
            last = table;
        }
        boolean more = last != null
                && replicator.groupTables().stream()
                        .anyMatch(t -> t.compareTo(out.get(out.size() - 1).globalTableName()) > 0
                                && replicator.meta(t).legacy());
        return new ListGlobalTablesResponse(out, out.size() == max && more ? last : null);
    }

    @Override
    public UpdateGlobalTableResponse updateGlobalTable(UpdateGlobalTableRequest request) {
        String name = required(request.globalTableName(), "globalTableName");
        if (request.replicaUpdates() == null) {
            throw notNull("replicaUpdates");
        }
        synchronized (replicator) {
            Map<String, String> before = legacyGroup(name);
            Map<String, String> group = new TreeMap<>(before);
            Map<String, Object> definition = null;
            for (int i = 0; i < request.replicaUpdates().size(); i++) {
                ReplicaUpdate u = request.replicaUpdates().get(i);
                String at = "replicaUpdates." + (i + 1) + ".member.";
                if ((u.create() == null) == (u.delete() == null)) {
                    // guess: the wording of UpdateTable's ReplicaUpdates for the same mistake
                    throw new ValidationException(
                            "One or more parameter values were invalid: exactly one of Create and Delete must be"
                                    + " specified in a replica update");
                }
                if (u.create() != null) {
                    String region = known(required(u.create().regionName(), at + "create.regionName"));
                    if (group.containsKey(region)) {
                        // guess: DynamoDB's wording for ReplicaAlreadyExistsException
                        throw new ReplicaAlreadyExistsException(
                                "Replica already exists in region: " + region + " for global table: " + name);
                    }
                    if (definition == null) {
                        definition = localDefinition(name);
                    }
                    if (region.equals(host.region())) {
                        checkLocal(host.database(), host.region(), name, definition);
                    } else {
                        checkRemote(region, name, definition);
                    }
                    group.put(region, Replicator.ACTIVE);
                } else {
                    String region = required(u.delete().regionName(), at + "delete.regionName");
                    if (!group.containsKey(region)) {
                        // guess: DynamoDB's wording for ReplicaNotFoundException
                        throw new ReplicaNotFoundException(
                                "Replica does not exist in region: " + region + " for global table: " + name);
                    }
                    group.remove(region);
                }
            }
            if (group.containsKey(host.region())) {
                replicator.save(name, group);
            } else {
                replicator.save(name, Map.of()); // this Region left: its table stays, no longer global
            }
            // every Region that was or is a member learns the group; one that left drops it
            Map<String, String> told = new TreeMap<>(before);
            told.putAll(group);
            for (String r : told.keySet()) {
                if (!r.equals(host.region())) {
                    try {
                        replicator.callPeer(r, "SetGroup", Map.of("TableName", name, "Members", new TreeMap<>(group)));
                    } catch (RuntimeException e) {
                        // best effort, as every announcement: a member that is down learns it later
                    }
                }
            }
            if (group.containsKey(host.region())) {
                replicator.announceMeta(name);
                return new UpdateGlobalTableResponse(describe(name));
            }
            return new UpdateGlobalTableResponse(description(name, group, replicator.meta(name)));
        }
    }

    /**
     * Each Region's settings. The tables of a legacy global table share their definition (the
     * rules CreateGlobalTable checks), so every Region is described from this Region's table,
     * with the read capacity and table class that Region overrides.
     */
    @Override
    public DescribeGlobalTableSettingsResponse describeGlobalTableSettings(DescribeGlobalTableSettingsRequest request) {
        String name = required(request.globalTableName(), "globalTableName");
        return new DescribeGlobalTableSettingsResponse(name, settings(name, legacyGroup(name)));
    }

    /**
     * Changes the replicas' settings: each Region's read capacity (its table's and its indexes')
     * and table class are that Region's overrides, kept in the group and shown in every Region;
     * the billing mode and write capacity, which every replica shares, change this Region's table.
     */
    @Override
    public UpdateGlobalTableSettingsResponse updateGlobalTableSettings(UpdateGlobalTableSettingsRequest request) {
        String name = required(request.globalTableName(), "globalTableName");
        synchronized (replicator) {
            Map<String, String> group = legacyGroup(name);
            TableDescription table = host.database()
                    .describeTable(new DescribeTableRequest(name))
                    .table();
            Set<String> indexes = new java.util.HashSet<>();
            if (table.globalSecondaryIndexes() != null) {
                table.globalSecondaryIndexes().forEach(g -> indexes.add(g.indexName()));
            }
            TableMeta meta = replicator.meta(name);
            long now = clock.millis();
            if (request.replicaSettingsUpdate() != null) {
                for (ReplicaSettingsUpdate u : request.replicaSettingsUpdate()) {
                    if (!group.containsKey(u.regionName())) {
                        // guess: DynamoDB's wording for ReplicaNotFoundException
                        throw new ReplicaNotFoundException(
                                "Replica does not exist in region: " + u.regionName() + " for global table: " + name);
                    }
                    List<ReplicaGlobalSecondaryIndex> ix = new ArrayList<>();
                    if (u.replicaGlobalSecondaryIndexSettingsUpdate() != null) {
                        for (ReplicaGlobalSecondaryIndexSettingsUpdate g :
                                u.replicaGlobalSecondaryIndexSettingsUpdate()) {
                            if (!indexes.contains(g.indexName())) {
                                throw indexNotFound(g.indexName(), name);
                            }
                            ix.add(new ReplicaGlobalSecondaryIndex(
                                    g.indexName(),
                                    g.provisionedReadCapacityUnits() == null
                                            ? null
                                            : new ProvisionedThroughputOverride(g.provisionedReadCapacityUnits()),
                                    null));
                        }
                    }
                    ReplicaSettingsRules.check(
                            table,
                            "replicaSettingsUpdate",
                            u.replicaProvisionedReadCapacityUnits() == null
                                    ? null
                                    : new ProvisionedThroughputOverride(u.replicaProvisionedReadCapacityUnits()),
                            null,
                            ix,
                            u.replicaTableClass());
                    meta = meta.with(
                            u.regionName(),
                            meta.settings(u.regionName())
                                    .with(
                                            null,
                                            u.replicaProvisionedReadCapacityUnits() == null
                                                    ? null
                                                    : new ProvisionedThroughputOverride(
                                                            u.replicaProvisionedReadCapacityUnits()),
                                            null,
                                            ix,
                                            u.replicaTableClass(),
                                            now));
                }
            }
            if (request.globalTableGlobalSecondaryIndexSettingsUpdate() != null) {
                for (GlobalTableGlobalSecondaryIndexSettingsUpdate g :
                        request.globalTableGlobalSecondaryIndexSettingsUpdate()) {
                    if (!indexes.contains(g.indexName())) {
                        throw indexNotFound(g.indexName(), name);
                    }
                }
            }
            if (request.globalTableBillingMode() != null
                    || request.globalTableProvisionedWriteCapacityUnits() != null) {
                UpdateTableRequest.Builder change = UpdateTableRequest.builder().tableName(name);
                if (request.globalTableBillingMode() != null) {
                    change.billingMode(request.globalTableBillingMode());
                }
                if (request.globalTableProvisionedWriteCapacityUnits() != null) {
                    long read = table.provisionedThroughput() == null
                                    || table.provisionedThroughput().readCapacityUnits() == null
                                    || table.provisionedThroughput().readCapacityUnits() == 0
                            ? 1L
                            : table.provisionedThroughput().readCapacityUnits();
                    change.provisionedThroughput(
                            new ProvisionedThroughput(read, request.globalTableProvisionedWriteCapacityUnits()));
                }
                host.database().updateTable(change.build());
            }
            if (!meta.equals(replicator.meta(name))) {
                replicator.saveMeta(name, meta);
                replicator.announceMeta(name);
            }
            return new UpdateGlobalTableSettingsResponse(name, settings(name, group));
        }
    }

    private List<ReplicaSettingsDescription> settings(String name, Map<String, String> group) {
        TableDescription table;
        try {
            table = host.database()
                    .describeTable(new DescribeTableRequest(name))
                    .table();
        } catch (ResourceNotFoundException e) {
            throw FloeGlobalTables.notFound(name);
        }
        TableMeta meta = replicator.meta(name);
        boolean onDemand = table.billingModeSummary() != null
                && "PAY_PER_REQUEST".equals(table.billingModeSummary().billingMode());
        long read = onDemand || table.provisionedThroughput() == null
                ? 0
                : nonNull(table.provisionedThroughput().readCapacityUnits());
        long write = onDemand || table.provisionedThroughput() == null
                ? 0
                : nonNull(table.provisionedThroughput().writeCapacityUnits());
        List<ReplicaSettingsDescription> out = new ArrayList<>();
        for (Map.Entry<String, String> e : group.entrySet()) {
            TableMeta.Settings s = meta.settings(e.getKey());
            List<ReplicaGlobalSecondaryIndexSettingsDescription> ix = new ArrayList<>();
            if (table.globalSecondaryIndexes() != null) {
                for (GlobalSecondaryIndexDescription g : table.globalSecondaryIndexes()) {
                    TableMeta.IndexSettings o = s.indexes().get(g.indexName());
                    long gr = onDemand || g.provisionedThroughput() == null
                            ? 0
                            : nonNull(g.provisionedThroughput().readCapacityUnits());
                    long gw = onDemand || g.provisionedThroughput() == null
                            ? 0
                            : nonNull(g.provisionedThroughput().writeCapacityUnits());
                    ix.add(new ReplicaGlobalSecondaryIndexSettingsDescription(
                            g.indexName(),
                            g.indexStatus(),
                            o != null && o.readCapacityUnits() != null ? o.readCapacityUnits() : gr,
                            gw));
                }
            }
            out.add(ReplicaSettingsDescription.builder()
                    .regionName(e.getKey())
                    .replicaStatus(e.getValue())
                    .replicaBillingModeSummary(table.billingModeSummary())
                    .replicaProvisionedReadCapacityUnits(s.readCapacityUnits() != null ? s.readCapacityUnits() : read)
                    .replicaProvisionedWriteCapacityUnits(write)
                    .replicaGlobalSecondaryIndexSettings(ix)
                    .replicaTableClassSummary(
                            s.tableClass() != null
                                    ? new TableClassSummary(s.tableClass(), s.tableClassTime())
                                    : table.tableClassSummary())
                    .build());
        }
        return out;
    }

    private static long nonNull(Long v) {
        return v == null ? 0 : v;
    }

    private static IndexNotFoundException indexNotFound(String index, String table) {
        // guess: DynamoDB's wording for IndexNotFoundException
        return new IndexNotFoundException("Index not found: " + index + " in table " + table);
    }

    // ------------------------------------------------------------------ descriptions

    private Map<String, String> legacyGroup(String name) {
        Map<String, String> group = replicator.group(name);
        if (group.isEmpty() || !replicator.meta(name).legacy()) {
            throw FloeGlobalTables.notFound(name);
        }
        return group;
    }

    private GlobalTableDescription describe(String name) {
        return description(name, legacyGroup(name), replicator.meta(name));
    }

    private GlobalTableDescription description(String name, Map<String, String> group, TableMeta meta) {
        List<ReplicaDescription> replicas = new ArrayList<>();
        String status = "ACTIVE";
        for (Map.Entry<String, String> e : group.entrySet()) {
            replicas.add(ReplicaDescription.builder().regionName(e.getKey()).build());
            if (!e.getValue().equals(Replicator.ACTIVE)) {
                status = e.getValue().equals(Replicator.CREATING) ? "CREATING" : "UPDATING";
            }
        }
        return new GlobalTableDescription(
                replicas,
                "arn:aws:dynamodb::" + account(name) + ":global-table/" + name,
                meta.legacyCreatedMillis() == null ? null : Instant.ofEpochMilli(meta.legacyCreatedMillis()),
                status,
                name);
    }

    /** The account of the local table's ARN (a global table's ARN names no Region). */
    private String account(String name) {
        try {
            String arn = host.database()
                    .describeTable(new DescribeTableRequest(name))
                    .table()
                    .tableArn();
            String[] parts = arn.split(":");
            return parts.length > 4 ? parts[4] : "";
        } catch (ResourceNotFoundException e) {
            return "";
        }
    }

    // ------------------------------------------------------------------ the tables' rules

    private Map<String, Object> localDefinition(String name) {
        try {
            return Replicator.definition(host.database()
                    .describeTable(new DescribeTableRequest(name))
                    .table());
        } catch (ResourceNotFoundException e) {
            throw tableNotFound(name, host.region());
        }
    }

    /**
     * Checks that this Region's table {@code name} may join a legacy global table: it exists, has
     * a NEW_AND_OLD_IMAGES stream, holds no item, and (when {@code definition} is given) has the
     * same keys and global secondary indexes as the definition.
     *
     * @return the table's definition
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> checkLocal(FloeDb db, String region, String name, Object definition) {
        TableDescription table;
        try {
            table = db.describeTable(new DescribeTableRequest(name)).table();
        } catch (ResourceNotFoundException e) {
            throw tableNotFound(name, region);
        }
        if (table.streamSpecification() == null
                || !Boolean.TRUE.equals(table.streamSpecification().streamEnabled())
                || !"NEW_AND_OLD_IMAGES".equals(table.streamSpecification().streamViewType())) {
            // guess: DynamoDB's wording of the documented rule
            throw new ValidationException("One or more parameter values were invalid: Table " + name
                    + " must have DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES to be part of a"
                    + " global table");
        }
        var items = db.scan(ScanRequest.builder().tableName(name).limit(1).build());
        if (items.items() != null && !items.items().isEmpty()) {
            // guess: DynamoDB's wording of the documented rule
            throw new ValidationException("One or more parameter values were invalid: Table " + name
                    + " is not empty: the tables of a new replica of a global table must contain no items");
        }
        Map<String, Object> mine = Replicator.definition(table);
        if (definition instanceof Map<?, ?> other
                && !(mine.get("KeySchema").equals(other.get("KeySchema"))
                        && indexKeys(mine).equals(indexKeys((Map<String, Object>) other)))) {
            // guess: DynamoDB's wording of the documented rule
            throw new ValidationException("One or more parameter values were invalid: Table " + name
                    + " must have the same key schema and global secondary indexes in every Region of a global"
                    + " table");
        }
        return mine;
    }

    /** Each global secondary index's name and key schema (what replicas must share). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> indexKeys(Map<String, Object> definition) {
        Map<String, Object> out = new TreeMap<>();
        for (Object o : (List<Object>) definition.get("GlobalSecondaryIndexes")) {
            Map<String, Object> i = (Map<String, Object>) o;
            out.put((String) i.get("IndexName"), i.get("KeySchema"));
        }
        return out;
    }

    private void checkRemote(String region, String name, Map<String, Object> definition) {
        try {
            replicator.callPeer(region, "CheckLegacyReplica", Map.of("TableName", name, "Definition", definition));
        } catch (Peer.PeerException e) {
            if ("TableNotFoundException".equals(e.type)) {
                throw tableNotFound(name, region);
            }
            if ("ValidationException".equals(e.type)) {
                String m = e.getMessage();
                int at = m.indexOf("#ValidationException: ");
                throw new ValidationException(at < 0 ? m : m.substring(at + "#ValidationException: ".length()));
            }
            throw new floe.api.error.InternalServerError(
                    "Region " + region + " could not be reached: " + e.getMessage());
        }
    }

    private static TableNotFoundException tableNotFound(String name, String region) {
        // guess: DynamoDB's wording for TableNotFoundException
        return new TableNotFoundException("Table not found: " + name + " in region " + region);
    }

    private String known(String region) {
        if (!region.equals(host.region()) && !peerRegions.contains(region)) {
            // the wording of version 2019.11.21's answer; the list is the Regions this server has peers for
            throw new ValidationException("Region " + region + " is not supported. Global tables are only"
                    + " supported in the following regions: " + new ArrayList<>(new java.util.TreeSet<>(peerRegions)));
        }
        return region;
    }

    private static String required(String value, String member) {
        if (value == null) {
            throw notNull(member);
        }
        return value;
    }

    private static ValidationException notNull(String member) {
        return new ValidationException("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }
}
