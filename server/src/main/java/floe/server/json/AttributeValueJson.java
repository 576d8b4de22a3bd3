package floe.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.error.SerializationException;
import floe.api.error.ValidationException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** DynamoDB's JSON form of an attribute value: an object with exactly one type descriptor. */
final class AttributeValueJson {
    private AttributeValueJson() {}

    /**
     * Reads one attribute value. A value of the wrong JSON type is a SerializationException
     * at once; a value that is well-formed JSON but no valid attribute value (a number
     * that is no number, a duplicated set member) is DynamoDB's ValidationException, kept
     * by {@link RequestBody} until the request's constraints are checked, with a stand-in
     * value in its place so that the rest of the body is still read (and its
     * serialization errors still come first).
     */
    static AttributeValue read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return invalid(p, empty());
        }
        if (t != JsonToken.START_OBJECT) {
            throw Json.mismatch(t, "a Structure");
        }
        AttributeValue value = null;
        int types = 0;
        while (Json.nextField(p)) {
            AttributeValue v =
                    switch (p.currentName()) {
                        case "S" -> stringValue(p);
                        case "N" -> number(p);
                        case "B" -> binary(p);
                        case "BOOL" -> bool(p);
                        case "NULL" -> nul(p);
                        case "L" -> list(p);
                        case "M" -> map(p);
                        case "SS" -> strings(p);
                        case "NS" -> numbers(p);
                        case "BS" -> binaries(p);
                        default -> {
                            p.skipChildren();
                            yield null;
                        }
                    };
            if (v != null) {
                value = v;
                types++;
            }
        }
        if (types > 1) {
            return invalid(
                    p,
                    new ValidationException("Supplied AttributeValue has more than one datatypes set, "
                            + "must contain exactly one of the supported datatypes"));
        }
        if (value == null) {
            return invalid(p, empty());
        }
        return value;
    }

    /** The stand-in for an invalid value, whose error is kept for later. */
    private static AttributeValue invalid(JsonParser p, ValidationException e) {
        RequestBody.defer(p, e);
        return AttributeValue.Null.INSTANCE;
    }

    /** Makes a value the api checks, keeping its error for later if it is invalid. */
    private static AttributeValue checked(JsonParser p, Supplier<AttributeValue> make) {
        try {
            return make.get();
        } catch (ValidationException e) {
            return invalid(p, e);
        }
    }

    /**
     * An ExclusiveStartKey. In the operations of DynamoDB's older value layer (Scan), an
     * invalid value in it is reported in context: "The provided starting key is invalid: "
     * and the value's own message (dynalite's scan validation tests, written against
     * DynamoDB); see {@link RequestBody.ValueErrors}.
     */
    static Map<String, AttributeValue> readStartKey(JsonParser p) throws IOException {
        return RequestBody.inContext(
                p, m -> "The provided starting key is invalid: " + m, q -> Json.map(q, AttributeValueJson::read));
    }

    /**
     * ExpressionAttributeValues. In the operations of DynamoDB's older value layer, an
     * invalid value in it is reported in context: "ExpressionAttributeValues contains
     * invalid value: ", the value's own message, then " for key :v" (dynalite's
     * validation tests, and the 2026 captures for the transactions); see {@link
     * RequestBody.ValueErrors}.
     */
    static Map<String, AttributeValue> readExpressionValues(JsonParser p) throws IOException {
        return Json.map(p, q -> {
            String key = q.currentName();
            return RequestBody.inContext(
                    q,
                    m -> "ExpressionAttributeValues contains invalid value: " + m + " for key " + key,
                    AttributeValueJson::read);
        });
    }

    private static ValidationException empty() {
        return new ValidationException(
                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }

    private static AttributeValue stringValue(JsonParser p) throws IOException {
        String s = Json.string(p);
        return s == null ? null : new AttributeValue.S(s);
    }

    private static AttributeValue number(JsonParser p) throws IOException {
        String s = Json.string(p);
        return s == null ? null : checked(p, () -> AttributeValue.N.of(s));
    }

    private static AttributeValue binary(JsonParser p) throws IOException {
        String s = Json.string(p);
        return s == null ? null : new AttributeValue.B(base64(s));
    }

    private static AttributeValue bool(JsonParser p) throws IOException {
        Boolean b = Json.bool(p);
        return b == null ? null : b ? AttributeValue.Bool.TRUE : AttributeValue.Bool.FALSE;
    }

    private static AttributeValue nul(JsonParser p) throws IOException {
        Boolean b = Json.bool(p);
        if (b == null) {
            return null;
        }
        if (!b) {
            return invalid(
                    p,
                    new ValidationException(
                            "One or more parameter values were invalid: Null attribute value types must have the value of true"));
        }
        return AttributeValue.Null.INSTANCE;
    }

    private static AttributeValue list(JsonParser p) throws IOException {
        List<AttributeValue> values = Json.list(p, AttributeValueJson::read);
        return values == null ? null : new AttributeValue.L(values);
    }

    private static AttributeValue map(JsonParser p) throws IOException {
        Map<String, AttributeValue> values = Json.map(p, AttributeValueJson::read);
        return values == null ? null : new AttributeValue.M(values);
    }

    private static AttributeValue strings(JsonParser p) throws IOException {
        List<String> values = Json.list(p, Json::string);
        return values == null ? null : checked(p, () -> AttributeValue.SS.of(values));
    }

    private static AttributeValue numbers(JsonParser p) throws IOException {
        List<String> values = Json.list(p, Json::string);
        return values == null ? null : checked(p, () -> AttributeValue.NS.of(values));
    }

    private static AttributeValue binaries(JsonParser p) throws IOException {
        List<String> values = Json.list(p, Json::string);
        if (values == null) {
            return null;
        }
        List<Bytes> bytes = values.stream().map(AttributeValueJson::base64).toList();
        return checked(p, () -> AttributeValue.BS.of(bytes));
    }

    /** Coral's message for base64 whose length is not a multiple of 4; other damage is a best guess. */
    private static Bytes base64(String s) {
        // Java's decoder takes unpadded text; Coral's does not
        if (s.length() % 4 != 0) {
            throw new SerializationException(
                    "Base64 encoded length is expected a multiple of 4 bytes but found: " + s.length());
        }
        try {
            return Bytes.fromBase64(s);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("Invalid Base64 character in the value: " + s);
        }
    }

    static void write(JsonGenerator g, AttributeValue v) throws IOException {
        g.writeStartObject();
        if (v instanceof AttributeValue.S s) {
            g.writeStringField("S", s.value());
        } else if (v instanceof AttributeValue.N n) {
            g.writeStringField("N", n.text());
        } else if (v instanceof AttributeValue.B b) {
            g.writeFieldName("B");
            g.writeBinary(b.value().toByteArray());
        } else if (v instanceof AttributeValue.Bool b) {
            g.writeBooleanField("BOOL", b.value());
        } else if (v instanceof AttributeValue.Null) {
            g.writeBooleanField("NULL", true);
        } else if (v instanceof AttributeValue.L l) {
            g.writeFieldName("L");
            Json.writeList(g, l.values(), AttributeValueJson::write);
        } else if (v instanceof AttributeValue.M m) {
            g.writeFieldName("M");
            Json.writeMap(g, m.values(), AttributeValueJson::write);
        } else if (v instanceof AttributeValue.SS ss) {
            g.writeFieldName("SS");
            g.writeStartArray();
            for (String s : ss.values()) {
                g.writeString(s);
            }
            g.writeEndArray();
        } else if (v instanceof AttributeValue.NS ns) {
            g.writeFieldName("NS");
            g.writeStartArray();
            for (BigDecimal d : ns.values()) {
                g.writeString(AttributeValue.N.canonical(d));
            }
            g.writeEndArray();
        } else {
            g.writeFieldName("BS");
            g.writeStartArray();
            for (Bytes b : ((AttributeValue.BS) v).values()) {
                g.writeBinary(b.toByteArray());
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
