package floe.engine.partiql;

import floe.api.AttributeValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a statement's parts as DynamoDB expression text in which every attribute name
 * is a {@code #n} placeholder and every value a {@code :v} placeholder, so that no name
 * of a statement can clash with the expressions' reserved words or syntax.
 */
final class Placeholders {
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, String> byName = new HashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();

    String name(String attribute) {
        return byName.computeIfAbsent(attribute, a -> {
            String placeholder = "#n" + names.size();
            names.put(placeholder, a);
            return placeholder;
        });
    }

    String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    String path(Expr.Path path) {
        StringBuilder b = new StringBuilder();
        List<Object> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            Object s = segments.get(i);
            if (s instanceof Integer index) {
                b.append('[').append(index).append(']');
            } else {
                if (i > 0) {
                    b.append('.');
                }
                b.append(name((String) s));
            }
        }
        return b.toString();
    }

    /** The names, or null when there are none (DynamoDB refuses an empty map). */
    Map<String, String> names() {
        return names.isEmpty() ? null : names;
    }

    /** The values, or null when there are none. */
    Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : values;
    }
}
