package floe.engine.expr;

import floe.api.AttributeValue;
import floe.api.error.ValidationException;
import floe.api.model.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a KeyConditionExpression's condition, or legacy KeyConditions, into a
 * {@link KeyCondition}, with DynamoDB's checks in dynalite's order (its
 * validations/index.js convertKeyCondition and actions/query.js): the shape of the
 * expression, then the legacy operand checks, then the number of conditions, then
 * the key schema (partition key first).
 */
final class KeyConditions {
    private static final String PREFIX = "Invalid KeyConditionExpression: ";
    private static final Set<String> NOT_INDEXABLE = Set.of("NULL", "NOT_NULL", "NE", "CONTAINS", "NOT_CONTAINS", "IN");

    private KeyConditions() {}

    static KeyCondition fromExpression(ConditionNode root, KeySchema schema) {
        Map<String, Condition> conditions = new LinkedHashMap<>();
        collect(root, conditions);
        for (Condition c : conditions.values()) {
            LegacyConditions.checkKeyOperands(c.comparisonOperator(), c.attributeValueList());
        }
        return check(conditions, schema);
    }

    private static void collect(ConditionNode node, Map<String, Condition> out) {
        if (node instanceof ConditionNode.And a) {
            collect(a.left(), out);
            collect(a.right(), out);
            return;
        }
        String invalid = node instanceof ConditionNode.Or
                ? "OR"
                : node instanceof ConditionNode.Not
                        ? "NOT"
                        : node instanceof ConditionNode.In
                                ? "IN"
                                : node instanceof ConditionNode.Compare c && c.op() == CompareOp.NE
                                        ? "<>"
                                        : node instanceof ConditionNode.AttributeExists
                                                ? "attribute_exists"
                                                : node instanceof ConditionNode.AttributeNotExists
                                                        ? "attribute_not_exists"
                                                        : node instanceof ConditionNode.AttributeType
                                                                ? "attribute_type"
                                                                : node instanceof ConditionNode.Contains
                                                                        ? "contains"
                                                                        : null;
        if (invalid != null) {
            throw error("Invalid operator used in KeyConditionExpression: " + invalid);
        }
        List<Operand> operands;
        String op;
        if (node instanceof ConditionNode.Between b) {
            if (!(b.value() instanceof Operand.PathRef)) {
                throw error("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
                        + "attribute as its first operand");
            }
            operands = List.of(b.value(), b.low(), b.high());
            op = "BETWEEN";
        } else if (node instanceof ConditionNode.BeginsWith b) {
            if (!(b.value() instanceof Operand.PathRef)) {
                throw error("Invalid condition in KeyConditionExpression: begins_with operator must have the key "
                        + "attribute as its first operand");
            }
            operands = List.of(b.value(), b.prefix());
            op = "BEGINS_WITH";
        } else {
            ConditionNode.Compare c = (ConditionNode.Compare) node;
            operands = List.of(c.left(), c.right());
            op = c.op().name();
        }
        String attribute = null;
        int position = 0;
        List<AttributeValue> values = new ArrayList<>(operands.size());
        for (int i = 0; i < operands.size(); i++) {
            Operand o = operands.get(i);
            if (o instanceof Operand.PathRef p) {
                if (attribute != null) {
                    throw error("Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
                            + "condition");
                }
                if (!p.path().isTopLevel()) {
                    throw error("KeyConditionExpressions cannot have conditions on nested attributes");
                }
                attribute = p.path().attribute();
                position = i;
            } else if (o instanceof Operand.Size) {
                throw error("KeyConditionExpressions cannot contain nested operations");
            } else {
                values.add(((Operand.Literal) o).value());
            }
        }
        if (attribute == null) {
            throw error("Invalid condition in KeyConditionExpression: No key attribute specified");
        }
        if (out.containsKey(attribute)) {
            throw error("KeyConditionExpressions must only contain one condition per key");
        }
        if (position != 0) {
            op = CompareOp.valueOf(op).swapped().name();
        }
        out.put(attribute, new Condition(op, values));
    }

    private static ValidationException error(String message) {
        return new ValidationException(PREFIX + message);
    }

    /** The count and key schema checks shared by both forms (operands already checked). */
    static KeyCondition check(Map<String, Condition> conditions, KeySchema schema) {
        if (schema.isMultiAttribute()) {
            return checkMulti(conditions, schema);
        }
        int n = conditions.size();
        if (n != 1 && n != 2) {
            throw new ValidationException("Conditions can be of length 1 or 2 only");
        }
        KeySchema.KeyAttribute hash = schema.partitionKey().get(0);
        KeySchema.KeyAttribute range =
                schema.sortKey().isEmpty() ? null : schema.sortKey().get(0);
        List<KeyCondition.Equality> partition = new ArrayList<>(1);
        List<KeyCondition.SortCondition> sort = new ArrayList<>(1);
        for (KeySchema.KeyAttribute key : range == null ? List.of(hash) : List.of(hash, range)) {
            boolean isHash = key == hash;
            if (isHash && range == null && n > 1) {
                throw new ValidationException("Query key condition not supported");
            }
            Condition c = conditions.get(key.name());
            if (c == null) {
                if (isHash || n > 1) {
                    throw new ValidationException("Query condition missed key schema element: " + key.name());
                }
                continue;
            }
            String op = c.comparisonOperator();
            if (NOT_INDEXABLE.contains(op)) {
                throw new ValidationException("Attempted conditional constraint is not an indexable operation");
            }
            List<AttributeValue> values = c.attributeValueList() == null ? List.of() : c.attributeValueList();
            for (AttributeValue v : values) {
                if (key.type() != null && v.type() != key.type()) {
                    throw new ValidationException("One or more parameter values were invalid: "
                            + "Condition parameter type does not match schema type");
                }
            }
            if (isHash) {
                if (!op.equals("EQ")) {
                    throw new ValidationException("Query key condition not supported");
                }
                partition.add(new KeyCondition.Equality(key.name(), values.get(0)));
            } else {
                sort.add(new KeyCondition.SortCondition(key.name(), KeyCondition.Operator.valueOf(op), values));
            }
        }
        return new KeyCondition(partition, sort);
    }

    /**
     * The rules of a multi-attribute key: an equality on every partition attribute,
     * then conditions on the sort attributes from the first, without skipping one, each
     * an equality but the last. DynamoDB's messages for these are not documented;
     * FloeDB answers with those it gives for one-attribute keys.
     */
    private static KeyCondition checkMulti(Map<String, Condition> conditions, KeySchema schema) {
        if (conditions.size() > schema.partitionKey().size() + schema.sortKey().size()) {
            throw new ValidationException("Query key condition not supported"); // guessed
        }
        List<KeyCondition.Equality> partition = new ArrayList<>();
        for (KeySchema.KeyAttribute key : schema.partitionKey()) {
            Condition c = conditions.get(key.name());
            if (c == null) {
                throw new ValidationException("Query condition missed key schema element: " + key.name()); // guessed
            }
            List<AttributeValue> values = values(c, key);
            if (!c.comparisonOperator().equals("EQ")) {
                throw new ValidationException("Query key condition not supported"); // guessed
            }
            partition.add(new KeyCondition.Equality(key.name(), values.get(0)));
        }
        List<KeyCondition.SortCondition> sort = new ArrayList<>();
        String missed = null;
        for (KeySchema.KeyAttribute key : schema.sortKey()) {
            Condition c = conditions.get(key.name());
            if (c == null) {
                missed = missed == null ? key.name() : missed;
                continue;
            }
            if (missed != null) {
                // a gap: a later sort attribute is named, an earlier one not
                throw new ValidationException("Query condition missed key schema element: " + missed); // guessed
            }
            if (!sort.isEmpty() && !sort.get(sort.size() - 1).operator().equals(KeyCondition.Operator.EQ)) {
                throw new ValidationException(
                        "Query key condition not supported"); // guessed: an inequality before the last
            }
            sort.add(new KeyCondition.SortCondition(
                    key.name(), KeyCondition.Operator.valueOf(c.comparisonOperator()), values(c, key)));
        }
        if (partition.size() + sort.size() != conditions.size()) {
            // a condition on an attribute outside the key
            throw new ValidationException("Query condition missed key schema element: "
                    + (missed != null ? missed : schema.partitionKey().get(0).name())); // guessed
        }
        return new KeyCondition(partition, sort);
    }

    /** A condition's values, checked against the key attribute's operator and type. */
    private static List<AttributeValue> values(Condition c, KeySchema.KeyAttribute key) {
        if (NOT_INDEXABLE.contains(c.comparisonOperator())) {
            throw new ValidationException("Attempted conditional constraint is not an indexable operation");
        }
        List<AttributeValue> values = c.attributeValueList() == null ? List.of() : c.attributeValueList();
        for (AttributeValue v : values) {
            if (key.type() != null && v.type() != key.type()) {
                throw new ValidationException("One or more parameter values were invalid: "
                        + "Condition parameter type does not match schema type");
            }
        }
        return values;
    }
}
