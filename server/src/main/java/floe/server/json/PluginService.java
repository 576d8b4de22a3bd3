package floe.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import floe.spi.extension.WireAccess;
import floe.spi.extension.WireService;
import floe.spi.extension.WireServiceException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON-protocol service a plugin serves on the server's port (see
 * {@link floe.spi.extension.WireServiceProvider}): its target prefix, its content type and the
 * opened service, with the translation between JSON text and the plain values the service sees.
 *
 * @param targetPrefix the part of {@code X-Amz-Target} before the dot
 * @param signingName the service name requests are signed for (SigV4's credential scope)
 * @param contentType the answers' content type
 * @param service the opened service
 */
public record PluginService(String targetPrefix, String signingName, String contentType, WireService service) {
    public PluginService {
        Objects.requireNonNull(targetPrefix, "targetPrefix");
        Objects.requireNonNull(signingName, "signingName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(service, "service");
    }

    /**
     * Answers the request in {@code in} into {@code out}.
     *
     * @throws WireServiceException the service's error
     * @throws IOException if the body is not one JSON object (a SerializationException)
     */
    public void call(String operation, JsonParser in, JsonGenerator out) throws IOException, WireServiceException {
        answer(operation, read(in), out);
    }

    /**
     * Reads a request.
     *
     * @throws IOException if the body is not one JSON object (a SerializationException)
     */
    public Map<String, Object> read(JsonParser in) throws IOException {
        JsonToken first = in.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new com.fasterxml.jackson.core.JsonParseException(in, "a request is a JSON object");
        }
        Map<String, Object> request = readObject(in);
        if (in.nextToken() != null) {
            throw new com.fasterxml.jackson.core.JsonParseException(in, "one JSON object only");
        }
        return request;
    }

    /**
     * Answers a request {@link #read} read into {@code out}.
     *
     * @throws WireServiceException the service's error
     */
    public void answer(String operation, Map<String, Object> request, JsonGenerator out)
            throws IOException, WireServiceException {
        write(service.call(operation, request), out);
    }

    /** What the request asks to do, for authorization ({@link WireService#access}). */
    public List<WireAccess> access(String operation, Map<String, Object> request) {
        List<WireAccess> asked = service.access(signingName, operation, request);
        // A service that asks nothing would be let through unchecked: its operation is asked instead.
        return asked == null || asked.isEmpty() ? List.of(new WireAccess(signingName + ":" + operation, "*")) : asked;
    }

    /** Writes a service error as AWS's JSON protocols do. */
    public static void writeError(WireServiceException e, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("__type", e.type());
        out.writeStringField("message", e.getMessage());
        out.writeEndObject();
    }

    private static Map<String, Object> readObject(JsonParser in) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            map.put(name, readValue(in, in.nextToken()));
        }
        return map;
    }

    private static Object readValue(JsonParser in, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> readObject(in);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = in.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(readValue(in, e));
                }
                yield list;
            }
            case VALUE_STRING -> in.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> in.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new com.fasterxml.jackson.core.JsonParseException(in, "unexpected " + t);
        };
    }

    private static void write(Object v, JsonGenerator out) throws IOException {
        if (v == null) {
            out.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            out.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.writeFieldName(String.valueOf(e.getKey()));
                write(e.getValue(), out);
            }
            out.writeEndObject();
        } else if (v instanceof List<?> l) {
            out.writeStartArray();
            for (Object e : l) {
                write(e, out);
            }
            out.writeEndArray();
        } else if (v instanceof String s) {
            out.writeString(s);
        } else if (v instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (v instanceof BigDecimal d) {
            out.writeNumber(d);
        } else if (v instanceof Long || v instanceof Integer) {
            out.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            out.writeNumber(n.doubleValue());
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + v.getClass().getName());
        }
    }
}
