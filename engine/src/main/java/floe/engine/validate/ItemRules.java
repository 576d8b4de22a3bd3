package floe.engine.validate;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ValidationException;
import java.util.Map;

/**
 * DynamoDB's rules for attribute values wherever they appear (items, keys,
 * expression values): attribute names 1 to 65,535 bytes, at most 32 levels of
 * nesting, items at most 400 KB. Type-level rules (numbers, sets) are enforced by
 * the api's value records themselves.
 */
public final class ItemRules {
    /** Deepest nesting, counting the top-level attribute as level 1. */
    public static final int MAX_DEPTH = 32;
    /** Longest attribute name in bytes. */
    public static final int MAX_NAME_BYTES = 65_535;

    private ItemRules() {}

    /** Checks an item to be stored: names, nesting and the 400 KB limit. */
    public static void checkItem(Item item) {
        checkAttributes(item.attributes());
        if (item.size() > Item.MAX_SIZE) {
            throw new ValidationException("Item size has exceeded the maximum allowed size");
        }
    }

    /** Checks names and nesting of a map of attributes (an item, a key or placeholder values). */
    public static void checkAttributes(Map<String, AttributeValue> attributes) {
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            checkName(e.getKey());
            checkDepth(e.getValue(), 1);
        }
    }

    /** Checks one value's nesting, counting it as level {@code level}. */
    public static void checkDepth(AttributeValue v, int level) {
        if (level > MAX_DEPTH) {
            throw new ValidationException("Nesting Levels have exceeded supported limits");
        }
        if (v instanceof AttributeValue.L l) {
            for (AttributeValue e : l.values()) {
                checkDepth(e, level + 1);
            }
        } else if (v instanceof AttributeValue.M m) {
            for (Map.Entry<String, AttributeValue> e : m.values().entrySet()) {
                checkName(e.getKey());
                checkDepth(e.getValue(), level + 1);
            }
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw new ValidationException(
                    "One or more parameter values were invalid: An AttributeValue may not contain an empty attribute name");
        }
        if (name.length() > MAX_NAME_BYTES / 3 && new AttributeValue.S(name).size() > MAX_NAME_BYTES) {
            throw new ValidationException("One or more parameter values were invalid: Attribute name is too long");
        }
    }
}
