package floe.engine.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Item;
import floe.api.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/** Shorthands for the expression tests. */
final class Ex {
    private Ex() {}

    static AttributeValue s(String v) {
        return AttributeValue.s(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.n(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.n(v);
    }

    static AttributeValue b(String utf8) {
        return AttributeValue.b(utf8.getBytes(StandardCharsets.UTF_8));
    }

    static AttributeValue b(int... bytes) {
        byte[] a = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            a[i] = (byte) bytes[i];
        }
        return AttributeValue.b(a);
    }

    static AttributeValue bool(boolean v) {
        return AttributeValue.bool(v);
    }

    static AttributeValue nul() {
        return AttributeValue.nul();
    }

    static AttributeValue l(AttributeValue... vs) {
        return AttributeValue.l(vs);
    }

    /** A map from alternating names and values. */
    static AttributeValue m(Object... kv) {
        return AttributeValue.m(map(kv));
    }

    static AttributeValue ss(String... vs) {
        return AttributeValue.ss(vs);
    }

    static AttributeValue ns(String... vs) {
        return AttributeValue.ns(vs);
    }

    static AttributeValue bs(String... utf8) {
        Bytes[] bytes = new Bytes[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            bytes[i] = Bytes.of(utf8[i].getBytes(StandardCharsets.UTF_8));
        }
        return AttributeValue.bs(bytes);
    }

    /** An item from alternating names and values. */
    static Item item(Object... kv) {
        return Item.of(map(kv));
    }

    static Map<String, AttributeValue> map(Object... kv) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (AttributeValue) kv[i + 1]);
        }
        return m;
    }

    /** Placeholder maps: keys starting with # are names (String values), with : values. */
    static Placeholders ph(Object... kv) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            String key = (String) kv[i];
            if (key.startsWith("#")) {
                names.put(key, (String) kv[i + 1]);
            } else {
                values.put(key, (AttributeValue) kv[i + 1]);
            }
        }
        return Placeholders.of(names.isEmpty() ? null : names, values.isEmpty() ? null : values);
    }

    static ConditionNode cond(String expression, Object... placeholders) {
        return ExpressionParser.parseCondition(expression, ph(placeholders), ExpressionKind.CONDITION);
    }

    static boolean eval(String expression, Item item, Object... placeholders) {
        return ConditionEvaluator.matches(cond(expression, placeholders), item);
    }

    static UpdateExpression update(String expression, Object... placeholders) {
        return ExpressionParser.parseUpdate(expression, ph(placeholders));
    }

    static Item apply(String expression, Item old, Object... placeholders) {
        return UpdateApplier.apply(update(expression, placeholders), old, null).newItem();
    }

    static List<Path> projection(String expression, Object... placeholders) {
        return ExpressionParser.parseProjection(expression, ph(placeholders));
    }

    /** Asserts a ValidationException with exactly {@code message}. */
    static void fails(String message, Executable e) {
        ValidationException x = assertThrows(ValidationException.class, e);
        assertEquals(message, x.getMessage());
    }

    static void conditionFails(String message, String expression, Object... placeholders) {
        fails("Invalid ConditionExpression: " + message, () -> cond(expression, placeholders));
    }

    static void updateFails(String message, String expression, Object... placeholders) {
        fails("Invalid UpdateExpression: " + message, () -> update(expression, placeholders));
    }

    static String syntax(String token, String near) {
        return "Syntax error; token: \"" + token + "\", near: \"" + near + "\"";
    }
}
