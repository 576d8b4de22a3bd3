package floe.plugin.replication;

import floe.api.model.OnDemandThroughputOverride;
import floe.api.model.ProvisionedThroughputOverride;
import floe.api.model.ReplicaGlobalSecondaryIndex;
import floe.api.model.ReplicaGlobalSecondaryIndexDescription;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replication group keeps about its table besides its members' status: each replica's
 * own settings (as {@code ReplicaUpdates} Create and Update give them), and, for a global table
 * made with the legacy API (version 2017.11.29), when it was made. Immutable; kept in the
 * plugin's durable state as JSON and sent to every member, so DescribeTable shows the same in
 * every Region.
 *
 * @param legacyCreatedMillis when CreateGlobalTable made the group, or null for version 2019.11.21
 * @param replicas each Region's own settings, by Region
 */
record TableMeta(Long legacyCreatedMillis, Map<String, Settings> replicas) {
    /** The meta of a table with no settings. */
    static final TableMeta EMPTY = new TableMeta(null, Map.of());

    TableMeta {
        replicas = Map.copyOf(replicas);
    }

    /**
     * One replica's own settings; a null component is one never set.
     *
     * @param kmsMasterKeyId its KMS key
     * @param readCapacityUnits its ProvisionedThroughputOverride
     * @param maxReadRequestUnits its OnDemandThroughputOverride
     * @param indexes its per-index overrides, by index name
     * @param tableClass its TableClassOverride
     * @param tableClassMillis when its table class was set
     */
    record Settings(
            String kmsMasterKeyId,
            Long readCapacityUnits,
            Long maxReadRequestUnits,
            Map<String, IndexSettings> indexes,
            String tableClass,
            Long tableClassMillis) {
        static final Settings NONE = new Settings(null, null, null, Map.of(), null, null);

        Settings {
            indexes = Map.copyOf(indexes);
        }

        ProvisionedThroughputOverride provisioned() {
            return readCapacityUnits == null ? null : new ProvisionedThroughputOverride(readCapacityUnits);
        }

        OnDemandThroughputOverride onDemand() {
            return maxReadRequestUnits == null ? null : new OnDemandThroughputOverride(maxReadRequestUnits);
        }

        /** The per-index overrides as DescribeTable shows them, or null if none. */
        List<ReplicaGlobalSecondaryIndexDescription> indexDescriptions() {
            if (indexes.isEmpty()) {
                return null;
            }
            List<ReplicaGlobalSecondaryIndexDescription> out = new ArrayList<>();
            new TreeMap<>(indexes)
                    .forEach((name, i) -> out.add(new ReplicaGlobalSecondaryIndexDescription(
                            name,
                            i.readCapacityUnits() == null
                                    ? null
                                    : new ProvisionedThroughputOverride(i.readCapacityUnits()),
                            i.maxReadRequestUnits() == null
                                    ? null
                                    : new OnDemandThroughputOverride(i.maxReadRequestUnits()))));
            return out;
        }

        /** These settings with what {@code change} sets (its null components keep what is here). */
        Settings with(
                String kms,
                ProvisionedThroughputOverride provisioned,
                OnDemandThroughputOverride onDemand,
                List<ReplicaGlobalSecondaryIndex> indexChanges,
                String newTableClass,
                long nowMillis) {
            Map<String, IndexSettings> ix = new TreeMap<>(indexes);
            if (indexChanges != null) {
                for (ReplicaGlobalSecondaryIndex i : indexChanges) {
                    IndexSettings old = ix.getOrDefault(i.indexName(), new IndexSettings(null, null));
                    ix.put(
                            i.indexName(),
                            new IndexSettings(
                                    i.provisionedThroughputOverride() != null
                                            ? i.provisionedThroughputOverride().readCapacityUnits()
                                            : old.readCapacityUnits(),
                                    i.onDemandThroughputOverride() != null
                                            ? i.onDemandThroughputOverride().maxReadRequestUnits()
                                            : old.maxReadRequestUnits()));
                }
            }
            return new Settings(
                    kms != null ? kms : kmsMasterKeyId,
                    provisioned != null ? provisioned.readCapacityUnits() : readCapacityUnits,
                    onDemand == null
                            ? maxReadRequestUnits
                            : Long.valueOf(-1).equals(onDemand.maxReadRequestUnits())
                                    ? null // -1 removes the replica's own limit
                                    : onDemand.maxReadRequestUnits(),
                    ix,
                    newTableClass != null ? newTableClass : tableClass,
                    newTableClass != null ? Long.valueOf(nowMillis) : tableClassMillis);
        }

        Instant tableClassTime() {
            return tableClassMillis == null ? null : Instant.ofEpochMilli(tableClassMillis);
        }
    }

    /**
     * A replica's overrides of one global secondary index.
     *
     * @param readCapacityUnits its ProvisionedThroughputOverride, or null
     * @param maxReadRequestUnits its OnDemandThroughputOverride, or null
     */
    record IndexSettings(Long readCapacityUnits, Long maxReadRequestUnits) {}

    boolean legacy() {
        return legacyCreatedMillis != null;
    }

    Settings settings(String region) {
        return replicas.getOrDefault(region, Settings.NONE);
    }

    TableMeta with(String region, Settings settings) {
        Map<String, Settings> r = new TreeMap<>(replicas);
        r.put(region, settings);
        return new TableMeta(legacyCreatedMillis, r);
    }

    TableMeta without(String region) {
        Map<String, Settings> r = new TreeMap<>(replicas);
        r.remove(region);
        return new TableMeta(legacyCreatedMillis, r);
    }

    TableMeta legacy(long createdMillis) {
        return new TableMeta(createdMillis, replicas);
    }

    // ------------------------------------------------------------------ as JSON

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (legacyCreatedMillis != null) {
            out.put("LegacyCreated", legacyCreatedMillis);
        }
        Map<String, Object> r = new TreeMap<>();
        replicas.forEach((region, s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            putIf(m, "KMSMasterKeyId", s.kmsMasterKeyId());
            putIf(m, "ReadCapacityUnits", s.readCapacityUnits());
            putIf(m, "MaxReadRequestUnits", s.maxReadRequestUnits());
            putIf(m, "TableClass", s.tableClass());
            putIf(m, "TableClassMillis", s.tableClassMillis());
            if (!s.indexes().isEmpty()) {
                Map<String, Object> ix = new TreeMap<>();
                s.indexes().forEach((name, i) -> {
                    Map<String, Object> im = new LinkedHashMap<>();
                    putIf(im, "ReadCapacityUnits", i.readCapacityUnits());
                    putIf(im, "MaxReadRequestUnits", i.maxReadRequestUnits());
                    ix.put(name, im);
                });
                m.put("Indexes", ix);
            }
            r.put(region, m);
        });
        out.put("Replicas", r);
        return out;
    }

    @SuppressWarnings("unchecked")
    static TableMeta fromJson(Object json) {
        if (!(json instanceof Map<?, ?> in)) {
            return EMPTY;
        }
        Map<String, Settings> replicas = new TreeMap<>();
        Object r = in.get("Replicas");
        if (r instanceof Map<?, ?> rm) {
            ((Map<String, Object>) rm).forEach((region, o) -> {
                Map<String, Object> m = (Map<String, Object>) o;
                Map<String, IndexSettings> ix = new TreeMap<>();
                if (m.get("Indexes") instanceof Map<?, ?> im) {
                    ((Map<String, Object>) im).forEach((name, io) -> {
                        Map<String, Object> i = (Map<String, Object>) io;
                        ix.put(
                                name,
                                new IndexSettings(num(i.get("ReadCapacityUnits")), num(i.get("MaxReadRequestUnits"))));
                    });
                }
                replicas.put(
                        region,
                        new Settings(
                                (String) m.get("KMSMasterKeyId"),
                                num(m.get("ReadCapacityUnits")),
                                num(m.get("MaxReadRequestUnits")),
                                ix,
                                (String) m.get("TableClass"),
                                num(m.get("TableClassMillis"))));
            });
        }
        return new TableMeta(num(in.get("LegacyCreated")), replicas);
    }

    private static void putIf(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static Long num(Object o) {
        if (o instanceof BigDecimal d) {
            return d.longValueExact();
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        return null;
    }
}
