package floe.engine.backup;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.engine.codec.ItemCodec;
import floe.engine.table.TableDefinition;
import java.time.Duration;
import java.time.Instant;

/**
 * The point-in-time recovery history of a table deleted with recovery on, kept (base
 * and changes, compacted forward as a live table's) for the table's recovery period
 * after the deletion, as DynamoDB keeps it: a RestoreTableToPointInTime naming the
 * deleted table by its ARN restores it to any instant of that window.
 *
 * @param table the definition of the table as it was deleted
 * @param tableArn its ARN
 * @param deleted when it was deleted: the latest restorable time
 * @param periodDays its recovery period in days
 */
record DeletedHistory(TableDefinition table, String tableArn, Instant deleted, int periodDays) {
    /** Deleted histories: partition = table id, value = this record. */
    static final String KEYSPACE = "floe.history.deleted";

    /** When the history goes: the recovery period after the deletion. */
    Instant expiry() {
        return deleted.plus(Duration.ofDays(periodDays));
    }

    byte[] encode() {
        return ItemCodec.encode(Item.builder()
                .put("arn", tableArn)
                .put("deleted", deleted.toEpochMilli())
                .put("period", periodDays)
                .put("table", AttributeValue.m(table.toItem().attributes()))
                .build());
    }

    static DeletedHistory decode(byte[] bytes) {
        Item i = ItemCodec.decode(bytes);
        return new DeletedHistory(
                TableDefinition.fromItem(Item.of(((AttributeValue.M) i.get("table")).values())),
                ((AttributeValue.S) i.get("arn")).value(),
                Instant.ofEpochMilli(
                        ((AttributeValue.N) i.get("deleted")).value().longValueExact()),
                ((AttributeValue.N) i.get("period")).value().intValueExact());
    }
}
