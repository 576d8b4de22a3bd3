package floe.engine.expr;

import floe.api.AttributeValue;
import floe.api.Stability;
import floe.api.error.ValidationException;
import floe.api.model.AttributeValueUpdate;
import floe.api.model.Condition;
import floe.api.model.ExpectedAttributeValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The legacy parameters mapped onto the expression AST, with DynamoDB's
 * validation messages (recorded verbatim by dynalite's validations/index.js and
 * test suite, and by ScyllaDB's test_expected.py):
 * <ul>
 * <li>Expected and ConditionalOperator become a {@link ConditionNode};
 * <li>QueryFilter and ScanFilter (with ConditionalOperator) become a {@link ConditionNode};
 * <li>KeyConditions becomes a {@link KeyCondition};
 * <li>AttributeUpdates becomes an {@link UpdateExpression};
 * <li>AttributesToGet becomes projection paths.
 * </ul>
 * The semantic differences from expressions are kept: {@code NULL}/{@code NOT_NULL}
 * test absence/presence, {@code NE} holds for a missing attribute while
 * {@code NOT_CONTAINS} does not, and AttributeUpdates' ADD also appends lists and
 * reports "Type mismatch for attribute to update".
 */
@Stability(Stability.Level.INTERNAL)
public final class LegacyConditions {
    private static final String INVALID = "One or more parameter values were invalid: ";
    /** The enum as DynamoDB lists it in its constraint message (dynalite). */
    private static final String OPERATORS =
            "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]";

    private static final Set<String> OPERATOR_NAMES = Set.of(
            "EQ",
            "NE",
            "LE",
            "LT",
            "GE",
            "GT",
            "NOT_NULL",
            "NULL",
            "CONTAINS",
            "NOT_CONTAINS",
            "BEGINS_WITH",
            "IN",
            "BETWEEN");
    /**
     * The value types each operator accepts; an operator not listed (EQ, NE) accepts
     * every type. DynamoDB's Condition and ExpectedAttributeValue references: "EQ is
     * supported for all data types, including lists and maps" (NE likewise); LE, LT,
     * GE, GT, CONTAINS, NOT_CONTAINS, IN and BETWEEN take "String, Number, or Binary
     * (not a set type)"; BEGINS_WITH "String or Binary (not a Number or a set type)".
     * ScyllaDB's test_expected.py, written against DynamoDB, refuses a list operand of
     * CONTAINS, NOT_CONTAINS and IN.
     */
    private static final Map<String, Set<AttributeValue.Type>> TYPES = Map.ofEntries(
            Map.entry("LE", scalars()),
            Map.entry("LT", scalars()),
            Map.entry("GE", scalars()),
            Map.entry("GT", scalars()),
            Map.entry("CONTAINS", scalars()),
            Map.entry("NOT_CONTAINS", scalars()),
            Map.entry("BEGINS_WITH", Set.of(AttributeValue.Type.S, AttributeValue.Type.B)),
            Map.entry("IN", scalars()),
            Map.entry("BETWEEN", scalars()));

    /**
     * EQ in a key condition (KeyConditions, or a KeyConditionExpression checked as one)
     * keeps its documented operand types: String, Number, Binary and their sets; a key
     * is never a list, map, BOOL or NULL (dynalite's convertKeyCondition, checked
     * against DynamoDB).
     */
    private static final Set<AttributeValue.Type> KEY_EQ_TYPES = Set.of(
            AttributeValue.Type.S,
            AttributeValue.Type.N,
            AttributeValue.Type.B,
            AttributeValue.Type.SS,
            AttributeValue.Type.NS,
            AttributeValue.Type.BS);

    private LegacyConditions() {}

    private static Set<AttributeValue.Type> scalars() {
        return Set.of(AttributeValue.Type.S, AttributeValue.Type.N, AttributeValue.Type.B);
    }

    /**
     * The condition of the legacy {@code Expected} parameter.
     *
     * @param expected attribute name to expectation, or null
     * @param conditionalOperator AND (the default) or OR, or null
     * @return the condition, or null if there is none
     * @throws ValidationException with DynamoDB's message for a malformed expectation
     */
    public static ConditionNode expected(Map<String, ExpectedAttributeValue> expected, String conditionalOperator) {
        boolean or = conditionalOperator(conditionalOperator);
        if (expected == null) {
            return null;
        }
        if (expected.isEmpty()) {
            // Refused with a 400 ValidationException, as the project's report of DynamoDB's behaviour says; the
            // API model declares no minimum length, so it is a rule of the service, not a constraint. No public
            // recorded response was found: the refusal follows that report, and the wording follows DynamoDB's
            // "ExpressionAttributeValues must not be empty". wording: best guess
            throw new ValidationException("Expected must not be empty");
        }
        // The enum is checked while the request is read, before any other rule.
        for (Map.Entry<String, ExpectedAttributeValue> e : expected.entrySet()) {
            if (e.getValue().comparisonOperator() != null) {
                checkOperatorName(e.getValue().comparisonOperator(), "expected." + e.getKey());
            }
        }
        ConditionNode result = null;
        for (Map.Entry<String, ExpectedAttributeValue> e : expected.entrySet()) {
            String name = e.getKey();
            ExpectedAttributeValue x = e.getValue();
            ConditionNode node;
            if (x.attributeValueList() != null && x.value() != null) {
                throw new ValidationException(
                        INVALID + "Value and AttributeValueList cannot be used together for Attribute: " + name);
            }
            if (x.comparisonOperator() != null) {
                String op = x.comparisonOperator();
                if (x.exists() != null) {
                    throw new ValidationException(
                            INVALID + "Exists and ComparisonOperator cannot be used together for Attribute: " + name);
                }
                if (!op.equals("NULL")
                        && !op.equals("NOT_NULL")
                        && x.attributeValueList() == null
                        && x.value() == null) {
                    throw new ValidationException(INVALID + "Value or AttributeValueList must be used with "
                            + "ComparisonOperator: " + op + " for Attribute: " + name);
                }
                List<AttributeValue> values = x.attributeValueList() != null
                        ? x.attributeValueList()
                        : x.value() != null ? List.of(x.value()) : List.of();
                checkOperands(op, values);
                node = node(name, op, values);
            } else if (x.attributeValueList() != null) {
                throw new ValidationException(INVALID
                        + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
            } else {
                boolean exists = x.exists() == null || x.exists();
                if (exists && x.value() == null) {
                    throw new ValidationException(INVALID + "Value must be provided when Exists is "
                            + (x.exists() == null ? "null" : "true") + " for Attribute: " + name);
                }
                if (!exists && x.value() != null) {
                    throw new ValidationException(
                            INVALID + "Value cannot be used when Exists is false for Attribute: " + name);
                }
                node = exists ? node(name, "EQ", List.of(x.value())) : node(name, "NULL", List.of());
            }
            result = result == null
                    ? node
                    : or ? new ConditionNode.Or(result, node) : new ConditionNode.And(result, node);
        }
        return result;
    }

    /**
     * The condition of a legacy {@code QueryFilter} or {@code ScanFilter}.
     *
     * @param filter attribute name to condition, or null
     * @param conditionalOperator AND (the default) or OR, or null
     * @param parameter {@code queryFilter} or {@code scanFilter}, as DynamoDB names the member in messages
     * @return the condition, or null if there is none
     */
    public static ConditionNode filter(Map<String, Condition> filter, String conditionalOperator, String parameter) {
        boolean or = conditionalOperator(conditionalOperator);
        if (filter == null || filter.isEmpty()) {
            return null;
        }
        checkOperatorNames(filter, parameter);
        ConditionNode result = null;
        for (Map.Entry<String, Condition> e : filter.entrySet()) {
            List<AttributeValue> values = check(e.getKey(), e.getValue(), parameter);
            ConditionNode node = node(e.getKey(), e.getValue().comparisonOperator(), values);
            result = result == null
                    ? node
                    : or ? new ConditionNode.Or(result, node) : new ConditionNode.And(result, node);
        }
        return result;
    }

    /**
     * The key condition of legacy {@code KeyConditions}.
     *
     * @param conditions attribute name to condition
     * @param schema the key of the queried table or index
     * @throws ValidationException with DynamoDB's message
     */
    public static KeyCondition keyConditions(Map<String, Condition> conditions, KeySchema schema) {
        if (conditions == null) {
            throw new ValidationException(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        checkOperatorNames(conditions, "keyConditions");
        for (Map.Entry<String, Condition> e : conditions.entrySet()) {
            Condition c = e.getValue();
            checkKeyOperands(
                    c.comparisonOperator(), c.attributeValueList() == null ? List.of() : c.attributeValueList());
        }
        return KeyConditions.check(conditions, schema);
    }

    /**
     * The legacy {@code AttributeUpdates} as an update: PUT sets, DELETE without a value
     * removes, DELETE with a set removes members, ADD adds numbers, sets and lists.
     *
     * @param updates attribute name to update, or null
     * @throws ValidationException with DynamoDB's message for a malformed update
     */
    public static UpdateExpression attributeUpdates(Map<String, AttributeValueUpdate> updates) {
        List<UpdateExpression.Action> actions = new ArrayList<>();
        if (updates != null) {
            for (Map.Entry<String, AttributeValueUpdate> e : updates.entrySet()) {
                String name = e.getKey();
                AttributeValueUpdate u = e.getValue();
                String action = u.action() == null ? "PUT" : u.action();
                if (!action.equals("PUT") && !action.equals("ADD") && !action.equals("DELETE")) {
                    throw new ValidationException("1 validation error detected: Value '" + action
                            + "' at 'attributeUpdates." + name + ".member.action' failed to satisfy constraint: "
                            + "Member must satisfy enum value set: [ADD, PUT, DELETE]");
                }
                AttributeValue v = u.value();
                Path path = Path.of(name);
                if (v == null && !action.equals("DELETE")) {
                    throw new ValidationException(
                            INVALID + "Only DELETE action is allowed when no attribute value is specified");
                }
                switch (action) {
                    case "PUT" -> actions.add(new UpdateExpression.SetAction(path, new Operand.Literal(v)));
                    case "DELETE" -> {
                        if (v == null) {
                            actions.add(new UpdateExpression.RemoveAction(path));
                        } else if (!isSet(v)) {
                            throw new ValidationException(
                                    INVALID + "DELETE action with value is not supported for the type " + v.type());
                        } else {
                            actions.add(new UpdateExpression.DeleteAction(path, v));
                        }
                    }
                    default -> {
                        if (!(v instanceof AttributeValue.N || isSet(v) || v instanceof AttributeValue.L)) {
                            throw new ValidationException(
                                    INVALID + "ADD action is not supported for the type " + v.type());
                        }
                        actions.add(new UpdateExpression.AddAction(path, v));
                    }
                }
            }
        }
        return new UpdateExpression(actions, true);
    }

    /**
     * The projection of legacy {@code AttributesToGet}: top-level attributes, each named once.
     *
     * @throws ValidationException "One or more parameter values were invalid: Duplicate value in attribute name: a"
     */
    public static List<Path> attributesToGet(List<String> names) {
        Set<String> seen = new HashSet<>();
        List<Path> paths = new ArrayList<>(names.size());
        for (String name : names) {
            if (!seen.add(name)) {
                throw new ValidationException(INVALID + "Duplicate value in attribute name: " + name);
            }
            paths.add(Path.of(name));
        }
        return paths;
    }

    // ---- shared

    private static boolean isSet(AttributeValue v) {
        return v instanceof AttributeValue.SS || v instanceof AttributeValue.NS || v instanceof AttributeValue.BS;
    }

    /** True for OR, false for AND or absent. */
    private static boolean conditionalOperator(String op) {
        if (op == null || op.equals("AND")) {
            return false;
        }
        if (op.equals("OR")) {
            return true;
        }
        throw new ValidationException("1 validation error detected: Value '" + op + "' at 'conditionalOperator' "
                + "failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]");
    }

    private static void checkOperatorName(String op, String member) {
        if (op == null) {
            throw new ValidationException("1 validation error detected: Value null at '" + member
                    + ".member.comparisonOperator' failed to satisfy constraint: Member must not be null");
        }
        if (!OPERATOR_NAMES.contains(op)) {
            throw new ValidationException("1 validation error detected: Value '" + op + "' at '" + member
                    + ".member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: "
                    + OPERATORS);
        }
    }

    private static void checkOperatorNames(Map<String, Condition> conditions, String parameter) {
        for (Map.Entry<String, Condition> e : conditions.entrySet()) {
            checkOperatorName(e.getValue().comparisonOperator(), parameter + "." + e.getKey());
        }
    }

    /** Validates one QueryFilter/ScanFilter/KeyConditions entry; returns its values. */
    static List<AttributeValue> check(String name, Condition c, String parameter) {
        checkOperatorName(c.comparisonOperator(), parameter + "." + name);
        List<AttributeValue> values = c.attributeValueList() == null ? List.of() : c.attributeValueList();
        checkOperands(c.comparisonOperator(), values);
        return values;
    }

    /** {@link #checkOperands} for a key condition, whose EQ takes no list, map, BOOL or NULL. */
    static void checkKeyOperands(String op, List<AttributeValue> values) {
        checkOperands(op, values);
        if (op.equals("EQ")) {
            for (AttributeValue v : values) {
                if (!KEY_EQ_TYPES.contains(v.type())) {
                    throw new ValidationException(
                            INVALID + "ComparisonOperator EQ is not valid for " + v.type() + " AttributeValue type");
                }
            }
        }
    }

    /** DynamoDB's checks of an operator's operands: count, one type, a type the operator takes, BETWEEN's order. */
    static void checkOperands(String op, List<AttributeValue> values) {
        int n = values.size();
        boolean countOk =
                switch (op) {
                    case "NULL", "NOT_NULL" -> n == 0;
                    case "IN" -> n > 0;
                    case "BETWEEN" -> n == 2;
                    default -> n == 1;
                };
        if (!countOk) {
            throw new ValidationException(
                    INVALID + "Invalid number of argument(s) for the " + op + " ComparisonOperator");
        }
        for (AttributeValue v : values) {
            if (v.type() != values.get(0).type()) {
                throw new ValidationException(
                        INVALID + "AttributeValues inside AttributeValueList must be of same type");
            }
        }
        Set<AttributeValue.Type> allowed = TYPES.get(op);
        if (allowed != null) {
            for (AttributeValue v : values) {
                if (!allowed.contains(v.type())) {
                    throw new ValidationException(INVALID + "ComparisonOperator " + op + " is not valid for " + v.type()
                            + " AttributeValue type");
                }
            }
        }
        if (op.equals("BETWEEN") && Values.compare(values.get(0), values.get(1)) > 0) {
            throw new ValidationException(
                    "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        }
    }

    /** The legacy comparison as an expression node. */
    static ConditionNode node(String name, String op, List<AttributeValue> values) {
        Path path = Path.of(name);
        Operand attr = new Operand.PathRef(path);
        Operand first = values.isEmpty() ? null : new Operand.Literal(values.get(0));
        return switch (op) {
            case "EQ" -> new ConditionNode.Compare(CompareOp.EQ, attr, first);
            case "NE" -> new ConditionNode.Compare(CompareOp.NE, attr, first);
            case "LT" -> new ConditionNode.Compare(CompareOp.LT, attr, first);
            case "LE" -> new ConditionNode.Compare(CompareOp.LE, attr, first);
            case "GT" -> new ConditionNode.Compare(CompareOp.GT, attr, first);
            case "GE" -> new ConditionNode.Compare(CompareOp.GE, attr, first);
            case "NULL" -> new ConditionNode.AttributeNotExists(path);
            case "NOT_NULL" -> new ConditionNode.AttributeExists(path);
            case "CONTAINS" -> new ConditionNode.Contains(attr, first);
            // Legacy NOT_CONTAINS is false for a missing attribute (ScyllaDB test_expected.py).
            case "NOT_CONTAINS" ->
                new ConditionNode.And(
                        new ConditionNode.AttributeExists(path),
                        new ConditionNode.Not(new ConditionNode.Contains(attr, first)));
            case "BEGINS_WITH" -> new ConditionNode.BeginsWith(attr, first);
            case "BETWEEN" -> new ConditionNode.Between(attr, first, new Operand.Literal(values.get(1)));
            default -> {
                List<Operand> candidates = new ArrayList<>(values.size());
                for (AttributeValue v : values) {
                    candidates.add(new Operand.Literal(v));
                }
                yield new ConditionNode.In(attr, candidates);
            }
        };
    }
}
