package floe.engine.expr;

import floe.api.AttributeValue;
import floe.api.Stability;
import floe.api.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request, shared
 * by all its expressions. Parsing an expression resolves {@code #name} and
 * {@code :value} placeholders here and records them as used; once every expression
 * of the request is parsed, {@link #checkAllUsed()} reports DynamoDB's error for
 * entries no expression used.
 *
 * <p>Not thread-safe: one instance per request.
 */
@Stability(Stability.Level.INTERNAL)
public final class Placeholders {
    /** Longest placeholder key, in UTF-8 bytes, including the {@code #} or {@code :}. */
    public static final int MAX_KEY_BYTES = 255;

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();

    private Placeholders(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names;
        this.values = values;
    }

    /** No names and no values, for requests that give neither. */
    public static Placeholders none() {
        return new Placeholders(Map.of(), Map.of());
    }

    /**
     * Validates the maps as DynamoDB does before parsing any expression and wraps them.
     * Checks, in DynamoDB's order: the names map is not empty; each name key is at most
     * 255 bytes, then of the form {@code #[A-Za-z0-9_]+}, then maps to a non-empty
     * name; the values map is not empty; each value key is at most 255 bytes, then of
     * the form {@code :[A-Za-z0-9_]+}. (The values themselves were validated when the
     * {@link AttributeValue}s were built.) Whether the maps may be given at all (they
     * need an expression) is the caller's rule.
     *
     * @param names ExpressionAttributeNames, or null if absent
     * @param values ExpressionAttributeValues, or null if absent
     * @throws ValidationException with DynamoDB's message
     */
    public static Placeholders of(Map<String, String> names, Map<String, AttributeValue> values) {
        Map<String, String> n = new LinkedHashMap<>();
        if (names != null) {
            if (names.isEmpty()) {
                throw new ValidationException("ExpressionAttributeNames must not be empty");
            }
            for (Map.Entry<String, String> e : names.entrySet()) {
                String key = e.getKey();
                int bytes = key.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > MAX_KEY_BYTES) {
                    // Wording captured from DynamoDB by ExtendDB's suite
                    // (tests/test_expression_attribute_map_validation.py).
                    throw new ValidationException("ExpressionAttributeNames contains invalid key: The expression "
                            + "attribute map contains a key that is too long; size of key: " + bytes);
                }
                if (!isPlaceholder(key, '#')) {
                    throw new ValidationException(
                            "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
                }
                if (e.getValue() == null || e.getValue().isEmpty()) {
                    throw new ValidationException("ExpressionAttributeNames contains invalid value: "
                            + "Empty attribute name for key " + key);
                }
                n.put(key, e.getValue());
            }
        }
        Map<String, AttributeValue> v = new LinkedHashMap<>();
        if (values != null) {
            if (values.isEmpty()) {
                throw new ValidationException("ExpressionAttributeValues must not be empty");
            }
            for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
                String key = e.getKey();
                if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
                    // Captured by ExtendDB: unlike the names variant, no "size of key" suffix.
                    throw new ValidationException("ExpressionAttributeValues contains invalid key: The expression "
                            + "attribute map contains a key that is too long;");
                }
                if (!isPlaceholder(key, ':')) {
                    throw new ValidationException(
                            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
                }
                if (e.getValue() == null) {
                    throw new ValidationException("ExpressionAttributeValues contains invalid value: Supplied "
                            + "AttributeValue is empty, must contain exactly one of the supported datatypes for key "
                            + key);
                }
                v.put(key, e.getValue());
            }
        }
        return new Placeholders(n, v);
    }

    /**
     * Reports placeholders no parsed expression used: names first, then values, each
     * listing the unused keys in the order they were given.
     *
     * @throws ValidationException "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}"
     *     or the same for ExpressionAttributeValues
     */
    public void checkAllUsed() {
        String unusedNames = unused(names.keySet(), usedNames);
        if (unusedNames != null) {
            throw new ValidationException(
                    "Value provided in ExpressionAttributeNames unused in expressions: keys: " + unusedNames);
        }
        String unusedValues = unused(values.keySet(), usedValues);
        if (unusedValues != null) {
            throw new ValidationException(
                    "Value provided in ExpressionAttributeValues unused in expressions: keys: " + unusedValues);
        }
    }

    /** The attribute name for {@code #placeholder}, marking it used, or null if undefined. */
    String name(String placeholder) {
        String name = names.get(placeholder);
        if (name != null) {
            usedNames.add(placeholder);
        }
        return name;
    }

    /** The value for {@code :placeholder}, marking it used, or null if undefined. */
    AttributeValue value(String placeholder) {
        AttributeValue value = values.get(placeholder);
        if (value != null) {
            usedValues.add(placeholder);
        }
        return value;
    }

    private static String unused(Set<String> given, Set<String> used) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        boolean any = false;
        for (String key : given) {
            if (!used.contains(key)) {
                j.add(key);
                any = true;
            }
        }
        return any ? j.toString() : null;
    }

    private static boolean isPlaceholder(String key, char prefix) {
        if (key.length() < 2 || key.charAt(0) != prefix) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            if (!Lexer.isIdentifierPart(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
