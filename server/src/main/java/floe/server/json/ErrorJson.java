package floe.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import floe.api.error.CancellationReason;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.error.FloeException;
import floe.api.error.ProvisionedThroughputExceededException;
import floe.api.error.SerializationException;
import floe.api.error.ThrottlingException;
import floe.api.error.ThrottlingReason;
import floe.api.error.TransactionCanceledException;
import java.io.IOException;

/** DynamoDB's error body: {@code {"__type": "...#Name", "message": "..."}} plus the error's own fields. */
public final class ErrorJson {
    private ErrorJson() {}

    /**
     * Writes the body of an error response.
     *
     * @param g where it goes
     * @param e the error
     * @throws IOException if it cannot be written
     */
    public static void write(JsonGenerator g, FloeException e) throws IOException {
        g.writeStartObject();
        g.writeStringField("__type", e.errorType());
        if (e.getMessage() != null) {
            // Coral's serialization errors and TransactionCanceledException spell the field "Message".
            boolean capital = e instanceof SerializationException || e instanceof TransactionCanceledException;
            g.writeStringField(capital ? "Message" : "message", e.getMessage());
        }
        if (e instanceof ConditionalCheckFailedException c && c.item().isPresent()) {
            g.writeFieldName("Item");
            Json.writeMap(g, c.item().get().attributes(), AttributeValueJson::write);
        }
        if (e instanceof TransactionCanceledException t) {
            g.writeFieldName("CancellationReasons");
            g.writeStartArray();
            for (CancellationReason r : t.reasons()) {
                g.writeStartObject();
                if (r.item() != null) {
                    g.writeFieldName("Item");
                    Json.writeMap(g, r.item().attributes(), AttributeValueJson::write);
                }
                g.writeStringField("Code", r.code());
                if (r.message() != null) {
                    g.writeStringField("Message", r.message());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (e instanceof ProvisionedThroughputExceededException p) {
            writeReasons(g, "ThrottlingReasons", p.throttlingReasons());
        }
        if (e instanceof ThrottlingException t) {
            // DynamoDB's model names this member in lower camel case on ThrottlingException (only)
            writeReasons(g, "throttlingReasons", t.throttlingReasons());
        }
        g.writeEndObject();
    }

    private static void writeReasons(JsonGenerator g, String field, java.util.List<ThrottlingReason> reasons)
            throws IOException {
        if (reasons.isEmpty()) {
            return;
        }
        g.writeFieldName(field);
        g.writeStartArray();
        for (ThrottlingReason r : reasons) {
            g.writeStartObject();
            g.writeStringField("reason", r.reason());
            g.writeStringField("resource", r.resource());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
