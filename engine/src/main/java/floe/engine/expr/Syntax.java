package floe.engine.expr;

import java.util.List;

/**
 * The parser's output: the expression as written, placeholders unresolved and
 * function calls generic (any name, any arity). The analyzers check it with
 * DynamoDB's rules and error precedence and build the public AST from it.
 */
final class Syntax {
    private Syntax() {}

    /** A condition or an operand; the parser needs both where a parenthesis could open either. */
    sealed interface Node permits Cond, Op {}

    /** An operand. */
    sealed interface Op extends Node permits PathSyn, ValueRef, Call, Arith {}

    /** A path step as written. */
    sealed interface Elem permits NameElem, IndexElem {}

    /** A name, literal ({@code a}) or placeholder ({@code #a}). */
    record NameElem(String text, boolean placeholder) implements Elem {}

    /** A list index. */
    record IndexElem(int index) implements Elem {}

    /** A document path. */
    record PathSyn(List<Elem> elements) implements Op {}

    /** A {@code :value} placeholder. */
    record ValueRef(String placeholder) implements Op {}

    /** A function call, any name and arity. */
    record Call(String name, List<Op> args) implements Op {}

    /** {@code left + right} or {@code left - right} (SET only). */
    record Arith(boolean plus, Op left, Op right) implements Op {}

    /** A condition. */
    sealed interface Cond extends Node permits CompareSyn, BetweenSyn, InSyn, AndSyn, OrSyn, NotSyn, FuncCond {}

    record CompareSyn(CompareOp op, Op left, Op right) implements Cond {}

    record BetweenSyn(Op value, Op low, Op high) implements Cond {}

    record InSyn(Op value, List<Op> candidates) implements Cond {}

    record AndSyn(Cond left, Cond right) implements Cond {}

    record OrSyn(Cond left, Cond right) implements Cond {}

    record NotSyn(Cond condition) implements Cond {}

    /** A function call used as a condition, such as {@code attribute_exists(a)}. */
    record FuncCond(Call call) implements Cond {}

    /** One action of an update expression. */
    sealed interface Action permits SetSyn, RemoveSyn, AddSyn, DeleteSyn {
        PathSyn path();
    }

    record SetSyn(PathSyn path, Op value) implements Action {}

    record RemoveSyn(PathSyn path) implements Action {}

    record AddSyn(PathSyn path, ValueRef value) implements Action {}

    record DeleteSyn(PathSyn path, ValueRef value) implements Action {}

    /**
     * An update expression.
     *
     * @param actions the actions in the order written
     * @param duplicateSection the first clause written twice ({@code SET} ...), or null
     */
    record UpdateSyn(List<Action> actions, String duplicateSection) {}
}
