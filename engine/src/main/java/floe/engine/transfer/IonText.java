package floe.engine.transfer;

import floe.api.AttributeValue;
import floe.api.Bytes;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Amazon Ion text, the part of it DynamoDB's exports write and its imports read: structs,
 * lists, strings, decimals, blobs, booleans and nulls, with the annotations
 * {@code $dynamodb_SS}, {@code $dynamodb_NS} and {@code $dynamodb_BS} marking sets.
 * Written without an Ion library, so the engine needs none; the reader also takes
 * comments, quoted symbols and long strings, which other Ion writers produce.
 */
final class IonText {
    /** The version marker every Ion text stream may start with. */
    static final String VERSION_MARKER = "$ion_1_0";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private final Reader in;
    private int peeked = -2;

    IonText(Reader in) {
        this.in = in;
    }

    // ------------------------------------------------------------------ writing

    /** Appends {@code attributes} as an Ion struct. */
    static void writeStruct(StringBuilder out, Map<String, AttributeValue> attributes) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            symbol(out, e.getKey());
            out.append(':');
            write(out, e.getValue());
        }
        out.append('}');
    }

    /** Appends a field name: bare when Ion allows, else quoted. */
    static void symbol(StringBuilder out, String name) {
        if (IDENTIFIER.matcher(name).matches()
                && !name.equals("true")
                && !name.equals("false")
                && !name.equals("null")
                && !name.equals("nan")) {
            out.append(name);
        } else {
            quoted(out, name, '\'');
        }
    }

    static void write(StringBuilder out, AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            quoted(out, s.value(), '"');
        } else if (v instanceof AttributeValue.N n) {
            decimal(out, n.value());
        } else if (v instanceof AttributeValue.B b) {
            out.append("{{").append(b.value().toBase64()).append("}}");
        } else if (v instanceof AttributeValue.Bool b) {
            out.append(b.value());
        } else if (v instanceof AttributeValue.Null) {
            out.append("null");
        } else if (v instanceof AttributeValue.L l) {
            out.append('[');
            for (int i = 0; i < l.values().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, l.values().get(i));
            }
            out.append(']');
        } else if (v instanceof AttributeValue.M m) {
            writeStruct(out, m.values());
        } else if (v instanceof AttributeValue.SS ss) {
            out.append("$dynamodb_SS::[");
            boolean first = true;
            for (String x : ss.values()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quoted(out, x, '"');
            }
            out.append(']');
        } else if (v instanceof AttributeValue.NS ns) {
            out.append("$dynamodb_NS::[");
            boolean first = true;
            for (BigDecimal x : ns.values()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                decimal(out, x);
            }
            out.append(']');
        } else {
            out.append("$dynamodb_BS::[");
            boolean first = true;
            for (Bytes b : ((AttributeValue.BS) v).values()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append("{{").append(b.toBase64()).append("}}");
            }
            out.append(']');
        }
    }

    /** An Ion decimal: {@code 103.} for a whole number, {@code 1.5}, or {@code 15d-40} when long. */
    static void decimal(StringBuilder out, BigDecimal d) {
        if (d.scale() <= 0 && d.precision() - d.scale() <= 40) {
            out.append(d.toBigInteger()).append('.');
        } else if (d.scale() > 0 && d.scale() <= 40) {
            out.append(d.toPlainString());
        } else {
            out.append(d.unscaledValue()).append('d').append(-d.scale());
        }
    }

    private static void quoted(StringBuilder out, String s, char quote) {
        out.append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append(quote);
    }

    // ------------------------------------------------------------------ reading

    /** A value with annotations. */
    record Annotated(List<String> annotations, Object value) {}

    /** A blob. */
    record Blob(Bytes bytes) {}

    /** The next top-level value (the version marker skipped), or null at the end. */
    Object next() throws IOException {
        while (true) {
            int c = skipSpace();
            if (c < 0) {
                return null;
            }
            Object v = value();
            if (v instanceof Symbol s && s.name.equals(VERSION_MARKER)) {
                continue;
            }
            return v;
        }
    }

    /** A bare symbol value. */
    record Symbol(String name) {}

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }

    private int read() throws IOException {
        int c = peek();
        peeked = -2;
        return c;
    }

    private int skipSpace() throws IOException {
        while (true) {
            int c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\uFEFF') {
                read();
            } else if (c == '/') {
                read();
                int d = read();
                if (d == '/') {
                    while ((c = read()) >= 0 && c != '\n') {
                        // comment
                    }
                } else if (d == '*') {
                    int prev = 0;
                    while ((c = read()) >= 0 && !(prev == '*' && c == '/')) {
                        prev = c;
                    }
                } else {
                    throw bad("a comment");
                }
            } else {
                return c;
            }
        }
    }

    private Object value() throws IOException {
        int c = skipSpace();
        if (c == '{') {
            read();
            if (peek() == '{') {
                read();
                StringBuilder b = new StringBuilder();
                int d;
                while ((d = read()) >= 0 && d != '}') {
                    if (!Character.isWhitespace(d)) {
                        b.append((char) d);
                    }
                }
                if (read() != '}') {
                    throw bad("'}}'");
                }
                try {
                    return new Blob(Bytes.fromBase64(b.toString()));
                } catch (IllegalArgumentException e) {
                    throw bad("base64 in a blob");
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            while (true) {
                int d = skipSpace();
                if (d == '}') {
                    read();
                    return m;
                }
                String name;
                if (d == '"') {
                    read();
                    name = string('"');
                } else if (d == '\'') {
                    read();
                    name = string('\'');
                } else {
                    name = identifier();
                }
                if (skipSpace() != ':') {
                    throw bad("':'");
                }
                read();
                m.put(name, value());
                d = skipSpace();
                if (d == ',') {
                    read();
                } else if (d != '}') {
                    throw bad("',' or '}'");
                }
            }
        }
        if (c == '[') {
            read();
            List<Object> l = new ArrayList<>();
            while (true) {
                int d = skipSpace();
                if (d == ']') {
                    read();
                    return l;
                }
                l.add(value());
                d = skipSpace();
                if (d == ',') {
                    read();
                } else if (d != ']') {
                    throw bad("',' or ']'");
                }
            }
        }
        if (c == '"') {
            read();
            return string('"');
        }
        if (c == '\'') {
            read();
            if (peek() == '\'') {
                read();
                if (peek() == '\'') {
                    read();
                    return longString();
                }
                return annotatedOr(""); // the empty symbol ''
            }
            return annotatedOr(string('\''));
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            StringBuilder b = new StringBuilder();
            int d;
            while ((d = peek()) >= 0 && "+-0123456789.eEdD_".indexOf(d) >= 0) {
                read();
                if (d != '_') {
                    b.append(d == 'd' || d == 'D' ? 'E' : (char) d);
                }
            }
            try {
                return new BigDecimal(b.toString());
            } catch (NumberFormatException e) {
                throw bad("a number");
            }
        }
        if (c >= 0 && (Character.isLetter(c) || c == '_' || c == '$')) {
            String name = identifier();
            if (peek() == '.' && name.equals("null")) {
                read();
                identifier(); // a typed null: null.string and the like
                return JsonText.NULL;
            }
            return annotatedOr(name);
        }
        throw bad("a value");
    }

    /** After a symbol: an annotation if {@code ::} follows, else the symbol's value. */
    private Object annotatedOr(String name) throws IOException {
        int c = skipSpace();
        if (c == ':') {
            read();
            if (read() != ':') {
                throw bad("'::'");
            }
            Object v = value();
            List<String> annotations = new ArrayList<>();
            annotations.add(name);
            if (v instanceof Annotated a) {
                annotations.addAll(a.annotations());
                v = a.value();
            }
            return new Annotated(annotations, v);
        }
        return switch (name) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> JsonText.NULL;
            default -> new Symbol(name);
        };
    }

    private String identifier() throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = peek()) >= 0 && (Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
            b.append((char) read());
        }
        if (b.length() == 0) {
            throw bad("a symbol");
        }
        return b.toString();
    }

    private String longString() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            // inside '''...''': ends at three quotes; another long string may follow and joins it
            int c = read();
            if (c < 0) {
                throw bad("the end of a long string");
            }
            if (c == '\'' && peek() == '\'') {
                read();
                if (peek() == '\'') {
                    read();
                    int d = skipSpace();
                    if (d == '\'') {
                        read();
                        if (read() == '\'' && read() == '\'') {
                            continue;
                        }
                        throw bad("a long string");
                    }
                    return b.toString();
                }
                b.append("''");
                continue;
            }
            if (c == '\\') {
                b.append(escape());
            } else {
                b.append((char) c);
            }
        }
    }

    private String string(char quote) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = read();
            if (c < 0) {
                throw bad("the end of a string");
            }
            if (c == quote) {
                return b.toString();
            }
            if (c == '\\') {
                b.append(escape());
            } else {
                b.append((char) c);
            }
        }
    }

    private String escape() throws IOException {
        int e = read();
        return switch (e) {
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case '0' -> "\0";
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'v' -> "\u000B";
            case 'x' -> String.valueOf((char) hex(2));
            case 'u' -> String.valueOf((char) hex(4));
            case 'U' -> new String(Character.toChars(hex(8)));
            case '\n' -> "";
            default -> {
                if (e < 0) {
                    throw bad("an escape");
                }
                yield String.valueOf((char) e);
            }
        };
    }

    private int hex(int digits) throws IOException {
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int h = Character.digit(read(), 16);
            if (h < 0) {
                throw bad("a hex escape");
            }
            v = v * 16 + h;
        }
        return v;
    }

    private IOException bad(String expected) {
        return new JsonText.MalformedException("expected " + expected + " in Ion text");
    }

    // ------------------------------------------------------------------ to attribute values

    /** The attributes of an Ion struct, as DynamoDB maps its types. */
    static Map<String, AttributeValue> readStruct(Object ion) {
        if (!(ion instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("not a struct of attributes");
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put((String) e.getKey(), attribute(e.getValue()));
        }
        return out;
    }

    static AttributeValue attribute(Object v) {
        if (v instanceof String s) {
            return AttributeValue.s(s);
        }
        if (v instanceof BigDecimal d) {
            return AttributeValue.n(d.toString());
        }
        if (v instanceof Blob b) {
            return new AttributeValue.B(b.bytes());
        }
        if (v instanceof Boolean b) {
            return AttributeValue.bool(b);
        }
        if (v == JsonText.NULL) {
            return AttributeValue.nul();
        }
        if (v instanceof List<?> l) {
            List<AttributeValue> out = new ArrayList<>();
            for (Object o : l) {
                out.add(attribute(o));
            }
            return new AttributeValue.L(out);
        }
        if (v instanceof Map<?, ?>) {
            return AttributeValue.m(readStruct(v));
        }
        if (v instanceof Annotated a
                && a.value() instanceof List<?> l
                && !a.annotations().isEmpty()) {
            switch (a.annotations().get(0)) {
                case "$dynamodb_SS" -> {
                    List<String> out = new ArrayList<>();
                    for (Object o : l) {
                        out.add((String) o);
                    }
                    return AttributeValue.SS.of(out);
                }
                case "$dynamodb_NS" -> {
                    List<String> out = new ArrayList<>();
                    for (Object o : l) {
                        out.add(((BigDecimal) o).toString());
                    }
                    return AttributeValue.NS.of(out);
                }
                case "$dynamodb_BS" -> {
                    List<Bytes> out = new ArrayList<>();
                    for (Object o : l) {
                        out.add(((Blob) o).bytes());
                    }
                    return AttributeValue.BS.of(out);
                }
                default ->
                    throw new IllegalArgumentException(
                            "unknown annotation " + a.annotations().get(0));
            }
        }
        throw new IllegalArgumentException("a value DynamoDB does not import: " + v);
    }
}
