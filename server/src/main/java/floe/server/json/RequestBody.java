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
 * then the constraints, then the attribute values); the public conformance captures of
 * 2026 show enum constraint errors reported ahead of a value nested too deep in the
 * same request. So a value
 * error met while reading is kept, reading goes on, and the error is thrown after the
 * operation's constraints have had their say.
 */
final class RequestBody {
    private RequestBody() {}

    /**
     * How an operation words an invalid attribute value, in one of DynamoDB's two
     * value-checking layers (the public conformance captures of 2026-10, four Regions:
     * paritysuite dynamodb-conformance, "valueLayers"; a 2026 user report quotes the
     * enveloped form for UpdateItem's ExpressionAttributeValues, ministack issue 1038).
     */
    enum ValueErrors {
        /**
         * PutItem, UpdateItem, DeleteItem: "1 validation error detected: " and the message, wherever the value
         * is. Captured for bad numbers, duplicated and empty set members; the same for an empty value, one with
         * two types or a false NULL is an extrapolation. wording: best guess for those
         */
        ENVELOPED,
        /** GetItem, BatchGetItem, Query: the message alone, wherever the value is. */
        BARE,
        /**
         * The older layer (BatchWriteItem, the transactions, Scan; and requests with no values): the message
         * alone, but in its context for an expression value or a starting key.
         */
        IN_CONTEXT
    }

    static <Q> Q read(JsonParser p, Json.Reader<Q> reader) throws IOException {
        return read(p, reader, q -> {}, ValueErrors.IN_CONTEXT);
    }

    /**
     * Reads a request; if one of its attribute values is invalid, checks {@code
     * constraints} (which throws the request's constraint errors), then throws the
     * value's error, worded as {@code wording} says.
     */
    static <Q> Q read(JsonParser p, Json.Reader<Q> reader, Consumer<Q> constraints, ValueErrors wording)
            throws IOException {
        Deferring d = new Deferring(p, wording);
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
            throw wording == ValueErrors.ENVELOPED
                    ? new ValidationException("1 validation error detected: " + d.deferred.getMessage())
                    : d.deferred;
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
        if (d.wording != ValueErrors.IN_CONTEXT) {
            return reader.read(p);
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
        final ValueErrors wording;
        ValidationException deferred;
        UnaryOperator<String> context = UnaryOperator.identity();

        Deferring(JsonParser p, ValueErrors wording) {
            super(p);
            this.wording = wording;
        }
    }
}
