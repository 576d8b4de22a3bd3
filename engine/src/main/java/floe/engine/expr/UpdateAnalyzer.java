package floe.engine.expr;

import floe.api.AttributeValue;
import floe.engine.expr.Syntax.Action;
import floe.engine.expr.Syntax.AddSyn;
import floe.engine.expr.Syntax.Arith;
import floe.engine.expr.Syntax.Call;
import floe.engine.expr.Syntax.DeleteSyn;
import floe.engine.expr.Syntax.Op;
import floe.engine.expr.Syntax.PathSyn;
import floe.engine.expr.Syntax.RemoveSyn;
import floe.engine.expr.Syntax.SetSyn;
import floe.engine.expr.Syntax.UpdateSyn;
import floe.engine.expr.Syntax.ValueRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks a parsed UpdateExpression with DynamoDB's rules and builds its
 * {@link UpdateExpression}. Errors come in the precedence dynalite's
 * updateParser.pegjs established against DynamoDB: reserved word; unknown function;
 * (then, not in dynalite: more than 300 operators; list_append nested in
 * list_append); a clause used twice; (path deeper than 32); undefined name;
 * undefined value; overlapping paths; conflicting paths; a wrong ADD/DELETE
 * operand; then function errors (operand count, document path, operand type).
 */
final class UpdateAnalyzer {
    private final Placeholders placeholders;

    private UpdateAnalyzer(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    static UpdateExpression analyze(UpdateSyn update, Placeholders placeholders) {
        return new UpdateAnalyzer(placeholders).run(update);
    }

    private UpdateExpression run(UpdateSyn update) {
        ExpressionKind kind = ExpressionKind.UPDATE;
        List<Action> actions = update.actions();
        String[] found = new String[2];
        forEachPath(actions, p -> {
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
        List<Call> calls = new ArrayList<>();
        for (Action a : actions) {
            if (a instanceof SetSyn s) {
                forEachCall(s.value(), calls::add);
            }
        }
        for (Call call : calls) {
            if (!ConditionAnalyzer.UPDATE_FUNCTIONS.containsKey(call.name())) {
                throw kind.error("Invalid function name; function: " + call.name());
            }
        }
        int operators = 0;
        for (Action a : actions) {
            if (a instanceof SetSyn s) {
                operators += ConditionAnalyzer.operators(s.value());
            }
        }
        if (operators > ConditionAnalyzer.MAX_OPERATORS) {
            throw kind.error("The expression contains too many operators; operator count: "
                    + (ConditionAnalyzer.MAX_OPERATORS + 1));
        }
        for (Call call : calls) {
            for (Op arg : call.args()) {
                // ScyllaDB observed DynamoDB refusing list_append(list_append(...), ...) with this wording.
                if (call.name().equals("list_append")
                        && arg instanceof Call inner
                        && inner.name().equals("list_append")) {
                    throw kind.error("The function is not allowed to be used this way in an expression; function: "
                            + inner.name());
                }
            }
        }
        if (update.duplicateSection() != null) {
            throw kind.error(
                    "The \"" + update.duplicateSection() + "\" section can only be used once in an update expression;");
        }
        if (found[1] != null) {
            throw kind.error(found[1]);
        }
        String[] undefined = new String[1];
        forEachPath(actions, p -> {
            if (undefined[0] == null) {
                undefined[0] = Names.undefinedName(p, placeholders);
            }
        });
        if (undefined[0] != null) {
            throw kind.error(undefined[0]);
        }
        for (Action a : actions) {
            for (ValueRef v : valueRefs(a)) {
                if (Names.value(v, placeholders) == null) {
                    throw kind.error(Names.undefinedValue(v.placeholder()));
                }
            }
        }
        List<Path> targets = new ArrayList<>(actions.size());
        for (Action a : actions) {
            targets.add(Names.resolve(a.path(), placeholders));
        }
        String overlap = Names.overlapOrConflict(targets);
        if (overlap != null) {
            throw kind.error(overlap);
        }
        for (Action a : actions) {
            String operand = addDeleteOperand(a);
            if (operand != null) {
                throw kind.error(operand);
            }
        }
        for (Action a : actions) {
            if (a instanceof SetSyn s) {
                String error = functionErrors(s.value());
                if (error != null) {
                    throw kind.error(error);
                }
            }
        }
        List<UpdateExpression.Action> built = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            Path path = targets.get(i);
            if (a instanceof SetSyn s) {
                built.add(new UpdateExpression.SetAction(path, operand(s.value())));
            } else if (a instanceof RemoveSyn) {
                built.add(new UpdateExpression.RemoveAction(path));
            } else if (a instanceof AddSyn add) {
                built.add(new UpdateExpression.AddAction(path, Names.value(add.value(), placeholders)));
            } else {
                built.add(new UpdateExpression.DeleteAction(path, Names.value(((DeleteSyn) a).value(), placeholders)));
            }
        }
        return new UpdateExpression(built, false);
    }

    /** Every path of the actions in the order written: target, then the paths of a SET value. */
    private static void forEachPath(List<Action> actions, Consumer<PathSyn> visit) {
        for (Action a : actions) {
            visit.accept(a.path());
            if (a instanceof SetSyn s) {
                Names.paths(s.value(), visit);
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

    private static List<ValueRef> valueRefs(Action a) {
        List<ValueRef> refs = new ArrayList<>();
        if (a instanceof SetSyn s) {
            collectValues(s.value(), refs);
        } else if (a instanceof AddSyn add) {
            refs.add(add.value());
        } else if (a instanceof DeleteSyn d) {
            refs.add(d.value());
        }
        return refs;
    }

    private static void collectValues(Op op, List<ValueRef> out) {
        if (op instanceof ValueRef v) {
            out.add(v);
        } else if (op instanceof Call call) {
            call.args().forEach(a -> collectValues(a, out));
        } else if (op instanceof Arith a) {
            collectValues(a.left(), out);
            collectValues(a.right(), out);
        }
    }

    /** ADD takes a number or a set, DELETE a set; the type names in these messages are DynamoDB's long ones. */
    private String addDeleteOperand(Action a) {
        AttributeValue value;
        String operator;
        if (a instanceof AddSyn add) {
            value = Names.value(add.value(), placeholders);
            operator = "ADD";
        } else if (a instanceof DeleteSyn d) {
            value = Names.value(d.value(), placeholders);
            operator = "DELETE";
        } else {
            return null;
        }
        String type =
                switch (value.type()) {
                    case S -> "STRING";
                    case N -> operator.equals("ADD") ? null : "NUMBER";
                    case B -> "BINARY";
                    case BOOL -> "BOOLEAN";
                    case NULL -> "NULL";
                    case L -> "LIST";
                    case M -> "MAP";
                    default -> null;
                };
        return type == null
                ? null
                : "Incorrect operand type for operator or function; operator: " + operator + ", operand type: " + type;
    }

    /** The first function or arithmetic error in {@code op}, innermost first. */
    private String functionErrors(Op op) {
        if (op instanceof Call call) {
            for (Op arg : call.args()) {
                String e = functionErrors(arg);
                if (e != null) {
                    return e;
                }
            }
            return functionError(call);
        }
        if (op instanceof Arith a) {
            String e = functionErrors(a.left());
            if (e == null) {
                e = functionErrors(a.right());
            }
            return e != null ? e : arithmeticError(a);
        }
        return null;
    }

    /** Operand count, document path and constant operand types of if_not_exists and list_append. */
    private String functionError(Call call) {
        int arity = ConditionAnalyzer.UPDATE_FUNCTIONS.get(call.name());
        if (call.args().size() != arity) {
            return ConditionAnalyzer.arityError(call.name(), call.args().size());
        }
        if (call.name().equals("if_not_exists")) {
            if (!(call.args().get(0) instanceof PathSyn)) {
                return "Operator or function requires a document path; operator or function: if_not_exists";
            }
            return null;
        }
        for (Op arg : call.args()) {
            AttributeValue value = arg instanceof ValueRef v ? Names.value(v, placeholders) : null;
            if (value != null && value.type() != AttributeValue.Type.L) {
                return ConditionAnalyzer.typeError("list_append", value.type().name());
            }
        }
        return null;
    }

    private String arithmeticError(Arith a) {
        for (Op side : List.of(a.left(), a.right())) {
            AttributeValue value = side instanceof ValueRef v ? Names.value(v, placeholders) : null;
            if (value != null && value.type() != AttributeValue.Type.N) {
                return ConditionAnalyzer.typeError(
                        a.plus() ? "+" : "-", value.type().name());
            }
        }
        return null;
    }

    private Operand operand(Op op) {
        if (op instanceof PathSyn p) {
            return new Operand.PathRef(Names.resolve(p, placeholders));
        }
        if (op instanceof ValueRef v) {
            return new Operand.Literal(Names.value(v, placeholders));
        }
        if (op instanceof Arith a) {
            return new Operand.Arithmetic(a.plus(), operand(a.left()), operand(a.right()));
        }
        Call call = (Call) op;
        if (call.name().equals("if_not_exists")) {
            return new Operand.IfNotExists(
                    Names.resolve((PathSyn) call.args().get(0), placeholders),
                    operand(call.args().get(1)));
        }
        return new Operand.ListAppend(
                operand(call.args().get(0)), operand(call.args().get(1)));
    }
}
