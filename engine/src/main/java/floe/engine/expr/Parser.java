package floe.engine.expr;

import floe.api.error.ValidationException;
import floe.engine.expr.Lexer.Kind;
import floe.engine.expr.Lexer.Token;
import floe.engine.expr.Syntax.Action;
import floe.engine.expr.Syntax.AddSyn;
import floe.engine.expr.Syntax.AndSyn;
import floe.engine.expr.Syntax.Arith;
import floe.engine.expr.Syntax.BetweenSyn;
import floe.engine.expr.Syntax.Call;
import floe.engine.expr.Syntax.CompareSyn;
import floe.engine.expr.Syntax.Cond;
import floe.engine.expr.Syntax.DeleteSyn;
import floe.engine.expr.Syntax.Elem;
import floe.engine.expr.Syntax.FuncCond;
import floe.engine.expr.Syntax.InSyn;
import floe.engine.expr.Syntax.IndexElem;
import floe.engine.expr.Syntax.NameElem;
import floe.engine.expr.Syntax.Node;
import floe.engine.expr.Syntax.NotSyn;
import floe.engine.expr.Syntax.Op;
import floe.engine.expr.Syntax.OrSyn;
import floe.engine.expr.Syntax.PathSyn;
import floe.engine.expr.Syntax.RemoveSyn;
import floe.engine.expr.Syntax.SetSyn;
import floe.engine.expr.Syntax.UpdateSyn;
import floe.engine.expr.Syntax.ValueRef;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for the three grammars (condition, update, projection).
 * It reports only syntax errors, as {@code Syntax error; token: "x", near: "w x y"}
 * where {@code near} spans the token before, the bad token and the token after,
 * as DynamoDB's messages do. Everything else (names, functions, types, limits) is
 * the analyzers' job, because DynamoDB reports those with a precedence of its own.
 *
 * <p>Condition grammar, precedence NOT &gt; AND &gt; OR, comparisons tighter still:
 * <pre>
 * or      := and (OR and)*
 * and     := not (AND not)*
 * not     := NOT* primary
 * primary := '(' or ')' [continuation] | atom [continuation]
 * continuation := comparator operand | BETWEEN operand AND operand | IN '(' operand (',' operand)* ')'
 * operand := '(' operand ')' | atom
 * atom    := name '(' operand (',' operand)* ')' | path | :value
 * path    := (name | #name) ('.' (name | #name) | '[' digits ']')*
 * </pre>
 * A parenthesis may open a condition or an operand, so the primary rule parses
 * either and decides by what follows, with no backtracking.
 */
final class Parser {
    private static final List<String> CONDITION_KEYWORDS = List.of("AND", "OR", "NOT", "BETWEEN", "IN");
    private static final List<String> UPDATE_KEYWORDS = List.of("SET", "REMOVE", "ADD", "DELETE");

    /** A parsed node and whether it was written inside its own parentheses. */
    private record Parsed(Node node, boolean parenthesized) {}

    private final String source;
    private final ExpressionKind kind;
    private final List<Token> tokens;
    private final List<String> keywords;
    private int pos;
    /** Set when a parenthesis directly encloses another: {@code ((x))}. */
    boolean redundantParens;

    Parser(String source, ExpressionKind kind) {
        this.source = source;
        this.kind = kind;
        this.tokens = Lexer.tokenize(source);
        this.keywords =
                kind.isCondition() ? CONDITION_KEYWORDS : kind == ExpressionKind.UPDATE ? UPDATE_KEYWORDS : List.of();
    }

    /** The deepest nesting of parentheses, to decide how much stack parsing needs. */
    static int parenDepth(String source) {
        int depth = 0;
        int max = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
        }
        return max;
    }

    // ---- entry points

    Cond parseCondition() {
        Parsed p = parseOr();
        Cond c = asCondition(p);
        expect(Kind.EOF);
        return c;
    }

    UpdateSyn parseUpdate() {
        List<Action> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String duplicate = null;
        do {
            Token t = peek();
            String clause = clauseKeyword(t);
            if (clause == null) {
                throw syntaxError();
            }
            pos++;
            if (!seen.add(clause) && duplicate == null) {
                duplicate = clause;
            }
            do {
                actions.add(parseAction(clause));
            } while (accept(Kind.COMMA));
        } while (peek().kind() != Kind.EOF);
        return new UpdateSyn(actions, duplicate);
    }

    List<PathSyn> parseProjection() {
        List<PathSyn> paths = new ArrayList<>();
        do {
            paths.add(parsePath());
        } while (accept(Kind.COMMA));
        expect(Kind.EOF);
        return paths;
    }

    // ---- conditions

    private Parsed parseOr() {
        Parsed left = parseAnd();
        while (peek().isKeyword("OR")) {
            Cond l = asCondition(left);
            pos++;
            Cond r = asCondition(parseAnd());
            left = new Parsed(new OrSyn(l, r), false);
        }
        return left;
    }

    private Parsed parseAnd() {
        Parsed left = parseNot();
        while (peek().isKeyword("AND")) {
            Cond l = asCondition(left);
            pos++;
            Cond r = asCondition(parseNot());
            left = new Parsed(new AndSyn(l, r), false);
        }
        return left;
    }

    private Parsed parseNot() {
        int nots = 0;
        while (peek().isKeyword("NOT")) {
            pos++;
            nots++;
        }
        Parsed p = parsePrimary();
        if (nots == 0) {
            return p;
        }
        Cond c = asCondition(p);
        for (int i = 0; i < nots; i++) {
            c = new NotSyn(c);
        }
        return new Parsed(c, false);
    }

    private Parsed parsePrimary() {
        if (peek().kind() == Kind.LPAREN) {
            pos++;
            Parsed inner = parseOr();
            expect(Kind.RPAREN);
            if (inner.parenthesized()) {
                redundantParens = true;
            }
            if (inner.node() instanceof Op op) {
                return continueOperand(op, true);
            }
            return new Parsed(inner.node(), true);
        }
        return continueOperand(parseAtom(), false);
    }

    /** After an operand: a comparison, BETWEEN or IN makes it a condition; otherwise it stays an operand. */
    private Parsed continueOperand(Op left, boolean parenthesized) {
        Token t = peek();
        CompareOp op = comparator(t);
        if (op != null) {
            pos++;
            return new Parsed(new CompareSyn(op, left, parseOperand()), false);
        }
        if (t.isKeyword("BETWEEN")) {
            pos++;
            Op low = parseOperand();
            if (!peek().isKeyword("AND")) {
                throw syntaxError();
            }
            pos++;
            return new Parsed(new BetweenSyn(left, low, parseOperand()), false);
        }
        if (t.isKeyword("IN")) {
            pos++;
            expect(Kind.LPAREN);
            List<Op> list = new ArrayList<>();
            do {
                list.add(parseOperand());
            } while (accept(Kind.COMMA));
            expect(Kind.RPAREN);
            return new Parsed(new InSyn(left, list), false);
        }
        return new Parsed(left, parenthesized);
    }

    /**
     * The node as a condition. A function call is one ({@code attribute_exists(a)});
     * any other operand is not, and the syntax error is at the token after it, where
     * DynamoDB's grammar wanted a comparator.
     */
    private Cond asCondition(Parsed p) {
        if (p.node() instanceof Cond c) {
            return c;
        }
        if (p.node() instanceof Call call) {
            return new FuncCond(call);
        }
        throw syntaxError();
    }

    private static CompareOp comparator(Token t) {
        return switch (t.kind()) {
            case EQ -> CompareOp.EQ;
            case NE -> CompareOp.NE;
            case LT -> CompareOp.LT;
            case LE -> CompareOp.LE;
            case GT -> CompareOp.GT;
            case GE -> CompareOp.GE;
            default -> null;
        };
    }

    // ---- operands

    private Op parseOperand() {
        return (Op) parseOperandP().node();
    }

    private Parsed parseOperandP() {
        if (peek().kind() == Kind.LPAREN) {
            pos++;
            Parsed inner = parseOperandP();
            expect(Kind.RPAREN);
            if (inner.parenthesized() && kind != ExpressionKind.UPDATE) {
                redundantParens = true;
            }
            return new Parsed(inner.node(), true);
        }
        return new Parsed(parseAtom(), false);
    }

    private Op parseAtom() {
        Token t = peek();
        if (t.kind() == Kind.IDENT && !isKeyword(t) && tokens.get(pos + 1).kind() == Kind.LPAREN) {
            pos += 2;
            List<Op> args = new ArrayList<>();
            do {
                args.add(parseOperand());
            } while (accept(Kind.COMMA));
            expect(Kind.RPAREN);
            return new Call(t.text(), args);
        }
        if (t.kind() == Kind.VALUE_REF) {
            pos++;
            return new ValueRef(t.text());
        }
        return parsePath();
    }

    private PathSyn parsePath() {
        List<Elem> elements = new ArrayList<>();
        elements.add(pathName());
        while (true) {
            if (accept(Kind.DOT)) {
                elements.add(pathName());
            } else if (accept(Kind.LBRACKET)) {
                Token n = peek();
                if (n.kind() != Kind.NUMBER) {
                    throw syntaxError();
                }
                long index = new BigInteger(n.text())
                        .min(BigInteger.valueOf(Long.MAX_VALUE))
                        .longValue();
                if (index > Integer.MAX_VALUE) {
                    // DynamoDB Local's wording, as pinned by the differential tests of an open-source fake.
                    throw kind.error("List index is not within the allowable range; index: [" + n.text() + "]");
                }
                pos++;
                expect(Kind.RBRACKET);
                elements.add(new IndexElem((int) index));
            } else {
                return new PathSyn(elements);
            }
        }
    }

    private NameElem pathName() {
        Token t = peek();
        if (t.kind() == Kind.IDENT && !isKeyword(t)) {
            pos++;
            return new NameElem(t.text(), false);
        }
        if (t.kind() == Kind.NAME_REF) {
            pos++;
            return new NameElem(t.text(), true);
        }
        throw syntaxError();
    }

    // ---- update

    private String clauseKeyword(Token t) {
        if (t.kind() != Kind.IDENT) {
            return null;
        }
        String upper = t.text().toUpperCase(Locale.ROOT);
        return UPDATE_KEYWORDS.contains(upper) ? upper : null;
    }

    private Action parseAction(String clause) {
        PathSyn path = parsePath();
        switch (clause) {
            case "SET" -> {
                expect(Kind.EQ);
                return new SetSyn(path, (Op) parseSetValue().node());
            }
            case "REMOVE" -> {
                return new RemoveSyn(path);
            }
            default -> {
                Token t = peek();
                if (t.kind() != Kind.VALUE_REF) {
                    throw syntaxError();
                }
                pos++;
                ValueRef v = new ValueRef(t.text());
                return clause.equals("ADD") ? new AddSyn(path, v) : new DeleteSyn(path, v);
            }
        }
    }

    /**
     * {@code term [(+|-) term]}, where a term is an operand, optionally parenthesized,
     * and the whole may be parenthesized: {@code (a + :b)}, {@code ((a) + (b))}. An
     * arithmetic result cannot itself be added to: {@code a + b + c} is a syntax error.
     */
    private Parsed parseSetValue() {
        Parsed left = parseSetTerm(true);
        if (left.node() instanceof Arith) {
            return left;
        }
        Token t = peek();
        if (t.kind() == Kind.PLUS || t.kind() == Kind.MINUS) {
            pos++;
            Parsed right = parseSetTerm(false);
            return new Parsed(new Arith(t.kind() == Kind.PLUS, (Op) left.node(), (Op) right.node()), false);
        }
        return left;
    }

    private Parsed parseSetTerm(boolean allowArithmetic) {
        if (peek().kind() == Kind.LPAREN) {
            pos++;
            Parsed inner = allowArithmetic ? parseSetValue() : parseOperandP();
            expect(Kind.RPAREN);
            return new Parsed(inner.node(), true);
        }
        return new Parsed(parseAtom(), false);
    }

    // ---- tokens

    private boolean isKeyword(Token t) {
        if (keywords.isEmpty()) {
            return false;
        }
        String upper = t.text().toUpperCase(Locale.ROOT);
        return keywords.contains(upper);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private boolean accept(Kind k) {
        if (peek().kind() == k) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(Kind k) {
        if (peek().kind() != k) {
            throw syntaxError();
        }
        pos++;
    }

    /** DynamoDB's syntax error at the current token. */
    private ValidationException syntaxError() {
        Token bad = peek();
        int from = pos > 0 ? tokens.get(pos - 1).start() : bad.start();
        int to = bad.end();
        if (pos + 1 < tokens.size() && tokens.get(pos + 1).kind() != Kind.EOF) {
            to = tokens.get(pos + 1).end();
        }
        return kind.error("Syntax error; token: \"" + bad.display() + "\", near: \""
                + source.substring(from, Math.max(from, to)) + "\"");
    }
}
