package floe.engine.transfer;

import floe.api.AttributeValue;
import floe.api.Bytes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB JSON, as exports write it and imports read it: every value an object of one
 * type descriptor ({@code {"S":"a"}}, {@code {"N":"1"}}, {@code {"B":"<base64>"}} ...).
 */
final class DynamoJson {
    private DynamoJson() {}

    /** Appends {@code attributes} as a DynamoDB JSON object. */
    static void writeMap(StringBuilder out, Map<String, AttributeValue> attributes) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.quote(out, e.getKey());
            out.append(':');
            write(out, e.getValue());
        }
        out.append('}');
    }

    /** Appends one value with its type descriptor. */
    static void write(StringBuilder out, AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            out.append("{\"S\":");
            JsonText.quote(out, s.value());
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
                JsonText.quote(out, x);
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
     * The attributes of a DynamoDB JSON object read by {@link JsonText}.
     *
     * @throws IllegalArgumentException if it is not one
     */
    static Map<String, AttributeValue> readMap(Object json) {
        if (!(json instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("not an object of attributes");
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put((String) e.getKey(), read(e.getValue()));
        }
        return out;
    }

    /** One value with its type descriptor. */
    static AttributeValue read(Object json) {
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
