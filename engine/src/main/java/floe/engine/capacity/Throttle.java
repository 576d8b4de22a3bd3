package floe.engine.capacity;

import floe.api.error.FloeException;
import floe.api.error.ProvisionedThroughputExceededException;
import floe.api.error.ThrottlingException;
import floe.api.error.ThrottlingReason;
import floe.engine.table.Arns;
import floe.engine.table.IndexDefinition;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Throttling as DynamoDB does it: a token bucket per table and per global index,
 * for reads and for writes. A provisioned table or index refills at its provisioned
 * units per second and keeps up to 300 seconds of unused capacity as burst; an
 * on-demand one with a configured maximum ({@code OnDemandThroughput}) refills at
 * that maximum with one second of burst; an on-demand one without a maximum is not
 * throttled. A request is refused while a bucket it needs is empty: a read needs its
 * table's (or global index's) read bucket, a write its table's and every global
 * index's write bucket, as DynamoDB throttles writes of a table whose index lags. It
 * then takes the units it consumed (local indexes count against their table). A
 * refused request fails with {@link ProvisionedThroughputExceededException} (or, for
 * an on-demand maximum, {@link ThrottlingException}) carrying DynamoDB's
 * ThrottlingReasons. Buckets refill by the engine's clock, so tests drive them; the
 * engine option {@code throttling=false} turns all of it off.
 */
public final class Throttle {
    /** Seconds of unused provisioned capacity kept as burst. */
    public static final double BURST_SECONDS = 300;
    /** Seconds of burst of an on-demand maximum: none beyond the current second. */
    static final double ON_DEMAND_BURST_SECONDS = 1;

    static final String TABLE_MESSAGE =
            "The level of configured provisioned throughput for the table was exceeded. Consider"
                    + " increasing your provisioning level with the UpdateTable API.";
    static final String INDEX_MESSAGE =
            "The level of configured provisioned throughput for one or more global secondary indexes"
                    + " of the table was exceeded. Consider increasing your provisioning level for the under-provisioned global"
                    + " secondary indexes with the UpdateTable API";
    // message not known: best guess
    static final String ON_DEMAND_MESSAGE =
            "Throughput exceeds the maximum OnDemandThroughput configured on the table or index";

    /** Reads or writes. */
    public enum Kind {
        /** Read capacity. */
        READ,
        /** Write capacity. */
        WRITE
    }

    /**
     * Why a request may not start: one ThrottlingReason, and which error it makes.
     *
     * @param reason DynamoDB's reason and the table's or index's ARN
     * @param onDemand whether an on-demand maximum was exceeded (ThrottlingException), not provisioned capacity
     * @param index whether a global index was exceeded, not the table
     */
    public record Refusal(ThrottlingReason reason, boolean onDemand, boolean index) {}

    private final Clock clock;
    private final boolean enabled;
    private final Arns arns;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    /** The options of the latest definition seen of each table, by table id: parsed once per definition, not per request. */
    private final ConcurrentHashMap<String, Parsed> options = new ConcurrentHashMap<>();

    private record Parsed(TableDefinition def, TableOptions options) {}

    /**
     * @param clock what buckets refill by
     * @param enabled false to admit everything (nothing is counted then)
     * @param arns names tables and indexes in ThrottlingReasons
     */
    public Throttle(Clock clock, boolean enabled, Arns arns) {
        this.clock = clock;
        this.enabled = enabled;
        this.arns = arns;
    }

    /** Whether throttling is on. */
    public boolean enabled() {
        return enabled;
    }

    /** Why a read of the table ({@code index} null) or of one of its indexes may not start now, or null if it may. */
    public Refusal readRefusal(TableDefinition def, IndexDefinition index) {
        // a local index's reads are the table's
        return refusal(def, index != null && index.isGlobal() ? index : null, Kind.READ, clock.instant());
    }

    /** Why a write of the table may not start now (its bucket or a global index's is empty), or null if it may. */
    public Refusal writeRefusal(TableDefinition def) {
        Instant now = clock.instant();
        Refusal r = refusal(def, null, Kind.WRITE, now);
        if (r != null) {
            return r;
        }
        for (IndexDefinition i : def.indexes()) {
            if (i.isGlobal()) {
                r = refusal(def, i, Kind.WRITE, now);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    /** Refuses a read that may not start now. */
    public void admitRead(TableDefinition def, IndexDefinition index) {
        Refusal r = readRefusal(def, index);
        if (r != null) {
            throw refused(List.of(r));
        }
    }

    /** Refuses a write that may not start now. */
    public void admitWrite(TableDefinition def) {
        Refusal r = writeRefusal(def);
        if (r != null) {
            throw refused(List.of(r));
        }
    }

    /**
     * Takes units a request consumed (negative ones refund an estimate taken before).
     *
     * @param tableUnits units on the table itself and its local indexes
     * @param globalUnits units on each global index, by index name
     */
    public void charge(TableDefinition def, Kind kind, double tableUnits, Map<String, Double> globalUnits) {
        if (!enabled) {
            return;
        }
        Instant now = clock.instant();
        take(def, null, kind, tableUnits, now);
        globalUnits.forEach((name, units) -> {
            IndexDefinition index = def.index(name);
            if (index != null && index.isGlobal()) {
                take(def, index, kind, units, now);
            }
        });
    }

    /** The error for requests refused for {@code refusals} (at least one): by the first, with every reason. */
    public static FloeException refused(List<Refusal> refusals) {
        List<ThrottlingReason> reasons = new ArrayList<>();
        for (Refusal r : refusals) {
            if (!reasons.contains(r.reason())) {
                reasons.add(r.reason());
            }
        }
        Refusal first = refusals.get(0);
        if (first.onDemand()) {
            return new ThrottlingException(ON_DEMAND_MESSAGE, reasons);
        }
        return new ProvisionedThroughputExceededException(first.index() ? INDEX_MESSAGE : TABLE_MESSAGE, reasons);
    }

    /** The message of a refusal, for a transaction's cancellation reason. */
    public static String message(Refusal r) {
        return r.onDemand() ? ON_DEMAND_MESSAGE : r.index() ? INDEX_MESSAGE : TABLE_MESSAGE;
    }

    private Refusal refusal(TableDefinition def, IndexDefinition index, Kind kind, Instant now) {
        if (!enabled) {
            return null;
        }
        TokenBucket bucket = bucket(def, index, kind, now);
        if (bucket == null || bucket.available(now)) {
            return null;
        }
        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(def.billingMode());
        String reason = (index == null ? "Table" : "Index")
                + (kind == Kind.READ ? "Read" : "Write")
                + (onDemand ? "MaxOnDemandThroughputExceeded" : "ProvisionedThroughputExceeded");
        String resource = index == null ? arns.table(def.name()) : arns.index(def.name(), index.name());
        return new Refusal(new ThrottlingReason(reason, resource), onDemand, index != null);
    }

    private void take(TableDefinition def, IndexDefinition index, Kind kind, double units, Instant now) {
        TokenBucket bucket = bucket(def, index, kind, now);
        if (bucket != null && units != 0) {
            bucket.take(units, now);
        }
    }

    /** The bucket of a table ({@code index} null) or global index, following its current throughput; null if unlimited. */
    private TokenBucket bucket(TableDefinition def, IndexDefinition index, Kind kind, Instant now) {
        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(def.billingMode());
        double rate;
        double burst;
        if (onDemand) {
            TableOptions o = options(def);
            Long max;
            if (index == null) {
                max = kind == Kind.READ ? o.maxReadRequestUnits() : o.maxWriteRequestUnits();
            } else {
                TableOptions.IndexOptions io = o.index(index.id());
                max = kind == Kind.READ ? io.maxReadRequestUnits() : io.maxWriteRequestUnits();
            }
            if (max == null) {
                return null;
            }
            rate = max;
            burst = ON_DEMAND_BURST_SECONDS;
        } else {
            rate = index == null
                    ? (kind == Kind.READ ? def.readCapacity() : def.writeCapacity())
                    : (kind == Kind.READ ? index.readCapacity() : index.writeCapacity());
            burst = BURST_SECONDS;
        }
        String key = def.id() + "/" + (index == null ? "" : index.id()) + "/" + kind + "/" + (onDemand ? "od" : "pt");
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(rate, burst, now));
        bucket.resize(rate, burst);
        return bucket;
    }

    private TableOptions options(TableDefinition def) {
        Parsed p = options.get(def.id());
        if (p == null || p.def() != def) {
            p = new Parsed(def, TableOptions.of(def));
            options.put(def.id(), p);
        }
        return p.options();
    }

    /** Forgets the buckets of a deleted table. */
    public void forget(TableDefinition def) {
        buckets.keySet().removeIf(k -> k.startsWith(def.id() + "/"));
        options.remove(def.id());
    }
}
