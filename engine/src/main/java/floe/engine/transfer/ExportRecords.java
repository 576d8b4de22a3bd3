package floe.engine.transfer;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.model.ExportDescription;
import floe.api.model.IncrementalExportSpecification;
import floe.engine.codec.ItemCodec;
import java.time.Instant;

/** An export as the engine keeps it: its description, in the engine's item encoding. */
final class ExportRecords {
    private ExportRecords() {}

    static byte[] encode(ExportDescription d) {
        Item.Builder b = Item.builder();
        str(b, "arn", d.exportArn());
        str(b, "status", d.exportStatus());
        time(b, "start", d.startTime());
        time(b, "end", d.endTime());
        str(b, "manifest", d.exportManifest());
        str(b, "tableArn", d.tableArn());
        str(b, "tableId", d.tableId());
        time(b, "time", d.exportTime());
        str(b, "token", d.clientToken());
        str(b, "bucket", d.s3Bucket());
        str(b, "owner", d.s3BucketOwner());
        str(b, "prefix", d.s3Prefix());
        str(b, "sse", d.s3SseAlgorithm());
        str(b, "kms", d.s3SseKmsKeyId());
        str(b, "failureCode", d.failureCode());
        str(b, "failureMessage", d.failureMessage());
        str(b, "format", d.exportFormat());
        num(b, "billed", d.billedSizeBytes());
        num(b, "items", d.itemCount());
        str(b, "type", d.exportType());
        IncrementalExportSpecification inc = d.incrementalExportSpecification();
        if (inc != null) {
            time(b, "from", inc.exportFromTime());
            time(b, "to", inc.exportToTime());
            str(b, "view", inc.exportViewType());
        }
        return ItemCodec.encode(b.build());
    }

    static ExportDescription decode(byte[] bytes) {
        Item i = ItemCodec.decode(bytes);
        IncrementalExportSpecification inc = i.has("view")
                ? new IncrementalExportSpecification(time(i, "from"), time(i, "to"), str(i, "view"))
                : null;
        return new ExportDescription(
                str(i, "arn"),
                str(i, "status"),
                time(i, "start"),
                time(i, "end"),
                str(i, "manifest"),
                str(i, "tableArn"),
                str(i, "tableId"),
                time(i, "time"),
                str(i, "token"),
                str(i, "bucket"),
                str(i, "owner"),
                str(i, "prefix"),
                str(i, "sse"),
                str(i, "kms"),
                str(i, "failureCode"),
                str(i, "failureMessage"),
                str(i, "format"),
                num(i, "billed"),
                num(i, "items"),
                str(i, "type"),
                inc);
    }

    static void str(Item.Builder b, String name, String v) {
        if (v != null) {
            b.put(name, v);
        }
    }

    static void num(Item.Builder b, String name, Long v) {
        if (v != null) {
            b.put(name, v);
        }
    }

    static void time(Item.Builder b, String name, Instant v) {
        if (v != null) {
            b.put(name, AttributeValue.n(v.getEpochSecond() * 1000 + v.getNano() / 1_000_000));
        }
    }

    static String str(Item i, String name) {
        return i.get(name) instanceof AttributeValue.S s ? s.value() : null;
    }

    static Long num(Item i, String name) {
        return i.get(name) instanceof AttributeValue.N n ? n.value().longValueExact() : null;
    }

    static Instant time(Item i, String name) {
        Long ms = num(i, name);
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }
}
