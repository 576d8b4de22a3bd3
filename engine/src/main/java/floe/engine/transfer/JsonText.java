package floe.engine.transfer;

import floe.spi.extension.support.DynamoJson;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the transfers need, without a library in the engine: a reader of a
 * stream of JSON values (one per line, or concatenated with no separator at all, as
 * DynamoDB's import accepts), and string quoting for the writers. Objects read as
 * {@link LinkedHashMap}s, arrays as lists, numbers as {@link BigDecimal}s, and JSON's
 * null as {@link #NULL}.
 */
final class JsonText {
    /** JSON's null. */
    static final Object NULL = new Object();

    private final Reader in;
    private int peeked = -2;
    private long line = 1;

    JsonText(Reader in) {
        this.in = in;
    }

    /** The line the reader is on, counting from 1. */
    long line() {
        return line;
    }

    /** The next value of the stream, or null at its end. */
    Object next() throws IOException {
        int c = skipSpace();
        if (c < 0) {
            return null;
        }
        return value();
    }

    /** Skips the rest of the current line (after a bad value). */
    void skipLine() throws IOException {
        int c;
        while ((c = read()) >= 0 && c != '\n') {
            // skipping
        }
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }

    private int read() throws IOException {
        int c = peek();
        peeked = -2;
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private int skipSpace() throws IOException {
        int c;
        while ((c = peek()) == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\uFEFF') {
            read();
        }
        return c;
    }

    private Object value() throws IOException {
        int c = skipSpace();
        switch (c) {
            case '{' -> {
                read();
                Map<String, Object> m = new LinkedHashMap<>();
                if (skipSpace() == '}') {
                    read();
                    return m;
                }
                while (true) {
                    if (skipSpace() != '"') {
                        throw bad("a field name");
                    }
                    read();
                    String name = string();
                    if (skipSpace() != ':') {
                        throw bad("':'");
                    }
                    read();
                    m.put(name, value());
                    int d = skipSpace();
                    read();
                    if (d == '}') {
                        return m;
                    }
                    if (d != ',') {
                        throw bad("',' or '}'");
                    }
                }
            }
            case '[' -> {
                read();
                List<Object> l = new ArrayList<>();
                if (skipSpace() == ']') {
                    read();
                    return l;
                }
                while (true) {
                    l.add(value());
                    int d = skipSpace();
                    read();
                    if (d == ']') {
                        return l;
                    }
                    if (d != ',') {
                        throw bad("',' or ']'");
                    }
                }
            }
            case '"' -> {
                read();
                return string();
            }
            case 't' -> {
                word("true");
                return Boolean.TRUE;
            }
            case 'f' -> {
                word("false");
                return Boolean.FALSE;
            }
            case 'n' -> {
                word("null");
                return NULL;
            }
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    StringBuilder b = new StringBuilder();
                    int d;
                    while ((d = peek()) >= 0 && "+-0123456789.eE".indexOf(d) >= 0) {
                        b.append((char) read());
                    }
                    try {
                        return new BigDecimal(b.toString());
                    } catch (NumberFormatException e) {
                        throw bad("a number");
                    }
                }
                throw bad("a value");
            }
        }
    }

    private void word(String w) throws IOException {
        for (int i = 0; i < w.length(); i++) {
            if (read() != w.charAt(i)) {
                throw bad("'" + w + "'");
            }
        }
    }

    private String string() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = read();
            if (c < 0) {
                throw bad("the end of a string");
            }
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                int e = read();
                switch (e) {
                    case '"', '\\', '/' -> b.append((char) e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        int v = 0;
                        for (int i = 0; i < 4; i++) {
                            int h = Character.digit(read(), 16);
                            if (h < 0) {
                                throw bad("a \\u escape");
                            }
                            v = v * 16 + h;
                        }
                        b.append((char) v);
                    }
                    default -> throw bad("an escape");
                }
            } else {
                b.append((char) c);
            }
        }
    }

    private IOException bad(String expected) {
        return new MalformedException("expected " + expected + " on line " + line);
    }

    /** Input that is not the JSON (or Ion, or CSV) it should be. */
    static final class MalformedException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /** Appends {@code s} as a JSON string, as {@link DynamoJson#quote} does for every writer of it. */
    static void quote(StringBuilder out, String s) {
        DynamoJson.quote(out, s);
    }
}
