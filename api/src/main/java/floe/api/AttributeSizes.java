package floe.api;

import floe.api.error.ValidationException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Size arithmetic and copying shared by the attribute value records. */
final class AttributeSizes {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private AttributeSizes() {}

    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair of 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /**
     * DynamoDB's number size, as measured against the service: one byte, plus one
     * per two significant digits on each side of the point, plus one if negative.
     */
    static long numberSize(BigDecimal normalized) {
        if (normalized.signum() == 0) {
            return 1;
        }
        int digits = normalized.precision();
        int scale = normalized.scale();
        int intDigits;
        int fracDigits;
        if (scale <= 0) {
            // integer with trailing zeros already stripped into the exponent
            intDigits = digits;
            fracDigits = 0;
        } else if (scale >= digits) {
            intDigits = 0;
            fracDigits = digits; // leading zeros of the fraction are not significant
        } else {
            intDigits = digits - scale;
            fracDigits = scale;
        }
        return 1 + (intDigits + 1) / 2 + (fracDigits + 1) / 2 + (normalized.signum() < 0 ? 1 : 0);
    }

    static Map<String, AttributeValue> copyOrdered(Map<String, AttributeValue> values) {
        LinkedHashMap<String, AttributeValue> copy = new LinkedHashMap<>(Math.max(4, values.size() * 4 / 3 + 1));
        for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "name"), Objects.requireNonNull(e.getValue(), "value"));
        }
        return Collections.unmodifiableMap(copy);
    }

    static <T> Set<T> copySet(Collection<T> values, Function<T, T> normalize, String emptyMessage) {
        if (values.isEmpty()) {
            throw new ValidationException(INVALID + emptyMessage);
        }
        LinkedHashSet<T> copy = new LinkedHashSet<>(Math.max(4, values.size() * 4 / 3 + 1));
        for (T v : values) {
            copy.add(normalize.apply(Objects.requireNonNull(v, "member")));
        }
        return Collections.unmodifiableSet(copy);
    }

    /**
     * The members, normalized, refusing a repeat with DynamoDB's message, which lists
     * {@code shown} (null: lists nothing).
     */
    static <T, R> Set<R> noDuplicates(
            Collection<T> members, Function<T, R> normalize, Collection<?> shown, String typeNote) {
        LinkedHashSet<R> set = new LinkedHashSet<>(Math.max(4, members.size() * 4 / 3 + 1));
        for (T m : members) {
            if (!set.add(normalize.apply(Objects.requireNonNull(m, "member")))) {
                if (shown == null) {
                    // a number set's members are not named (the public conformance captures of 2026)
                    throw new ValidationException(INVALID + "Input collection contains duplicates.");
                }
                String list = shown.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
                throw new ValidationException(INVALID + "Input collection " + list
                        + (typeNote.isEmpty() ? " " : typeNote) + "contains duplicates.");
            }
        }
        return set; // emptiness is reported by the record's constructor, with its own message
    }
}
