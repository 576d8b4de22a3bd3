package floe.engine.stream;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.model.KeySchemaElement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stream keeps of itself, apart from its table so that it outlives a disable
 * or the table's deletion by the 24 hours DynamoDB keeps it readable. Stored as an
 * item through the one item codec.
 *
 * @param id the stream
 * @param tableId the id of the table it was enabled on
 * @param viewType KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES
 * @param created when it was enabled, epoch milliseconds
 * @param disabled when it was disabled (or its table deleted), epoch milliseconds, or {@link #NEVER}
 * @param hashKey the table's partition key attribute
 * @param rangeKey the table's sort key attribute, or null
 */
record StreamMeta(
        StreamId id, String tableId, String viewType, long created, long disabled, String hashKey, String rangeKey) {
    /** {@link #disabled} of an enabled stream. */
    static final long NEVER = -1;

    /** Whether the stream takes records. */
    boolean enabled() {
        return disabled == NEVER;
    }

    /** Whether the stream can still be read at {@code now}: enabled, or disabled less than {@code retention} ago. */
    boolean readableAt(long now, long retention) {
        return enabled() || disabled >= now - retention;
    }

    /** The same stream, disabled at {@code at}. */
    StreamMeta disabledAt(long at) {
        return new StreamMeta(id, tableId, viewType, created, at, hashKey, rangeKey);
    }

    /** The table's key schema, as DescribeStream shows it. */
    List<KeySchemaElement> keySchema() {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(new KeySchemaElement(hashKey, "HASH"));
        if (rangeKey != null) {
            keys.add(new KeySchemaElement(rangeKey, "RANGE"));
        }
        return keys;
    }

    Item toItem() {
        Item.Builder b = Item.builder()
                .put("key", id.key())
                .put("tableId", tableId)
                .put("viewType", viewType)
                .put("created", created)
                .put("disabled", disabled)
                .put("hashKey", hashKey);
        if (rangeKey != null) {
            b.put("rangeKey", rangeKey);
        }
        return b.build();
    }

    static StreamMeta fromItem(Item item) {
        return new StreamMeta(
                StreamId.ofKey(str(item.get("key"))),
                str(item.get("tableId")),
                str(item.get("viewType")),
                num(item.get("created")),
                num(item.get("disabled")),
                str(item.get("hashKey")),
                item.has("rangeKey") ? str(item.get("rangeKey")) : null);
    }

    private static String str(AttributeValue v) {
        return ((AttributeValue.S) v).value();
    }

    private static long num(AttributeValue v) {
        BigDecimal d = ((AttributeValue.N) v).value();
        return d.longValueExact();
    }
}
