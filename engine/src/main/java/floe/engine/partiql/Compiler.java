package floe.engine.partiql;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.error.ValidationException;
import floe.engine.table.IndexDefinition;
import floe.engine.table.TableDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a parsed statement, with its parameters and its table's definition, to the
 * {@link Plan} of the DynamoDB operation it amounts to. A SELECT whose WHERE fixes the
 * partition key of the table or index by equality is a Query (a GetItem when it fixes
 * the whole primary key and nothing else); any other SELECT is a Scan with the WHERE
 * as its filter. Writes need every key attribute fixed by equality; the rest of their
 * WHERE is their condition.
 */
final class Compiler {
    private static final Set<String> KEY_OPERATORS = Set.of("=", "<", "<=", ">", ">=");
    private static final Set<String> CONDITION_FUNCTIONS =
            Set.of("begins_with", "contains", "attribute_type", "attribute_exists", "attribute_not_exists");

    private final List<AttributeValue> parameters;
    private final Placeholders ph = new Placeholders();

    private Compiler(List<AttributeValue> parameters) {
        this.parameters = parameters;
    }

    static Plan compile(Statement statement, List<AttributeValue> parameters, TableDefinition table) {
        Compiler c = new Compiler(parameters);
        if (statement instanceof Statement.Select s) {
            return c.select(s, table);
        }
        if (statement instanceof Statement.Insert i) {
            return c.insert(i, table);
        }
        if (statement instanceof Statement.Update u) {
            return c.update(u, table);
        }
        if (statement instanceof Statement.Delete d) {
            return c.delete(d, table);
        }
        return c.exists((Statement.Exists) statement, table);
    }

    // ------------------------------------------------------------------ reads

    private Plan.Read select(Statement.Select s, TableDefinition table) {
        String pk;
        String sk;
        Set<String> keyNames = new HashSet<>();
        if (s.index() != null) {
            IndexDefinition index = table.index(s.index());
            if (index == null) {
                throw Errors.invalid("The table does not have the specified index");
            }
            index.keyAttributes().forEach(k -> keyNames.add(k.name()));
            pk = index.partitionKey().size() == 1 ? index.partitionKey().get(0).name() : null;
            sk = index.sortKey().size() == 1 ? index.sortKey().get(0).name() : null;
        } else {
            pk = table.partitionKey().name();
            sk = table.sortKey() == null ? null : table.sortKey().name();
            keyNames.add(pk);
            if (sk != null) {
                keyNames.add(sk);
            }
        }
        List<Expr> conjuncts = s.where() == null ? List.of() : conjuncts(s.where());
        int pkAt = pk == null ? -1 : equalityOn(conjuncts, pk);
        int inAt = pkAt >= 0 || pk == null ? -1 : inOn(conjuncts, pk);
        List<AttributeValue> partitions = null;
        Expr keyRange = null;
        List<Expr> rest = new ArrayList<>(conjuncts);
        boolean query = false;
        if (pkAt >= 0 || inAt >= 0) {
            Expr pkEquality = rest.remove(pkAt >= 0 ? pkAt : inAt);
            if (pkEquality instanceof Expr.In in) {
                // IN on the partition key: a Query of each partition in turn
                partitions = new ArrayList<>();
                for (Expr candidate : in.candidates()) {
                    AttributeValue v = value(candidate);
                    if (!partitions.contains(v)) {
                        partitions.add(v);
                    }
                }
            }
            if (pkAt >= 0 && s.index() == null && s.orderBy() == null) {
                int skAt = sk == null ? -1 : equalityOn(rest, sk);
                if ((sk == null && rest.isEmpty()) || (skAt >= 0 && rest.size() == 1)) {
                    Map<String, AttributeValue> key = new LinkedHashMap<>();
                    key.put(pk, keyValue(pkEquality, pk));
                    if (sk != null) {
                        key.put(sk, keyValue(rest.get(0), sk));
                    }
                    return new Plan.Read(
                            table.name(), null, key, null, null, projection(s), ph.names(), null, true, null);
                }
            }
            for (int i = 0; sk != null && i < rest.size(); i++) {
                if (isSortKeyCondition(rest.get(i), sk)) {
                    keyRange = rest.remove(i);
                    break;
                }
            }
            query = true;
            for (Expr e : rest) {
                for (String name : topNames(e)) {
                    if (keyNames.contains(name)) {
                        // a Query's filter may not name key attributes: the whole WHERE filters a Scan instead
                        query = false;
                    }
                }
            }
            if (query) {
                rest.add(0, pkEquality);
                if (keyRange != null) {
                    rest.add(1, keyRange);
                }
            }
        }
        if (s.orderBy() != null) {
            if (!query) {
                // DynamoDB's message as remembered, not confirmed
                throw Errors.invalid("Must have WHERE clause in the statement when using ORDER BY clause.");
            }
            if (!s.orderBy().isTop() || !s.orderBy().top().equals(sk)) {
                // a guess: DynamoDB's wording is not known
                throw Errors.invalid("Only the sort key of the table or index can be used in the ORDER BY clause.");
            }
        }
        String projection = projection(s);
        if (!query) {
            String filter = s.where() == null ? null : condition(s.where());
            return new Plan.Read(
                    table.name(), s.index(), null, null, filter, projection, ph.names(), ph.values(), true, null);
        }
        String keyCondition = keyCondition(rest.get(0)) + (keyRange == null ? "" : " AND " + keyCondition(rest.get(1)));
        List<Expr> filters = rest.subList(keyRange == null ? 1 : 2, rest.size());
        String filter = filters.isEmpty() ? null : conjunction(filters);
        return new Plan.Read(
                table.name(),
                s.index(),
                null,
                keyCondition,
                filter,
                projection,
                ph.names(),
                ph.values(),
                !s.descending(),
                partitions);
    }

    /** A key condition with the key attribute first, as key conditions have it: {@code 3 < n} is {@code n > 3}. */
    private String keyCondition(Expr e) {
        if (e instanceof Expr.In in) {
            return ph.path((Expr.Path) in.operand()) + " = " + Plan.PARTITION;
        }
        if (e instanceof Expr.Compare c && !(c.left() instanceof Expr.Path)) {
            String flipped =
                    switch (c.op()) {
                        case "<" -> ">";
                        case "<=" -> ">=";
                        case ">" -> "<";
                        case ">=" -> "<=";
                        default -> c.op();
                    };
            return condition(new Expr.Compare(flipped, c.right(), c.left()));
        }
        return condition(e);
    }

    private String projection(Statement.Select s) {
        if (s.projection() == null) {
            return null;
        }
        List<String> paths = new ArrayList<>();
        for (Expr.Path p : s.projection()) {
            paths.add(ph.path(p));
        }
        return String.join(", ", paths);
    }

    private static boolean isSortKeyCondition(Expr e, String sk) {
        if (e instanceof Expr.Compare c && KEY_OPERATORS.contains(c.op())) {
            return (isTopPath(c.left(), sk) && isValue(c.right())) || (isTopPath(c.right(), sk) && isValue(c.left()));
        }
        if (e instanceof Expr.Between b) {
            return isTopPath(b.operand(), sk) && isValue(b.low()) && isValue(b.high());
        }
        return e instanceof Expr.Call call
                && call.function().equals("begins_with")
                && call.args().size() == 2
                && isTopPath(call.args().get(0), sk)
                && isValue(call.args().get(1));
    }

    // ------------------------------------------------------------------ writes

    private Plan.Write insert(Statement.Insert i, TableDefinition table) {
        if (!isValue(i.value()) || !(value(i.value()) instanceof AttributeValue.M item)) {
            // an emulator's wording, not confirmed against DynamoDB
            throw Errors.malformed("Expected a tuple in VALUE");
        }
        // never an upsert: an item with the same key fails the condition, which is DuplicateItem
        String condition =
                "attribute_not_exists(" + ph.name(table.partitionKey().name()) + ")";
        return new Plan.Write(Plan.Kind.INSERT, table.name(), item.values(), null, condition, ph.names(), null, null);
    }

    /** The full key a write's WHERE fixes, and the rest of the WHERE, its condition. */
    private record Target(Map<String, AttributeValue> key, List<Expr> rest) {}

    private Target target(Expr where, TableDefinition table) {
        List<Expr> rest = new ArrayList<>(conjuncts(where));
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        names.add(table.partitionKey().name());
        if (table.sortKey() != null) {
            names.add(table.sortKey().name());
        }
        for (String name : names) {
            int at = equalityOn(rest, name);
            if (at < 0) {
                throw Errors.invalid(Errors.KEY_EQUALITY);
            }
            key.put(name, keyValue(rest.remove(at), name));
        }
        return new Target(key, rest);
    }

    private Plan.Write update(Statement.Update u, TableDefinition table) {
        Target target = target(u.where(), table);
        List<String> sets = new ArrayList<>();
        List<String> adds = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (Statement.Assignment a : u.sets()) {
            Expr v = a.value();
            if (v instanceof Expr.Call call
                    && (call.function().equals("set_add") || call.function().equals("set_delete"))) {
                if (call.args().size() != 2
                        || !call.args().get(0).equals(a.path())
                        || !isValue(call.args().get(1))) {
                    // a guess: DynamoDB's wording is not known
                    throw Errors.invalid("Unsupported operation: " + call.function()
                            + " must name the attribute it sets and a set value");
                }
                String clause =
                        ph.path(a.path()) + " " + ph.value(value(call.args().get(1)));
                (call.function().equals("set_add") ? adds : deletes).add(clause);
            } else {
                sets.add(ph.path(a.path()) + " = " + setValue(v));
            }
        }
        List<String> removes = new ArrayList<>();
        for (Expr.Path p : u.removes()) {
            removes.add(ph.path(p));
        }
        StringBuilder update = new StringBuilder();
        clause(update, "SET", sets);
        clause(update, "ADD", adds);
        clause(update, "DELETE", deletes);
        clause(update, "REMOVE", removes);
        // UPDATE never creates an item: a missing one fails the condition
        String condition = "attribute_exists(" + ph.name(table.partitionKey().name()) + ")";
        if (!target.rest().isEmpty()) {
            condition += " AND (" + conjunction(target.rest()) + ")";
        }
        String returnValues = u.returning() == null
                ? null
                : switch (u.returning()) {
                    case "ALL OLD" -> "ALL_OLD";
                    case "MODIFIED OLD" -> "UPDATED_OLD";
                    case "ALL NEW" -> "ALL_NEW";
                    default -> "UPDATED_NEW";
                };
        return new Plan.Write(
                Plan.Kind.UPDATE,
                table.name(),
                target.key(),
                update.toString(),
                condition,
                ph.names(),
                ph.values(),
                returnValues);
    }

    private static void clause(StringBuilder update, String keyword, List<String> parts) {
        if (!parts.isEmpty()) {
            if (update.length() > 0) {
                update.append(' ');
            }
            update.append(keyword).append(' ').append(String.join(", ", parts));
        }
    }

    private String setValue(Expr v) {
        if (v instanceof Expr.Arithmetic a) {
            return operand(a.left()) + " " + a.op() + " " + operand(a.right());
        }
        if (v instanceof Expr.Call call
                && (call.function().equals("list_append") || call.function().equals("if_not_exists"))
                && call.args().size() == 2) {
            return call.function() + "(" + operand(call.args().get(0)) + ", "
                    + operand(call.args().get(1)) + ")";
        }
        return operand(v);
    }

    private Plan.Write delete(Statement.Delete d, TableDefinition table) {
        if (d.returning() != null && !d.returning().equals("ALL OLD")) {
            throw Errors.invalid("Invalid returning clause: RETURNING " + d.returning()
                    + " *. Only RETURNING ALL OLD * is allowed in DELETE statements.");
        }
        Target target = target(d.where(), table);
        String condition = target.rest().isEmpty() ? null : conjunction(target.rest());
        return new Plan.Write(
                Plan.Kind.DELETE,
                table.name(),
                target.key(),
                null,
                condition,
                ph.names(),
                ph.values(),
                d.returning() == null ? null : "ALL_OLD");
    }

    private Plan.Write exists(Statement.Exists e, TableDefinition table) {
        if (e.select().where() == null) {
            throw Errors.invalid(Errors.KEY_EQUALITY);
        }
        Target target = target(e.select().where(), table);
        String exists = "attribute_exists(" + ph.name(table.partitionKey().name()) + ")";
        String condition;
        if (e.negated()) {
            condition = "attribute_not_exists(" + ph.name(table.partitionKey().name()) + ")";
            if (!target.rest().isEmpty()) {
                condition += " OR NOT (" + conjunction(target.rest()) + ")";
            }
        } else {
            condition = exists + (target.rest().isEmpty() ? "" : " AND (" + conjunction(target.rest()) + ")");
        }
        return new Plan.Write(
                Plan.Kind.CHECK, table.name(), target.key(), null, condition, ph.names(), ph.values(), null);
    }

    // ------------------------------------------------------------------ conditions and operands

    private static List<Expr> conjuncts(Expr e) {
        List<Expr> out = new ArrayList<>();
        List<Expr> todo = new ArrayList<>();
        todo.add(e);
        while (!todo.isEmpty()) {
            Expr x = todo.remove(todo.size() - 1);
            if (x instanceof Expr.And and) {
                todo.add(and.right());
                todo.add(and.left());
            } else {
                out.add(x);
            }
        }
        return out;
    }

    /** The position of the first conjunct {@code name = value}, or -1. */
    private static int equalityOn(List<Expr> conjuncts, String name) {
        for (int i = 0; i < conjuncts.size(); i++) {
            if (conjuncts.get(i) instanceof Expr.Compare c
                    && c.op().equals("=")
                    && ((isTopPath(c.left(), name) && isValue(c.right()))
                            || (isTopPath(c.right(), name) && isValue(c.left())))) {
                return i;
            }
        }
        return -1;
    }

    /** The position of the first conjunct {@code name IN (values ...)}, or -1. */
    private static int inOn(List<Expr> conjuncts, String name) {
        for (int i = 0; i < conjuncts.size(); i++) {
            if (conjuncts.get(i) instanceof Expr.In in
                    && isTopPath(in.operand(), name)
                    && !in.candidates().isEmpty()
                    && in.candidates().stream().allMatch(Compiler::isValue)) {
                return i;
            }
        }
        return -1;
    }

    private AttributeValue keyValue(Expr equality, String name) {
        Expr.Compare c = (Expr.Compare) equality;
        return value(isTopPath(c.left(), name) ? c.right() : c.left());
    }

    private static boolean isTopPath(Expr e, String name) {
        return e instanceof Expr.Path p && p.isTop() && p.top().equals(name);
    }

    private static Set<String> topNames(Expr e) {
        Set<String> names = new HashSet<>();
        List<Expr> todo = new ArrayList<>();
        todo.add(e);
        while (!todo.isEmpty()) {
            Expr x = todo.remove(todo.size() - 1);
            if (x instanceof Expr.Path p) {
                names.add(p.top());
            } else if (x instanceof Expr.Compare c) {
                todo.addAll(List.of(c.left(), c.right()));
            } else if (x instanceof Expr.Arithmetic a) {
                todo.addAll(List.of(a.left(), a.right()));
            } else if (x instanceof Expr.And a) {
                todo.addAll(List.of(a.left(), a.right()));
            } else if (x instanceof Expr.Or o) {
                todo.addAll(List.of(o.left(), o.right()));
            } else if (x instanceof Expr.Not n) {
                todo.add(n.operand());
            } else if (x instanceof Expr.Between b) {
                todo.addAll(List.of(b.operand(), b.low(), b.high()));
            } else if (x instanceof Expr.In in) {
                todo.add(in.operand());
                todo.addAll(in.candidates());
            } else if (x instanceof Expr.Is is) {
                todo.add(is.operand());
            } else if (x instanceof Expr.Call call) {
                todo.addAll(call.args());
            }
        }
        return names;
    }

    private String conjunction(List<Expr> conjuncts) {
        List<String> parts = new ArrayList<>();
        for (Expr e : conjuncts) {
            parts.add(e instanceof Expr.Or ? "(" + condition(e) + ")" : condition(e));
        }
        return String.join(" AND ", parts);
    }

    /** A condition as expression text; AND binds tighter than OR there as here. */
    private String condition(Expr e) {
        if (e instanceof Expr.Or o) {
            return condition(o.left()) + " OR " + condition(o.right());
        }
        if (e instanceof Expr.And a) {
            return conjunction(conjuncts(a));
        }
        if (e instanceof Expr.Not n) {
            return "NOT (" + condition(n.operand()) + ")";
        }
        if (e instanceof Expr.Compare c) {
            return operand(c.left()) + " " + c.op() + " " + operand(c.right());
        }
        if (e instanceof Expr.Between b) {
            return operand(b.operand()) + " BETWEEN " + operand(b.low()) + " AND " + operand(b.high());
        }
        if (e instanceof Expr.In in) {
            if (in.candidates().isEmpty()) {
                // a guess: DynamoDB's wording is not known
                throw Errors.malformed("Unexpected term");
            }
            List<String> candidates = new ArrayList<>();
            for (Expr c : in.candidates()) {
                candidates.add(operand(c));
            }
            return operand(in.operand()) + " IN (" + String.join(", ", candidates) + ")";
        }
        if (e instanceof Expr.Is is) {
            return is(is);
        }
        if (e instanceof Expr.Call call) {
            if (!CONDITION_FUNCTIONS.contains(call.function())) {
                throw unsupported(call.function());
            }
            List<String> args = new ArrayList<>();
            for (Expr a : call.args()) {
                args.add(operand(a));
            }
            return call.function() + "(" + String.join(", ", args) + ")";
        }
        throw unsupported(kind(e));
    }

    private String is(Expr.Is is) {
        if (!(is.operand() instanceof Expr.Path p)) {
            throw unsupported("Is" + (is.what().equals("MISSING") ? "Missing" : "Null"));
        }
        String path = ph.path(p);
        if (is.what().equals("MISSING")) {
            return (is.negated() ? "attribute_exists(" : "attribute_not_exists(") + path + ")";
        }
        // IS NULL: an attribute of type NULL (a guess at DynamoDB's reading; MISSING has its own test)
        String isNull = "attribute_type(" + path + ", " + ph.value(AttributeValue.s("NULL")) + ")";
        return is.negated() ? "(attribute_exists(" + path + ") AND NOT " + isNull + ")" : isNull;
    }

    /** An operand of a comparison or function: a path, a value, or {@code size(path)}. */
    private String operand(Expr e) {
        if (e instanceof Expr.Path p) {
            return ph.path(p);
        }
        if (isValue(e)) {
            return ph.value(value(e));
        }
        if (e instanceof Expr.Call call
                && call.function().equals("size")
                && call.args().size() == 1) {
            return "size(" + operand(call.args().get(0)) + ")";
        }
        throw unsupported(e instanceof Expr.Call call ? call.function() : kind(e));
    }

    private static String kind(Expr e) {
        return e.getClass().getSimpleName();
    }

    /** DynamoDB's form for a construct it parses but does not run ({@code Unsupported operation: IsType}). */
    private static ValidationException unsupported(String what) {
        return Errors.invalid("Unsupported operation: " + what);
    }

    // ------------------------------------------------------------------ values

    private static boolean isValue(Expr e) {
        return e instanceof Expr.Literal
                || e instanceof Expr.Param
                || e instanceof Expr.MapLiteral
                || e instanceof Expr.ListLiteral
                || e instanceof Expr.SetLiteral;
    }

    private AttributeValue value(Expr e) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Param p) {
            return parameters.get(p.index());
        }
        if (e instanceof Expr.MapLiteral m) {
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> values.put(k, element(v)));
            return AttributeValue.m(values);
        }
        if (e instanceof Expr.ListLiteral l) {
            List<AttributeValue> values = new ArrayList<>();
            for (Expr x : l.elements()) {
                values.add(element(x));
            }
            return new AttributeValue.L(values);
        }
        return set((Expr.SetLiteral) e);
    }

    private AttributeValue element(Expr e) {
        if (!isValue(e)) {
            throw unsupported(kind(e));
        }
        return value(e);
    }

    private AttributeValue set(Expr.SetLiteral s) {
        List<AttributeValue> members = new ArrayList<>();
        for (Expr x : s.elements()) {
            members.add(element(x));
        }
        if (members.isEmpty()) {
            // a guess: DynamoDB's wording for an empty set literal is not known
            throw Errors.invalid("One or more parameter values were invalid: An empty set is not supported");
        }
        AttributeValue.Type type = members.get(0).type();
        for (AttributeValue m : members) {
            if (m.type() != type) {
                // a guess: DynamoDB's wording for a set of mixed types is not known
                throw Errors.invalid("One or more parameter values were invalid: A set's members must be of one type");
            }
        }
        switch (type) {
            case S -> {
                List<String> strings = new ArrayList<>();
                members.forEach(m -> strings.add(((AttributeValue.S) m).value()));
                return AttributeValue.SS.of(strings);
            }
            case N -> {
                List<String> numbers = new ArrayList<>();
                members.forEach(m -> numbers.add(((AttributeValue.N) m).text()));
                return AttributeValue.NS.of(numbers);
            }
            case B -> {
                List<Bytes> bytes = new ArrayList<>();
                members.forEach(m -> bytes.add(((AttributeValue.B) m).value()));
                return AttributeValue.BS.of(bytes);
            }
            default ->
                throw Errors.invalid(
                        "One or more parameter values were invalid: A set's members must be strings, numbers or binaries");
        }
    }
}
