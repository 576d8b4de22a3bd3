package floe.plugin.parquet;

import floe.api.AttributeValue;
import floe.api.Bytes;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;

/** Writes attribute values as DynamoDB JSON ({@code {"S":"..."}}, {@code {"N":"1"}}, ...), as exports and the API do. */
final class DynamoJson {
    private DynamoJson() {}

    /** {@code attributes} as one JSON object of DynamoDB JSON values. */
    static String object(Map<String, AttributeValue> attributes) {
        StringBuilder out = new StringBuilder();
        map(attributes, out);
        return out.toString();
    }

    private static void map(Map<String, AttributeValue> attributes, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(e.getKey(), out);
            out.append(':');
            value(e.getValue(), out);
        }
        out.append('}');
    }

    static void value(AttributeValue v, StringBuilder out) {
        out.append("{\"").append(v.type().name()).append("\":");
        if (v instanceof AttributeValue.S s) {
            string(s.value(), out);
        } else if (v instanceof AttributeValue.N n) {
            string(n.text(), out);
        } else if (v instanceof AttributeValue.B b) {
            string(base64(b.value()), out);
        } else if (v instanceof AttributeValue.Bool b) {
            out.append(b.value());
        } else if (v instanceof AttributeValue.Null) {
            out.append("true");
        } else if (v instanceof AttributeValue.M m) {
            map(m.values(), out);
        } else if (v instanceof AttributeValue.L l) {
            out.append('[');
            for (int i = 0; i < l.values().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(l.values().get(i), out);
            }
            out.append(']');
        } else if (v instanceof AttributeValue.SS ss) {
            array(ss.values(), out, s -> s);
        } else if (v instanceof AttributeValue.NS ns) {
            array(ns.values(), out, (BigDecimal d) -> AttributeValue.N.canonical(d));
        } else if (v instanceof AttributeValue.BS bs) {
            array(bs.values(), out, DynamoJson::base64);
        } else {
            throw new IllegalArgumentException("unknown attribute value " + v);
        }
        out.append('}');
    }

    private static <T> void array(Iterable<T> values, StringBuilder out, java.util.function.Function<T, String> text) {
        out.append('[');
        boolean first = true;
        for (T t : values) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(text.apply(t), out);
        }
        out.append(']');
    }

    private static String base64(Bytes b) {
        return Base64.getEncoder().encodeToString(b.toByteArray());
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
