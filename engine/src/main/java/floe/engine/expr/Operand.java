package floe.engine.expr;

import floe.api.AttributeValue;
import floe.api.Stability;
import java.util.Objects;

/**
 * A value-producing part of an expression: a document path, a constant from
 * ExpressionAttributeValues, or a function of other operands. Which operands an
 * expression may use is checked by the parser (for example {@code size} only in
 * conditions, {@code if_not_exists}, {@code list_append} and arithmetic only in
 * the SET clause of an update).
 */
@Stability(Stability.Level.INTERNAL)
public sealed interface Operand
        permits Operand.PathRef,
                Operand.Literal,
                Operand.Size,
                Operand.IfNotExists,
                Operand.ListAppend,
                Operand.Arithmetic {

    /** The value at a document path of the item. @param path the path */
    @Stability(Stability.Level.INTERNAL)
    record PathRef(Path path) implements Operand {
        /** Rejects null. */
        public PathRef {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A constant. @param value the value */
    @Stability(Stability.Level.INTERNAL)
    record Literal(AttributeValue value) implements Operand {
        /** Rejects null. */
        public Literal {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code size(operand)}. @param operand the operand */
    @Stability(Stability.Level.INTERNAL)
    record Size(Operand operand) implements Operand {
        /** Rejects null. */
        public Size {
            Objects.requireNonNull(operand, "operand");
        }
    }

    /**
     * {@code if_not_exists(path, fallback)}: the value at {@code path}, or {@code fallback} if there is none.
     *
     * @param path the path
     * @param fallback the value used when the path does not exist
     */
    @Stability(Stability.Level.INTERNAL)
    record IfNotExists(Path path, Operand fallback) implements Operand {
        /** Rejects nulls. */
        public IfNotExists {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(fallback, "fallback");
        }
    }

    /** {@code list_append(first, second)}. @param first the leading list @param second the trailing list */
    @Stability(Stability.Level.INTERNAL)
    record ListAppend(Operand first, Operand second) implements Operand {
        /** Rejects nulls. */
        public ListAppend {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(second, "second");
        }
    }

    /**
     * {@code left + right} or {@code left - right} on numbers.
     *
     * @param plus true for {@code +}, false for {@code -}
     * @param left the left operand
     * @param right the right operand
     */
    @Stability(Stability.Level.INTERNAL)
    record Arithmetic(boolean plus, Operand left, Operand right) implements Operand {
        /** Rejects nulls. */
        public Arithmetic {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }
}
