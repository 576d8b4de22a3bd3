package floe.engine.partiql;

import floe.api.AttributeValue;
import floe.api.error.FloeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a PartiQL statement does, as an authorizer needs to know it before the statement
 * runs: its kind, the table (and index) it names, the top-level attributes it reads or
 * writes, and the values it pins top-level attributes to ({@code WHERE pk = ?},
 * {@code pk IN [...]}, an INSERT's item), from which the caller picks the partition key's.
 * Read with the same parser the engine runs, so that the two never disagree.
 *
 * @param kind SELECT, INSERT, UPDATE, DELETE, or EXISTS (a transaction's condition check)
 * @param table the table
 * @param index the index, or null
 * @param attributes the top-level attribute names read or written; null for a SELECT of {@code *}
 * @param pinned for each top-level attribute the statement fixes by equality, the values it may take
 */
public record StatementShape(
        String kind, String table, String index, Set<String> attributes, Map<String, List<AttributeValue>> pinned) {

    /**
     * Describes a statement.
     *
     * @param statement the statement
     * @param parameters its {@code ?} parameters, or null
     * @return its shape, or null when it does not parse or its parameters do not fit (running it fails, with
     *     DynamoDB's message)
     */
    public static StatementShape of(String statement, List<AttributeValue> parameters) {
        if (statement == null) {
            return null;
        }
        Parser.Parsed parsed;
        try {
            parsed = Parser.parse(statement);
        } catch (FloeException | IllegalArgumentException e) {
            return null;
        }
        List<AttributeValue> params = parameters == null ? List.of() : parameters;
        if (params.size() != parsed.parameters()) {
            return null;
        }
        Statement s = parsed.statement();
        Map<String, List<AttributeValue>> pinned = new LinkedHashMap<>();
        Set<String> attributes = new LinkedHashSet<>();
        if (s instanceof Statement.Select sel) {
            return select("SELECT", sel, params, pinned, attributes);
        }
        if (s instanceof Statement.Exists ex) {
            return select("EXISTS", ex.select(), params, pinned, attributes);
        }
        if (s instanceof Statement.Insert ins) {
            if (ins.value() instanceof Expr.MapLiteral m) {
                for (var e : m.entries().entrySet()) {
                    attributes.add(e.getKey());
                    AttributeValue v = value(e.getValue(), params);
                    if (v != null) {
                        pinned.put(e.getKey(), List.of(v));
                    }
                }
            } else if (value(ins.value(), params) instanceof AttributeValue.M m) {
                for (var e : m.values().entrySet()) {
                    attributes.add(e.getKey());
                    pinned.put(e.getKey(), List.of(e.getValue()));
                }
            }
            return new StatementShape("INSERT", ins.table(), null, attributes, pinned);
        }
        if (s instanceof Statement.Update up) {
            for (Statement.Assignment a : up.sets()) {
                attributes.add(a.path().top());
            }
            for (Expr.Path p : up.removes()) {
                attributes.add(p.top());
            }
            where(up.where(), params, pinned, attributes);
            return new StatementShape("UPDATE", up.table(), null, attributes, pinned);
        }
        Statement.Delete del = (Statement.Delete) s;
        where(del.where(), params, pinned, attributes);
        return new StatementShape("DELETE", del.table(), null, attributes, pinned);
    }

    private static StatementShape select(
            String kind,
            Statement.Select sel,
            List<AttributeValue> params,
            Map<String, List<AttributeValue>> pinned,
            Set<String> attributes) {
        where(sel.where(), params, pinned, new LinkedHashSet<>());
        Set<String> projected = null;
        if (sel.projection() != null) {
            projected = new LinkedHashSet<>();
            for (Expr.Path p : sel.projection()) {
                projected.add(p.top());
            }
        }
        return new StatementShape(kind, sel.table(), sel.index(), projected, pinned);
    }

    /** The equalities of a WHERE clause's top-level AND terms ({@code a = v}, {@code a IN [v, ...]}). */
    private static void where(
            Expr e, List<AttributeValue> params, Map<String, List<AttributeValue>> pinned, Set<String> attributes) {
        if (e instanceof Expr.And and) {
            where(and.left(), params, pinned, attributes);
            where(and.right(), params, pinned, attributes);
        } else if (e instanceof Expr.Compare c && c.op().equals("=")) {
            Expr.Path path = c.left() instanceof Expr.Path p ? p : c.right() instanceof Expr.Path p ? p : null;
            Expr other = path == c.left() ? c.right() : c.left();
            AttributeValue v = value(other, params);
            if (path != null && path.isTop() && v != null) {
                pinned.put(path.top(), List.of(v));
                attributes.add(path.top());
            }
        } else if (e instanceof Expr.In in && in.operand() instanceof Expr.Path p && p.isTop()) {
            List<AttributeValue> values = new ArrayList<>();
            for (Expr x : in.candidates()) {
                AttributeValue v = value(x, params);
                if (v == null) {
                    return;
                }
                values.add(v);
            }
            pinned.put(p.top(), List.copyOf(values));
            attributes.add(p.top());
        }
    }

    /** A literal's or parameter's value; null for anything computed. */
    private static AttributeValue value(Expr e, List<AttributeValue> params) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Param p && p.index() < params.size()) {
            return params.get(p.index());
        }
        return null;
    }
}
