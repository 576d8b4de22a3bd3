package floe.engine.validate;

import floe.api.error.ValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects violations of DynamoDB's declared parameter constraints (null, length,
 * range, pattern, enum) and reports them the way DynamoDB's request validation does:
 * {@code "2 validation errors detected: Value null at 'keySchema' failed to satisfy
 * constraint: Member must not be null; Value ..."}. These are checked before any
 * semantic rule and before the table is looked up.
 */
public final class Constraints {
    private final List<String> violations = new ArrayList<>();

    /** Records that {@code path} must not be null, if it is. */
    public Constraints notNull(Object value, String path) {
        if (value == null) {
            violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    /** Records a length violation of a string or list value. */
    public Constraints length(Object value, int length, int min, int max, String path) {
        if (length < min) {
            add(value, path, "Member must have length greater than or equal to " + min);
        } else if (length > max) {
            add(value, path, "Member must have length less than or equal to " + max);
        }
        return this;
    }

    /** Records a violation of a minimum value. */
    public Constraints atLeast(Long value, long min, String path) {
        if (value != null && value < min) {
            add(value, path, "Member must have value greater than or equal to " + min);
        }
        return this;
    }

    /** Records a violation of a maximum value. */
    public Constraints atMost(Long value, long max, String path) {
        if (value != null && value > max) {
            add(value, path, "Member must have value less than or equal to " + max);
        }
        return this;
    }

    /** Records a violation of a regular expression DynamoDB declares for {@code path}. */
    public Constraints pattern(String value, boolean matches, String pattern, String path) {
        if (value != null && !matches) {
            add(value, path, "Member must satisfy regular expression pattern: " + pattern);
        }
        return this;
    }

    /** Records that {@code value} is not one of {@code allowed} (listed as DynamoDB lists them). */
    public Constraints oneOf(String value, List<String> allowed, String path) {
        if (value != null && !allowed.contains(value)) {
            add(value, path, "Member must satisfy enum value set: " + allowed);
        }
        return this;
    }

    /** Records a violation with its own constraint text. */
    public Constraints add(Object value, String path, String constraint) {
        violations.add("Value " + show(value) + " at '" + path + "' failed to satisfy constraint: " + constraint);
        return this;
    }

    /** Whether nothing was violated. */
    public boolean isEmpty() {
        return violations.isEmpty();
    }

    /** Throws DynamoDB's aggregated ValidationException if anything was violated. */
    public void throwIfAny() {
        if (violations.isEmpty()) {
            return;
        }
        int n = violations.size();
        throw new ValidationException(
                n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", violations));
    }

    private static String show(Object value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
