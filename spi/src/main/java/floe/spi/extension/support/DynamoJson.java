package floe.spi.extension.support;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Stability;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB JSON, as DynamoDB's exports write items and its imports read them: every value
 * an object of one type descriptor ({@code {"S":"a"}}, {@code {"N":"1"}},
 * {@code {"B":"<base64>"}}, {@code {"NULL":true}}, {@code {"L":[...]}} ...). The one
 * writer and reader of it for the engine's export and import and for the export-format
 * plugins, so that they all write the same bytes for the same item.
 *
 * <p>The writer appends compact JSON (no spaces), attributes in their map's order, numbers
 * in canonical form and binary as standard base64. The reader takes the tree a JSON parser
 * gives: objects as {@code Map<String, ?>}, arrays as {@code List<?>}, strings as
 * {@code String}, numbers as {@code BigDecimal}, {@code true}/{@code false} as
 * {@code Boolean}.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class DynamoJson {
    private DynamoJson() {}

    /**
     * {@code attributes} as one DynamoDB JSON object, e.g. an item.
     *
     * @param attributes the attributes, written in their map's order
     * @return the object's text
     */
    public static String object(Map<String, AttributeValue> attributes) {
        StringBuilder out = new StringBuilder();
        writeMap(out, attributes);
        return out.toString();
    }

    /**
     * Appends {@code attributes} as one DynamoDB JSON object.
     *
     * @param out where to append
     * @param attributes the attributes, written in their map's order
     */
    public static void writeMap(StringBuilder out, Map<String, AttributeValue> attributes) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, e.getKey());
            out.append(':');
            write(out, e.getValue());
        }
        out.append('}');
    }

    /**
     * Appends one value with its type descriptor.
     *
     * @param out where to append
     * @param v the value
     */
    public static void write(StringBuilder out, AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            out.append("{\"S\":");
            quote(out, s.value());
        } else if (v instanceof AttributeValue.N n) {
            out.append("{\"N\":\"").append(n.text()).append('"');
        } else if (v instanceof AttributeValue.B b) {
            out.append("{\"B\":\"").append(b.value().toBase64()).append('"');
        } else if (v instanceof AttributeValue.Bool b) {
            out.append("{\"BOOL\":").append(b.value());
        } else if (v instanceof AttributeValue.Null) {
            out.append("{\"NULL\":true");
        } else if (v instanceof AttributeValue.L l) {
            out.append("{\"L\":[");
            for (int i = 0; i < l.values().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, l.values().get(i));
            }
            out.append(']');
        } else if (v instanceof AttributeValue.M m) {
            out.append("{\"M\":");
            writeMap(out, m.values());
        } else if (v instanceof AttributeValue.SS ss) {
            out.append("{\"SS\":[");
            boolean first = true;
            for (String x : ss.values()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(out, x);
            }
            out.append(']');
        } else if (v instanceof AttributeValue.NS ns) {
            out.append("{\"NS\":[");
            boolean first = true;
            for (String x : ns.texts()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append('"').append(x).append('"');
            }
            out.append(']');
        } else {
            out.append("{\"BS\":[");
            boolean first = true;
            for (Bytes b : ((AttributeValue.BS) v).values()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append('"').append(b.toBase64()).append('"');
            }
            out.append(']');
        }
        out.append('}');
    }

    /**
     * Appends {@code s} as a JSON string: quotes, backslashes and control characters
     * escaped, everything else as it is.
     *
     * @param out where to append
     * @param s the text
     */
    public static void quote(StringBuilder out, String s) {
        out.append('"');
        // runs that need no escape are appended whole: most strings are one such run
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append(s, plain, s.length());
        out.append('"');
    }

    /**
     * The attributes of a parsed DynamoDB JSON object.
     *
     * @param json the object, as a JSON parser gives it
     * @return the attributes, in the object's order
     * @throws IllegalArgumentException if it is not an object of DynamoDB JSON values
     */
    public static Map<String, AttributeValue> readMap(Object json) {
        if (!(json instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("not an object of attributes");
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put((String) e.getKey(), read(e.getValue()));
        }
        return out;
    }

    /**
     * One parsed value with its type descriptor.
     *
     * @param json the value, as a JSON parser gives it
     * @return the attribute value
     * @throws IllegalArgumentException if it is not an object of one known type descriptor
     *     with a value of its type (numbers and sets are checked as {@link AttributeValue}
     *     checks them)
     */
    public static AttributeValue read(Object json) {
        if (!(json instanceof Map<?, ?> m) || m.size() != 1) {
            throw new IllegalArgumentException("a value is an object of one type descriptor");
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        Object v = e.getValue();
        return switch ((String) e.getKey()) {
            case "S" -> AttributeValue.s(text(v));
            case "N" -> AttributeValue.n(text(v));
            case "B" -> new AttributeValue.B(Bytes.fromBase64(text(v)));
            case "BOOL" -> AttributeValue.bool(flag(v));
            case "NULL" -> {
                if (!flag(v)) {
                    throw new IllegalArgumentException("NULL must be true");
                }
                yield AttributeValue.nul();
            }
            case "L" -> {
                List<AttributeValue> l = new ArrayList<>();
                for (Object o : list(v)) {
                    l.add(read(o));
                }
                yield new AttributeValue.L(l);
            }
            case "M" -> AttributeValue.m(readMap(v));
            case "SS" -> AttributeValue.SS.of(texts(v));
            case "NS" -> AttributeValue.NS.of(texts(v));
            case "BS" -> {
                List<Bytes> l = new ArrayList<>();
                for (String s : texts(v)) {
                    l.add(Bytes.fromBase64(s));
                }
                yield AttributeValue.BS.of(l);
            }
            default -> throw new IllegalArgumentException("unknown type descriptor " + e.getKey());
        };
    }

    private static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return d.toString(); // a number written unquoted
        }
        throw new IllegalArgumentException("expected a string");
    }

    private static boolean flag(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("expected true or false");
    }

    private static List<?> list(Object v) {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("expected a list");
    }

    private static List<String> texts(Object v) {
        List<String> out = new ArrayList<>();
        for (Object o : list(v)) {
            out.add(text(o));
        }
        return out;
    }
}
