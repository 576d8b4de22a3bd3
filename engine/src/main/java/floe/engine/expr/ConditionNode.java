package floe.engine.expr;

import floe.api.AttributeValue;
import floe.api.Stability;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed condition (ConditionExpression, FilterExpression, or a legacy
 * Expected/QueryFilter/ScanFilter mapped onto the same shapes), evaluated by
 * {@link ConditionEvaluator}. Placeholders are resolved: paths hold attribute names,
 * literals hold values.
 */
@Stability(Stability.Level.INTERNAL)
public sealed interface ConditionNode
        permits ConditionNode.And,
                ConditionNode.Or,
                ConditionNode.Not,
                ConditionNode.Compare,
                ConditionNode.Between,
                ConditionNode.In,
                ConditionNode.AttributeExists,
                ConditionNode.AttributeNotExists,
                ConditionNode.AttributeType,
                ConditionNode.BeginsWith,
                ConditionNode.Contains {

    /**
     * The top-level attributes a condition reads, in the order written: what Query
     * checks against the key ("Filter Expression can only contain non-primary key
     * attributes").
     */
    static Set<String> attributes(ConditionNode condition) {
        Set<String> out = new LinkedHashSet<>();
        collect(condition, out);
        return out;
    }

    private static void collect(ConditionNode c, Set<String> out) {
        if (c instanceof And a) {
            collect(a.left(), out);
            collect(a.right(), out);
        } else if (c instanceof Or o) {
            collect(o.left(), out);
            collect(o.right(), out);
        } else if (c instanceof Not n) {
            collect(n.condition(), out);
        } else if (c instanceof Compare cmp) {
            collect(cmp.left(), out);
            collect(cmp.right(), out);
        } else if (c instanceof Between b) {
            collect(b.value(), out);
            collect(b.low(), out);
            collect(b.high(), out);
        } else if (c instanceof In in) {
            collect(in.value(), out);
            in.candidates().forEach(o -> collect(o, out));
        } else if (c instanceof AttributeExists e) {
            out.add(e.path().attribute());
        } else if (c instanceof AttributeNotExists e) {
            out.add(e.path().attribute());
        } else if (c instanceof AttributeType t) {
            collect(t.operand(), out);
        } else if (c instanceof BeginsWith b) {
            collect(b.value(), out);
            collect(b.prefix(), out);
        } else if (c instanceof Contains ct) {
            collect(ct.container(), out);
            collect(ct.member(), out);
        }
    }

    private static void collect(Operand o, Set<String> out) {
        if (o instanceof Operand.PathRef p) {
            out.add(p.path().attribute());
        } else if (o instanceof Operand.Size s) {
            collect(s.operand(), out);
        } else if (o instanceof Operand.IfNotExists f) {
            out.add(f.path().attribute());
            collect(f.fallback(), out);
        } else if (o instanceof Operand.ListAppend la) {
            collect(la.first(), out);
            collect(la.second(), out);
        } else if (o instanceof Operand.Arithmetic ar) {
            collect(ar.left(), out);
            collect(ar.right(), out);
        }
    }

    /** {@code left AND right}. @param left the left condition @param right the right condition */
    @Stability(Stability.Level.INTERNAL)
    record And(ConditionNode left, ConditionNode right) implements ConditionNode {
        /** Rejects nulls. */
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** {@code left OR right}. @param left the left condition @param right the right condition */
    @Stability(Stability.Level.INTERNAL)
    record Or(ConditionNode left, ConditionNode right) implements ConditionNode {
        /** Rejects nulls. */
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** {@code NOT condition}. @param condition the negated condition */
    @Stability(Stability.Level.INTERNAL)
    record Not(ConditionNode condition) implements ConditionNode {
        /** Rejects null. */
        public Not {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /**
     * {@code left op right}.
     *
     * @param op the operator
     * @param left the left operand
     * @param right the right operand
     */
    @Stability(Stability.Level.INTERNAL)
    record Compare(CompareOp op, Operand left, Operand right) implements ConditionNode {
        /** Rejects nulls. */
        public Compare {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /**
     * {@code value BETWEEN low AND high}, both bounds inclusive.
     *
     * @param value the tested operand
     * @param low the lower bound
     * @param high the upper bound
     */
    @Stability(Stability.Level.INTERNAL)
    record Between(Operand value, Operand low, Operand high) implements ConditionNode {
        /** Rejects nulls. */
        public Between {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(low, "low");
            Objects.requireNonNull(high, "high");
        }
    }

    /** {@code value IN (candidates...)}. @param value the tested operand @param candidates the candidates */
    @Stability(Stability.Level.INTERNAL)
    record In(Operand value, List<Operand> candidates) implements ConditionNode {
        /** Copies; rejects nulls and an empty candidate list. */
        public In {
            Objects.requireNonNull(value, "value");
            candidates = List.copyOf(candidates);
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("IN needs candidates");
            }
        }
    }

    /** {@code attribute_exists(path)}. @param path the path */
    @Stability(Stability.Level.INTERNAL)
    record AttributeExists(Path path) implements ConditionNode {
        /** Rejects null. */
        public AttributeExists {
            Objects.requireNonNull(path, "path");
        }
    }

    /** {@code attribute_not_exists(path)}. @param path the path */
    @Stability(Stability.Level.INTERNAL)
    record AttributeNotExists(Path path) implements ConditionNode {
        /** Rejects null. */
        public AttributeNotExists {
            Objects.requireNonNull(path, "path");
        }
    }

    /** {@code attribute_type(operand, :type)}. @param operand the tested operand @param type the type */
    @Stability(Stability.Level.INTERNAL)
    record AttributeType(Operand operand, AttributeValue.Type type) implements ConditionNode {
        /** Rejects nulls. */
        public AttributeType {
            Objects.requireNonNull(operand, "operand");
            Objects.requireNonNull(type, "type");
        }
    }

    /** {@code begins_with(value, prefix)}. @param value the tested operand @param prefix the prefix */
    @Stability(Stability.Level.INTERNAL)
    record BeginsWith(Operand value, Operand prefix) implements ConditionNode {
        /** Rejects nulls. */
        public BeginsWith {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    /** {@code contains(container, member)}. @param container the tested operand @param member the sought part */
    @Stability(Stability.Level.INTERNAL)
    record Contains(Operand container, Operand member) implements ConditionNode {
        /** Rejects nulls. */
        public Contains {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(member, "member");
        }
    }
}
