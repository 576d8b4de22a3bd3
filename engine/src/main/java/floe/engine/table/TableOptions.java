package floe.engine.table;

import floe.api.AttributeValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's options beyond its keys, indexes and provisioned throughput: deletion
 * protection, table class, encryption at rest, point-in-time recovery, on-demand
 * maximums, warm throughput and the history the rate rules need. A typed view of
 * settings of the table's definition (see {@link TableDefinition#settings()}), read
 * with {@link #of} and written back with {@link #applyTo}.
 *
 * @param deletionProtection whether DeleteTable is refused
 * @param tableClass STANDARD or STANDARD_INFREQUENT_ACCESS, or null when never set (which is STANDARD)
 * @param tableClassChanges when the class was changed by UpdateTable, oldest first (at most 2 in 30 days)
 * @param kmsKeyArn the ARN of the KMS key encrypting the table, or null for the default (an AWS owned key)
 * @param pitr point-in-time recovery
 * @param maxReadRequestUnits the on-demand read maximum, or null for none
 * @param maxWriteRequestUnits the on-demand write maximum, or null for none
 * @param warmRead warm read units per second (0: not yet recorded, derived from the billing)
 * @param warmWrite warm write units per second (0: not yet recorded, derived from the billing)
 * @param switchesToOnDemand when the table switched to PAY_PER_REQUEST, oldest first (at most 4 in 24 hours)
 * @param indexes options of global indexes, by index id
 */
public record TableOptions(
        boolean deletionProtection,
        String tableClass,
        List<Instant> tableClassChanges,
        String kmsKeyArn,
        Pitr pitr,
        Long maxReadRequestUnits,
        Long maxWriteRequestUnits,
        long warmRead,
        long warmWrite,
        List<Instant> switchesToOnDemand,
        Map<String, IndexOptions> indexes) {

    /** Table classes. */
    public static final String STANDARD = "STANDARD";
    /** Table classes. */
    public static final String STANDARD_INFREQUENT_ACCESS = "STANDARD_INFREQUENT_ACCESS";
    /** The warm throughput of a new on-demand table or index: its initial throughput. */
    public static final long ON_DEMAND_WARM_READ = 12000;
    /** The warm throughput of a new on-demand table or index: its initial throughput. */
    public static final long ON_DEMAND_WARM_WRITE = 4000;

    static final String DELETION_PROTECTION = "deletionProtection";
    static final String TABLE_CLASS = "tableClass";
    static final String SSE = "sse";
    static final String PITR = "pitr";
    static final String ON_DEMAND = "onDemandMaximum";
    static final String WARM = "warmThroughput";
    static final String SWITCHES = "switchesToOnDemand";
    static final String INDEXES = "indexOptions";

    /** Copies the collections. */
    public TableOptions {
        tableClassChanges = List.copyOf(tableClassChanges);
        switchesToOnDemand = List.copyOf(switchesToOnDemand);
        indexes = Map.copyOf(indexes);
    }

    /**
     * Point-in-time recovery.
     *
     * @param enabled whether it is on
     * @param recoveryPeriodInDays how far back restores may go, 1 to 35
     * @param since when it was last turned on, or null
     */
    public record Pitr(boolean enabled, int recoveryPeriodInDays, Instant since) {
        /** Off. */
        public static final Pitr OFF = new Pitr(false, 35, null);
    }

    /**
     * A global index's options.
     *
     * @param maxReadRequestUnits the on-demand read maximum, or null for none
     * @param maxWriteRequestUnits the on-demand write maximum, or null for none
     * @param warmRead warm read units per second (0: derived)
     * @param warmWrite warm write units per second (0: derived)
     */
    public record IndexOptions(Long maxReadRequestUnits, Long maxWriteRequestUnits, long warmRead, long warmWrite) {
        /** Nothing set. */
        public static final IndexOptions NONE = new IndexOptions(null, null, 0, 0);
    }

    /** Whether point-in-time recovery is on for {@code def}: cheaper than {@link #of}, for the write path. */
    public static boolean pitrEnabled(TableDefinition def) {
        AttributeValue pitr = def.setting(PITR);
        return pitr instanceof AttributeValue.M m && m.values().get("since") != null;
    }

    /** The options of {@code def}; a table made before they existed has the defaults. */
    public static TableOptions of(TableDefinition def) {
        AttributeValue dp = def.setting(DELETION_PROTECTION);
        Map<String, AttributeValue> cls = map(def.setting(TABLE_CLASS));
        Map<String, AttributeValue> sse = map(def.setting(SSE));
        Map<String, AttributeValue> pitr = map(def.setting(PITR));
        Map<String, AttributeValue> odt = map(def.setting(ON_DEMAND));
        Map<String, AttributeValue> warm = map(def.setting(WARM));
        Map<String, IndexOptions> indexes = new LinkedHashMap<>();
        map(def.setting(INDEXES)).forEach((id, v) -> {
            Map<String, AttributeValue> o = map(v);
            indexes.put(
                    id,
                    new IndexOptions(
                            optionalNum(o.get("maxRead")),
                            optionalNum(o.get("maxWrite")),
                            num(o.get("warmRead"), 0),
                            num(o.get("warmWrite"), 0)));
        });
        return new TableOptions(
                dp instanceof AttributeValue.Bool b && b.value(),
                cls.containsKey("class") ? TableDefinition.str(cls.get("class")) : null,
                instants(cls.get("changes")),
                sse.containsKey("key") ? TableDefinition.str(sse.get("key")) : null,
                pitr.isEmpty()
                        ? Pitr.OFF
                        : new Pitr(
                                pitr.get("since") != null,
                                (int) num(pitr.get("days"), 35),
                                pitr.get("since") == null ? null : Instant.ofEpochMilli(num(pitr.get("since"), 0))),
                optionalNum(odt.get("read")),
                optionalNum(odt.get("write")),
                num(warm.get("read"), 0),
                num(warm.get("write"), 0),
                instants(def.setting(SWITCHES)),
                indexes);
    }

    /** Defaults: what a table created without any option has. */
    public static TableOptions defaults() {
        return new TableOptions(false, null, List.of(), null, Pitr.OFF, null, null, 0, 0, List.of(), Map.of());
    }

    /** {@code def} with these options as its settings (defaults are not stored). */
    public TableDefinition applyTo(TableDefinition def) {
        TableDefinition out =
                def.withSetting(DELETION_PROTECTION, deletionProtection ? AttributeValue.bool(true) : null);
        Map<String, AttributeValue> cls = new LinkedHashMap<>();
        if (tableClass != null) {
            cls.put("class", AttributeValue.s(tableClass));
        }
        if (!tableClassChanges.isEmpty()) {
            cls.put("changes", instants(tableClassChanges));
        }
        out = out.withSetting(TABLE_CLASS, cls.isEmpty() ? null : AttributeValue.m(cls));
        out = out.withSetting(
                SSE, kmsKeyArn == null ? null : AttributeValue.m(Map.of("key", AttributeValue.s(kmsKeyArn))));
        Map<String, AttributeValue> p = new LinkedHashMap<>();
        if (pitr.enabled() || pitr.recoveryPeriodInDays() != 35) {
            p.put("days", AttributeValue.n(pitr.recoveryPeriodInDays()));
            if (pitr.enabled()) {
                p.put("since", AttributeValue.n(pitr.since().toEpochMilli()));
            }
        }
        out = out.withSetting(PITR, p.isEmpty() ? null : AttributeValue.m(p));
        Map<String, AttributeValue> odt = new LinkedHashMap<>();
        put(odt, "read", maxReadRequestUnits);
        put(odt, "write", maxWriteRequestUnits);
        out = out.withSetting(ON_DEMAND, odt.isEmpty() ? null : AttributeValue.m(odt));
        out = out.withSetting(
                WARM,
                warmRead == 0 && warmWrite == 0
                        ? null
                        : AttributeValue.m(
                                Map.of("read", AttributeValue.n(warmRead), "write", AttributeValue.n(warmWrite))));
        out = out.withSetting(SWITCHES, switchesToOnDemand.isEmpty() ? null : instants(switchesToOnDemand));
        Map<String, AttributeValue> idx = new LinkedHashMap<>();
        indexes.forEach((id, o) -> {
            if (def.indexById(id) == null || o.equals(IndexOptions.NONE)) {
                return; // options of an index that is gone go with it
            }
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            put(m, "maxRead", o.maxReadRequestUnits());
            put(m, "maxWrite", o.maxWriteRequestUnits());
            m.put("warmRead", AttributeValue.n(o.warmRead()));
            m.put("warmWrite", AttributeValue.n(o.warmWrite()));
            idx.put(id, AttributeValue.m(m));
        });
        return out.withSetting(INDEXES, idx.isEmpty() ? null : AttributeValue.m(idx));
    }

    /** The options of the global index with id {@code indexId}. */
    public IndexOptions index(String indexId) {
        return indexes.getOrDefault(indexId, IndexOptions.NONE);
    }

    /** These options with {@code options} for the index {@code indexId}. */
    public TableOptions withIndex(String indexId, IndexOptions options) {
        Map<String, IndexOptions> next = new LinkedHashMap<>(indexes);
        next.put(indexId, options);
        return new TableOptions(
                deletionProtection,
                tableClass,
                tableClassChanges,
                kmsKeyArn,
                pitr,
                maxReadRequestUnits,
                maxWriteRequestUnits,
                warmRead,
                warmWrite,
                switchesToOnDemand,
                next);
    }

    /** A builder seeded with these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds changed options. */
    public static final class Builder {
        private boolean deletionProtection;
        private String tableClass;
        private List<Instant> tableClassChanges;
        private String kmsKeyArn;
        private Pitr pitr;
        private Long maxRead;
        private Long maxWrite;
        private long warmRead;
        private long warmWrite;
        private List<Instant> switches;
        private Map<String, IndexOptions> indexes;

        private Builder(TableOptions o) {
            deletionProtection = o.deletionProtection;
            tableClass = o.tableClass;
            tableClassChanges = o.tableClassChanges;
            kmsKeyArn = o.kmsKeyArn;
            pitr = o.pitr;
            maxRead = o.maxReadRequestUnits;
            maxWrite = o.maxWriteRequestUnits;
            warmRead = o.warmRead;
            warmWrite = o.warmWrite;
            switches = o.switchesToOnDemand;
            indexes = o.indexes;
        }

        /** @return this builder */
        public Builder deletionProtection(boolean v) {
            deletionProtection = v;
            return this;
        }

        /** @return this builder */
        public Builder tableClass(String v, List<Instant> changes) {
            tableClass = v;
            tableClassChanges = changes;
            return this;
        }

        /** @return this builder */
        public Builder kmsKeyArn(String v) {
            kmsKeyArn = v;
            return this;
        }

        /** @return this builder */
        public Builder pitr(Pitr v) {
            pitr = v;
            return this;
        }

        /** @return this builder */
        public Builder onDemand(Long read, Long write) {
            maxRead = read;
            maxWrite = write;
            return this;
        }

        /** @return this builder */
        public Builder warm(long read, long write) {
            warmRead = read;
            warmWrite = write;
            return this;
        }

        /** @return this builder */
        public Builder switchesToOnDemand(List<Instant> v) {
            switches = v;
            return this;
        }

        /** @return this builder */
        public Builder indexes(Map<String, IndexOptions> v) {
            indexes = v;
            return this;
        }

        /** @return the options */
        public TableOptions build() {
            return new TableOptions(
                    deletionProtection,
                    tableClass,
                    tableClassChanges,
                    kmsKeyArn,
                    pitr,
                    maxRead,
                    maxWrite,
                    warmRead,
                    warmWrite,
                    switches,
                    indexes);
        }
    }

    // ------------------------------------------------------------------ setting values

    static Map<String, AttributeValue> map(AttributeValue v) {
        return v instanceof AttributeValue.M m ? m.values() : Map.of();
    }

    static long num(AttributeValue v, long fallback) {
        return v == null ? fallback : TableDefinition.num(v);
    }

    static Long optionalNum(AttributeValue v) {
        return v == null ? null : TableDefinition.num(v);
    }

    private static void put(Map<String, AttributeValue> m, String name, Long v) {
        if (v != null) {
            m.put(name, AttributeValue.n(v));
        }
    }

    static List<Instant> instants(AttributeValue v) {
        List<Instant> out = new ArrayList<>();
        if (v instanceof AttributeValue.L l) {
            for (AttributeValue e : l.values()) {
                out.add(Instant.ofEpochMilli(TableDefinition.num(e)));
            }
        }
        return out;
    }

    static AttributeValue instants(List<Instant> list) {
        List<AttributeValue> out = new ArrayList<>();
        for (Instant i : list) {
            out.add(AttributeValue.n(i.toEpochMilli()));
        }
        return new AttributeValue.L(out);
    }
}
