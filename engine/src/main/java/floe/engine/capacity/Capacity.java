package floe.engine.capacity;

import floe.api.model.ConsumedCapacity;
import floe.engine.index.IndexChange;
import floe.engine.table.IndexDefinition;
import floe.engine.table.TableDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DynamoDB's capacity arithmetic and the shape of ConsumedCapacity in responses. */
public final class Capacity {
    /** The values of ReturnConsumedCapacity, for every operation that has it. */
    public static final List<String> RETURN_CONSUMED = List.of("INDEXES", "TOTAL", "NONE");

    private Capacity() {}

    /**
     * Units consumed on one table and on each of its indexes.
     *
     * @param table units on the table itself
     * @param global units per global secondary index that was touched
     * @param local units per local secondary index that was touched
     */
    public record Units(double table, Map<String, Double> global, Map<String, Double> local) {
        public static final Units NONE = new Units(0, Map.of(), Map.of());

        /** Units on the table alone. */
        public static Units table(double units) {
            return new Units(units, Map.of(), Map.of());
        }

        /** These units and {@code units} more on {@code index}. */
        public Units plusIndex(IndexDefinition index, double units) {
            Map<String, Double> g = new LinkedHashMap<>(global);
            Map<String, Double> l = new LinkedHashMap<>(local);
            (index.isGlobal() ? g : l).merge(index.name(), units, Double::sum);
            return new Units(table, g, l);
        }

        /** The sum of both. */
        public Units plus(Units o) {
            Map<String, Double> g = new LinkedHashMap<>(global);
            o.global.forEach((k, v) -> g.merge(k, v, Double::sum));
            Map<String, Double> l = new LinkedHashMap<>(local);
            o.local.forEach((k, v) -> l.merge(k, v, Double::sum));
            return new Units(table + o.table, g, l);
        }

        /** Every part times {@code factor} (transactions cost twice). */
        public Units times(double factor) {
            Map<String, Double> g = new LinkedHashMap<>();
            global.forEach((k, v) -> g.put(k, v * factor));
            Map<String, Double> l = new LinkedHashMap<>();
            local.forEach((k, v) -> l.put(k, v * factor));
            return new Units(table * factor, g, l);
        }

        /** Units counted against the table's own capacity: its own and its local indexes'. */
        public double tableAndLocal() {
            double sum = table;
            for (double v : local.values()) {
                sum += v;
            }
            return sum;
        }

        /** The table's and every index's units together. */
        public double total() {
            double sum = table;
            for (double v : global.values()) {
                sum += v;
            }
            for (double v : local.values()) {
                sum += v;
            }
            return sum;
        }
    }

    /** Takes {@code units} a request consumed on {@code def} from its throttling buckets. */
    public static void charge(Throttle throttle, TableDefinition def, Throttle.Kind kind, Units units) {
        throttle.charge(def, kind, units.tableAndLocal(), units.global());
    }

    /** Write units of a write that replaced {@code oldSize} bytes by {@code newSize}: 1 KB units, at least 1. */
    public static double writeUnits(long oldSize, long newSize) {
        long size = Math.max(oldSize, newSize);
        return Math.max(1, (size + 1023) / 1024);
    }

    /**
     * An index's write units for one change, in 1 KB units of its entries as DynamoDB
     * charges them: one write to put or to delete an entry, two when the entry moves to
     * another key, one of the larger size when it is rewritten in place.
     */
    public static double writeUnits(IndexChange change) {
        long before = change.before() == null ? 0 : change.before().size();
        long after = change.after() == null ? 0 : change.after().size();
        if (change.removes() && change.stores()) {
            return writeUnits(before, 0) + writeUnits(after, 0);
        }
        return change.stores() ? writeUnits(before, after) : writeUnits(before, 0);
    }

    /**
     * The fewest units a Scan page consumes before halving: DynamoDB reports 4 units for a
     * strongly consistent Scan of a table holding one tiny item, and 2 for an eventually
     * consistent one, where a Query or GetItem of the same item consumes 1 (0.5). DynamoDB
     * does not document the rule; its sibling Amazon Keyspaces does ("Estimate the read
     * capacity consumption of table scans"): an on-demand table starts with four
     * partitions, and a scan reads every one of them, an empty one for one unit. This
     * floor is that rule for a table of four partitions; FloeDB does not model partitions
     * further (a provisioned table of little throughput, one partition in DynamoDB, may
     * cost less there), and larger pages stay summed and rounded once.
     */
    public static final long SCAN_MINIMUM_UNITS = 4;

    /** Read units of reading {@code size} bytes: 4 KB units, at least 1, halved when eventually consistent. */
    public static double readUnits(long size, boolean consistent) {
        return readUnits(size, consistent, 1);
    }

    /**
     * Read units of a Scan page that read {@code size} bytes: 4 KB units over the page's
     * summed size, at least {@link #SCAN_MINIMUM_UNITS}, halved when eventually consistent.
     */
    public static double scanUnits(long size, boolean consistent) {
        return readUnits(size, consistent, SCAN_MINIMUM_UNITS);
    }

    private static double readUnits(long size, boolean consistent, long minimum) {
        double units = Math.max(minimum, (size + 4095) / 4096);
        return consistent ? units : units / 2;
    }

    /** The ConsumedCapacity ReturnConsumedCapacity asks for, or null for NONE. */
    public static ConsumedCapacity consumed(String returnConsumedCapacity, String table, double units, boolean write) {
        return consumed(returnConsumedCapacity, table, Units.table(units), write);
    }

    /**
     * The ConsumedCapacity ReturnConsumedCapacity asks for, or null for NONE: the total
     * with TOTAL, and with INDEXES also the table's part and each index's.
     */
    public static ConsumedCapacity consumed(String returnConsumedCapacity, String table, Units units, boolean write) {
        if (returnConsumedCapacity == null || "NONE".equals(returnConsumedCapacity)) {
            return null;
        }
        double total = units.total();
        ConsumedCapacity.Builder b = ConsumedCapacity.builder().tableName(table).capacityUnits(total);
        if (write) {
            b.writeCapacityUnits(total);
        } else {
            b.readCapacityUnits(total);
        }
        if ("INDEXES".equals(returnConsumedCapacity)) {
            b.table(capacity(units.table(), write));
            if (!units.global().isEmpty()) {
                b.globalSecondaryIndexes(capacities(units.global(), write));
            }
            if (!units.local().isEmpty()) {
                b.localSecondaryIndexes(capacities(units.local(), write));
            }
        }
        return b.build();
    }

    /**
     * The ConsumedCapacity of a write request that also read (a transaction's
     * condition checks): write units and read units apart, their sum as the total;
     * with INDEXES the table's part and each index's (indexes are only written).
     */
    public static ConsumedCapacity consumed(String returnConsumedCapacity, String table, Units writes, double reads) {
        if (returnConsumedCapacity == null || "NONE".equals(returnConsumedCapacity)) {
            return null;
        }
        double written = writes.total();
        ConsumedCapacity.Builder b = ConsumedCapacity.builder()
                .tableName(table)
                .capacityUnits(written + reads)
                .writeCapacityUnits(written > 0 || reads == 0 ? written : null)
                .readCapacityUnits(reads > 0 ? reads : null);
        if ("INDEXES".equals(returnConsumedCapacity)) {
            b.table(new floe.api.model.Capacity(
                    reads > 0 ? reads : null,
                    writes.table() > 0 || reads == 0 ? writes.table() : null,
                    writes.table() + reads));
            if (!writes.global().isEmpty()) {
                b.globalSecondaryIndexes(capacities(writes.global(), true));
            }
            if (!writes.local().isEmpty()) {
                b.localSecondaryIndexes(capacities(writes.local(), true));
            }
        }
        return b.build();
    }

    private static floe.api.model.Capacity capacity(double units, boolean write) {
        return new floe.api.model.Capacity(write ? null : units, write ? units : null, units);
    }

    private static Map<String, floe.api.model.Capacity> capacities(Map<String, Double> units, boolean write) {
        Map<String, floe.api.model.Capacity> out = new LinkedHashMap<>();
        units.forEach((name, u) -> out.put(name, capacity(u, write)));
        return out;
    }
}
