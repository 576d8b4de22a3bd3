package floe.engine.expr;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.Stability;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated Query key condition (from KeyConditionExpression or legacy
 * KeyConditions): an equality on each partition key attribute and, optionally,
 * conditions on the sort key attributes, left to right without gaps, each but the
 * last an equality (a key has one sort attribute, or up to four on a global index).
 *
 * @param partitionKey the partition key equalities, in key schema order
 * @param sortKey the sort key conditions, in key schema order, possibly none
 */
@Stability(Stability.Level.INTERNAL)
public record KeyCondition(List<Equality> partitionKey, List<SortCondition> sortKey) {

    /** {@code attribute = value}. @param attribute the key attribute @param value its value */
    @Stability(Stability.Level.INTERNAL)
    public record Equality(String attribute, AttributeValue value) {
        /** Rejects nulls. */
        public Equality {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The operators a sort key condition can use. */
    @Stability(Stability.Level.INTERNAL)
    public enum Operator {
        /** {@code =}. */
        EQ,
        /** {@code <}. */
        LT,
        /** {@code <=}. */
        LE,
        /** {@code >}. */
        GT,
        /** {@code >=}. */
        GE,
        /** {@code BETWEEN low AND high}: two values. */
        BETWEEN,
        /** {@code begins_with}. */
        BEGINS_WITH
    }

    /**
     * A condition on a sort key attribute.
     *
     * @param attribute the key attribute
     * @param operator the operator
     * @param values one value, or two for BETWEEN (low, high)
     */
    @Stability(Stability.Level.INTERNAL)
    public record SortCondition(String attribute, Operator operator, List<AttributeValue> values) {
        /** Copies; rejects nulls and a wrong number of values. */
        public SortCondition {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(operator, "operator");
            values = List.copyOf(values);
            if (values.size() != (operator == Operator.BETWEEN ? 2 : 1)) {
                throw new IllegalArgumentException(operator + " with " + values.size() + " values");
            }
        }
    }

    /** Copies; requires one partition equality. */
    public KeyCondition {
        partitionKey = List.copyOf(partitionKey);
        sortKey = List.copyOf(sortKey);
        if (partitionKey.isEmpty()) {
            throw new IllegalArgumentException("a key condition needs the partition key");
        }
    }

    /** The value of the first (with one-attribute keys, the only) partition key attribute. */
    public AttributeValue partitionValue() {
        return partitionKey.get(0).value();
    }

    /** The condition on the last sort key attribute named, if any. */
    public Optional<SortCondition> sortCondition() {
        return sortKey.isEmpty() ? Optional.empty() : Optional.of(sortKey.get(sortKey.size() - 1));
    }

    /** The same condition as a {@link ConditionNode}, for evaluation against items. */
    public ConditionNode toCondition() {
        ConditionNode result = null;
        for (Equality e : partitionKey) {
            result = and(
                    result,
                    new ConditionNode.Compare(
                            CompareOp.EQ, new Operand.PathRef(Path.of(e.attribute())), new Operand.Literal(e.value())));
        }
        for (SortCondition s : sortKey) {
            Operand path = new Operand.PathRef(Path.of(s.attribute()));
            Operand first = new Operand.Literal(s.values().get(0));
            ConditionNode c =
                    switch (s.operator()) {
                        case EQ -> new ConditionNode.Compare(CompareOp.EQ, path, first);
                        case LT -> new ConditionNode.Compare(CompareOp.LT, path, first);
                        case LE -> new ConditionNode.Compare(CompareOp.LE, path, first);
                        case GT -> new ConditionNode.Compare(CompareOp.GT, path, first);
                        case GE -> new ConditionNode.Compare(CompareOp.GE, path, first);
                        case BETWEEN ->
                            new ConditionNode.Between(
                                    path, first, new Operand.Literal(s.values().get(1)));
                        case BEGINS_WITH -> new ConditionNode.BeginsWith(path, first);
                    };
            result = and(result, c);
        }
        return result;
    }

    /** Whether {@code item}'s key satisfies this condition. */
    public boolean matches(Item item) {
        return ConditionEvaluator.matches(toCondition(), item);
    }

    private static ConditionNode and(ConditionNode a, ConditionNode b) {
        return a == null ? b : new ConditionNode.And(a, b);
    }
}
