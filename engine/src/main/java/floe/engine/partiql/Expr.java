package floe.engine.partiql;

import floe.api.AttributeValue;
import java.util.List;
import java.util.Map;

/** An expression of a statement, as parsed: conditions, operands, values. */
sealed interface Expr {
    /**
     * A document path: top-level name, then names and list indexes.
     *
     * @param segments each a {@code String} name or an {@code Integer} index
     */
    record Path(List<Object> segments) implements Expr {
        String top() {
            return (String) segments.get(0);
        }

        boolean isTop() {
            return segments.size() == 1;
        }
    }

    /** A literal value. */
    record Literal(AttributeValue value) implements Expr {}

    /** The {@code index}-th {@code ?} parameter (from 0). */
    record Param(int index) implements Expr {}

    /** A tuple literal {@code {'a': v, ...}}: a map. */
    record MapLiteral(Map<String, Expr> entries) implements Expr {}

    /** A list literal {@code [v, ...]}. */
    record ListLiteral(List<Expr> elements) implements Expr {}

    /** A set literal {@code <<v, ...>>}. */
    record SetLiteral(List<Expr> elements) implements Expr {}

    /** {@code left op right} for =, <>, <, <=, >, >=. */
    record Compare(String op, Expr left, Expr right) implements Expr {}

    /** {@code left + right} or {@code left - right}. */
    record Arithmetic(String op, Expr left, Expr right) implements Expr {}

    record And(Expr left, Expr right) implements Expr {}

    record Or(Expr left, Expr right) implements Expr {}

    record Not(Expr operand) implements Expr {}

    record Between(Expr operand, Expr low, Expr high) implements Expr {}

    record In(Expr operand, List<Expr> candidates) implements Expr {}

    /** {@code operand IS [NOT] MISSING|NULL}. */
    record Is(Expr operand, String what, boolean negated) implements Expr {}

    /** A function call, its name in lower case. */
    record Call(String function, List<Expr> args) implements Expr {}
}
