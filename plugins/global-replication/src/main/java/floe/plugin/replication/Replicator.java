package floe.plugin.replication;

import floe.api.FloeDb;
import floe.api.error.FloeException;
import floe.api.error.ResourceInUseException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.GlobalSecondaryIndex;
import floe.api.model.GlobalSecondaryIndexDescription;
import floe.api.model.KeySchemaElement;
import floe.api.model.Projection;
import floe.api.model.ReplicaDescription;
import floe.api.model.ReplicationGroupUpdate;
import floe.api.model.StreamSpecification;
import floe.api.model.TableDescription;
import floe.api.model.UpdateTableRequest;
import floe.spi.extension.ChangeListener;
import floe.spi.extension.CommittedChange;
import floe.spi.extension.GlobalTables;
import floe.spi.extension.ReplicaHost;
import floe.spi.extension.ReplicatedChange;
import floe.spi.extension.WireService;
import floe.spi.extension.WireServiceException;
import floe.spi.plugin.PluginState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Global tables over peers: each table's replication group (its Regions and their status) is
 * kept in the plugin's durable state in every member Region; every local change log entry of a
 * global table is shipped to each other member by that peer's own durable feed (one checkpoint
 * per peer, so a peer that is down holds back only its own feed), batched, in commit order, at
 * least once; the receiver applies each change by last writer wins, which makes redelivery and
 * any order of arrival harmless. Changes are forwarded to every member but their origin, so a
 * Region that joins late still receives what other members wrote before they knew of it.
 */
final class Replicator implements GlobalTables, WireService {
    static final String ACTIVE = "ACTIVE";
    static final String CREATING = "CREATING";
    static final String DELETING = "DELETING";
    static final String CREATION_FAILED = "CREATION_FAILED";

    /** Changes copied per batch when a replica is created. */
    private static final int COPY_BATCH = 200;
    /** Replicated batches applied at once; beyond, peers are told to slow down. */
    private static final int CONCURRENT_APPLIES = 4;

    private final ReplicaHost host;
    private final Map<String, Peer> peers;
    private final PluginState state;
    private final Clock clock;
    private final System.Logger log;
    private final Map<String, Map<String, String>> groups = new ConcurrentHashMap<>();
    /** Each global table's replica settings and legacy marker, by table. */
    private final Map<String, TableMeta> metas = new ConcurrentHashMap<>();

    private final Map<String, PeerMetrics> metrics = new ConcurrentHashMap<>();
    private final ExecutorService tasks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "floe-replication-tasks");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore applying = new Semaphore(CONCURRENT_APPLIES);
    /** Set while an operator has this Region's replication paused ({@link #setPaused}). */
    private volatile boolean paused;

    private final java.util.concurrent.ScheduledExecutorService purger;

    Replicator(
            ReplicaHost host,
            Map<String, Peer> peers,
            PluginState state,
            Clock clock,
            System.Logger log,
            long tombstoneRetentionMillis) {
        this.host = host;
        this.peers = Map.copyOf(peers);
        this.state = state;
        this.clock = clock;
        this.log = log;
        for (Map.Entry<String, String> e : state.entries().entrySet()) {
            if (e.getKey().startsWith("group.")) {
                groups.put(e.getKey().substring("group.".length()), parse(e.getValue()));
            } else if (e.getKey().startsWith("meta.")) {
                metas.put(e.getKey().substring("meta.".length()), TableMeta.fromJson(Json.parse(e.getValue())));
            }
        }
        for (Peer p : this.peers.values()) {
            metrics.put(p.region, new PeerMetrics());
            host.follow(feed(p.region), new Feed(p));
        }
        this.purger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "floe-replication-tombstones");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1000, Math.min(tombstoneRetentionMillis, TimeUnit.HOURS.toMillis(1)));
        purger.scheduleWithFixedDelay(
                () -> {
                    try {
                        host.purgeTombstones(tombstoneRetentionMillis);
                    } catch (RuntimeException e) {
                        log.log(System.Logger.Level.WARNING, "tombstone purge failed: " + e);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    /** The durable change feed of the peer in {@code region}. */
    static String feed(String region) {
        return "replication-" + region;
    }

    // ------------------------------------------------------------------ GlobalTables

    @Override
    public synchronized void update(String tableName, List<ReplicationGroupUpdate> updates) {
        FloeDb db = host.database();
        TableDescription table =
                db.describeTable(new DescribeTableRequest(tableName)).table();
        Map<String, String> group = new TreeMap<>(groups.getOrDefault(tableName, Map.of()));
        for (String status : group.values()) {
            if (status.equals(CREATING) || status.equals(DELETING)) {
                // guess: DynamoDB answers ResourceInUseException while a replica is being created or deleted
                throw new ResourceInUseException(
                        "Attempt to change a resource which is still in use: Table is being updated: " + tableName);
            }
        }
        List<String> creates = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        List<String> notMembers = new ArrayList<>();
        int position = 0;
        for (ReplicationGroupUpdate u : updates) {
            position++;
            checkSettings(table, position, u);
            String region = u.create() != null
                    ? u.create().regionName()
                    : u.delete() != null ? u.delete().regionName() : u.update().regionName();
            if (region == null || region.isEmpty()) {
                throw new ValidationException("1 validation error detected: Value null at 'replicaUpdates.1.member."
                        + "regionName' failed to satisfy constraint: Member must not be null"); // guess
            }
            if (region.equals(host.region()) && u.update() == null) {
                // observed
                throw new ValidationException("Cannot add or delete the local region through ReplicaUpdates."
                        + " Use CreateTable, DeleteTable, or UpdateTable as required.");
            }
            if (!peers.containsKey(region) && !region.equals(host.region())) {
                // observed; the list is the Regions this server has peers for
                throw new ValidationException("Region " + region + " is not supported. The latest version of global"
                        + " tables are only supported in the following regions: " + new ArrayList<>(peers.keySet()));
            }
            if (u.create() != null) {
                if (group.containsKey(region)) {
                    // observed, with its typo and quotes
                    throw new ValidationException("Failed to create a the new replica of table with name: \u2018"
                            + tableName + "\u2019 because one or more replicas already existed as tables.");
                }
                if (!creates.contains(region)) {
                    creates.add(region);
                }
            } else if (!group.containsKey(region)) {
                notMembers.add(region);
            } else if (u.delete() != null) {
                deletes.add(region);
            }
        }
        if (!notMembers.isEmpty()) {
            // observed
            throw new ValidationException("Update global table operation failed because one or more replicas were"
                    + " not part of the global table. Please retry the request without these replicas: "
                    + notMembers + ".");
        }
        if (!creates.isEmpty()) {
            if (table.billingModeSummary() == null
                    || !"PAY_PER_REQUEST".equals(table.billingModeSummary().billingMode())) {
                // observed (a provisioned table needs auto scaling, which FloeDB does not have)
                throw new ValidationException("Table write capacity should either be Pay-Per-Request or AutoScaled.");
            }
            if (table.streamSpecification() == null
                    || !Boolean.TRUE.equals(table.streamSpecification().streamEnabled())) {
                // a global table's stream: NEW_AND_OLD_IMAGES, turned on for it (an existing stream stays)
                db.updateTable(UpdateTableRequest.builder()
                        .tableName(tableName)
                        .streamSpecification(new StreamSpecification(true, "NEW_AND_OLD_IMAGES"))
                        .build());
            }
        }
        TableMeta meta = meta(tableName);
        TableMeta changed = withSettings(meta, updates);
        boolean metaChanged = !changed.equals(meta);
        if (metaChanged) {
            saveMeta(tableName, changed);
        }
        if (creates.isEmpty() && deletes.isEmpty()) {
            if (metaChanged) {
                tasks.submit(() -> announceMeta(tableName));
            }
            return;
        }
        group.putIfAbsent(host.region(), ACTIVE);
        for (String r : creates) {
            group.put(r, CREATING);
        }
        for (String r : deletes) {
            group.put(r, DELETING);
        }
        save(tableName, group);
        Map<String, Object> definition = definition(table);
        for (String r : creates) {
            tasks.submit(() -> create(tableName, r, definition));
        }
        for (String r : deletes) {
            tasks.submit(() -> remove(tableName, r));
        }
        if (metaChanged) {
            // after the new replicas exist: a Region takes settings only for a table of its group
            tasks.submit(() -> announceMeta(tableName));
        }
    }

    @Override
    public List<ReplicaDescription> replicas(String tableName) {
        Map<String, String> group = groups.get(tableName);
        TableMeta meta = meta(tableName);
        if (group == null || (group.size() < 2 && !meta.legacy())) {
            return List.of();
        }
        List<ReplicaDescription> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(group).entrySet()) {
            TableMeta.Settings s = meta.settings(e.getKey());
            out.add(ReplicaDescription.builder()
                    .regionName(e.getKey())
                    .replicaStatus(e.getValue())
                    .kmsMasterKeyId(s.kmsMasterKeyId())
                    .provisionedThroughputOverride(s.provisioned())
                    .onDemandThroughputOverride(s.onDemand())
                    .globalSecondaryIndexes(s.indexDescriptions())
                    .replicaTableClassSummary(
                            s.tableClass() == null
                                    ? null
                                    : new floe.api.model.TableClassSummary(s.tableClass(), s.tableClassTime()))
                    .build());
        }
        return out;
    }

    @Override
    public synchronized void deleted(String tableName) {
        Map<String, String> group = groups.get(tableName);
        if (group == null) {
            return;
        }
        save(tableName, Map.of());
        Map<String, String> rest = new TreeMap<>(group);
        rest.remove(host.region());
        tasks.submit(() -> announce(tableName, rest));
    }

    @Override
    public void close() {
        purger.shutdownNow();
        tasks.shutdownNow();
    }

    // ------------------------------------------------------------------ creating and removing replicas

    private void create(String tableName, String region, Map<String, Object> definition) {
        Peer peer = peers.get(region);
        try {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("TableName", tableName);
            request.put("Definition", definition);
            request.put("Members", new TreeMap<>(groups.get(tableName)));
            peer.call("CreateReplica", request);
            // the peer's feed ships every change from the moment the Region became CREATING; the copy
            // brings what was there before, each item with its stamp, so whichever arrives last loses or wins
            // by stamp alone
            List<ReplicatedChange> batch = new ArrayList<>();
            host.copy(tableName, c -> {
                batch.add(c);
                if (batch.size() >= COPY_BATCH) {
                    sendPatiently(peer, List.copyOf(batch));
                    batch.clear();
                }
            });
            if (!batch.isEmpty()) {
                sendPatiently(peer, batch);
            }
            setStatus(tableName, region, ACTIVE);
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "replica of " + tableName + " in " + region + " failed: " + e);
            setStatus(tableName, region, CREATION_FAILED);
        }
    }

    private void remove(String tableName, String region) {
        Peer peer = peers.get(region);
        try {
            peer.call("DeleteReplica", Map.of("TableName", tableName));
        } catch (RuntimeException e) {
            // the Region leaves the group all the same: nothing more is shipped to it
            log.log(System.Logger.Level.WARNING, "deleting the replica of " + tableName + " in " + region + ": " + e);
        }
        synchronized (this) {
            Map<String, String> group = new TreeMap<>(groups.getOrDefault(tableName, Map.of()));
            group.remove(region);
            if (group.size() < 2 && !meta(tableName).legacy()) {
                group.clear(); // the last replica gone: no longer a global table (the stream stays)
            }
            save(tableName, group);
        }
        announce(tableName, groups.getOrDefault(tableName, Map.of()));
    }

    private void setStatus(String tableName, String region, String status) {
        Map<String, String> group;
        synchronized (this) {
            group = new TreeMap<>(groups.getOrDefault(tableName, Map.of()));
            if (!group.containsKey(region)) {
                return;
            }
            group.put(region, status);
            save(tableName, group);
        }
        // told outside the lock: a Region of this server answers on this thread, and may be telling this one
        announce(tableName, group);
    }

    /** Tells every other member the group as it is now (best effort: a member that is down learns it later). */
    void announce(String tableName, Map<String, String> group) {
        for (String r : group.keySet()) {
            Peer p = peers.get(r);
            if (p == null) {
                continue;
            }
            try {
                p.call("SetGroup", Map.of("TableName", tableName, "Members", new TreeMap<>(group)));
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "telling " + r + " about " + tableName + ": " + e);
            }
        }
    }

    synchronized void save(String tableName, Map<String, String> group) {
        if (group.isEmpty()) {
            groups.remove(tableName);
            state.remove("group." + tableName);
            saveMeta(tableName, TableMeta.EMPTY); // a table that leaves its group forgets its settings
        } else {
            groups.put(tableName, Map.copyOf(group));
            state.put("group." + tableName, format(group));
        }
    }

    private static String format(Map<String, String> group) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(group).entrySet()) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> group = new TreeMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                group.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return Map.copyOf(group);
    }

    // ------------------------------------------------------------------ replica settings and legacy tables

    /** The legacy global tables operations (version 2017.11.29), over these groups. */
    @Override
    public floe.api.FloeGlobalTables legacy() {
        return new LegacyGlobalTables(this, host, peers.keySet(), clock);
    }

    @Override
    public String version(String tableName) {
        return meta(tableName).legacy() ? LegacyGlobalTables.VERSION : null;
    }

    /** The Regions of {@code tableName}'s group and their status, empty if it has none. */
    Map<String, String> group(String tableName) {
        return groups.getOrDefault(tableName, Map.of());
    }

    /** Every table with a group. */
    java.util.Set<String> groupTables() {
        return new java.util.TreeSet<>(groups.keySet());
    }

    TableMeta meta(String tableName) {
        return metas.getOrDefault(tableName, TableMeta.EMPTY);
    }

    synchronized void saveMeta(String tableName, TableMeta meta) {
        if (meta.equals(TableMeta.EMPTY)) {
            metas.remove(tableName);
            state.remove("meta." + tableName);
        } else {
            metas.put(tableName, meta);
            state.put("meta." + tableName, Json.write(meta.toJson()));
        }
    }

    /** Calls {@code operation} on the peer serving {@code region}. */
    Map<String, Object> callPeer(String region, String operation, Map<String, Object> request) {
        return peers.get(region).call(operation, request);
    }

    /** Tells every other member the table's settings (best effort, as {@link #announce}). */
    void announceMeta(String tableName) {
        Map<String, Object> meta = meta(tableName).toJson();
        for (String r : group(tableName).keySet()) {
            Peer p = peers.get(r);
            if (p == null) {
                continue;
            }
            try {
                p.call("SetMeta", Map.of("TableName", tableName, "Meta", meta));
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "telling " + r + " the settings of " + tableName + ": " + e);
            }
        }
    }

    private static void checkSettings(TableDescription table, int position, ReplicationGroupUpdate u) {
        String path = "replicaUpdates." + position + ".member.";
        if (u.create() != null) {
            ReplicaSettingsRules.check(
                    table,
                    path + "create",
                    u.create().provisionedThroughputOverride(),
                    u.create().onDemandThroughputOverride(),
                    u.create().globalSecondaryIndexes(),
                    u.create().tableClassOverride());
        } else if (u.update() != null) {
            ReplicaSettingsRules.check(
                    table,
                    path + "update",
                    u.update().provisionedThroughputOverride(),
                    u.update().onDemandThroughputOverride(),
                    u.update().globalSecondaryIndexes(),
                    u.update().tableClassOverride());
        }
    }

    /** The meta with the settings Create and Update actions give, and without the Regions Delete removes. */
    private TableMeta withSettings(TableMeta meta, List<ReplicationGroupUpdate> updates) {
        long now = clock.millis();
        for (ReplicationGroupUpdate u : updates) {
            if (u.create() != null) {
                var c = u.create();
                TableMeta.Settings s = TableMeta.Settings.NONE.with(
                        c.kmsMasterKeyId(),
                        c.provisionedThroughputOverride(),
                        c.onDemandThroughputOverride(),
                        c.globalSecondaryIndexes(),
                        c.tableClassOverride(),
                        now);
                meta = s.equals(TableMeta.Settings.NONE) ? meta.without(c.regionName()) : meta.with(c.regionName(), s);
            } else if (u.update() != null) {
                var c = u.update();
                meta = meta.with(
                        c.regionName(),
                        meta.settings(c.regionName())
                                .with(
                                        c.kmsMasterKeyId(),
                                        c.provisionedThroughputOverride(),
                                        c.onDemandThroughputOverride(),
                                        c.globalSecondaryIndexes(),
                                        c.tableClassOverride(),
                                        now));
            } else if (u.delete() != null) {
                meta = meta.without(u.delete().regionName());
            }
        }
        return meta;
    }

    // ------------------------------------------------------------------ shipping

    /** One peer's feed: ships the changes of the tables it is a member of, and fails (to be redelivered) while it is down. */
    private final class Feed implements ChangeListener {
        private final Peer peer;

        Feed(Peer peer) {
            this.peer = peer;
        }

        @Override
        public void onChanges(List<CommittedChange> changes) {
            List<ReplicatedChange> out = new ArrayList<>();
            List<CommittedChange> sent = new ArrayList<>();
            for (CommittedChange c : changes) {
                Map<String, String> group = groups.get(c.tableName());
                if (group == null
                        || !group.containsKey(peer.region)
                        || DELETING.equals(group.get(peer.region))
                        || c.origin() == null
                        || c.origin().equals(peer.region)) {
                    continue;
                }
                out.add(new ReplicatedChange(c.tableName(), c.keys(), c.newImage(), c.stamp(), c.origin()));
                sent.add(c);
            }
            PeerMetrics m = metrics.get(peer.region);
            if (out.isEmpty()) {
                return;
            }
            try {
                send(peer, out);
            } catch (RuntimeException e) {
                m.failed(e, clock.millis());
                throw e;
            }
            m.shipped(sent, clock.millis());
        }
    }

    /** Sends a copy batch, waiting out a replica table still CREATING and a peer briefly away (up to a minute). */
    private void sendPatiently(Peer peer, List<ReplicatedChange> changes) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                send(peer, changes);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void send(Peer peer, List<ReplicatedChange> changes) {
        if (paused) {
            // the feed fails, so its changes wait in the log (as for a peer that is down) until resumed
            throw new IllegalStateException("replication of " + host.region() + " is paused");
        }
        peer.call("Apply", Map.of("Batch", Base64.getEncoder().encodeToString(Codec.encode(changes))));
    }

    /** The replication status of each peer: backlog and lag, named as DynamoDB's CloudWatch metrics are. */
    Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Region", host.region());
        out.put("Paused", paused);
        List<Object> rows = new ArrayList<>();
        for (Peer p : peers.values()) {
            PeerMetrics m = metrics.get(p.region);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("RegionName", p.region);
            row.put("Endpoint", p.endpoint.toString());
            row.put("PendingReplicationCount", host.pending(feed(p.region)));
            m.describe(row);
            if (p.accessKeyId() != null) {
                row.put("AccessKeyId", p.accessKeyId());
            }
            row.put("Tables", tableRows(p.region, m, PEEK_LIMIT));
            rows.add(row);
        }
        out.put("Replicas", rows);
        Map<String, Object> tables = new TreeMap<>();
        groups.forEach((t, g) -> tables.put(t, new TreeMap<>(g)));
        out.put("GlobalTables", tables);
        return out;
    }

    /** Pending changes looked at per peer for the status's per-table backlog; beyond, the counts are lower bounds. */
    static final int PEEK_LIMIT = 100_000;

    /**
     * Per table replicated to {@code region}: its status there, its backlog (the changes of that
     * table its feed has not shipped yet, as the feed would ship them), and what was shipped to it
     * and applied from it.
     */
    private List<Object> tableRows(String region, PeerMetrics m, int limit) {
        Map<String, Long> pending = new TreeMap<>();
        int peeked = host.peekPending(feed(region), limit, c -> {
            Map<String, String> group = groups.get(c.tableName());
            if (group != null
                    && group.containsKey(region)
                    && !DELETING.equals(group.get(region))
                    && c.origin() != null
                    && !c.origin().equals(region)) {
                pending.merge(c.tableName(), 1L, Long::sum);
            }
        });
        java.util.Set<String> names = new java.util.TreeSet<>(m.tables());
        groups.forEach((t, g) -> {
            if (g.containsKey(region)) {
                names.add(t);
            }
        });
        List<Object> out = new ArrayList<>();
        for (String t : names) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("TableName", t);
            String status = group(t).get(region);
            row.put("ReplicaStatus", status == null ? "NONE" : status);
            row.put("PendingReplicationCount", pending.getOrDefault(t, 0L));
            if (peeked >= limit) {
                row.put("PendingReplicationCountIsLowerBound", true);
            }
            m.describe(t, row);
            out.add(row);
        }
        return out;
    }

    /** The status page's lines: per peer its backlog and figures, then per table its replica's. */
    @Override
    public List<String> statusLines() {
        List<String> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            PeerMetrics m = metrics.get(p.region);
            String prefix = "replication " + host.region() + " -> " + p.region;
            out.add(prefix + " (" + p.endpoint + "): PendingReplicationCount=" + host.pending(feed(p.region)) + " "
                    + m.line());
            // the status page is served on an I/O thread: a shorter look at the backlog
            for (Object o : tableRows(p.region, m, PEEK_LIMIT / 10)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> row = (Map<String, Object>) o;
                StringBuilder b = new StringBuilder(prefix).append(" table ").append(row.get("TableName"));
                row.forEach((k, v) -> {
                    if (!k.equals("TableName")) {
                        b.append(' ').append(k).append('=').append(v);
                    }
                });
                out.add(b.toString());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ pausing

    /**
     * Pauses ({@code true}) or resumes this Region's replication, as an operator does with
     * {@code FloeReplication.Pause} and {@code Resume} (for maintenance, or to see how an
     * application copes with a Region cut off, as AWS's fault injection pauses a global table's
     * replication): while paused, the Region ships none of its changes and applies none of its
     * peers' (they answer ServiceUnavailableException and are sent again); its tables stay
     * readable and writable, and both sides' changes wait in their durable feeds until it is
     * resumed. Only in memory: a restarted server replicates.
     */
    void setPaused(boolean pause) {
        paused = pause;
        log.log(System.Logger.Level.INFO, "replication of " + host.region() + (pause ? " paused" : " resumed"));
    }

    private void refuseIfPaused() throws WireServiceException {
        if (paused) {
            // FloeDB's own service: no DynamoDB wording to follow; 503 makes a sender try again later
            throw new WireServiceException(
                    "com.amazon.coral.availability#ServiceUnavailableException",
                    503,
                    "Replication of " + host.region() + " is paused");
        }
    }

    // ------------------------------------------------------------------ the replication service

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> call(String operation, Map<String, Object> request) throws WireServiceException {
        try {
            switch (operation) {
                case "Apply" -> {
                    refuseIfPaused();
                    if (!applying.tryAcquire()) {
                        // backpressure: the sender's feed pauses and sends the same batch again
                        throw new WireServiceException(
                                "com.amazonaws.dynamodb.v20120810#ThrottlingException",
                                400,
                                "Rate of requests exceeds the allowed throughput.");
                    }
                    try {
                        byte[] batch = Base64.getDecoder().decode((String) request.get("Batch"));
                        List<ReplicatedChange> changes = Codec.decode(batch);
                        int applied = host.applyAll(changes);
                        received(changes);
                        return Map.of("Applied", applied);
                    } finally {
                        applying.release();
                    }
                }
                case "CreateReplica" -> {
                    createLocal(
                            (String) request.get("TableName"),
                            (Map<String, Object>) request.get("Definition"),
                            (Map<String, Object>) request.get("Members"));
                    return Map.of();
                }
                case "SetGroup" -> {
                    Map<String, String> members = new TreeMap<>();
                    ((Map<String, Object>) request.get("Members")).forEach((k, v) -> members.put(k, (String) v));
                    String table = (String) request.get("TableName");
                    synchronized (this) {
                        boolean keep = members.containsKey(host.region())
                                && (members.size() > 1 || meta(table).legacy());
                        save(table, keep ? members : Map.of());
                    }
                    return Map.of();
                }
                case "DeleteReplica" -> {
                    String table = (String) request.get("TableName");
                    synchronized (this) {
                        save(table, Map.of());
                    }
                    try {
                        host.database().deleteTable(new DeleteTableRequest(table));
                    } catch (ResourceNotFoundException e) {
                        // deleted already: a repeated request
                    }
                    return Map.of();
                }
                case "Status" -> {
                    return status();
                }
                case "Pause" -> {
                    setPaused(true);
                    return status();
                }
                case "Resume" -> {
                    setPaused(false);
                    return status();
                }
                case "SetMeta" -> {
                    String table = (String) request.get("TableName");
                    synchronized (this) {
                        if (groups.containsKey(table)) {
                            saveMeta(table, TableMeta.fromJson(request.get("Meta")));
                        }
                    }
                    return Map.of();
                }
                case "CheckLegacyReplica" -> {
                    LegacyGlobalTables.checkLocal(
                            host.database(),
                            host.region(),
                            (String) request.get("TableName"),
                            request.get("Definition"));
                    return Map.of();
                }
                default ->
                    throw new WireServiceException("com.amazon.coral.service#UnknownOperationException", 400, null);
            }
        } catch (FloeException e) {
            throw new WireServiceException(e.errorType(), 400, e.getMessage());
        } catch (RuntimeException e) {
            throw new WireServiceException(
                    "com.amazonaws.dynamodb.v20120810#InternalServerError", 500, String.valueOf(e.getMessage()));
        }
    }

    /** Notes, for the status, when each Region's changes to each table were last applied here. */
    private void received(List<ReplicatedChange> changes) {
        long now = clock.millis();
        String last = null;
        for (ReplicatedChange c : changes) {
            String key = c.origin() + "\u0000" + c.tableName();
            if (key.equals(last)) {
                continue; // a batch runs in long stretches of one table and origin
            }
            last = key;
            PeerMetrics m = metrics.get(c.origin());
            if (m != null) {
                m.applied(c.tableName(), now);
            }
        }
    }

    /** Makes the local replica a peer asked for: the table (with the same keys and indexes), its stream, its group. */
    private synchronized void createLocal(
            String tableName, Map<String, Object> definition, Map<String, Object> members) {
        FloeDb db = host.database();
        boolean exists;
        try {
            db.describeTable(new DescribeTableRequest(tableName));
            exists = true;
        } catch (ResourceNotFoundException e) {
            exists = false;
        }
        if (!exists) {
            db.createTable(fromDefinition(tableName, definition));
        } else if (!groups.containsKey(tableName)) {
            // observed wording, for a table of that name that is not a replica
            throw new ValidationException("Failed to create a the new replica of table with name: \u2018" + tableName
                    + "\u2019 because one or more replicas already existed as tables.");
        }
        Map<String, String> group = new TreeMap<>();
        members.forEach((k, v) -> group.put(k, (String) v));
        save(tableName, group);
    }

    static Map<String, Object> definition(TableDescription t) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("KeySchema", keys(t.keySchema()));
        List<Object> attributes = new ArrayList<>();
        for (AttributeDefinition a : t.attributeDefinitions()) {
            attributes.add(List.of(a.attributeName(), a.attributeType()));
        }
        d.put("AttributeDefinitions", attributes);
        List<Object> indexes = new ArrayList<>();
        if (t.globalSecondaryIndexes() != null) {
            for (GlobalSecondaryIndexDescription g : t.globalSecondaryIndexes()) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("IndexName", g.indexName());
                i.put("KeySchema", keys(g.keySchema()));
                i.put("ProjectionType", g.projection().projectionType());
                if (g.projection().nonKeyAttributes() != null) {
                    i.put(
                            "NonKeyAttributes",
                            new ArrayList<Object>(g.projection().nonKeyAttributes()));
                }
                indexes.add(i);
            }
        }
        d.put("GlobalSecondaryIndexes", indexes);
        return d;
    }

    private static List<Object> keys(List<KeySchemaElement> schema) {
        List<Object> out = new ArrayList<>();
        for (KeySchemaElement k : schema) {
            out.add(List.of(k.attributeName(), k.keyType()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<KeySchemaElement> keysFrom(Object list) {
        List<KeySchemaElement> out = new ArrayList<>();
        for (Object o : (List<Object>) list) {
            List<Object> pair = (List<Object>) o;
            out.add(new KeySchemaElement((String) pair.get(0), (String) pair.get(1)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static CreateTableRequest fromDefinition(String tableName, Map<String, Object> d) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object o : (List<Object>) d.get("AttributeDefinitions")) {
            List<Object> pair = (List<Object>) o;
            attributes.add(new AttributeDefinition((String) pair.get(0), (String) pair.get(1)));
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object o : (List<Object>) d.get("GlobalSecondaryIndexes")) {
            Map<String, Object> i = (Map<String, Object>) o;
            List<String> nonKey = i.get("NonKeyAttributes") == null
                    ? null
                    : new ArrayList<>((List<String>) (List<?>) i.get("NonKeyAttributes"));
            indexes.add(new GlobalSecondaryIndex(
                    (String) i.get("IndexName"),
                    keysFrom(i.get("KeySchema")),
                    new Projection((String) i.get("ProjectionType"), nonKey),
                    null));
        }
        return new CreateTableRequest(
                tableName,
                keysFrom(d.get("KeySchema")),
                attributes,
                "PAY_PER_REQUEST",
                null,
                null,
                indexes.isEmpty() ? null : indexes,
                new StreamSpecification(true, "NEW_AND_OLD_IMAGES"));
    }
}
