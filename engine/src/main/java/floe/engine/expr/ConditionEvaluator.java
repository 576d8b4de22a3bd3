package floe.engine.expr;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.Stability;
import java.math.BigDecimal;
import java.util.List;

/**
 * Evaluates a {@link ConditionNode} against an item with DynamoDB's semantics:
 * <ul>
 * <li>an operand whose path does not exist has no value; every comparison with it
 * is false except {@code <>}, which is true (so is {@code <>} between two missing
 * attributes);
 * <li>{@code =} compares deeply any two values of the same type (sets ignore member
 * order, numbers compare by value); values of different types are unequal;
 * <li>{@code < <= > >= BETWEEN} hold only between values of one type among S, N, B;
 * anything else is false, never an error (constants of other types were already
 * refused by the parser);
 * <li>{@code size()} of an N, BOOL or NULL has no value.
 * </ul>
 * Evaluation never fails: every type error DynamoDB reports is found by the parser.
 * Its recursion is bounded by the 300-operator limit and the 32-level path limit.
 */
@Stability(Stability.Level.INTERNAL)
public final class ConditionEvaluator {
    private ConditionEvaluator() {}

    /**
     * Whether {@code item} satisfies {@code condition}.
     *
     * @param condition the condition
     * @param item the item, or null if there is none (it behaves as an item without attributes)
     */
    public static boolean matches(ConditionNode condition, Item item) {
        if (condition instanceof ConditionNode.And a) {
            return matches(a.left(), item) && matches(a.right(), item);
        }
        if (condition instanceof ConditionNode.Or o) {
            return matches(o.left(), item) || matches(o.right(), item);
        }
        if (condition instanceof ConditionNode.Not n) {
            return !matches(n.condition(), item);
        }
        if (condition instanceof ConditionNode.Compare c) {
            return compare(c.op(), value(c.left(), item), value(c.right(), item));
        }
        if (condition instanceof ConditionNode.Between b) {
            AttributeValue v = value(b.value(), item);
            AttributeValue low = value(b.low(), item);
            AttributeValue high = value(b.high(), item);
            return compare(CompareOp.GE, v, low) && compare(CompareOp.LE, v, high);
        }
        if (condition instanceof ConditionNode.In in) {
            AttributeValue v = value(in.value(), item);
            if (v == null) {
                return false;
            }
            for (Operand candidate : in.candidates()) {
                if (v.equals(value(candidate, item))) {
                    return true;
                }
            }
            return false;
        }
        if (condition instanceof ConditionNode.AttributeExists e) {
            return get(item, e.path()) != null;
        }
        if (condition instanceof ConditionNode.AttributeNotExists e) {
            return get(item, e.path()) == null;
        }
        if (condition instanceof ConditionNode.AttributeType t) {
            AttributeValue v = value(t.operand(), item);
            return v != null && v.type() == t.type();
        }
        if (condition instanceof ConditionNode.BeginsWith b) {
            AttributeValue v = value(b.value(), item);
            AttributeValue prefix = value(b.prefix(), item);
            return v != null && prefix != null && Values.beginsWith(v, prefix);
        }
        ConditionNode.Contains c = (ConditionNode.Contains) condition;
        AttributeValue container = value(c.container(), item);
        AttributeValue member = value(c.member(), item);
        return container != null && member != null && Values.contains(container, member);
    }

    private static boolean compare(CompareOp op, AttributeValue a, AttributeValue b) {
        if (op == CompareOp.NE) {
            return a == null || b == null || !a.equals(b);
        }
        if (a == null || b == null) {
            return false;
        }
        if (op == CompareOp.EQ) {
            return a.equals(b);
        }
        if (a.type() != b.type() || !Values.isOrderable(a.type())) {
            return false;
        }
        int c = Values.compare(a, b);
        return switch (op) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            default -> c >= 0;
        };
    }

    /** The value of a condition operand, or null if it has none. */
    static AttributeValue value(Operand operand, Item item) {
        if (operand instanceof Operand.Literal l) {
            return l.value();
        }
        if (operand instanceof Operand.PathRef p) {
            return get(item, p.path());
        }
        if (operand instanceof Operand.Size s) {
            AttributeValue v = value(s.operand(), item);
            Long size = v == null ? null : Values.size(v);
            return size == null ? null : new AttributeValue.N(BigDecimal.valueOf(size));
        }
        throw new IllegalArgumentException("not a condition operand: " + operand);
    }

    /**
     * The value at {@code path} in {@code item}, or null if there is none: a missing
     * attribute, key or index, or a step into a value of the wrong type.
     */
    public static AttributeValue get(Item item, Path path) {
        if (item == null) {
            return null;
        }
        List<PathElement> elements = path.elements();
        AttributeValue v = item.get(path.attribute());
        for (int i = 1; i < elements.size() && v != null; i++) {
            v = step(v, elements.get(i));
        }
        return v;
    }

    static AttributeValue step(AttributeValue v, PathElement e) {
        if (e instanceof PathElement.Name n) {
            return v instanceof AttributeValue.M m ? m.values().get(n.name()) : null;
        }
        int index = ((PathElement.Index) e).index();
        return v instanceof AttributeValue.L l && index < l.values().size()
                ? l.values().get(index)
                : null;
    }
}
