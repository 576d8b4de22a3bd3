package floe.engine.partiql;

import java.util.List;

/** A parsed statement. */
sealed interface Statement {
    /** The table the statement names. */
    String table();

    /** Whether the statement reads only. */
    default boolean isRead() {
        return this instanceof Select || this instanceof Exists;
    }

    /**
     * {@code SELECT projection FROM table[.index] [WHERE where] [ORDER BY orderBy [DESC]]}.
     *
     * @param projection the paths, or null for {@code *}
     * @param index the index, or null
     * @param where the condition, or null
     * @param orderBy the path ordered by, or null
     */
    record Select(
            List<Expr.Path> projection, String table, String index, Expr where, Expr.Path orderBy, boolean descending)
            implements Statement {}

    /** {@code INSERT INTO table VALUE value}. */
    record Insert(String table, Expr value) implements Statement {}

    /** One {@code SET path = value}. */
    record Assignment(Expr.Path path, Expr value) {}

    /**
     * {@code UPDATE table SET ... REMOVE ... WHERE where [RETURNING returning *]}.
     *
     * @param returning ALL OLD, MODIFIED OLD, ALL NEW or MODIFIED NEW, or null
     */
    record Update(String table, List<Assignment> sets, List<Expr.Path> removes, Expr where, String returning)
            implements Statement {}

    /** {@code DELETE FROM table WHERE where [RETURNING ALL OLD *]}. */
    record Delete(String table, Expr where, String returning) implements Statement {}

    /** {@code [NOT] EXISTS(SELECT ...)}: a condition check in a transaction. */
    record Exists(Select select, boolean negated) implements Statement {
        @Override
        public String table() {
            return select.table();
        }
    }
}
