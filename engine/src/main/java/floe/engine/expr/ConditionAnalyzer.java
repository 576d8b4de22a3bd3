package floe.engine.expr;

import floe.api.AttributeValue;
import floe.engine.expr.Syntax.AndSyn;
import floe.engine.expr.Syntax.Arith;
import floe.engine.expr.Syntax.BetweenSyn;
import floe.engine.expr.Syntax.Call;
import floe.engine.expr.Syntax.CompareSyn;
import floe.engine.expr.Syntax.Cond;
import floe.engine.expr.Syntax.FuncCond;
import floe.engine.expr.Syntax.InSyn;
import floe.engine.expr.Syntax.NotSyn;
import floe.engine.expr.Syntax.Op;
import floe.engine.expr.Syntax.OrSyn;
import floe.engine.expr.Syntax.PathSyn;
import floe.engine.expr.Syntax.ValueRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks a parsed condition (ConditionExpression, FilterExpression,
 * KeyConditionExpression) with DynamoDB's rules and builds its {@link ConditionNode}.
 *
 * <p>Errors are reported with DynamoDB's precedence, the order dynalite's
 * conditionParser.pegjs established against DynamoDB (the operator-count and
 * path-depth checks, which dynalite lacks, are placed where the observed behaviour
 * allows; see the report):
 * <ol>
 * <li>redundant parentheses;
 * <li>an unknown function (the innermost first);
 * <li>more than 300 operators;
 * <li>a function used where it is not allowed;
 * <li>a reserved word used as a name;
 * <li>a document path deeper than 32;
 * <li>then, for the first simple condition (comparison, BETWEEN, IN or function)
 * in the order written that has an error: an undefined placeholder, else a wrong
 * number of operands, else identical first and second operands, else a wrong
 * operand type.
 * </ol>
 */
final class ConditionAnalyzer {
    static final int MAX_OPERATORS = 300;
    static final int MAX_IN_OPERANDS = 100;
    /** Functions of conditions, with their operand counts. */
    static final Map<String, Integer> CONDITION_FUNCTIONS = Map.of(
            "attribute_exists",
            1,
            "attribute_not_exists",
            1,
            "attribute_type",
            2,
            "begins_with",
            2,
            "contains",
            2,
            "size",
            1);
    /** Functions of update expressions, with their operand counts. */
    static final Map<String, Integer> UPDATE_FUNCTIONS = Map.of("if_not_exists", 2, "list_append", 2);
    /** What DynamoDB's message shows as the possible types of a path given to attribute_type (dynalite). */
    private static final String ANY_TYPE = "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}";

    private static final String VALID_TYPES = "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}";

    private final ExpressionKind kind;
    private final Placeholders placeholders;

    private ConditionAnalyzer(ExpressionKind kind, Placeholders placeholders) {
        this.kind = kind;
        this.placeholders = placeholders;
    }

    static ConditionNode analyze(Cond root, boolean redundantParens, ExpressionKind kind, Placeholders placeholders) {
        return new ConditionAnalyzer(kind, placeholders).run(root, redundantParens);
    }

    private ConditionNode run(Cond root, boolean redundantParens) {
        if (redundantParens) {
            throw kind.error("The expression has redundant parentheses;");
        }
        String unknown = firstUnknownFunction(root);
        if (unknown != null) {
            throw kind.error("Invalid function name; function: " + unknown);
        }
        if (operators(root) > MAX_OPERATORS) {
            // DynamoDB stops counting at 301, so the message always says 301 (ScyllaDB test_limits.py).
            throw kind.error("The expression contains too many operators; operator count: " + (MAX_OPERATORS + 1));
        }
        String misused = misusedFunction(root);
        if (misused == null && root instanceof FuncCond f) {
            misused = misusedAsCondition(f);
        }
        if (misused != null) {
            throw kind.error("The function is not allowed to be used this way in an expression; function: " + misused);
        }
        String[] found = new String[2];
        forEachPath(root, p -> {
            if (found[0] == null) {
                found[0] = Names.reserved(p);
            }
            if (found[1] == null) {
                found[1] = Names.nesting(p);
            }
        });
        if (found[0] != null) {
            throw kind.error("Attribute name is a reserved keyword; reserved keyword: " + found[0]);
        }
        if (found[1] != null) {
            throw kind.error(found[1]);
        }
        return build(root);
    }

    // ---- whole-tree walks

    private static String firstUnknownFunction(Cond c) {
        List<Call> calls = new ArrayList<>();
        forEachCall(c, calls::add);
        for (Call call : calls) {
            if (!CONDITION_FUNCTIONS.containsKey(call.name()) && !UPDATE_FUNCTIONS.containsKey(call.name())) {
                return call.name();
            }
        }
        return null;
    }

    /** Visits every call, innermost first, in the order written. */
    private static void forEachCall(Cond c, Consumer<Call> visit) {
        if (c instanceof AndSyn a) {
            forEachCall(a.left(), visit);
            forEachCall(a.right(), visit);
        } else if (c instanceof OrSyn o) {
            forEachCall(o.left(), visit);
            forEachCall(o.right(), visit);
        } else if (c instanceof NotSyn n) {
            forEachCall(n.condition(), visit);
        } else {
            for (Op op : operands(c)) {
                forEachCall(op, visit);
            }
        }
    }

    private static void forEachCall(Op op, Consumer<Call> visit) {
        if (op instanceof Call call) {
            for (Op arg : call.args()) {
                forEachCall(arg, visit);
            }
            visit.accept(call);
        } else if (op instanceof Arith a) {
            forEachCall(a.left(), visit);
            forEachCall(a.right(), visit);
        }
    }

    private static void forEachPath(Cond c, Consumer<PathSyn> visit) {
        if (c instanceof AndSyn a) {
            forEachPath(a.left(), visit);
            forEachPath(a.right(), visit);
        } else if (c instanceof OrSyn o) {
            forEachPath(o.left(), visit);
            forEachPath(o.right(), visit);
        } else if (c instanceof NotSyn n) {
            forEachPath(n.condition(), visit);
        } else {
            for (Op op : operands(c)) {
                Names.paths(op, visit);
            }
        }
    }

    /** The operands of a simple condition, in the order written. */
    private static List<Op> operands(Cond c) {
        if (c instanceof CompareSyn cmp) {
            return List.of(cmp.left(), cmp.right());
        }
        if (c instanceof BetweenSyn b) {
            return List.of(b.value(), b.low(), b.high());
        }
        if (c instanceof InSyn in) {
            List<Op> all = new ArrayList<>(in.candidates().size() + 1);
            all.add(in.value());
            all.addAll(in.candidates());
            return all;
        }
        return List.of(((FuncCond) c).call());
    }

    /** Comparators, BETWEEN, IN, AND, OR, NOT and function calls each count as one operator. */
    static int operators(Cond c) {
        if (c instanceof AndSyn a) {
            return 1 + operators(a.left()) + operators(a.right());
        }
        if (c instanceof OrSyn o) {
            return 1 + operators(o.left()) + operators(o.right());
        }
        if (c instanceof NotSyn n) {
            return 1 + operators(n.condition());
        }
        int count = c instanceof FuncCond ? 0 : 1;
        for (Op op : operands(c)) {
            count += operators(op);
        }
        return count;
    }

    static int operators(Op op) {
        if (op instanceof Call call) {
            int count = 1;
            for (Op arg : call.args()) {
                count += operators(arg);
            }
            return count;
        }
        if (op instanceof Arith a) {
            return 1 + operators(a.left()) + operators(a.right());
        }
        return 0;
    }

    /**
     * The first function used where DynamoDB does not allow it, innermost first:
     * only {@code size} may be an operand (of a comparison, BETWEEN, IN or another
     * function), and {@code size} and the update functions cannot be conditions.
     */
    private static String misusedFunction(Cond c) {
        if (c instanceof AndSyn a) {
            return first(
                    misusedFunction(a.left()),
                    misusedFunction(a.right()),
                    misusedAsCondition(a.left()),
                    misusedAsCondition(a.right()));
        }
        if (c instanceof OrSyn o) {
            return first(
                    misusedFunction(o.left()),
                    misusedFunction(o.right()),
                    misusedAsCondition(o.left()),
                    misusedAsCondition(o.right()));
        }
        if (c instanceof NotSyn n) {
            return first(misusedFunction(n.condition()), misusedAsCondition(n.condition()), null, null);
        }
        if (c instanceof FuncCond f) {
            return misusedInArguments(f.call());
        }
        for (Op op : operands(c)) {
            String m = misusedInArguments(op);
            if (m != null) {
                return m;
            }
        }
        for (Op op : operands(c)) {
            if (op instanceof Call call && !call.name().equals("size")) {
                return call.name();
            }
        }
        return null;
    }

    private static String misusedInArguments(Op op) {
        if (!(op instanceof Call call)) {
            return null;
        }
        for (Op arg : call.args()) {
            String m = misusedInArguments(arg);
            if (m != null) {
                return m;
            }
        }
        for (Op arg : call.args()) {
            if (arg instanceof Call inner && !inner.name().equals("size")) {
                return inner.name();
            }
        }
        return null;
    }

    private static String misusedAsCondition(Cond c) {
        if (c instanceof FuncCond f) {
            String name = f.call().name();
            if (name.equals("size") || UPDATE_FUNCTIONS.containsKey(name)) {
                return name;
            }
        }
        return null;
    }

    private static String first(String a, String b, String c, String d) {
        return a != null ? a : b != null ? b : c != null ? c : d;
    }

    // ---- simple conditions

    /** The errors of one simple condition, each kind keeping its first. */
    private static final class Errors {
        String undefined;
        String operands;
        String distinct;
        String type;

        void undefined(String m) {
            if (undefined == null) {
                undefined = m;
            }
        }

        void operands(String m) {
            if (operands == null) {
                operands = m;
            }
        }

        void distinct(String m) {
            if (distinct == null) {
                distinct = m;
            }
        }

        void type(String m) {
            if (type == null) {
                type = m;
            }
        }

        String first() {
            return undefined != null ? undefined : operands != null ? operands : distinct != null ? distinct : type;
        }
    }

    private ConditionNode build(Cond c) {
        if (c instanceof AndSyn a) {
            ConditionNode left = build(a.left());
            return new ConditionNode.And(left, build(a.right()));
        }
        if (c instanceof OrSyn o) {
            ConditionNode left = build(o.left());
            return new ConditionNode.Or(left, build(o.right()));
        }
        if (c instanceof NotSyn n) {
            return new ConditionNode.Not(build(n.condition()));
        }
        Errors errors = new Errors();
        ConditionNode node = simple(c, errors);
        String error = errors.first();
        if (error != null) {
            throw kind.error(error);
        }
        return node;
    }

    private ConditionNode simple(Cond c, Errors e) {
        if (c instanceof CompareSyn cmp) {
            Operand left = operand(cmp.left(), e);
            Operand right = operand(cmp.right(), e);
            distinct(cmp.op().symbol(), cmp.left(), cmp.right(), e);
            if (cmp.op().isOrdering()) {
                orderable(cmp.op().symbol(), cmp.left(), e);
                orderable(cmp.op().symbol(), cmp.right(), e);
            }
            return e.first() != null ? null : new ConditionNode.Compare(cmp.op(), left, right);
        }
        if (c instanceof BetweenSyn b) {
            Operand value = operand(b.value(), e);
            Operand low = operand(b.low(), e);
            Operand high = operand(b.high(), e);
            orderable("BETWEEN", b.value(), e);
            orderable("BETWEEN", b.low(), e);
            orderable("BETWEEN", b.high(), e);
            if (low instanceof Operand.Literal lo && high instanceof Operand.Literal hi && e.type == null) {
                String bounds = "lower bound operand: AttributeValue: {" + Values.describe(lo.value())
                        + "}, upper bound operand: AttributeValue: {" + Values.describe(hi.value()) + "}";
                if (lo.value().type() != hi.value().type()) {
                    e.type("The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
                } else if (Values.compare(lo.value(), hi.value()) > 0) {
                    e.type("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                            + bounds);
                }
            }
            return e.first() != null ? null : new ConditionNode.Between(value, low, high);
        }
        if (c instanceof InSyn in) {
            Operand value = operand(in.value(), e);
            List<Operand> candidates = new ArrayList<>(in.candidates().size());
            for (Op op : in.candidates()) {
                candidates.add(operand(op, e));
            }
            int count = in.candidates().size() + 1;
            if (count > MAX_IN_OPERANDS) {
                // Best guess: DynamoDB's PartiQL wording (the expression wording is not on record).
                e.operands("The IN operator is provided with too many operands; number of operands: " + count);
            }
            return e.first() != null ? null : new ConditionNode.In(value, candidates);
        }
        return function(((FuncCond) c).call(), e);
    }

    private ConditionNode function(Call call, Errors e) {
        List<Operand> args = new ArrayList<>(call.args().size());
        for (Op op : call.args()) {
            args.add(operand(op, e));
        }
        String name = call.name();
        int arity = CONDITION_FUNCTIONS.get(name);
        if (call.args().size() != arity) {
            e.operands(arityError(name, call.args().size()));
            return null;
        }
        if (arity == 2) {
            distinct(name, call.args().get(0), call.args().get(1), e);
        }
        Op first = call.args().get(0);
        switch (name) {
            case "attribute_exists", "attribute_not_exists" -> {
                if (!(first instanceof PathSyn)) {
                    e.type("Operator or function requires a document path; operator or function: " + name);
                }
            }
            case "begins_with" -> {
                for (Op op : call.args()) {
                    AttributeValue.Type t = staticType(op);
                    if (t != null && t != AttributeValue.Type.S && t != AttributeValue.Type.B) {
                        e.type(typeError(name, t.name()));
                        break;
                    }
                }
            }
            case "attribute_type" -> {
                Op typeOp = call.args().get(1);
                AttributeValue.Type t = staticType(typeOp);
                if (t != AttributeValue.Type.S) {
                    e.type(typeError(name, t == null ? ANY_TYPE : t.name()));
                } else if (e.first() == null) {
                    String typeName = ((AttributeValue.S) ((Operand.Literal) args.get(1)).value()).value();
                    if (AttributeValue.Type.fromDescriptor(typeName) == null) {
                        e.type("Invalid attribute type name found; type: " + typeName + ", valid types: "
                                + VALID_TYPES);
                    }
                }
            }
            default -> {}
        }
        if (e.first() != null) {
            return null;
        }
        Operand a = args.get(0);
        return switch (name) {
            case "attribute_exists" -> new ConditionNode.AttributeExists(((Operand.PathRef) a).path());
            case "attribute_not_exists" -> new ConditionNode.AttributeNotExists(((Operand.PathRef) a).path());
            case "attribute_type" ->
                new ConditionNode.AttributeType(
                        a,
                        AttributeValue.Type.fromDescriptor(
                                ((AttributeValue.S) ((Operand.Literal) args.get(1)).value()).value()));
            case "begins_with" -> new ConditionNode.BeginsWith(a, args.get(1));
            default -> new ConditionNode.Contains(a, args.get(1));
        };
    }

    /** Resolves an operand of a condition; the only call that can reach here is {@code size}. */
    private Operand operand(Op op, Errors e) {
        if (op instanceof PathSyn p) {
            String undefined = Names.undefinedName(p, placeholders);
            if (undefined != null) {
                e.undefined(undefined);
                return null;
            }
            return new Operand.PathRef(Names.resolve(p, placeholders));
        }
        if (op instanceof ValueRef v) {
            AttributeValue value = Names.value(v, placeholders);
            if (value == null) {
                e.undefined(Names.undefinedValue(v.placeholder()));
                return null;
            }
            return new Operand.Literal(value);
        }
        Call call = (Call) op;
        List<Operand> args = new ArrayList<>(call.args().size());
        for (Op arg : call.args()) {
            args.add(operand(arg, e));
        }
        if (call.args().size() != 1) {
            e.operands(arityError("size", call.args().size()));
            return null;
        }
        AttributeValue.Type t = staticType(call.args().get(0));
        if (t == AttributeValue.Type.N || t == AttributeValue.Type.BOOL || t == AttributeValue.Type.NULL) {
            e.type(typeError("size", t.name()));
        }
        return args.get(0) == null ? null : new Operand.Size(args.get(0));
    }

    /** The type an operand is known to have before evaluation: a constant's, or N for size(); else null. */
    private AttributeValue.Type staticType(Op op) {
        if (op instanceof ValueRef v) {
            AttributeValue value = placeholders.value(v.placeholder());
            return value == null ? null : value.type();
        }
        if (op instanceof Call call && call.name().equals("size")) {
            return AttributeValue.Type.N;
        }
        return null;
    }

    private void orderable(String operator, Op op, Errors e) {
        AttributeValue.Type t = staticType(op);
        if (t != null && t != AttributeValue.Type.S && t != AttributeValue.Type.N && t != AttributeValue.Type.B) {
            // Wording and operand positions verified against DynamoDB by ExtendDB's
            // tests/test_expr_operand_type_and_size.py.
            e.type(typeError(operator, t.name()));
        }
    }

    private void distinct(String operator, Op first, Op second, Errors e) {
        if (first instanceof PathSyn a && second instanceof PathSyn b && e.undefined == null) {
            Path pa = Names.resolve(a, placeholders);
            if (pa.equals(Names.resolve(b, placeholders))) {
                // Wording captured from DynamoDB (nubo-db/dynamodb-conformance captures, probe b_put_contains_dup).
                e.distinct("The first operand must be distinct from the remaining operands for this operator or "
                        + "function; operator: " + operator + ", first operand: " + pa);
            }
        }
    }

    static String arityError(String function, int count) {
        return "Incorrect number of operands for operator or function; operator or function: " + function
                + ", number of operands: " + count;
    }

    static String typeError(String function, String type) {
        return "Incorrect operand type for operator or function; operator or function: " + function + ", operand type: "
                + type;
    }
}
