package floe.engine.partiql;

import floe.api.AttributeValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser of DynamoDB's PartiQL dialect. Nesting (parentheses,
 * collection literals, NOT, function calls) is bounded, so no statement can exhaust
 * the stack; every refusal is DynamoDB's ValidationException.
 */
final class Parser {
    /** The deepest nesting accepted: more than any item can hold (32 levels). */
    static final int MAX_DEPTH = 64;

    private static final Set<String> KEYWORDS = Set.of(
            "SELECT",
            "FROM",
            "WHERE",
            "AND",
            "OR",
            "NOT",
            "ORDER",
            "BY",
            "IN",
            "IS",
            "BETWEEN",
            "INSERT",
            "INTO",
            "VALUE",
            "VALUES",
            "UPDATE",
            "SET",
            "REMOVE",
            "DELETE",
            "RETURNING",
            "LIKE",
            "AS",
            "ASC",
            "DESC",
            "NULL",
            "MISSING",
            "TRUE",
            "FALSE",
            "EXISTS",
            "LIMIT",
            "GROUP",
            "HAVING",
            "JOIN",
            "UNION");
    private static final Set<String> OPERATORS = Set.of("IS", "LIKE", "AND", "OR", "IN", "BETWEEN");
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");

    /** A parsed statement and how many {@code ?} parameters it has. */
    record Parsed(Statement statement, int parameters) {}

    private final List<Token> tokens;
    private int pos;
    private int parameters;
    private int depth;
    /** Where in a literal the parser is ({@code .x}, {@code [1]} ...), for DynamoDB's number messages. */
    private final List<String> valuePath = new ArrayList<>();
    /** Set while an INSERT's item tuple is next: DynamoDB names paths within each of its attributes from root. */
    private boolean itemTuple;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Parsed parse(String statement) {
        Parser p = new Parser(Lexer.tokens(statement));
        Statement s = p.statement();
        if (p.peek().is(";")) {
            p.pos++;
        }
        if (p.peek().kind() != Token.Kind.END) {
            throw Errors.malformed("Unexpected token after expression");
        }
        return new Parsed(s, p.parameters);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    private boolean acceptWord(String word) {
        if (peek().isWord(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean accept(String symbol) {
        if (peek().is(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) {
            throw unexpected();
        }
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            throw unexpected();
        }
    }

    /** DynamoDB's detail for the token where a term was expected. */
    private RuntimeException unexpected() {
        Token t = peek();
        if (t.kind() == Token.Kind.END || t.is(";")) {
            return Errors.malformed("Unexpected term");
        }
        if (t.kind() == Token.Kind.WORD && OPERATORS.contains(t.text().toUpperCase(Locale.ROOT))) {
            return Errors.malformed("Unexpected operator");
        }
        if (t.kind() == Token.Kind.WORD && KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT))) {
            return Errors.malformed("Unexpected keyword");
        }
        if (t.kind() == Token.Kind.SYMBOL && (COMPARISONS.contains(t.text()) || t.is("+") || t.is("||"))) {
            return Errors.malformed("Unexpected operator");
        }
        return Errors.malformed("Unexpected token after expression");
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            // a guess: DynamoDB's wording for too deep a statement is not known
            throw Errors.malformed("Expression nesting exceeds the maximum depth of " + MAX_DEPTH);
        }
    }

    private void leave() {
        depth--;
    }

    // ------------------------------------------------------------------ statements

    private Statement statement() {
        Token t = peek();
        if (t.isWord("SELECT")) {
            return select();
        }
        if (t.isWord("INSERT")) {
            return insert();
        }
        if (t.isWord("UPDATE")) {
            return update();
        }
        if (t.isWord("DELETE")) {
            return delete();
        }
        if (t.isWord("EXISTS") || (t.isWord("NOT") && peek(1).isWord("EXISTS"))) {
            boolean negated = acceptWord("NOT");
            expectWord("EXISTS");
            expect("(");
            if (!peek().isWord("SELECT")) {
                throw unexpected();
            }
            Statement.Select select = select();
            expect(")");
            return new Statement.Exists(select, negated);
        }
        if (t.kind() == Token.Kind.END || t.is(";")) {
            throw Errors.malformed("Unexpected term");
        }
        throw Errors.malformed("Expected data manipulation");
    }

    private Statement.Select select() {
        expectWord("SELECT");
        List<Expr.Path> projection = null;
        if (!accept("*")) {
            projection = new ArrayList<>();
            do {
                Token start = peek();
                if ((start.kind() == Token.Kind.WORD || start.kind() == Token.Kind.QUOTED) && peek(1).is("(")) {
                    // functions (COUNT ...) in a projection; DynamoDB's message, its position a guess
                    throw Errors.invalid("Unexpected path component at 1:" + (start.at() + 1) + ":5");
                }
                projection.add(path());
            } while (accept(","));
        }
        if (!acceptWord("FROM")) {
            throw unexpected();
        }
        if (peek().kind() != Token.Kind.WORD && peek().kind() != Token.Kind.QUOTED || isKeyword(peek())) {
            throw Errors.malformed("Unexpected term");
        }
        String table = name();
        String index = null;
        if (accept(".")) {
            index = name();
        }
        noAlias();
        Expr where = null;
        if (acceptWord("WHERE")) {
            where = condition();
        }
        Expr.Path orderBy = null;
        boolean descending = false;
        if (acceptWord("ORDER")) {
            expectWord("BY");
            orderBy = path();
            if (!acceptWord("ASC")) {
                descending = acceptWord("DESC");
            }
        }
        return new Statement.Select(projection, table, index, where, orderBy, descending);
    }

    private Statement.Insert insert() {
        expectWord("INSERT");
        expectWord("INTO");
        String table = tableName();
        if (!acceptWord("VALUE")) {
            throw unexpected();
        }
        itemTuple = true;
        Expr value = operand();
        itemTuple = false;
        return new Statement.Insert(table, value);
    }

    private Statement.Update update() {
        expectWord("UPDATE");
        String table = tableName();
        noAlias();
        List<Statement.Assignment> sets = new ArrayList<>();
        List<Expr.Path> removes = new ArrayList<>();
        while (true) {
            if (acceptWord("SET")) {
                do {
                    Expr.Path path = path();
                    expect("=");
                    sets.add(new Statement.Assignment(path, operand()));
                } while (accept(","));
            } else if (acceptWord("REMOVE")) {
                do {
                    removes.add(path());
                } while (accept(","));
            } else {
                break;
            }
        }
        if (sets.isEmpty() && removes.isEmpty()) {
            throw unexpected();
        }
        if (!acceptWord("WHERE")) {
            if (peek().kind() == Token.Kind.END || peek().is(";")) {
                throw Errors.invalid(Errors.KEY_EQUALITY);
            }
            throw unexpected();
        }
        Expr where = condition();
        return new Statement.Update(table, sets, removes, where, returning());
    }

    private Statement.Delete delete() {
        expectWord("DELETE");
        expectWord("FROM");
        if (peek().kind() != Token.Kind.WORD && peek().kind() != Token.Kind.QUOTED || peek().isWord("WHERE")) {
            throw Errors.malformed("Expected identifier for simple path");
        }
        String table = name();
        noAlias();
        if (!acceptWord("WHERE")) {
            if (peek().kind() == Token.Kind.END || peek().is(";")) {
                throw Errors.invalid(Errors.KEY_EQUALITY);
            }
            throw unexpected();
        }
        Expr where = condition();
        return new Statement.Delete(table, where, returning());
    }

    /** {@code RETURNING ALL|MODIFIED OLD|NEW *}, or null. */
    private String returning() {
        if (!acceptWord("RETURNING")) {
            return null;
        }
        String which;
        if (acceptWord("ALL")) {
            which = "ALL";
        } else if (acceptWord("MODIFIED")) {
            which = "MODIFIED";
        } else {
            throw unexpected();
        }
        String when;
        if (acceptWord("OLD")) {
            when = "OLD";
        } else if (acceptWord("NEW")) {
            when = "NEW";
        } else {
            throw unexpected();
        }
        expect("*");
        return which + " " + when;
    }

    private String tableName() {
        if (peek().kind() != Token.Kind.WORD && peek().kind() != Token.Kind.QUOTED || isKeyword(peek())) {
            throw Errors.malformed("Expected identifier for simple path");
        }
        String name = name();
        if (peek().is(".")) {
            // an index on a write; DynamoDB's message, its position a guess
            Token dot = peek();
            throw Errors.invalid(
                    "FROM clause may only contain a single table name in data manipulation statements at 1:"
                            + (dot.at() + 1) + ":1");
        }
        return name;
    }

    private void noAlias() {
        Token t = peek();
        if (t.isWord("AS") || t.kind() == Token.Kind.QUOTED || (t.kind() == Token.Kind.WORD && !isKeyword(t))) {
            throw Errors.invalid("Aliasing is not supported");
        }
    }

    private static boolean isKeyword(Token t) {
        return t.kind() == Token.Kind.WORD && KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT));
    }

    private String name() {
        Token t = next();
        if (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED) {
            return t.text();
        }
        pos--;
        throw unexpected();
    }

    // ------------------------------------------------------------------ expressions

    private Expr.Path path() {
        Token t = peek();
        if (t.kind() != Token.Kind.QUOTED && (t.kind() != Token.Kind.WORD || isKeyword(t))) {
            throw unexpected();
        }
        List<Object> segments = new ArrayList<>();
        segments.add(next().text());
        while (true) {
            if (peek().is(".") && (peek(1).kind() == Token.Kind.WORD || peek(1).kind() == Token.Kind.QUOTED)) {
                pos++;
                segments.add(next().text());
            } else if (peek().is("[")) {
                pos++;
                Token i = next();
                if (i.kind() == Token.Kind.NUMBER && i.text().chars().allMatch(Character::isDigit)) {
                    try {
                        segments.add(Integer.parseInt(i.text()));
                    } catch (NumberFormatException e) {
                        throw Errors.malformed("Invalid list index");
                    }
                } else if (i.kind() == Token.Kind.STRING) {
                    segments.add(i.text());
                } else {
                    pos--;
                    throw unexpected();
                }
                expect("]");
            } else {
                return new Expr.Path(segments);
            }
        }
    }

    private Expr condition() {
        Expr left = and();
        while (acceptWord("OR")) {
            left = new Expr.Or(left, rightOf(this::and));
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (acceptWord("AND")) {
            left = new Expr.And(left, rightOf(this::not));
        }
        return left;
    }

    private Expr rightOf(java.util.function.Supplier<Expr> operand) {
        if (peek().kind() == Token.Kind.END || peek().is(";")) {
            throw Errors.malformed("Missing right-hand side expression of infix operator");
        }
        return operand.get();
    }

    private Expr not() {
        if (acceptWord("NOT")) {
            enter();
            Expr e = new Expr.Not(not());
            leave();
            return e;
        }
        return predicate();
    }

    private Expr predicate() {
        Expr left = operand();
        Token t = peek();
        if (t.kind() == Token.Kind.SYMBOL && COMPARISONS.contains(t.text())) {
            pos++;
            String op = t.text().equals("!=") ? "<>" : t.text();
            return new Expr.Compare(op, left, rightOf(this::operand));
        }
        boolean negated = false;
        if (t.isWord("NOT") && (peek(1).isWord("BETWEEN") || peek(1).isWord("IN"))) {
            pos++;
            negated = true;
        }
        if (acceptWord("BETWEEN")) {
            Expr low = operand();
            expectWord("AND");
            Expr high = rightOf(this::operand);
            Expr e = new Expr.Between(left, low, high);
            return negated ? new Expr.Not(e) : e;
        }
        if (acceptWord("IN")) {
            String close;
            if (accept("(")) {
                close = ")";
            } else if (accept("[")) {
                close = "]";
            } else {
                throw unexpected();
            }
            List<Expr> candidates = new ArrayList<>();
            enter();
            if (!peek().is(close)) {
                do {
                    candidates.add(operand());
                } while (accept(","));
            }
            expect(close);
            leave();
            Expr e = new Expr.In(left, candidates);
            return negated ? new Expr.Not(e) : e;
        }
        if (acceptWord("IS")) {
            boolean not = acceptWord("NOT");
            if (acceptWord("MISSING")) {
                return new Expr.Is(left, "MISSING", not);
            }
            if (acceptWord("NULL")) {
                return new Expr.Is(left, "NULL", not);
            }
            throw Errors.malformed("Expected type name");
        }
        return left;
    }

    /** A value or attribute, with + and -. */
    private Expr operand() {
        Expr left = primary();
        while (peek().is("+") || peek().is("-")) {
            String op = next().text();
            left = new Expr.Arithmetic(op, left, rightOf(this::primary));
        }
        return left;
    }

    private Expr primary() {
        Token t = peek();
        if (!t.is("{")) {
            itemTuple = false;
        }
        switch (t.kind()) {
            case PARAM -> {
                pos++;
                return new Expr.Param(parameters++);
            }
            case STRING -> {
                pos++;
                return new Expr.Literal(AttributeValue.s(t.text()));
            }
            case NUMBER -> {
                pos++;
                return number(t.text());
            }
            case QUOTED -> {
                return path();
            }
            case WORD -> {
                String upper = t.text().toUpperCase(Locale.ROOT);
                if (upper.equals("TRUE") || upper.equals("FALSE")) {
                    pos++;
                    return new Expr.Literal(AttributeValue.bool(upper.equals("TRUE")));
                }
                if (upper.equals("NULL")) {
                    pos++;
                    return new Expr.Literal(AttributeValue.nul());
                }
                if (peek(1).is("(") && !isKeyword(t)) {
                    return call();
                }
                if (isKeyword(t)) {
                    throw unexpected();
                }
                return path();
            }
            case SYMBOL -> {
                if (t.is("-") && peek(1).kind() == Token.Kind.NUMBER) {
                    pos++;
                    return number("-" + next().text());
                }
                if (t.is("(")) {
                    pos++;
                    enter();
                    Expr e = condition();
                    expect(")");
                    leave();
                    return e;
                }
                if (t.is("{")) {
                    pos++;
                    boolean item = itemTuple;
                    itemTuple = false;
                    enter();
                    Map<String, Expr> entries = new LinkedHashMap<>();
                    if (!peek().is("}")) {
                        do {
                            Token k = next();
                            if (k.kind() != Token.Kind.STRING) {
                                pos--;
                                throw unexpected();
                            }
                            expect(":");
                            if (!item) {
                                valuePath.add("." + k.text());
                            }
                            Expr value = operand();
                            if (!item) {
                                valuePath.remove(valuePath.size() - 1);
                            }
                            if (entries.put(k.text(), value) != null) {
                                // a guess: DynamoDB's wording for a repeated key in a tuple is not known
                                throw Errors.malformed("Duplicate key in tuple: " + k.text());
                            }
                        } while (accept(","));
                    }
                    expect("}");
                    leave();
                    return new Expr.MapLiteral(entries);
                }
                if (t.is("[")) {
                    pos++;
                    enter();
                    List<Expr> elements = elements("]");
                    leave();
                    return new Expr.ListLiteral(elements);
                }
                if (t.is("<<")) {
                    pos++;
                    enter();
                    List<Expr> elements = elements(">>");
                    leave();
                    return new Expr.SetLiteral(elements);
                }
                throw unexpected();
            }
            default -> throw unexpected();
        }
    }

    private List<Expr> elements(String close) {
        List<Expr> elements = new ArrayList<>();
        if (!peek().is(close)) {
            do {
                valuePath.add("[" + elements.size() + "]");
                elements.add(operand());
                valuePath.remove(valuePath.size() - 1);
            } while (accept(","));
        }
        expect(close);
        return elements;
    }

    private Expr call() {
        String function = next().text().toLowerCase(Locale.ROOT);
        expect("(");
        enter();
        List<Expr> args = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                args.add(condition());
            } while (accept(","));
        }
        expect(")");
        leave();
        return new Expr.Call(function, args);
    }

    /** A number literal; one BigDecimal cannot hold is malformed with nothing after the colon, as DynamoDB's. */
    private Expr number(String text) {
        try {
            return new Expr.Literal(new AttributeValue.N(checkedNumber(text)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw Errors.malformed("");
        } catch (floe.api.error.ValidationException e) {
            throw Errors.invalid(e.getMessage() + " under root" + String.join("", valuePath));
        }
    }

    private static BigDecimal checkedNumber(String text) {
        BigDecimal d = new BigDecimal(text);
        // a scale beyond an int (1.5e-2147483647) is no number DynamoDB can read
        d.precision();
        return d;
    }
}
