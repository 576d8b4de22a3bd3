package floe.server.auth.policy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One condition of a statement: an operator, a key and the values it is compared with,
 * evaluated as IAM evaluates it. The values of one key are alternatives (any may match);
 * with a multivalued request key, a plain operator holds when any request value matches,
 * {@code ForAnyValue:} likewise, {@code ForAllValues:} when every request value matches
 * (and when there is none). A negated operator ({@code StringNotEquals} ...) holds when no
 * value matches. A missing key fails a plain operator, passes a negated one, passes
 * {@code ...IfExists} and {@code ForAllValues:}, and fails {@code ForAnyValue:}.
 */
final class Condition {
    /** The comparison an operator makes, before negation. */
    private enum Kind {
        STRING_EQUALS,
        STRING_EQUALS_IGNORE_CASE,
        STRING_LIKE,
        NUMERIC_EQUALS,
        NUMERIC_LESS,
        NUMERIC_LESS_EQUALS,
        NUMERIC_GREATER,
        NUMERIC_GREATER_EQUALS,
        DATE_EQUALS,
        DATE_LESS,
        DATE_LESS_EQUALS,
        DATE_GREATER,
        DATE_GREATER_EQUALS,
        BOOL,
        BINARY_EQUALS,
        IP_ADDRESS,
        ARN_LIKE,
        NULL
    }

    private enum Set {
        NONE,
        ANY,
        ALL
    }

    private final String operator;
    private final Kind kind;
    private final boolean negated;
    private final boolean ifExists;
    private final Set set;
    private final String key;
    private final List<Template> values;

    private Condition(
            String operator, Kind kind, boolean negated, boolean ifExists, Set set, String key, List<Template> values) {
        this.operator = operator;
        this.kind = kind;
        this.negated = negated;
        this.ifExists = ifExists;
        this.set = set;
        this.key = key;
        this.values = values;
    }

    /**
     * A condition from a Condition block's operator, one of its keys and its value(s).
     *
     * @throws MalformedPolicyException for an operator IAM does not know, or a value it cannot be
     */
    static Condition of(String operator, String key, List<String> values, boolean variables) {
        String op = operator;
        Set set = Set.NONE;
        if (op.startsWith("ForAnyValue:")) {
            set = Set.ANY;
            op = op.substring("ForAnyValue:".length());
        } else if (op.startsWith("ForAllValues:")) {
            set = Set.ALL;
            op = op.substring("ForAllValues:".length());
        }
        boolean ifExists = op.endsWith("IfExists") && !op.equals("IfExists");
        if (ifExists) {
            op = op.substring(0, op.length() - "IfExists".length());
        }
        Kind kind;
        boolean negated = false;
        switch (op) {
            case "StringEquals" -> kind = Kind.STRING_EQUALS;
            case "StringNotEquals" -> {
                kind = Kind.STRING_EQUALS;
                negated = true;
            }
            case "StringEqualsIgnoreCase" -> kind = Kind.STRING_EQUALS_IGNORE_CASE;
            case "StringNotEqualsIgnoreCase" -> {
                kind = Kind.STRING_EQUALS_IGNORE_CASE;
                negated = true;
            }
            case "StringLike" -> kind = Kind.STRING_LIKE;
            case "StringNotLike" -> {
                kind = Kind.STRING_LIKE;
                negated = true;
            }
            case "NumericEquals" -> kind = Kind.NUMERIC_EQUALS;
            case "NumericNotEquals" -> {
                kind = Kind.NUMERIC_EQUALS;
                negated = true;
            }
            case "NumericLessThan" -> kind = Kind.NUMERIC_LESS;
            case "NumericLessThanEquals" -> kind = Kind.NUMERIC_LESS_EQUALS;
            case "NumericGreaterThan" -> kind = Kind.NUMERIC_GREATER;
            case "NumericGreaterThanEquals" -> kind = Kind.NUMERIC_GREATER_EQUALS;
            case "DateEquals" -> kind = Kind.DATE_EQUALS;
            case "DateNotEquals" -> {
                kind = Kind.DATE_EQUALS;
                negated = true;
            }
            case "DateLessThan" -> kind = Kind.DATE_LESS;
            case "DateLessThanEquals" -> kind = Kind.DATE_LESS_EQUALS;
            case "DateGreaterThan" -> kind = Kind.DATE_GREATER;
            case "DateGreaterThanEquals" -> kind = Kind.DATE_GREATER_EQUALS;
            case "Bool" -> kind = Kind.BOOL;
            case "BinaryEquals" -> kind = Kind.BINARY_EQUALS;
            case "IpAddress" -> kind = Kind.IP_ADDRESS;
            case "NotIpAddress" -> {
                kind = Kind.IP_ADDRESS;
                negated = true;
            }
            case "ArnEquals", "ArnLike" -> kind = Kind.ARN_LIKE;
            case "ArnNotEquals", "ArnNotLike" -> {
                kind = Kind.ARN_LIKE;
                negated = true;
            }
            case "Null" -> kind = Kind.NULL;
            default -> throw new MalformedPolicyException("unknown condition operator '" + operator + "'");
        }
        if (kind == Kind.NULL && (ifExists || set != Set.NONE)) {
            throw new MalformedPolicyException("unknown condition operator '" + operator + "'");
        }
        List<Template> templates = new ArrayList<>();
        for (String v : values) {
            check(kind, v, operator);
            templates.add(Template.of(v, variables && kind != Kind.NULL));
        }
        return new Condition(
                operator, kind, negated, ifExists, set, key.toLowerCase(Locale.ROOT), List.copyOf(templates));
    }

    /** Refuses, when the policy is read, a literal value its operator can never compare. */
    private static void check(Kind kind, String v, String operator) {
        if (v.contains("${")) {
            return; // known only per request
        }
        boolean ok =
                switch (kind) {
                    case NUMERIC_EQUALS, NUMERIC_LESS, NUMERIC_LESS_EQUALS, NUMERIC_GREATER, NUMERIC_GREATER_EQUALS ->
                        number(v) != null;
                    case DATE_EQUALS, DATE_LESS, DATE_LESS_EQUALS, DATE_GREATER, DATE_GREATER_EQUALS -> date(v) != null;
                    case BOOL, NULL -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
                    case IP_ADDRESS -> Cidr.parse(v) != null;
                    default -> true;
                };
        if (!ok) {
            throw new MalformedPolicyException("invalid value '" + v + "' for condition operator " + operator);
        }
    }

    /** Whether the condition holds for a request. */
    boolean holds(RequestContext ctx) {
        List<String> actual = ctx.values(key);
        if (kind == Kind.NULL) {
            boolean absent = actual == null || actual.isEmpty();
            for (Template t : values) {
                String v = t.resolve(ctx);
                if (v != null && v.equalsIgnoreCase("true") == absent) {
                    return true;
                }
            }
            return false;
        }
        if (actual == null || actual.isEmpty()) {
            if (ifExists || set == Set.ALL) {
                return true;
            }
            if (set == Set.ANY) {
                return false;
            }
            return negated;
        }
        List<String> wanted;
        if (values.size() == 1) {
            // the common case, without a list of its own
            String v = values.get(0).resolve(ctx);
            wanted = v == null ? List.of() : List.of(v);
        } else {
            wanted = new ArrayList<>(values.size());
            for (Template t : values) {
                String v = t.resolve(ctx);
                if (v != null) {
                    wanted.add(v);
                }
            }
        }
        switch (set) {
            case ALL -> {
                for (String a : actual) {
                    if (matchesAny(a, wanted) == negated) {
                        return false;
                    }
                }
                return true;
            }
            case ANY -> {
                for (String a : actual) {
                    if (matchesAny(a, wanted) != negated) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                boolean any = false;
                for (String a : actual) {
                    any |= matchesAny(a, wanted);
                }
                return any != negated;
            }
        }
    }

    private boolean matchesAny(String actual, List<String> wanted) {
        for (String w : wanted) {
            if (compare(actual, w)) {
                return true;
            }
        }
        return false;
    }

    /** The operator's comparison of a request value with a policy value, before negation. */
    private boolean compare(String actual, String wanted) {
        switch (kind) {
            case STRING_EQUALS -> {
                return actual.equals(wanted);
            }
            case STRING_EQUALS_IGNORE_CASE -> {
                return actual.equalsIgnoreCase(wanted);
            }
            case STRING_LIKE -> {
                return Glob.matches(wanted, actual, false);
            }
            case NUMERIC_EQUALS, NUMERIC_LESS, NUMERIC_LESS_EQUALS, NUMERIC_GREATER, NUMERIC_GREATER_EQUALS -> {
                BigDecimal a = number(actual);
                BigDecimal w = number(wanted);
                return a != null && w != null && ordered(a.compareTo(w));
            }
            case DATE_EQUALS, DATE_LESS, DATE_LESS_EQUALS, DATE_GREATER, DATE_GREATER_EQUALS -> {
                Instant a = date(actual);
                Instant w = date(wanted);
                return a != null && w != null && ordered(a.compareTo(w));
            }
            case BOOL -> {
                return actual.equalsIgnoreCase(wanted);
            }
            case BINARY_EQUALS -> {
                try {
                    return java.util.Arrays.equals(
                            Base64.getDecoder().decode(actual),
                            Base64.getDecoder().decode(wanted));
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
            case IP_ADDRESS -> {
                Cidr c = Cidr.parse(wanted);
                return c != null && c.contains(actual);
            }
            case ARN_LIKE -> {
                return arnLike(wanted, actual);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** Numeric and date operators: whether {@code cmp} (request vs policy) is what the operator asks. */
    private boolean ordered(int cmp) {
        return switch (kind) {
            case NUMERIC_EQUALS, DATE_EQUALS -> cmp == 0;
            case NUMERIC_LESS, DATE_LESS -> cmp < 0;
            case NUMERIC_LESS_EQUALS, DATE_LESS_EQUALS -> cmp <= 0;
            case NUMERIC_GREATER, DATE_GREATER -> cmp > 0;
            case NUMERIC_GREATER_EQUALS, DATE_GREATER_EQUALS -> cmp >= 0;
            default -> false;
        };
    }

    /**
     * ARN comparison: both split into their six colon-separated parts, each part matched
     * with wildcards on its own, so a {@code *} never spans a colon before the resource part.
     */
    static boolean arnLike(String pattern, String arn) {
        String[] p = pattern.split(":", 6);
        String[] a = arn.split(":", 6);
        if (p.length != 6 || a.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!Glob.matches(p[i], a[i], false)) {
                return false;
            }
        }
        return true;
    }

    static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A date as IAM reads one: ISO 8601 (a date, or a date and time with a zone), or epoch seconds. */
    static Instant date(String s) {
        String t = s.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(t));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // not a date-time with an offset
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return operator + "{" + key + ": " + values + "}";
    }

    /** An IPv4 or IPv6 address range in CIDR notation; a bare address is its own /32 or /128. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            String t = text.trim();
            int slash = t.indexOf('/');
            String address = slash < 0 ? t : t.substring(0, slash);
            byte[] bytes = literal(address);
            if (bytes == null) {
                return null;
            }
            int bits = bytes.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(t.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
                if (bits < 0 || bits > bytes.length * 8) {
                    return null;
                }
            }
            return new Cidr(bytes, bits);
        }

        boolean contains(String address) {
            byte[] a = literal(address.trim());
            if (a == null || a.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /** The bytes of an IP address literal, never a host name to resolve. */
        private static byte[] literal(String s) {
            if (s.isEmpty()) {
                return null;
            }
            boolean v6 = s.indexOf(':') >= 0;
            if (!v6 && !s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
                return null;
            }
            if (v6 && !s.matches("[0-9A-Fa-f:.]+")) {
                return null;
            }
            try {
                // a literal only (checked above), so no name lookup happens
                return InetAddress.getByName(s).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
