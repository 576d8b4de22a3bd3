package floe.engine.item;

import floe.api.AttributeValue;
import floe.api.error.ItemCollectionSizeLimitExceededException;
import floe.api.model.ItemCollectionMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Item collections of tables with local secondary indexes: the items of one partition
 * key value with their local index entries, which DynamoDB limits to 10 GB and
 * reports as ItemCollectionMetrics when a write asks for SIZE. Their sizes are kept
 * by {@link ItemWriter}, in the write's transaction.
 */
public final class ItemCollections {
    /** The values of ReturnItemCollectionMetrics, for every write that has it. */
    public static final List<String> RETURN_METRICS = List.of("SIZE", "NONE");
    /** DynamoDB's limit on an item collection. */
    static final long MAX_BYTES = 10L * 1024 * 1024 * 1024;

    private static final double GB = 1024.0 * 1024 * 1024;

    private ItemCollections() {}

    /** The refusal of a write that would grow a collection past the limit. */
    static ItemCollectionSizeLimitExceededException exceeded() {
        // guessed: DynamoDB's wording is not documented
        return new ItemCollectionSizeLimitExceededException("Collection size exceeded.");
    }

    /** The metrics of one write's collection, if asked for (SIZE) and the table has local indexes; else null. */
    public static ItemCollectionMetrics of(String returnMetrics, WriteOutcome write) {
        if (!"SIZE".equals(returnMetrics) || !write.table().hasLocalIndexes()) {
            return null;
        }
        return metrics(write, write.collectionBefore() + write.collectionDelta());
    }

    /**
     * The metrics of the collections a batch or transaction wrote, per table: one per
     * collection, after the last write to it; null if not asked for or none applies.
     */
    public static Map<String, List<ItemCollectionMetrics>> perTable(String returnMetrics, List<WriteOutcome> writes) {
        if (!"SIZE".equals(returnMetrics)) {
            return null;
        }
        Map<String, Map<String, ItemCollectionMetrics>> byTable = new LinkedHashMap<>();
        Map<String, Long> grown = new LinkedHashMap<>();
        for (WriteOutcome write : writes) {
            if (write.table().hasLocalIndexes() && write.write().kind() != ItemWrite.Kind.CHECK) {
                String collection = write.table().id()
                        + Arrays.toString(write.write().keys().partition());
                // the writes of one request all saw the size before it: add up what each adds
                long size = grown.merge(
                        collection,
                        write.collectionBefore() + write.collectionDelta(),
                        (sum, ignored) -> sum + write.collectionDelta());
                byTable.computeIfAbsent(write.table().name(), t -> new LinkedHashMap<>())
                        .put(collection, metrics(write, size));
            }
        }
        if (byTable.isEmpty()) {
            return null;
        }
        Map<String, List<ItemCollectionMetrics>> out = new LinkedHashMap<>();
        byTable.forEach((table, collections) -> out.put(table, new ArrayList<>(collections.values())));
        return out;
    }

    /**
     * DynamoDB gives a range in GB, documented only as an estimate; FloeDB, which knows
     * the size, gives the whole gigabytes below it and the next (a small collection:
     * [0.0, 1.0]).
     */
    private static ItemCollectionMetrics metrics(WriteOutcome write, long bytes) {
        double low = Math.floor(Math.max(0, bytes) / GB);
        Map<String, AttributeValue> key =
                Map.of(write.table().partitionKey().name(), write.write().partitionValue());
        return new ItemCollectionMetrics(key, List.of(low, low + 1));
    }
}
