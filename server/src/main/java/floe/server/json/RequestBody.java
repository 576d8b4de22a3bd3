package floe.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import floe.api.error.SerializationException;
import floe.api.error.ValidationException;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A request body: exactly one JSON object, nothing after it, checked in DynamoDB's
 * order. DynamoDB deserializes the whole body first (a JSON syntax error, a member of
 * the wrong JSON type, bad base64: SerializationException), then checks the declared
 * constraints of the request's members (required members, lengths, ranges, enums:
 * "N validation errors detected: ..."), and only then the attribute values (a number
 * that is no number, an empty or duplicated set, an empty value). dynalite, written
 * against DynamoDB, runs the same three stages (its validations/index.js: checkTypes,
 * then the constraints, then the attribute values); the public conformance suites of
 * 2026 report constraint errors ahead of a bad value of the same request. So a value
 * error met while reading is kept, reading goes on, and the error is thrown after the
 * operation's constraints have had their say.
 */
final class RequestBody {
    private RequestBody() {}

    static <Q> Q read(JsonParser p, Json.Reader<Q> reader) throws IOException {
        return read(p, reader, q -> {});
    }

    /**
     * Reads a request; if one of its attribute values is invalid, checks {@code
     * constraints} (which throws the request's constraint errors), then throws the
     * value's error.
     */
    static <Q> Q read(JsonParser p, Json.Reader<Q> reader, Consumer<Q> constraints) throws IOException {
        Deferring d = new Deferring(p);
        JsonToken first = d.nextToken();
        if (first != JsonToken.START_OBJECT) {
            // An empty body, or a top-level value that is not an object: Coral answers without a message.
            throw new SerializationException(null);
        }
        Q q = reader.read(d);
        if (d.nextToken() != null) {
            throw new SerializationException(null);
        }
        if (d.deferred != null) {
            constraints.accept(q);
            throw d.deferred;
        }
        return q;
    }

    /**
     * Keeps the first invalid attribute value's error of a request being read, to be
     * thrown after its constraints are checked; a parser that is no request's (a test
     * reading one value) throws it at once.
     */
    static void defer(JsonParser p, ValidationException e) {
        if (!(p instanceof Deferring d)) {
            throw e;
        }
        if (d.deferred == null) {
            d.deferred = new ValidationException(d.context.apply(e.getMessage()));
        }
    }

    /**
     * Reads a value whose errors DynamoDB reports in a context of their own (the
     * starting key, an expression attribute value): {@code context} rewords the
     * message of an error met inside it.
     */
    static <T> T inContext(JsonParser p, UnaryOperator<String> context, Json.Reader<T> reader) throws IOException {
        if (!(p instanceof Deferring d)) {
            try {
                return reader.read(p);
            } catch (ValidationException e) {
                throw new ValidationException(context.apply(e.getMessage()));
            }
        }
        UnaryOperator<String> outer = d.context;
        d.context = m -> outer.apply(context.apply(m));
        try {
            return reader.read(p);
        } finally {
            d.context = outer;
        }
    }

    /** The parser of one request body, with its deferred value error. */
    private static final class Deferring extends JsonParserDelegate {
        ValidationException deferred;
        UnaryOperator<String> context = UnaryOperator.identity();

        Deferring(JsonParser p) {
            super(p);
        }
    }
}
