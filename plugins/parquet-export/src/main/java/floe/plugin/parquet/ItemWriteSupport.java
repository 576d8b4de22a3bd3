package floe.plugin.parquet;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.plugin.parquet.ExportSchema.Column;
import floe.spi.extension.support.DynamoJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one item as one row of an {@link ExportSchema}: each attribute that fits its
 * column there, every other one into the unmapped column as DynamoDB JSON.
 */
final class ItemWriteSupport extends WriteSupport<Item> {
    private final ExportSchema schema;
    private final MessageType messageType;
    private RecordConsumer out;

    ItemWriteSupport(ExportSchema schema) {
        this.schema = schema;
        this.messageType = schema.messageType();
    }

    /** Never called: the writer is given a {@link ParquetConfiguration}, so Hadoop's stays unloaded. */
    @Override
    @SuppressWarnings("deprecation") // the abstract method Parquet still declares
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return context();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return context();
    }

    private WriteContext context() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("floe.export.schema", "dynamodb-items/1");
        return new WriteContext(messageType, metadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Item item) {
        out.startMessage();
        Map<String, AttributeValue> unmapped = new LinkedHashMap<>(item.attributes());
        List<Column> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            AttributeValue v = item.get(c.name());
            if (v == null) {
                continue;
            }
            if (c.key() || Shape.fits(c.shape(), v)) {
                out.startField(c.name(), i);
                value(c.shape(), v);
                out.endField(c.name(), i);
                unmapped.remove(c.name());
            }
        }
        if (!unmapped.isEmpty()) {
            int i = columns.size();
            out.startField(ExportSchema.UNMAPPED, i);
            out.addBinary(Binary.fromString(DynamoJson.object(unmapped)));
            out.endField(ExportSchema.UNMAPPED, i);
        }
        out.endMessage();
    }

    private void value(Shape shape, AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            out.addBinary(Binary.fromString(s.value()));
        } else if (v instanceof AttributeValue.B b) {
            out.addBinary(Binary.fromConstantByteArray(b.value().toByteArray()));
        } else if (v instanceof AttributeValue.Bool b) {
            out.addBoolean(b.value());
        } else if (v instanceof AttributeValue.N n) {
            number((Shape.Num) shape, n.value());
        } else if (v instanceof AttributeValue.M m) {
            Shape.Group g = (Shape.Group) shape;
            out.startGroup();
            int i = 0;
            for (Map.Entry<String, Shape> f : g.fields().entrySet()) {
                AttributeValue fv = m.values().get(f.getKey());
                if (fv != null) {
                    out.startField(f.getKey(), i);
                    value(f.getValue(), fv);
                    out.endField(f.getKey(), i);
                }
                i++;
            }
            out.endGroup();
        } else {
            Shape.Sequence s = (Shape.Sequence) shape;
            List<AttributeValue> elements = elements(v);
            out.startGroup();
            if (!elements.isEmpty()) {
                out.startField("list", 0);
                for (AttributeValue e : elements) {
                    out.startGroup();
                    out.startField("element", 0);
                    value(s.element(), e);
                    out.endField("element", 0);
                    out.endGroup();
                }
                out.endField("list", 0);
            }
            out.endGroup();
        }
    }

    private static List<AttributeValue> elements(AttributeValue v) {
        if (v instanceof AttributeValue.L l) {
            return l.values();
        }
        List<AttributeValue> elements = new ArrayList<>();
        if (v instanceof AttributeValue.SS ss) {
            ss.values().forEach(s -> elements.add(new AttributeValue.S(s)));
        } else if (v instanceof AttributeValue.NS ns) {
            ns.values().forEach(d -> elements.add(new AttributeValue.N(d)));
        } else if (v instanceof AttributeValue.BS bs) {
            bs.values().forEach(b -> elements.add(new AttributeValue.B(b)));
        } else {
            throw new IllegalStateException("not a list or set: " + v);
        }
        return elements;
    }

    private void number(Shape.Num shape, BigDecimal d) {
        if (!shape.decimal()) {
            out.addBinary(Binary.fromString(AttributeValue.N.canonical(d)));
            return;
        }
        // exact: the column's scale is at least the number's
        BigInteger unscaled = d.setScale(shape.scale()).unscaledValue();
        if (shape.precision() <= 9) {
            out.addInteger(unscaled.intValueExact());
        } else if (shape.precision() <= 18) {
            out.addLong(unscaled.longValueExact());
        } else {
            out.addBinary(Binary.fromConstantByteArray(fixed(unscaled)));
        }
    }

    /** Big-endian two's complement, sign-extended to the column's fixed length. */
    private static byte[] fixed(BigInteger unscaled) {
        byte[] minimal = unscaled.toByteArray();
        byte[] fixed = new byte[ExportSchema.DECIMAL_BYTES];
        byte fill = (byte) (unscaled.signum() < 0 ? 0xff : 0);
        int pad = fixed.length - minimal.length;
        for (int i = 0; i < pad; i++) {
            fixed[i] = fill;
        }
        System.arraycopy(minimal, 0, fixed, pad, minimal.length);
        return fixed;
    }
}
