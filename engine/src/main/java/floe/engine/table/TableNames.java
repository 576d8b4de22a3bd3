package floe.engine.table;

import floe.api.error.ValidationException;
import floe.engine.validate.Constraints;
import java.util.regex.Pattern;

/**
 * Table and index name rules, and the one place that accepts a table ARN where a
 * name is expected.
 */
public final class TableNames {
    /** DynamoDB's pattern for table and index names. */
    public static final String PATTERN_TEXT = "[a-zA-Z0-9_.-]+";

    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:dynamodb:[a-z0-9-]*:[0-9]*:table/([^/]+)");

    private TableNames() {}

    /** The table name inside {@code nameOrArn}: the name itself, or the table part of a table ARN. */
    public static String resolve(String nameOrArn) {
        if (nameOrArn != null && nameOrArn.startsWith("arn:")) {
            var m = ARN.matcher(nameOrArn);
            if (m.matches()) {
                return m.group(1);
            }
            throw new ValidationException("Invalid TableName: " + nameOrArn);
        }
        return nameOrArn;
    }

    /**
     * Checks a table name parameter as DynamoDB's request validation does, adding
     * violations to {@code constraints}; returns the resolved name.
     */
    public static String check(String nameOrArn, Constraints constraints) {
        constraints.notNull(nameOrArn, "tableName");
        if (nameOrArn == null) {
            return null;
        }
        String name = resolve(nameOrArn);
        constraints.length(name, name.length(), 3, 255, "tableName");
        constraints.pattern(name, matchesPattern(name), PATTERN_TEXT, "tableName");
        return name;
    }

    /** Validates a request's only table-name parameter and returns the resolved name. */
    public static String checked(String nameOrArn) {
        Constraints c = new Constraints();
        String name = check(nameOrArn, c);
        c.throwIfAny();
        return name;
    }

    /** Whether {@code name} is a valid table or index name. */
    public static boolean isValid(String name) {
        return name != null && name.length() >= 3 && name.length() <= 255 && matchesPattern(name);
    }

    /** Whether {@code name} matches {@link #PATTERN_TEXT}, checked per character: this runs on every request. */
    public static boolean matchesPattern(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
