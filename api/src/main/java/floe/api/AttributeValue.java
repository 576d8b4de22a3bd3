package floe.api;

import floe.api.error.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A DynamoDB attribute value: one record per DynamoDB type. Values are immutable
 * and validated on construction with DynamoDB's rules and messages: numbers keep
 * their exact decimal value within DynamoDB's range and precision, sets are
 * non-empty and free of duplicates (numerically so for number sets).
 */
@Stability(Stability.Level.STABLE)
public sealed interface AttributeValue {

    /** DynamoDB's type descriptors, with their wire names. */
    @Stability(Stability.Level.STABLE)
    enum Type {
        S,
        N,
        B,
        BOOL,
        NULL,
        L,
        M,
        SS,
        NS,
        BS;

        /** The type for a wire descriptor such as {@code "SS"}, or null if there is none. */
        public static Type fromDescriptor(String descriptor) {
            for (Type t : values()) {
                if (t.name().equals(descriptor)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** This value's type. */
    Type type();

    /** This value's size by DynamoDB's rules, as counted toward the 400 KB item limit. */
    long size();

    /** A string value. */
    static S s(String value) {
        return new S(value);
    }

    /** A number value parsed from its DynamoDB text, validated. */
    static N n(String text) {
        return N.of(text);
    }

    /** A number value. */
    static N n(long value) {
        return new N(BigDecimal.valueOf(value));
    }

    /** A binary value (copied). */
    static B b(byte[] value) {
        return new B(Bytes.of(value));
    }

    /** A boolean value. */
    static Bool bool(boolean value) {
        return value ? Bool.TRUE : Bool.FALSE;
    }

    /** The null value. */
    static Null nul() {
        return Null.INSTANCE;
    }

    /** A list value. */
    static L l(AttributeValue... values) {
        return new L(List.of(values));
    }

    /** A map value. */
    static M m(Map<String, AttributeValue> values) {
        return new M(values);
    }

    /** A string set, rejecting duplicates and emptiness. */
    static SS ss(String... values) {
        return SS.of(List.of(values));
    }

    /** A number set from DynamoDB number texts, rejecting duplicates and emptiness. */
    static NS ns(String... values) {
        return NS.of(List.of(values));
    }

    /** A binary set, rejecting duplicates and emptiness. */
    static BS bs(Bytes... values) {
        return BS.of(List.of(values));
    }

    /** String. @param value the string */
    @Stability(Stability.Level.STABLE)
    record S(String value) implements AttributeValue {
        /** Rejects null. */
        public S {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Type type() {
            return Type.S;
        }

        @Override
        public long size() {
            return AttributeSizes.utf8Length(value);
        }
    }

    /**
     * Number, with its exact decimal value in normal form (no trailing zeros), so
     * that equal numbers are equal records: {@code 1}, {@code 1.0} and {@code 1E0}
     * are one value.
     *
     * @param value the value
     */
    @Stability(Stability.Level.STABLE)
    record N(BigDecimal value) implements AttributeValue {
        /** Most significant digits DynamoDB keeps. */
        public static final int MAX_DIGITS = 38;
        /** Largest decimal exponent of a number's leading digit (9.99...E+125). */
        public static final int MAX_EXPONENT = 125;
        /** Smallest decimal exponent of a number's leading digit (1E-130). */
        public static final int MIN_EXPONENT = -130;

        /** Normalizes and checks DynamoDB's precision and range. */
        public N {
            value = normalize(value);
        }

        /** Parses DynamoDB's number text, with DynamoDB's messages for what it refuses. */
        public static N of(String text) {
            return new N(parse(text));
        }

        /**
         * Parses and validates a number text, returning its normal form.
         *
         * @throws ValidationException with DynamoDB's message if the text is no number or out of range
         */
        public static BigDecimal parse(String text) {
            if (text == null || text.isEmpty()) {
                throw new ValidationException("The parameter cannot be converted to a numeric value");
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                    throw notNumeric(text);
                }
            }
            BigDecimal d;
            try {
                d = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw outOfRange(text);
            }
            return normalize(d);
        }

        /**
         * DynamoDB's answer to a number text that is no number, quoting it: the same in
         * every operation in the public conformance captures of 2026 (paritysuite
         * dynamodb-conformance, "valueLayers") and in dynalite, written against DynamoDB.
         */
        private static ValidationException notNumeric(String text) {
            return new ValidationException("The parameter cannot be converted to a numeric value: " + text);
        }

        /**
         * The error for a text BigDecimal refuses: a well-formed number whose exponent does
         * not fit an int is out of DynamoDB's range (1e99999999999 overflows, 1e-99999999999
         * underflows, in the same captures); anything else is no number.
         */
        private static ValidationException outOfRange(String text) {
            int e = Math.max(text.indexOf('e'), text.indexOf('E'));
            String mantissa = e < 0 ? text : text.substring(0, e);
            String exponent = e < 0 ? "" : text.substring(e + 1);
            if (e < 0 || !mantissa.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)") || !exponent.matches("[+-]?[0-9]+")) {
                return notNumeric(text);
            }
            if (mantissa.replaceAll("[^1-9]", "").isEmpty()) {
                return notNumeric(text); // zero with an absurd exponent: no answer of DynamoDB's is known
            }
            return exponent.startsWith("-")
                    ? new ValidationException(
                            "Number underflow. Attempting to store a number with magnitude smaller than supported range")
                    : new ValidationException(
                            "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }

        /** The normal form of {@code d}, or DynamoDB's error if it is out of precision or range. */
        public static BigDecimal normalize(BigDecimal d) {
            Objects.requireNonNull(d, "value");
            if (d.signum() == 0) {
                return BigDecimal.ZERO;
            }
            BigDecimal s = d.stripTrailingZeros();
            if (s.precision() > MAX_DIGITS) {
                throw new ValidationException("Attempting to store more than 38 significant digits in a Number");
            }
            long exponent = (long) s.precision() - s.scale() - 1;
            if (exponent > MAX_EXPONENT) {
                throw new ValidationException(
                        "Number overflow. Attempting to store a number with magnitude larger than supported range");
            }
            if (exponent < MIN_EXPONENT) {
                throw new ValidationException(
                        "Number underflow. Attempting to store a number with magnitude smaller than supported range");
            }
            return s;
        }

        /** DynamoDB's canonical text: plain notation, no trailing zeros, {@code 0} for zero. */
        public String text() {
            return canonical(value);
        }

        /** DynamoDB's canonical text of a normalized number. */
        public static String canonical(BigDecimal normalized) {
            return normalized.signum() == 0 ? "0" : normalized.toPlainString();
        }

        @Override
        public Type type() {
            return Type.N;
        }

        @Override
        public long size() {
            return AttributeSizes.numberSize(value);
        }

        @Override
        public String toString() {
            return "N[" + text() + "]";
        }
    }

    /** Binary. @param value the bytes */
    @Stability(Stability.Level.STABLE)
    record B(Bytes value) implements AttributeValue {
        /** Rejects null. */
        public B {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Type type() {
            return Type.B;
        }

        @Override
        public long size() {
            return value.size();
        }
    }

    /** Boolean. @param value the boolean */
    @Stability(Stability.Level.STABLE)
    record Bool(boolean value) implements AttributeValue {
        /** {@code true}. */
        public static final Bool TRUE = new Bool(true);
        /** {@code false}. */
        public static final Bool FALSE = new Bool(false);

        @Override
        public Type type() {
            return Type.BOOL;
        }

        @Override
        public long size() {
            return 1;
        }
    }

    /** The NULL value. */
    @Stability(Stability.Level.STABLE)
    record Null() implements AttributeValue {
        /** The one instance worth having. */
        public static final Null INSTANCE = new Null();

        @Override
        public Type type() {
            return Type.NULL;
        }

        @Override
        public long size() {
            return 1;
        }
    }

    /** List. @param values the elements, in order */
    @Stability(Stability.Level.STABLE)
    record L(List<AttributeValue> values) implements AttributeValue {
        /** Copies the list; rejects null elements. */
        public L {
            values = List.copyOf(values);
        }

        @Override
        public Type type() {
            return Type.L;
        }

        @Override
        public long size() {
            long size = 3;
            for (AttributeValue v : values) {
                size += 1 + v.size();
            }
            return size;
        }
    }

    /** Map. @param values the entries, in insertion order */
    @Stability(Stability.Level.STABLE)
    record M(Map<String, AttributeValue> values) implements AttributeValue {
        /** Copies the map; rejects null keys and values. */
        public M {
            values = AttributeSizes.copyOrdered(values);
        }

        @Override
        public Type type() {
            return Type.M;
        }

        @Override
        public long size() {
            long size = 3;
            for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
                size += 1 + AttributeSizes.utf8Length(e.getKey()) + e.getValue().size();
            }
            return size;
        }
    }

    /** String set. @param values the members, non-empty */
    @Stability(Stability.Level.STABLE)
    record SS(Set<String> values) implements AttributeValue {
        /** Copies; rejects an empty set. */
        public SS {
            values = AttributeSizes.copySet(values, Function.identity(), "An string set  may not be empty");
        }

        /** A set of {@code members}, rejecting duplicates and emptiness with DynamoDB's messages. */
        public static SS of(Collection<String> members) {
            return new SS(AttributeSizes.noDuplicates(members, Function.identity(), members, ""));
        }

        @Override
        public Type type() {
            return Type.SS;
        }

        @Override
        public long size() {
            long size = 0;
            for (String v : values) {
                size += AttributeSizes.utf8Length(v);
            }
            return size;
        }
    }

    /** Number set. @param values the members in normal form, non-empty */
    @Stability(Stability.Level.STABLE)
    record NS(Set<BigDecimal> values) implements AttributeValue {
        /** Normalizes and copies; rejects emptiness and numerically equal members. */
        public NS {
            values = AttributeSizes.copySet(
                    AttributeSizes.noDuplicates(values, N::normalize, null, ""),
                    Function.identity(),
                    "An number set  may not be empty");
        }

        /** A set of DynamoDB number texts, rejecting bad numbers, duplicates and emptiness. */
        public static NS of(Collection<String> members) {
            List<BigDecimal> parsed = new ArrayList<>(members.size());
            for (String m : members) {
                parsed.add(N.parse(m));
            }
            return new NS(AttributeSizes.noDuplicates(parsed, Function.identity(), null, ""));
        }

        /** The members' canonical texts. */
        public List<String> texts() {
            return values.stream().map(N::canonical).collect(Collectors.toList());
        }

        @Override
        public Type type() {
            return Type.NS;
        }

        @Override
        public long size() {
            long size = 0;
            for (BigDecimal v : values) {
                size += AttributeSizes.numberSize(v);
            }
            return size;
        }
    }

    /** Binary set. @param values the members, non-empty */
    @Stability(Stability.Level.STABLE)
    record BS(Set<Bytes> values) implements AttributeValue {
        /** Copies; rejects an empty set. */
        public BS {
            values = AttributeSizes.copySet(values, Function.identity(), "Binary sets should not be empty");
        }

        /** A set of {@code members}, rejecting duplicates and emptiness with DynamoDB's messages. */
        public static BS of(Collection<Bytes> members) {
            return new BS(AttributeSizes.noDuplicates(members, Function.identity(), members, "of type BS "));
        }

        @Override
        public Type type() {
            return Type.BS;
        }

        @Override
        public long size() {
            long size = 0;
            for (Bytes v : values) {
                size += v.size();
            }
            return size;
        }
    }
}
