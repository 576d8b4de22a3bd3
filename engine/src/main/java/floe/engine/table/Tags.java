package floe.engine.table;

import floe.api.AttributeValue;
import floe.api.error.ValidationException;
import floe.api.model.Tag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A table's tags, kept in its definition's settings (so they go with the table),
 * and DynamoDB's rules for them, with its measured messages: at most 50 per table
 * counted after the change, keys of 1 to 128 and values of 0 to 256 characters of
 * letters, digits, spaces and {@code + - = . _ : / @}, no key starting with
 * {@code aws:} in any case, no key twice in one request; a tag of an existing key
 * replaces its value. Every check runs before anything changes: a request is
 * applied whole or not at all.
 */
public final class Tags {
    /** Tags per table. */
    public static final int MAX_TAGS = 50;
    /** Tags per ListTagsOfResource page: DynamoDB answers 50 tags with no NextToken. */
    static final int PAGE = 50;

    static final String TAGS = "tags";
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private Tags() {}

    /** The tags of {@code def}, in the order first added. */
    public static Map<String, String> of(TableDefinition def) {
        Map<String, String> out = new LinkedHashMap<>();
        if (def.setting(TAGS) instanceof AttributeValue.L l) {
            for (AttributeValue pair : l.values()) {
                List<AttributeValue> kv = ((AttributeValue.L) pair).values();
                out.put(TableDefinition.str(kv.get(0)), TableDefinition.str(kv.get(1)));
            }
        }
        return out;
    }

    /** {@code def} with exactly {@code tags}. */
    static TableDefinition with(TableDefinition def, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return def.withSetting(TAGS, null);
        }
        List<AttributeValue> pairs = new ArrayList<>();
        tags.forEach((k, v) -> pairs.add(AttributeValue.l(AttributeValue.s(k), AttributeValue.s(v))));
        return def.withSetting(TAGS, new AttributeValue.L(pairs));
    }

    /**
     * Checks tags to add, as TagResource and CreateTable do (an empty list is
     * refused by TagResource only).
     */
    public static void checkAdded(List<Tag> tags, boolean emptyAllowed) {
        if (tags.isEmpty() && !emptyAllowed) {
            throw new ValidationException("Atleast one Tag needs to be provided as Input.");
        }
        Set<String> seen = new HashSet<>();
        for (Tag t : tags) {
            checkKey(t.key());
            if (t.value() == null
                    || t.value().length() > 256
                    || !ALLOWED.matcher(t.value()).matches()) {
                throw new ValidationException("The Tag Value provided is invalid, Value: " + t.value());
            }
            if (!seen.add(t.key())) {
                throw new ValidationException(
                        "Duplicate Tag Keys provided as input: Duplicate Tag Key found " + t.key());
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw tooMany();
        }
    }

    /** Checks the keys of tags to remove, as UntagResource does. */
    public static void checkRemoved(List<String> keys) {
        if (keys.isEmpty()) {
            throw new ValidationException("Atleast one Tag Key needs to be provided as Input.");
        }
        for (String k : keys) {
            checkKey(k);
        }
        if (keys.size() > MAX_TAGS) {
            throw tooMany();
        }
    }

    private static void checkKey(String key) {
        if (key == null
                || key.isEmpty()
                || key.length() > 128
                || !ALLOWED.matcher(key).matches()) {
            throw new ValidationException("The Tag Key provided is invalid, Key: " + key);
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw new ValidationException("Tag Key cannot be prefixed with aws:, Key: " + key);
        }
    }

    /** {@code def} with {@code tags} added (replacing values of existing keys); checked first with {@link #checkAdded}. */
    public static TableDefinition add(TableDefinition def, List<Tag> tags) {
        Map<String, String> next = new LinkedHashMap<>(of(def));
        for (Tag t : tags) {
            next.put(t.key(), t.value());
        }
        if (next.size() > MAX_TAGS) {
            throw tooMany();
        }
        return with(def, next);
    }

    /** {@code def} without the tags of {@code keys} (keys it lacks are ignored). */
    public static TableDefinition remove(TableDefinition def, List<String> keys) {
        Map<String, String> next = new LinkedHashMap<>(of(def));
        for (String k : keys) {
            next.remove(k);
        }
        return with(def, next);
    }

    /**
     * One page of the tags of {@code def}, starting after {@code nextToken} (a token
     * from an earlier page), and the token of the next page or null.
     */
    public static Page page(TableDefinition def, String nextToken) {
        List<Map.Entry<String, String>> all = new ArrayList<>(of(def).entrySet());
        int start = 0;
        if (nextToken != null) {
            String after = decode(nextToken);
            start = all.size();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).getKey().equals(after)) {
                    start = i + 1;
                    break;
                }
            }
        }
        List<Tag> tags = new ArrayList<>();
        for (int i = start; i < all.size() && tags.size() < PAGE; i++) {
            tags.add(new Tag(all.get(i).getKey(), all.get(i).getValue()));
        }
        boolean more = start + tags.size() < all.size();
        return new Page(tags, more ? encode(tags.get(tags.size() - 1).key()) : null);
    }

    /**
     * A page of tags.
     *
     * @param tags the tags
     * @param nextToken where the next page starts, or null
     */
    public record Page(List<Tag> tags, String nextToken) {}

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // message not known: best guess
            throw new ValidationException("Invalid NextToken: " + token);
        }
    }

    private static ValidationException tooMany() {
        return new ValidationException("Number of Tags exceed the current limit for the provided ResourceArn");
    }
}
