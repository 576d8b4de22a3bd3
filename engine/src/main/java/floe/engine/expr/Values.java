package floe.engine.expr;

import floe.api.AttributeValue;
import floe.api.Bytes;
import java.math.BigDecimal;

/** DynamoDB's value semantics used by the evaluators: ordering, size, containment. */
final class Values {
    private Values() {}

    /** Whether the type orders ({@code < <= > >= BETWEEN}): S, N and B. */
    static boolean isOrderable(AttributeValue.Type t) {
        return t == AttributeValue.Type.S || t == AttributeValue.Type.N || t == AttributeValue.Type.B;
    }

    /**
     * Compares two values of the same orderable type: numbers by value, binaries as
     * unsigned bytes, strings by their UTF-8 bytes (which is code point order, not
     * Java's UTF-16 order).
     */
    static int compare(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) {
            return compareCodePoints(x.value(), y.value());
        }
        if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
            return x.value().compareTo(y.value());
        }
        throw new IllegalArgumentException("not comparable: " + a.type() + " and " + b.type());
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /**
     * DynamoDB's {@code size()}: the length of a string in UTF-16 code units (so
     * {@code size('abÿ')} is 3, and a character outside the Basic Multilingual Plane
     * counts 2: checked against DynamoDB, {@code size('é𝄞')} is 3, not 6 UTF-8 bytes
     * nor 2 code points), bytes of a binary, members of a set, elements of a list or
     * map; null (no value) for N, BOOL and NULL.
     */
    static Long size(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return (long) s.value().length();
        }
        if (v instanceof AttributeValue.B b) {
            return (long) b.value().size();
        }
        if (v instanceof AttributeValue.SS s) {
            return (long) s.values().size();
        }
        if (v instanceof AttributeValue.NS s) {
            return (long) s.values().size();
        }
        if (v instanceof AttributeValue.BS s) {
            return (long) s.values().size();
        }
        if (v instanceof AttributeValue.L l) {
            return (long) l.values().size();
        }
        if (v instanceof AttributeValue.M m) {
            return (long) m.values().size();
        }
        return null;
    }

    /** {@code begins_with}: a string prefix of a string, or a byte prefix of a binary. */
    static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
        if (value instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
            return s.value().startsWith(p.value());
        }
        if (value instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
            return b.value().startsWith(p.value());
        }
        return false;
    }

    /**
     * {@code contains}: a substring of a string, a byte run of a binary, a member of a
     * set (of the member's type), or an element of a list (any type, compared deeply).
     */
    static boolean contains(AttributeValue container, AttributeValue member) {
        if (container instanceof AttributeValue.S s) {
            return member instanceof AttributeValue.S m && s.value().contains(m.value());
        }
        if (container instanceof AttributeValue.B b) {
            return member instanceof AttributeValue.B m && indexOf(b.value(), m.value()) >= 0;
        }
        if (container instanceof AttributeValue.SS s) {
            return member instanceof AttributeValue.S m && s.values().contains(m.value());
        }
        if (container instanceof AttributeValue.NS s) {
            return member instanceof AttributeValue.N m && s.values().contains(m.value());
        }
        if (container instanceof AttributeValue.BS s) {
            return member instanceof AttributeValue.B m && s.values().contains(m.value());
        }
        if (container instanceof AttributeValue.L l) {
            return l.values().contains(member);
        }
        return false;
    }

    private static int indexOf(Bytes haystack, Bytes needle) {
        int n = haystack.size();
        int m = needle.size();
        outer:
        for (int i = 0; i + m <= n; i++) {
            for (int k = 0; k < m; k++) {
                if (haystack.get(i + k) != needle.get(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A scalar as DynamoDB's BETWEEN messages show it: {@code N:2}, {@code S:dog}, {@code B:<base64>}. */
    static String describe(AttributeValue v) {
        String text;
        if (v instanceof AttributeValue.S s) {
            text = s.value();
        } else if (v instanceof AttributeValue.N n) {
            text = n.text();
        } else if (v instanceof AttributeValue.B b) {
            text = b.value().toBase64();
        } else {
            text = String.valueOf(v);
        }
        return v.type().name() + ":" + text;
    }

    /** A number value for an exact result, with DynamoDB's errors when it does not fit. */
    static AttributeValue.N number(BigDecimal exact) {
        if (exact.signum() != 0 && exact.stripTrailingZeros().precision() > AttributeValue.N.MAX_DIGITS) {
            // DynamoDB reports a result needing more than 38 digits as an overflow
            // (observed by ScyllaDB, test_number.py::test_update_expression_plus_imprecise).
            throw new floe.api.error.ValidationException(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        return new AttributeValue.N(exact);
    }
}
