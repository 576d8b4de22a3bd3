package floe.engine.expr;

import floe.api.Stability;

/** The comparison operators of condition expressions, with their expression syntax. */
@Stability(Stability.Level.INTERNAL)
public enum CompareOp {
    /** {@code =}. */
    EQ("="),
    /** {@code <>}. */
    NE("<>"),
    /** {@code <}. */
    LT("<"),
    /** {@code <=}. */
    LE("<="),
    /** {@code >}. */
    GT(">"),
    /** {@code >=}. */
    GE(">=");

    private final String symbol;

    CompareOp(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in an expression. */
    public String symbol() {
        return symbol;
    }

    /** Whether this is an ordering comparison ({@code < <= > >=}), defined only on S, N and B. */
    public boolean isOrdering() {
        return this != EQ && this != NE;
    }

    /** The operator with its operands swapped: {@code a < b} is {@code b > a}. */
    public CompareOp swapped() {
        return switch (this) {
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
            default -> this;
        };
    }
}
