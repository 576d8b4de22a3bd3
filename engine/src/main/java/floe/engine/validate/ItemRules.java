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
    /**
     * DynamoDB's answer to nesting past the limit, as captured against DynamoDB in 2026
     * (nubo-db/dynoxide issue 110; the paritysuite dynamodb-conformance suite's
     * nesting-depth tests): the older text, "Nesting Levels have exceeded supported
     * limits", now goes on with the reason.
     */
    public static final String NESTING_EXCEEDED = "Nesting Levels have exceeded supported limits: "
            + "Attributes in the item have nested levels beyond supported limit";

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

    /**
     * Checks ExpressionAttributeValues as {@link #checkAttributes} does, reporting a
     * value's error in context: "ExpressionAttributeValues contains invalid value: ",
     * the error, " for key :v" (DynamoDB's answer for a value nested too deep, in most
     * Regions: the same conformance suite; a few Regions give the bare message).
     */
    public static void checkExpressionValues(Map<String, AttributeValue> values) {
        for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
            checkName(e.getKey());
            try {
                checkDepth(e.getValue(), 1);
            } catch (ValidationException invalid) {
                throw new ValidationException("ExpressionAttributeValues contains invalid value: "
                        + invalid.getMessage() + " for key " + e.getKey());
            }
        }
    }

    /** Checks one value's nesting, counting it as level {@code level}. */
    public static void checkDepth(AttributeValue v, int level) {
        if (level > MAX_DEPTH) {
            throw new ValidationException(NESTING_EXCEEDED);
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
