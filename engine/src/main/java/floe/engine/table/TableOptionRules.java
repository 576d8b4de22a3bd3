package floe.engine.table;

import floe.api.error.LimitExceededException;
import floe.api.error.ValidationException;
import floe.api.model.CreateGlobalSecondaryIndexAction;
import floe.api.model.CreateTableRequest;
import floe.api.model.GlobalSecondaryIndex;
import floe.api.model.GlobalSecondaryIndexUpdate;
import floe.api.model.OnDemandThroughput;
import floe.api.model.SseSpecification;
import floe.api.model.UpdateTableRequest;
import floe.api.model.WarmThroughput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CreateTable's and UpdateTable's rules for a table's options (see {@link TableOptions}):
 * table class, deletion protection, encryption at rest, on-demand maximums and warm
 * throughput, with DynamoDB's measured messages (where a message is a best guess, a
 * comment says so), and the options they leave.
 */
public final class TableOptionRules {
    private static final String INVALID = "One or more parameter values were invalid: ";
    /** DynamoDB's default per-table throughput quota (DescribeLimits' TableMax...). */
    public static final long TABLE_MAX_UNITS = 40_000;
    /** Table class changes allowed per {@link #CLASS_WINDOW}. */
    static final int CLASS_CHANGES = 2;

    static final Duration CLASS_WINDOW = Duration.ofDays(30);
    /** Switches to on-demand allowed per {@link #SWITCH_WINDOW}. */
    static final int SWITCHES = 4;

    static final Duration SWITCH_WINDOW = Duration.ofHours(24);

    private TableOptionRules() {}

    // ------------------------------------------------------------------ CreateTable

    /** Checks a CreateTable request's options (after the rules of {@link CreateTableRules}). */
    public static void checkCreate(CreateTableRequest r) {
        if (r.tags() != null) {
            Tags.checkAdded(r.tags(), true);
        }
        if (r.sseSpecification() != null) {
            checkSse(r.sseSpecification());
        }
        if (r.tableClass() != null) {
            checkClass(r.tableClass());
        }
        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(r.billingMode());
        checkOnDemand(r.onDemandThroughput(), onDemand, "table", false, true);
        if (r.warmThroughput() != null) {
            WarmThroughput w = r.warmThroughput();
            checkWarmCreate(
                    w,
                    onDemand,
                    onDemand ? null : r.provisionedThroughput().readCapacityUnits(),
                    onDemand ? null : r.provisionedThroughput().writeCapacityUnits(),
                    "table");
        }
        if (r.globalSecondaryIndexes() != null) {
            for (GlobalSecondaryIndex g : r.globalSecondaryIndexes()) {
                checkOnDemand(g.onDemandThroughput(), onDemand, "index : " + g.indexName(), false, true);
                if (g.warmThroughput() != null) {
                    checkWarmCreate(
                            g.warmThroughput(),
                            onDemand,
                            onDemand ? null : g.provisionedThroughput().readCapacityUnits(),
                            onDemand ? null : g.provisionedThroughput().writeCapacityUnits(),
                            "index " + g.indexName());
                }
            }
        }
        if (r.resourcePolicy() != null) {
            ResourcePolicy.check(r.resourcePolicy());
        }
    }

    /** The options of a new table from a checked request; {@code def} is the new definition. */
    public static TableOptions created(CreateTableRequest r, TableDefinition def, Arns arns) {
        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(def.billingMode());
        OnDemandThroughput odt = r.onDemandThroughput();
        long[] warm = warm(
                r.warmThroughput(),
                onDemand ? TableOptions.ON_DEMAND_WARM_READ : def.readCapacity(),
                onDemand ? TableOptions.ON_DEMAND_WARM_WRITE : def.writeCapacity());
        Map<String, TableOptions.IndexOptions> indexes = new LinkedHashMap<>();
        if (r.globalSecondaryIndexes() != null) {
            for (GlobalSecondaryIndex g : r.globalSecondaryIndexes()) {
                IndexDefinition index = def.index(g.indexName());
                long[] w = warm(
                        g.warmThroughput(),
                        onDemand ? TableOptions.ON_DEMAND_WARM_READ : index.readCapacity(),
                        onDemand ? TableOptions.ON_DEMAND_WARM_WRITE : index.writeCapacity());
                OnDemandThroughput o = g.onDemandThroughput();
                indexes.put(
                        index.id(),
                        new TableOptions.IndexOptions(
                                o == null ? null : positive(o.maxReadRequestUnits()),
                                o == null ? null : positive(o.maxWriteRequestUnits()),
                                w[0],
                                w[1]));
            }
        }
        return TableOptions.defaults().toBuilder()
                .deletionProtection(Boolean.TRUE.equals(r.deletionProtectionEnabled()))
                .tableClass(r.tableClass(), List.of())
                .kmsKeyArn(r.sseSpecification() == null ? null : keyArn(r.sseSpecification(), arns))
                .onDemand(
                        odt == null ? null : positive(odt.maxReadRequestUnits()),
                        odt == null ? null : positive(odt.maxWriteRequestUnits()))
                .warm(warm[0], warm[1])
                .indexes(indexes)
                .build();
    }

    /** Warm throughput as given over a base, each member at least the base. */
    private static long[] warm(WarmThroughput w, long baseRead, long baseWrite) {
        long read = w == null || w.readUnitsPerSecond() == null ? baseRead : Math.max(baseRead, w.readUnitsPerSecond());
        long write =
                w == null || w.writeUnitsPerSecond() == null ? baseWrite : Math.max(baseWrite, w.writeUnitsPerSecond());
        return new long[] {read, write};
    }

    private static Long positive(Long v) {
        return v == null || v < 0 ? null : v;
    }

    // ------------------------------------------------------------------ UpdateTable

    /**
     * Checks what needs no table: the shape of the options, and that each of
     * encryption, table class, deletion protection and warm throughput is the only
     * change of its request, and on-demand maximums come with nothing but the billing
     * mode (measured: the message names the first of them in that order).
     */
    public static void checkUpdate(UpdateTableRequest r) {
        if (r.sseSpecification() != null) {
            checkSse(r.sseSpecification());
        }
        if (r.tableClass() != null) {
            checkClass(r.tableClass());
        }
        boolean indexUpdates = r.globalSecondaryIndexUpdates() != null
                && !r.globalSecondaryIndexUpdates().isEmpty();
        boolean base = r.provisionedThroughput() != null
                || r.billingMode() != null
                || indexUpdates
                || r.streamSpecification() != null;
        boolean sse = r.sseSpecification() != null;
        boolean cls = r.tableClass() != null;
        boolean dp = r.deletionProtectionEnabled() != null;
        boolean warm = r.warmThroughput() != null;
        boolean odt = r.onDemandThroughput() != null;
        if (sse && (base || cls || dp || warm || odt)) {
            throw new ValidationException(
                    INVALID + "Server-Side Encryption modification must be the only operation in the request");
        }
        if (cls && (base || dp || warm || odt)) {
            throw new ValidationException(
                    INVALID + "TableClass modification must be the only operation in the request");
        }
        if (dp && (base || warm || odt)) {
            throw new ValidationException(
                    INVALID + "DeletionProtection modification must be the only operation in the request");
        }
        if (warm && (base || odt)) {
            throw new ValidationException(INVALID + "WarmThroughput must be the only operation in the request");
        }
        if (odt && (r.provisionedThroughput() != null || indexUpdates)) {
            throw new ValidationException(
                    INVALID + "OnDemandThroughput can only be combined with BillingMode in an UpdateTable request");
        }
        if (r.globalSecondaryIndexUpdates() != null) {
            for (GlobalSecondaryIndexUpdate u : r.globalSecondaryIndexUpdates()) {
                if (u.update() != null && u.update().warmThroughput() != null) {
                    WarmThroughput w = u.update().warmThroughput();
                    if (w.readUnitsPerSecond() == null && w.writeUnitsPerSecond() == null) {
                        throw new ValidationException(
                                INVALID + "WarmThroughput must have at least one of ReadUnitsPerSecond or"
                                        + " WriteUnitsPerSecond specified for index: "
                                        + u.update().indexName());
                    }
                }
            }
        }
    }

    /**
     * The table's options after an UpdateTable: {@code before} is the definition
     * before, {@code after} the definition {@link UpdateTableRules} made (billing,
     * throughput, indexes); {@code created} the index it adds, or null.
     */
    public static TableOptions updated(
            TableDefinition before,
            TableDefinition after,
            UpdateTableRequest r,
            IndexDefinition created,
            Instant now,
            Arns arns) {
        TableOptions o = TableOptions.of(before);
        TableOptions.Builder b = o.toBuilder();
        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(after.billingMode());
        if (r.deletionProtectionEnabled() != null) {
            b.deletionProtection(r.deletionProtectionEnabled());
        }
        if (r.tableClass() != null) {
            List<Instant> changes = recent(o.tableClassChanges(), now, CLASS_WINDOW);
            String current = o.tableClass() == null ? TableOptions.STANDARD : o.tableClass();
            if (changes.size() >= CLASS_CHANGES) {
                throw new LimitExceededException(
                        "Updates to TableClass are limited to " + CLASS_CHANGES + " times in 30 day(s).");
            }
            if (!current.equals(r.tableClass())) {
                changes.add(now);
                b.tableClass(r.tableClass(), changes);
            }
        }
        if (r.sseSpecification() != null) {
            String key = keyArn(r.sseSpecification(), arns);
            if (key == null && o.kmsKeyArn() == null) {
                throw new ValidationException(INVALID + "Table is already encrypted by default");
            }
            if (key != null
                    && key.equals(o.kmsKeyArn())
                    && r.sseSpecification().kmsMasterKeyId() != null
                    && r.sseSpecification().kmsMasterKeyId().startsWith("arn:")) {
                throw new ValidationException(
                        INVALID + "Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId"
                                + " parameter if you want to change Master Key");
            }
            b.kmsKeyArn(key);
        }
        // billing: a switch to on-demand counts towards its limit; on-demand maximums only on on-demand tables
        boolean switched = onDemand && !TableDefinition.PAY_PER_REQUEST.equals(before.billingMode());
        if (switched) {
            List<Instant> switches = recent(o.switchesToOnDemand(), now, SWITCH_WINDOW);
            if (switches.size() >= SWITCHES) {
                // message not known: best guess
                throw new LimitExceededException(
                        "Subscriber limit exceeded: Billing mode can be changed to PAY_PER_REQUEST at"
                                + " most " + SWITCHES
                                + " times in a 24 hour period. Number of changes in the last 24 hours: "
                                + switches.size());
            }
            switches.add(now);
            b.switchesToOnDemand(switches);
        }
        Long maxRead = onDemand ? o.maxReadRequestUnits() : null;
        Long maxWrite = onDemand ? o.maxWriteRequestUnits() : null;
        if (r.onDemandThroughput() != null) {
            checkOnDemand(r.onDemandThroughput(), onDemand, "table", true, false);
            maxRead = merge(maxRead, r.onDemandThroughput().maxReadRequestUnits());
            maxWrite = merge(maxWrite, r.onDemandThroughput().maxWriteRequestUnits());
        }
        b.onDemand(maxRead, maxWrite);
        long[] warm = effectiveWarm(before, o);
        if (r.warmThroughput() != null) {
            warm = raiseWarm(warm, r.warmThroughput(), "table");
        }
        if (onDemand) {
            warm = new long[] {
                Math.max(warm[0], TableOptions.ON_DEMAND_WARM_READ),
                Math.max(warm[1], TableOptions.ON_DEMAND_WARM_WRITE)
            };
        } else {
            warm = new long[] {Math.max(warm[0], after.readCapacity()), Math.max(warm[1], after.writeCapacity())};
        }
        b.warm(warm[0], warm[1]);
        b.indexes(indexes(before, after, r, created, o, onDemand));
        return b.build();
    }

    /** The options of the global indexes after an UpdateTable. */
    private static Map<String, TableOptions.IndexOptions> indexes(
            TableDefinition before,
            TableDefinition after,
            UpdateTableRequest r,
            IndexDefinition created,
            TableOptions o,
            boolean onDemand) {
        Map<String, TableOptions.IndexOptions> out = new LinkedHashMap<>();
        for (IndexDefinition i : after.indexes()) {
            if (!i.isGlobal()) {
                continue;
            }
            TableOptions.IndexOptions io = o.index(i.id());
            Long maxRead = onDemand ? io.maxReadRequestUnits() : null;
            Long maxWrite = onDemand ? io.maxWriteRequestUnits() : null;
            long[] warm = effectiveWarm(before.indexById(i.id()) == null ? i : before.indexById(i.id()), before, io);
            OnDemandThroughput odt = null;
            WarmThroughput w = null;
            if (created != null && created.id().equals(i.id())) {
                CreateGlobalSecondaryIndexAction c = createAction(r, i.name());
                odt = c.onDemandThroughput();
                w = c.warmThroughput();
                warm = onDemand
                        ? new long[] {TableOptions.ON_DEMAND_WARM_READ, TableOptions.ON_DEMAND_WARM_WRITE}
                        : new long[] {i.readCapacity(), i.writeCapacity()};
                if (odt != null) {
                    checkOnDemand(odt, onDemand, "index : " + i.name(), false, true);
                }
                if (w != null) {
                    checkWarmCreate(
                            w,
                            onDemand,
                            onDemand ? null : i.readCapacity(),
                            onDemand ? null : i.writeCapacity(),
                            "index " + i.name());
                }
            } else if (r.globalSecondaryIndexUpdates() != null) {
                for (GlobalSecondaryIndexUpdate u : r.globalSecondaryIndexUpdates()) {
                    if (u.update() != null && u.update().indexName().equals(i.name())) {
                        odt = u.update().onDemandThroughput();
                        w = u.update().warmThroughput();
                        if (odt != null) {
                            checkOnDemand(odt, onDemand, "index : " + i.name(), true, false);
                        }
                    }
                }
                if (w != null) {
                    warm = raiseWarm(warm, w, "index " + i.name());
                }
            }
            if (odt != null) {
                maxRead = merge(maxRead, odt.maxReadRequestUnits());
                maxWrite = merge(maxWrite, odt.maxWriteRequestUnits());
            }
            if (created != null && created.id().equals(i.id()) && w != null) {
                warm = warm(w, warm[0], warm[1]);
            }
            warm = onDemand
                    ? new long[] {
                        Math.max(warm[0], TableOptions.ON_DEMAND_WARM_READ),
                        Math.max(warm[1], TableOptions.ON_DEMAND_WARM_WRITE)
                    }
                    : new long[] {Math.max(warm[0], i.readCapacity()), Math.max(warm[1], i.writeCapacity())};
            out.put(i.id(), new TableOptions.IndexOptions(maxRead, maxWrite, warm[0], warm[1]));
        }
        return out;
    }

    private static CreateGlobalSecondaryIndexAction createAction(UpdateTableRequest r, String name) {
        for (GlobalSecondaryIndexUpdate u : r.globalSecondaryIndexUpdates()) {
            if (u.create() != null && u.create().indexName().equals(name)) {
                return u.create();
            }
        }
        throw new IllegalStateException("no create action for " + name);
    }

    /** The table's warm throughput as stored, or as its billing implies when none was stored. */
    public static long[] effectiveWarm(TableDefinition def, TableOptions o) {
        if (o.warmRead() > 0) {
            return new long[] {o.warmRead(), o.warmWrite()};
        }
        return TableDefinition.PAY_PER_REQUEST.equals(def.billingMode())
                ? new long[] {TableOptions.ON_DEMAND_WARM_READ, TableOptions.ON_DEMAND_WARM_WRITE}
                : new long[] {def.readCapacity(), def.writeCapacity()};
    }

    /** A global index's warm throughput as stored, or as its table's billing implies. */
    public static long[] effectiveWarm(IndexDefinition index, TableDefinition def, TableOptions.IndexOptions o) {
        if (o.warmRead() > 0) {
            return new long[] {o.warmRead(), o.warmWrite()};
        }
        return TableDefinition.PAY_PER_REQUEST.equals(def.billingMode())
                ? new long[] {TableOptions.ON_DEMAND_WARM_READ, TableOptions.ON_DEMAND_WARM_WRITE}
                : new long[] {index.readCapacity(), index.writeCapacity()};
    }

    /** Warm throughput raised to {@code w}: never lowered (refused), never past the per-table quota. */
    private static long[] raiseWarm(long[] current, WarmThroughput w, String of) {
        long read = current[0];
        long write = current[1];
        if (w.readUnitsPerSecond() != null) {
            if (w.readUnitsPerSecond() < current[0]) {
                throw new ValidationException(INVALID + "Requested ReadUnitsPerSecond for WarmThroughput for " + of
                        + " is lower than current WarmThroughput, decreasing WarmThroughput is not supported");
            }
            read = w.readUnitsPerSecond();
        }
        if (w.writeUnitsPerSecond() != null) {
            if (w.writeUnitsPerSecond() < current[1]) {
                throw new ValidationException(INVALID + "Requested WriteUnitsPerSecond for WarmThroughput for " + of
                        + " is lower than current WarmThroughput, decreasing WarmThroughput is not supported");
            }
            write = w.writeUnitsPerSecond();
        }
        checkWarmQuota(read, write, of);
        return new long[] {read, write};
    }

    private static void checkWarmCreate(WarmThroughput w, boolean onDemand, Long rcu, Long wcu, String of) {
        Long read = w.readUnitsPerSecond();
        Long write = w.writeUnitsPerSecond();
        String see =
                ". See: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html"
                        + "#on-demand-capacity-mode-initial";
        if (onDemand) {
            if (read != null && read < TableOptions.ON_DEMAND_WARM_READ) {
                throw new ValidationException(INVALID + "Requested ReadUnitsPerSecond for WarmThroughput for " + of
                        + " is lower than initial throughput for OnDemand" + see);
            }
            if (write != null && write < TableOptions.ON_DEMAND_WARM_WRITE) {
                throw new ValidationException(INVALID + "Requested WriteUnitsPerSecond for WarmThroughput for " + of
                        + " is lower than initial throughput for OnDemand" + see);
            }
        } else {
            if (read != null && read < rcu) {
                throw new ValidationException(INVALID + "Requested ReadUnitsPerSecond for WarmThroughput for " + of
                        + " is lower than ReadCapacityUnits of ProvisionedThroughput");
            }
            if (write != null && write < wcu) {
                // the write wording follows the measured read one
                throw new ValidationException(INVALID + "Requested WriteUnitsPerSecond for WarmThroughput for " + of
                        + " is lower than WriteCapacityUnits of ProvisionedThroughput");
            }
        }
        checkWarmQuota(read == null ? 0 : read, write == null ? 0 : write, of);
    }

    private static void checkWarmQuota(long read, long write, String of) {
        if (read > TABLE_MAX_UNITS) {
            throw new LimitExceededException(
                    "Subscriber limit exceeded: Requested ReadUnitsPerSecond for WarmThroughput for " + of
                            + " exceeds TableMaxReadCapacityUnits of the account");
        }
        if (write > TABLE_MAX_UNITS) {
            throw new LimitExceededException(
                    "Subscriber limit exceeded: Requested WriteUnitsPerSecond for WarmThroughput for " + of
                            + " exceeds TableMaxWriteCapacityUnits of the account");
        }
    }

    /**
     * On-demand maximums' rules: only on an on-demand table; each member at least 1, or
     * -1 (only when updating) to remove it; at most the per-table quota.
     *
     * @param of "table" or "index : name", as DynamoDB's messages name it
     */
    private static void checkOnDemand(
            OnDemandThroughput odt, boolean onDemand, String of, boolean update, boolean create) {
        if (odt == null) {
            return;
        }
        if (!onDemand) {
            String member = odt.maxReadRequestUnits() != null || odt.maxWriteRequestUnits() == null
                    ? "MaxReadRequestUnits"
                    : "MaxWriteRequestUnits";
            String target = of.equals("table") ? "" : " for " + of;
            throw new ValidationException(INVALID + member + " for OnDemandThroughput" + target
                    + " cannot be specified when"
                    + (create ? " table BillingMode is PROVISIONED." : " the table BillingMode is PROVISIONED"));
        }
        member(odt.maxReadRequestUnits(), "MaxReadRequestUnits", "TableMaxReadCapacityUnits", of, update);
        member(odt.maxWriteRequestUnits(), "MaxWriteRequestUnits", "TableMaxWriteCapacityUnits", of, update);
    }

    private static void member(Long v, String name, String quota, String of, boolean update) {
        if (v == null || (update && v == -1)) {
            return;
        }
        if (v < 1) {
            throw new ValidationException(
                    INVALID + "Requested " + name + " for OnDemandThroughput for " + of + " is outside of valid range");
        }
        if (v > TABLE_MAX_UNITS) {
            throw new LimitExceededException("Subscriber limit exceeded: Requested " + name
                    + " for OnDemandThroughput for " + of + " exceeds " + quota + " of the account");
        }
    }

    private static Long merge(Long current, Long given) {
        if (given == null) {
            return current;
        }
        return given == -1 ? null : given;
    }

    private static List<Instant> recent(List<Instant> times, Instant now, Duration window) {
        List<Instant> out = new ArrayList<>();
        for (Instant t : times) {
            if (t.isAfter(now.minus(window))) {
                out.add(t);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ encryption and table class

    private static void checkSse(SseSpecification s) {
        if (s.sseType() != null && !List.of("AES256", "KMS").contains(s.sseType())) {
            // the member path is assumed to follow the wire name as DynamoDB's validation lowers its first letter
            throw new ValidationException(
                    "1 validation error detected: Value '" + s.sseType() + "' at 'sSESpecification.sSEType'"
                            + " failed to satisfy constraint: Member must satisfy enum value set: [AES256, KMS]");
        }
        if (Boolean.FALSE.equals(s.enabled()) && s.sseType() != null) {
            throw new ValidationException(INVALID + "SSEType can not be specified if Enabled is false");
        }
        if (Boolean.FALSE.equals(s.enabled()) && s.kmsMasterKeyId() != null) {
            throw new ValidationException(INVALID + "KMSMasterKeyId can not be specified if Enabled is false");
        }
        if ("AES256".equals(s.sseType())) {
            throw new ValidationException(INVALID + "SSEType AES256 is not supported");
        }
        if (s.kmsMasterKeyId() != null && !"KMS".equals(s.sseType())) {
            throw new ValidationException(INVALID + "SSEType KMS is required if KMSMasterKeyId is specified");
        }
    }

    private static void checkClass(String tableClass) {
        if (!List.of(TableOptions.STANDARD, TableOptions.STANDARD_INFREQUENT_ACCESS)
                .contains(tableClass)) {
            throw new ValidationException(
                    "Invalid table-class parameter provided. Please try again with a valid table-class value:"
                            + " [STANDARD, STANDARD_INFREQUENT_ACCESS].");
        }
    }

    /**
     * The ARN of the KMS key a checked specification asks for, or null for the
     * default (an AWS owned key). FloeDB has no KMS: a key id or alias becomes the ARN
     * it would resolve to, the AWS managed key ({@code alias/aws/dynamodb}) an ARN of
     * a fixed id per account and region. (Real encryption comes later.)
     */
    static String keyArn(SseSpecification s, Arns arns) {
        boolean kms = Boolean.TRUE.equals(s.enabled()) || "KMS".equals(s.sseType());
        if (!kms) {
            return null;
        }
        String prefix = "arn:aws:kms:" + arns.region() + ":" + arns.account() + ":";
        String id = s.kmsMasterKeyId();
        if (id == null || id.equals("alias/aws/dynamodb") || id.equals(prefix + "alias/aws/dynamodb")) {
            return prefix + "key/" + nameUuid("aws/dynamodb " + arns.account() + " " + arns.region());
        }
        if (id.startsWith("arn:") && id.contains(":key/")) {
            return id;
        }
        String alias = id.startsWith("arn:") ? id.substring(id.indexOf(":alias/") + 1) : id;
        if (alias.startsWith("alias/")) {
            return prefix + "key/" + nameUuid(alias + " " + arns.account() + " " + arns.region());
        }
        return prefix + "key/" + id;
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
