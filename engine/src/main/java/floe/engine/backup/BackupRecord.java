package floe.engine.backup;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.engine.codec.ItemCodec;
import floe.engine.table.TableDefinition;
import java.time.Instant;

/**
 * One backup as the engine keeps it: what DynamoDB shows of it, the definition of the
 * table it was made of (as it was), and the keyspace holding its items, entry for
 * entry as the table held them.
 *
 * @param id the backup's id: 14 digits of creation millis, a dash, 8 hex digits
 * @param arn the backup's ARN
 * @param name the backup's name
 * @param status CREATING (being copied) or AVAILABLE
 * @param type USER or SYSTEM
 * @param created the instant its image is of
 * @param expiry when a SYSTEM backup goes, else null
 * @param sizeBytes the DynamoDB size of its items
 * @param itemCount its number of items
 * @param keyspace the keyspace of its items
 * @param tableArn the ARN of the table it was made of
 * @param table the definition of the table it was made of
 */
record BackupRecord(
        String id,
        String arn,
        String name,
        String status,
        String type,
        Instant created,
        Instant expiry,
        long sizeBytes,
        long itemCount,
        String keyspace,
        String tableArn,
        TableDefinition table) {
    static final String CREATING = "CREATING";
    static final String AVAILABLE = "AVAILABLE";
    static final String DELETED = "DELETED";
    static final String USER = "USER";
    static final String SYSTEM = "SYSTEM";

    BackupRecord withStatus(String s) {
        return new BackupRecord(
                id, arn, name, s, type, created, expiry, sizeBytes, itemCount, keyspace, tableArn, table);
    }

    byte[] encode() {
        Item.Builder b = Item.builder()
                .put("id", id)
                .put("arn", arn)
                .put("name", name)
                .put("status", status)
                .put("type", type)
                .put("created", created.toEpochMilli())
                .put("size", sizeBytes)
                .put("items", itemCount)
                .put("keyspace", keyspace)
                .put("tableArn", tableArn)
                .put("table", AttributeValue.m(table.toItem().attributes()));
        if (expiry != null) {
            b.put("expiry", expiry.toEpochMilli());
        }
        return ItemCodec.encode(b.build());
    }

    static BackupRecord decode(byte[] bytes) {
        Item i = ItemCodec.decode(bytes);
        return new BackupRecord(
                str(i, "id"),
                str(i, "arn"),
                str(i, "name"),
                str(i, "status"),
                str(i, "type"),
                Instant.ofEpochMilli(num(i, "created")),
                i.get("expiry") == null ? null : Instant.ofEpochMilli(num(i, "expiry")),
                num(i, "size"),
                num(i, "items"),
                str(i, "keyspace"),
                str(i, "tableArn"),
                TableDefinition.fromItem(Item.of(((AttributeValue.M) i.get("table")).values())));
    }

    private static String str(Item i, String name) {
        return ((AttributeValue.S) i.get(name)).value();
    }

    private static long num(Item i, String name) {
        return ((AttributeValue.N) i.get(name)).value().longValueExact();
    }
}
