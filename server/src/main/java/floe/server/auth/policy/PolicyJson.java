package floe.server.auth.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy document read into plain values: maps (in document order), lists, strings,
 * and numbers and booleans as their text, which is how IAM compares them. A duplicate
 * name in one object is refused, as IAM refuses it.
 */
final class PolicyJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private PolicyJson() {}

    static Object read(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new MalformedPolicyException("the policy is empty");
            }
            Object value = value(p, t);
            if (p.nextToken() != null) {
                throw new MalformedPolicyException("the policy has text after its document");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException("the policy is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedPolicyException("the policy is not valid JSON: " + e.getMessage());
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    String name = p.currentName();
                    Object v = value(p, p.nextToken());
                    if (m.put(name, v) != null) {
                        throw new MalformedPolicyException("duplicate element '" + name + "'");
                    }
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    l.add(value(p, n));
                }
                return l;
            }
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                return p.getText();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new MalformedPolicyException("unexpected " + t);
        }
    }
}
