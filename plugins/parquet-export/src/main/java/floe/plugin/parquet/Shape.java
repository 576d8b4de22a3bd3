package floe.plugin.parquet;

import floe.api.AttributeValue;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one Parquet type can hold of an attribute's values across every item: the values of
 * a column agree on a shape. Shapes merge (numbers widen, maps gain fields, an empty list
 * takes any element); values that cannot merge have no shape in common, and the attribute
 * is then kept as DynamoDB JSON instead of a column of its own.
 */
sealed interface Shape {
    /** Deeper than this, a value is kept as DynamoDB JSON: a schema that deep helps no one. */
    int MAX_DEPTH = 16;
    /** Maps with more distinct keys than this are dictionaries, not records: kept as DynamoDB JSON. */
    int MAX_FIELDS = 256;
    /** Parquet's decimals hold 38 digits at most. */
    int MAX_PRECISION = 38;

    /** S: a UTF-8 string. */
    record Str() implements Shape {}

    /** B: binary. */
    record Bin() implements Shape {}

    /** BOOL. */
    record Bool() implements Shape {}

    /**
     * N: as a decimal with {@code integerDigits + scale} digits, {@code scale} of them after
     * the point, when that fits Parquet's 38; as the number's text otherwise.
     */
    record Num(int integerDigits, int scale) implements Shape {
        boolean decimal() {
            return precision() <= MAX_PRECISION;
        }

        int precision() {
            return Math.max(integerDigits + scale, 1);
        }
    }

    /**
     * L, SS, NS or BS ({@code kind}): a list whose elements share {@code element}, or null
     * while every list seen was empty.
     */
    record Sequence(AttributeValue.Type kind, Shape element) implements Shape {}

    /** M: a group of the keys seen, in the order first seen, each with its values' shape. */
    record Group(Map<String, Shape> fields) implements Shape {
        public Group {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** The shape of one value, or null if it has none (NULL, an empty map, too deep, too wide). */
    static Shape of(AttributeValue value) {
        return of(value, 0);
    }

    private static Shape of(AttributeValue value, int depth) {
        if (depth > MAX_DEPTH) {
            return null;
        }
        if (value instanceof AttributeValue.S) {
            return new Str();
        }
        if (value instanceof AttributeValue.B) {
            return new Bin();
        }
        if (value instanceof AttributeValue.Bool) {
            return new Bool();
        }
        if (value instanceof AttributeValue.N n) {
            return number(n.value());
        }
        if (value instanceof AttributeValue.SS) {
            return new Sequence(AttributeValue.Type.SS, new Str());
        }
        if (value instanceof AttributeValue.BS) {
            return new Sequence(AttributeValue.Type.BS, new Bin());
        }
        if (value instanceof AttributeValue.NS ns) {
            Shape element = null;
            for (BigDecimal d : ns.values()) {
                element = element == null ? number(d) : merge(element, number(d));
            }
            return new Sequence(AttributeValue.Type.NS, element);
        }
        if (value instanceof AttributeValue.L l) {
            Shape element = null;
            for (AttributeValue v : l.values()) {
                Shape s = of(v, depth + 1);
                if (s == null) {
                    return null;
                }
                element = element == null ? s : merge(element, s);
                if (element == null) {
                    return null;
                }
            }
            return new Sequence(AttributeValue.Type.L, element);
        }
        if (value instanceof AttributeValue.M m) {
            if (m.values().isEmpty() || m.values().size() > MAX_FIELDS) {
                return null; // Parquet has no empty group
            }
            Map<String, Shape> fields = new LinkedHashMap<>();
            for (Map.Entry<String, AttributeValue> e : m.values().entrySet()) {
                Shape s = of(e.getValue(), depth + 1);
                if (s == null) {
                    return null;
                }
                fields.put(e.getKey(), s);
            }
            return new Group(fields);
        }
        return null; // NULL: no Parquet type says "present and null"
    }

    /** The shape of a number: its digits before the point and after it (a DynamoDB number is normalized). */
    static Num number(BigDecimal d) {
        int scale = Math.max(d.scale(), 0);
        int integerDigits = Math.max(d.precision() - d.scale(), 0);
        return new Num(integerDigits, scale);
    }

    /** The shape both {@code a} and {@code b} fit, or null if there is none. */
    static Shape merge(Shape a, Shape b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Num x && b instanceof Num y) {
            return new Num(Math.max(x.integerDigits(), y.integerDigits()), Math.max(x.scale(), y.scale()));
        }
        if (a instanceof Sequence x && b instanceof Sequence y) {
            if (x.kind() != y.kind()) {
                return null;
            }
            if (x.element() == null || y.element() == null) {
                return x.element() == null ? y : x;
            }
            Shape element = merge(x.element(), y.element());
            return element == null ? null : new Sequence(x.kind(), element);
        }
        if (a instanceof Group x && b instanceof Group y) {
            Map<String, Shape> fields = new LinkedHashMap<>(x.fields());
            for (Map.Entry<String, Shape> e : y.fields().entrySet()) {
                Shape mine = fields.get(e.getKey());
                Shape merged = mine == null ? e.getValue() : merge(mine, e.getValue());
                if (merged == null) {
                    return null;
                }
                fields.put(e.getKey(), merged);
            }
            return fields.size() > MAX_FIELDS ? null : new Group(fields);
        }
        return a.equals(b) ? a : null;
    }

    /** Whether {@code value} can be written in a column of {@code shape}. */
    static boolean fits(Shape shape, AttributeValue value) {
        Shape own = of(value);
        return own != null && shape.equals(merge(shape, own));
    }
}
