package floe.plugin.parquet;

import floe.api.AttributeValue;
import floe.api.model.AttributeDefinition;
import floe.spi.extension.ExportSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The columns of an export: the key attributes first (required), then every other top-level
 * attribute whose values agree on a {@link Shape} across the items (optional, by name), then
 * {@value #UNMAPPED}: the attributes of an item that have no column, as DynamoDB JSON.
 *
 * @param columns the typed columns, in order
 */
record ExportSchema(List<Column> columns) {
    /** The column that keeps what has no column of its own, as DynamoDB JSON. */
    static final String UNMAPPED = "_unmapped";
    /** More attribute names than this get columns only for the most frequent. */
    static final int MAX_COLUMNS = 1000;

    /** One typed column: an attribute, its values' shape, and whether it is a key attribute. */
    record Column(String name, Shape shape, boolean key) {}

    ExportSchema {
        columns = List.copyOf(columns);
    }

    /** Reads {@code source} once and infers its schema. */
    static ExportSchema infer(ExportSource source) {
        List<AttributeDefinition> keys = source.keyAttributes();
        Map<String, Shape> shapes = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        Set<String> conflicting = new HashSet<>();
        Set<String> keyNames = new HashSet<>();
        for (AttributeDefinition k : keys) {
            keyNames.add(k.attributeName());
        }
        source.forEach(item -> {
            for (Map.Entry<String, AttributeValue> e : item.attributes().entrySet()) {
                String name = e.getKey();
                counts.merge(name, 1L, Long::sum);
                if (conflicting.contains(name)) {
                    continue;
                }
                Shape own = Shape.of(e.getValue());
                Shape seen = shapes.get(name);
                Shape merged = seen == null ? own : Shape.merge(seen, own);
                if (merged == null) {
                    conflicting.add(name);
                    shapes.remove(name);
                } else {
                    shapes.put(name, merged);
                }
            }
        });
        List<Column> columns = new ArrayList<>();
        for (AttributeDefinition k : keys) {
            Shape shape =
                    switch (k.attributeType()) {
                        case "S" -> new Shape.Str();
                        case "B" -> new Shape.Bin();
                        case "N" -> shapes.getOrDefault(k.attributeName(), new Shape.Num(1, 0));
                        default ->
                            throw new IllegalArgumentException(
                                    "key attribute " + k.attributeName() + " has type " + k.attributeType());
                    };
            columns.add(new Column(k.attributeName(), shape, true));
        }
        List<String> others = shapes.keySet().stream()
                .filter(n -> !keyNames.contains(n) && !n.equals(UNMAPPED))
                .sorted(Comparator.comparing((String n) -> -counts.get(n)).thenComparing(n -> n))
                .limit(MAX_COLUMNS)
                .sorted()
                .toList();
        for (String name : others) {
            columns.add(new Column(name, shapes.get(name), false));
        }
        return new ExportSchema(columns);
    }

    /** Parquet's schema of these columns and the unmapped one. */
    MessageType messageType() {
        List<Type> fields = new ArrayList<>();
        for (Column c : columns) {
            fields.add(type(c.name(), c.shape(), c.key() ? Repetition.REQUIRED : Repetition.OPTIONAL));
        }
        fields.add(Types.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(UNMAPPED));
        return new MessageType("dynamodb_item", fields);
    }

    static Type type(String name, Shape shape, Repetition repetition) {
        if (shape instanceof Shape.Str) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(name);
        }
        if (shape instanceof Shape.Bin) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
        }
        if (shape instanceof Shape.Bool) {
            return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
        }
        if (shape instanceof Shape.Num n) {
            if (!n.decimal()) {
                return Types.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(name);
            }
            LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(n.scale(), n.precision());
            if (n.precision() <= 9) {
                return Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(decimal)
                        .named(name);
            }
            if (n.precision() <= 18) {
                return Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(decimal)
                        .named(name);
            }
            return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(DECIMAL_BYTES)
                    .as(decimal)
                    .named(name);
        }
        if (shape instanceof Shape.Sequence s) {
            // Parquet's standard three-level list: <name> (LIST) { repeated list { element } }
            Shape element = s.element() == null ? new Shape.Str() : s.element();
            return Types.buildGroup(repetition)
                    .as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup()
                            .addField(type("element", element, Repetition.OPTIONAL))
                            .named("list"))
                    .named(name);
        }
        Shape.Group g = (Shape.Group) shape;
        Types.GroupBuilder<org.apache.parquet.schema.GroupType> group = Types.buildGroup(repetition);
        for (Map.Entry<String, Shape> f : g.fields().entrySet()) {
            group.addField(type(f.getKey(), f.getValue(), Repetition.OPTIONAL));
        }
        return group.named(name);
    }

    /** A decimal of up to 38 digits, as Parquet's fixed-length two's complement. */
    static final int DECIMAL_BYTES = 16;
}
