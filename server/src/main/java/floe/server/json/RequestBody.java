package floe.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import floe.api.error.SerializationException;
import java.io.IOException;

/** A request body: exactly one JSON object, nothing after it. */
final class RequestBody {
    private RequestBody() {}

    static <Q> Q read(JsonParser p, Json.Reader<Q> reader) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            // An empty body, or a top-level value that is not an object: Coral answers without a message.
            throw new SerializationException(null);
        }
        Q q = reader.read(p);
        if (p.nextToken() != null) {
            throw new SerializationException(null);
        }
        return q;
    }
}
