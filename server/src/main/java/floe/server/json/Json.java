package floe.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import floe.api.error.SerializationException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scalar and collection readers and writers the generated {@link ModelJson}
 * is made of, with DynamoDB's (Coral's) serialization errors for a value of the
 * wrong JSON type.
 */
final class Json {
    private Json() {}

    /** Reads one value whose first token is the parser's current token. */
    @FunctionalInterface
    interface Reader<T> {
        T read(JsonParser p) throws IOException;
    }

    /** Writes one value. */
    @FunctionalInterface
    interface Writer<T> {
        void write(JsonGenerator g, T value) throws IOException;
    }

    /** True at the start of an object, false at JSON null; any other token is a type error. */
    static boolean startObject(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw mismatch(t, "a Structure");
    }

    /** Moves to the next field's value; false at the end of the object. */
    static boolean nextField(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            return false;
        }
        p.nextToken();
        return true;
    }

    static String string(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw mismatch(t, "a String");
    }

    static Integer integer(JsonParser p) throws IOException {
        return number(p, "an Integer") ? coerce(p, "an Integer", true).intValueExact() : null;
    }

    static Long longValue(JsonParser p) throws IOException {
        return number(p, "a Long") ? coerce(p, "a Long", false).longValueExact() : null;
    }

    static Double doubleValue(JsonParser p) throws IOException {
        return number(p, "a Double") ? p.getDoubleValue() : null;
    }

    static Boolean bool(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw mismatch(t, "a Boolean");
    }

    /** Timestamps travel as epoch seconds, possibly with a fraction. */
    static Instant instant(JsonParser p) throws IOException {
        if (!number(p, "a Date")) {
            return null;
        }
        try {
            BigDecimal seconds = p.getDecimalValue();
            if ((long) seconds.precision() - seconds.scale() > 19) {
                throw mismatch(JsonToken.VALUE_NUMBER_INT, "a Date"); // wording: best guess
            }
            if ((long) seconds.precision() - seconds.scale() <= -10) {
                return Instant.EPOCH; // under a nanosecond
            }
            long whole = seconds.longValue();
            return Instant.ofEpochSecond(
                    whole,
                    seconds.subtract(BigDecimal.valueOf(whole))
                            .movePointRight(9)
                            .longValue());
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            throw mismatch(JsonToken.VALUE_NUMBER_INT, "a Date"); // wording: best guess
        }
    }

    /** A list; JSON null is an absent list, and null elements are dropped. */
    static <T> List<T> list(JsonParser p, Reader<T> element) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw mismatch(t, "a List");
        }
        List<T> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            T v = element.read(p);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** A map with string keys, in the order sent; JSON null is an absent map, null values are dropped. */
    static <T> Map<String, T> map(JsonParser p, Reader<T> value) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw mismatch(t, "a Map");
        }
        Map<String, T> out = new LinkedHashMap<>();
        while (nextField(p)) {
            String name = p.currentName();
            T v = value.read(p);
            if (v != null) {
                out.put(name, v);
            }
        }
        return out;
    }

    static void writeString(JsonGenerator g, String v) throws IOException {
        g.writeString(v);
    }

    static void writeLong(JsonGenerator g, Long v) throws IOException {
        g.writeNumber(v);
    }

    static void writeInteger(JsonGenerator g, Integer v) throws IOException {
        g.writeNumber(v);
    }

    static void writeDouble(JsonGenerator g, Double v) throws IOException {
        g.writeNumber(v);
    }

    static void writeBoolean(JsonGenerator g, Boolean v) throws IOException {
        g.writeBoolean(v);
    }

    /** Epoch seconds with millisecond precision, as DynamoDB sends timestamps. */
    static void writeInstant(JsonGenerator g, Instant v) throws IOException {
        g.writeNumber(BigDecimal.valueOf(v.toEpochMilli(), 3));
    }

    static <T> void writeList(JsonGenerator g, List<T> values, Writer<T> element) throws IOException {
        g.writeStartArray();
        for (T v : values) {
            element.write(g, v);
        }
        g.writeEndArray();
    }

    static <T> void writeMap(JsonGenerator g, Map<String, T> values, Writer<T> value) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, T> e : values.entrySet()) {
            g.writeFieldName(e.getKey());
            value.write(g, e.getValue());
        }
        g.writeEndObject();
    }

    /**
     * The serialization error for a token where another type was expected. The
     * wording follows Coral's ("NUMBER_VALUE can not be converted to a String",
     * "Start of list found where not expected"); the messages for a scalar where a
     * structure, map or list was expected are a best guess in the same pattern.
     */
    static SerializationException mismatch(JsonToken t, String expected) {
        return switch (t) {
            case START_OBJECT -> new SerializationException("Start of structure or map found where not expected.");
            case START_ARRAY -> new SerializationException("Start of list found where not expected");
            default -> new SerializationException(tokenName(t) + " can not be converted to " + expected);
        };
    }

    private static String tokenName(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "STRING_VALUE";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER_VALUE";
            case VALUE_TRUE -> "TRUE_VALUE";
            case VALUE_FALSE -> "FALSE_VALUE";
            default -> String.valueOf(t);
        };
    }

    private static boolean number(JsonParser p, String expected) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw mismatch(t, expected);
    }

    /**
     * An integral value; a fraction is truncated as Coral truncates it, an overflow is a type error.
     * The size is judged from the digits before any arithmetic, so that an exponent like
     * {@code 1e2147483647} costs nothing.
     */
    private static BigDecimal coerce(JsonParser p, String expected, boolean intSized) throws IOException {
        try {
            BigDecimal exact = p.getDecimalValue();
            long integerDigits = (long) exact.precision() - exact.scale();
            if (integerDigits <= 0) {
                return BigDecimal.ZERO; // |value| < 1
            }
            if (integerDigits > 19) {
                throw mismatch(JsonToken.VALUE_NUMBER_INT, expected);
            }
            BigDecimal d = exact.setScale(0, java.math.RoundingMode.DOWN);
            int bits = d.toBigInteger().bitLength();
            if (bits > (intSized ? 31 : 63)) {
                throw mismatch(JsonToken.VALUE_NUMBER_INT, expected);
            }
            return d;
        } catch (InputCoercionException | NumberFormatException | ArithmeticException e) {
            throw mismatch(JsonToken.VALUE_NUMBER_INT, expected);
        }
    }
}
