package floe.engine;

import floe.api.model.ConsumedCapacity;

/** DynamoDB's capacity arithmetic and the shape of ConsumedCapacity in responses. */
final class Capacity {
    private Capacity() {}

    /** Write units of a write that replaced {@code oldSize} bytes by {@code newSize}: 1 KB units, at least 1. */
    static double writeUnits(long oldSize, long newSize) {
        long size = Math.max(oldSize, newSize);
        return Math.max(1, (size + 1023) / 1024);
    }

    /** Read units of reading {@code size} bytes: 4 KB units, at least 1, halved when eventually consistent. */
    static double readUnits(long size, boolean consistent) {
        double units = Math.max(1, (size + 4095) / 4096);
        return consistent ? units : units / 2;
    }

    /** The ConsumedCapacity ReturnConsumedCapacity asks for, or null for NONE. */
    static ConsumedCapacity consumed(String returnConsumedCapacity, String table, double units, boolean write) {
        if (returnConsumedCapacity == null || "NONE".equals(returnConsumedCapacity)) {
            return null;
        }
        ConsumedCapacity.Builder b = ConsumedCapacity.builder().tableName(table).capacityUnits(units);
        if (write) {
            b.writeCapacityUnits(units);
        } else {
            b.readCapacityUnits(units);
        }
        if ("INDEXES".equals(returnConsumedCapacity)) {
            b.table(new floe.api.model.Capacity(write ? null : units, write ? units : null, units));
        }
        return b.build();
    }
}
