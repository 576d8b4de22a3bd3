package floe.engine.expr;

import static floe.engine.expr.Ex.b;
import static floe.engine.expr.Ex.bool;
import static floe.engine.expr.Ex.bs;
import static floe.engine.expr.Ex.fails;
import static floe.engine.expr.Ex.l;
import static floe.engine.expr.Ex.m;
import static floe.engine.expr.Ex.n;
import static floe.engine.expr.Ex.ns;
import static floe.engine.expr.Ex.nul;
import static floe.engine.expr.Ex.s;
import static floe.engine.expr.Ex.ss;
import static floe.engine.expr.Ex.syntax;
import static floe.engine.expr.Ex.update;
import static floe.engine.expr.Ex.updateFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import floe.api.AttributeValue;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** UpdateExpression grammar and every static error, with DynamoDB's wording and precedence. */
class UpdateExpressionTest {
    private static final Object[] VALUES = {
        ":a",
        s("a"),
        ":b",
        n(1),
        ":c",
        b("a"),
        ":d",
        bool(false),
        ":e",
        nul(),
        ":f",
        ss("a"),
        ":g",
        ns("1"),
        ":h",
        bs("a"),
        ":i",
        m(),
        ":j",
        l()
    };

    private static Object[] with(Object... more) {
        Object[] all = new Object[VALUES.length + more.length];
        System.arraycopy(VALUES, 0, all, 0, VALUES.length);
        System.arraycopy(more, 0, all, VALUES.length, more.length);
        return all;
    }

    @Test
    void clausesActionsAndOrder() {
        UpdateExpression u = update(
                "REMOVE b DELETE c :c ADD d :d, e :e SET f = :f, g = f",
                ":c",
                ss("a", "b"),
                ":d",
                n(5),
                ":e",
                ss("a", "b"),
                ":f",
                l(s("a"), n(1)));
        List<UpdateExpression.Action> a = u.actions();
        assertEquals(6, a.size());
        assertInstanceOf(UpdateExpression.RemoveAction.class, a.get(0));
        assertInstanceOf(UpdateExpression.DeleteAction.class, a.get(1));
        assertInstanceOf(UpdateExpression.AddAction.class, a.get(2));
        assertInstanceOf(UpdateExpression.AddAction.class, a.get(3));
        assertEquals(new UpdateExpression.SetAction(Path.of("f"), new Operand.Literal(l(s("a"), n(1)))), a.get(4));
        assertEquals(new UpdateExpression.SetAction(Path.of("g"), new Operand.PathRef(Path.of("f"))), a.get(5));
        assertEquals(
                List.of(Path.of("b"), Path.of("c"), Path.of("d"), Path.of("e"), Path.of("f"), Path.of("g")), u.paths());
        assertEquals(Set.of("b", "c", "d", "e", "f", "g"), u.attributes());
    }

    @Test
    void keywordsIgnoreCaseAndWhitespaceIsFree() {
        assertEquals(
                List.of(new UpdateExpression.SetAction(Path.of("b"), new Operand.Literal(n(1)))),
                update("sEt b = :v", ":v", n(1)).actions());
        assertEquals(
                update("SET b = :val1", ":val1", n(1)).actions(),
                update("  set   b=:val1  ", ":val1", n(1)).actions());
        assertEquals(
                List.of(
                        new UpdateExpression.SetAction(Path.of("a"), new Operand.Literal(n(1))),
                        new UpdateExpression.SetAction(Path.of("b"), new Operand.Literal(n(1))),
                        new UpdateExpression.RemoveAction(Path.of("c")),
                        new UpdateExpression.RemoveAction(Path.of("d")),
                        new UpdateExpression.AddAction(Path.of("e"), n(1)),
                        new UpdateExpression.DeleteAction(Path.of("f"), ss("x"))),
                update("set a=:v,b=:v remove c,d add e :n delete f :s", ":v", n(1), ":n", n(1), ":s", ss("x"))
                        .actions());
    }

    @Test
    void setValues() {
        assertEquals(
                new Operand.Arithmetic(
                        true,
                        new Operand.IfNotExists(Path.of("b"), new Operand.Literal(n(2))),
                        new Operand.Literal(n(3))),
                ((UpdateExpression.SetAction) update("SET b = if_not_exists(b, :v1)+:v2", ":v1", n(2), ":v2", n(3))
                                .actions()
                                .get(0))
                        .value());
        update("SET c = (c - :v)", ":v", n(3));
        update("set b.c=((c[1])+(b.a))");
        update("SET a = list_append(if_not_exists(a, :empty), :v)", ":empty", l(), ":v", l(n(1)));
        update("SET a = if_not_exists(b, if_not_exists(c, :v))", ":v", n(1));
        update("SET #a = list_append(#b, :v)", "#a", "x", "#b", "y", ":v", l());
        update("SET a = ((b))");
    }

    @Test
    void syntaxErrors() {
        // The cases of dynalite's test/updateItem.js, all DynamoDB syntax errors.
        for (String e : new String[] {
            "whatever",
            "set a",
            "add a",
            "delete a",
            "set a=set",
            "remove a = b",
            "add a = b",
            "delete a = b",
            "delete a b",
            "delete a if_not_exist(b)",
            "add abort b",
            "add a if_not_exist(b)",
            "remove a b",
            "set a b",
            "set :a = b",
            "add :a b",
            "delete :a b",
            "remove :a",
            "set a = b / c",
            "set a = b * c",
            "set a[1] = \"eight\"",
            "set a[1] = 1",
            "SET a = if_not_exist(a, 100)",
            "SET if_not_exist(a, b) = a",
            "set (a = (b + c))",
            "set a = (b.c).d + e",
            "set a = (b.c)[0] + e",
            "set a = b + c + d",
            "set a = (b + c) + d",
            "set a = b + (c + d)",
            "SET a = :",
            "SET , a = :a",
            "SET a = :a,",
            "SET a = :a, REMOVE b",
            "SET a = :a, , b = :a",
            "REMOVE",
            "SET a = f()",
            "SET a[-1] = :a"
        }) {
            org.junit.jupiter.api.Assertions.assertTrue(
                    org.junit.jupiter.api.Assertions.assertThrows(
                                    floe.api.error.ValidationException.class, () -> update(e, ":a", n(1)))
                            .getMessage()
                            .startsWith("Invalid UpdateExpression: Syntax error; token: "),
                    e);
        }
        // Messages captured from DynamoDB (nubo-db conformance captures; aws-cdk#7591; ScyllaDB).
        updateFails(syntax("INVALID", "INVALID SYNTAX"), "INVALID SYNTAX HERE", ":v", s("val"));
        updateFails(syntax(":", "hits : incr"), "ADD hits : incr", ":incr", n(1));
        updateFails(syntax("_", "SET _123"), "SET _123 = :val1", ":val1", n(3));
        updateFails(syntax("HELLO", "HELLO b"), "HELLO b = :val1", ":val1", n(4));
        updateFails(syntax("#", "SET # ="), "SET # = :val1", "#a", "x", ":val1", n(7));
        updateFails(syntax(":xyz", "[:xyz]"), "SET a[:xyz] = :val1", ":val1", s("hello"), ":xyz", n(1));
        updateFails(syntax("#xyz", "[#xyz]"), "SET a[#xyz] = :val1", ":val1", s("hello"));
        updateFails(syntax("+", ":val1+:val2"), "SET c = if_not_exists(c, :val1+:val2)", ":val1", n(5), ":val2", n(4));
        updateFails(
                syntax("+", ":val2 + :val3"),
                "SET b = :val1 + :val2 + :val3",
                ":val1",
                n(4),
                ":val2",
                n(3),
                ":val3",
                n(2));
        updateFails(syntax("_", "= _f"), "SET a = _f(b,c,d)");
        updateFails(syntax(":a", "SET :a ="), "SET :a = :b", ":a", n(1), ":b", n(2));
        updateFails(syntax("<EOF>", ""), "   ");
        updateFails(syntax("-", "hi-there"), "SET hi-there = :val1", ":val1", n(3));
        updateFails(syntax("$", "hi$there"), "SET hi$there = :val1", ":val1", n(3));
    }

    @Test
    void emptyExpression() {
        updateFails("The expression can not be empty;", "");
    }

    @Test
    void reservedWords() {
        updateFails(
                "Attribute name is a reserved keyword; reserved keyword: abOrt",
                " set #c = :c set abOrt = true ",
                ":a",
                s("a"),
                ":b",
                s("a"),
                "#a",
                "a",
                "#b",
                "b");
        updateFails("Attribute name is a reserved keyword; reserved keyword: Absolute", " remove Absolute ");
        updateFails("Attribute name is a reserved keyword; reserved keyword: status", "SET status = :v", ":v", n(1));
        updateFails("Attribute name is a reserved keyword; reserved keyword: total", "SET a = b + total");
        update("SET #s = :v", "#s", "status", ":v", n(1));
    }

    @Test
    void functionNames() {
        updateFails("Invalid function name; function: if_not_exist", "set #c = if_not_exist(:c) set c = d");
        updateFails("Invalid function name; function: f", "SET a = f(b,c,d)");
        updateFails("Invalid function name; function: f123_hi", "SET a = f123_hi(b,c,d)");
        updateFails(
                "Invalid function name; function: LIST_APPEND",
                "SET a = LIST_APPEND(:v1, :v2)",
                ":v1",
                l(),
                ":v2",
                l());
        updateFails("Invalid function name; function: size", "SET a = size(b)");
        updateFails("Invalid function name; function: attribute_exists", "SET a = attribute_exists(b)");
        updateFails(
                "The function is not allowed to be used this way in an expression; function: list_append",
                "SET a = list_append(list_append(:v1, :v2), :v3)",
                ":v1",
                l(),
                ":v2",
                l(),
                ":v3",
                l());
    }

    @Test
    void sectionsOnlyOnce() {
        Object[] p = {":a", s("a"), ":b", s("a"), "#a", "a", "#b", "b"};
        updateFails("The \"SET\" section can only be used once in an update expression;", "set a = #c set c = :d", p);
        updateFails(
                "The \"REMOVE\" section can only be used once in an update expression;",
                "remove #d set a = b remove e",
                p);
        updateFails(
                "The \"ADD\" section can only be used once in an update expression;",
                "add #d :e set a = b add e :f",
                p);
        updateFails(
                "The \"DELETE\" section can only be used once in an update expression;",
                "delete #d :e set a = b delete #e :f",
                p);
        updateFails(
                "The \"SET\" section can only be used once in an update expression;",
                "SET a = :a REMOVE b SET c = :a",
                p);
    }

    @Test
    void undefinedNamesThenValues() {
        Object[] p = {":a", s("a"), ":b", s("a"), "#a", "a", "#b", "b"};
        updateFails(
                "An expression attribute name used in the document path is not defined; attribute name: #c",
                "SET #c = if_not_exists(:c)",
                p);
        updateFails(
                "An expression attribute value used in expression is not defined; attribute value: :c",
                "SET #a = if_not_exists(:c)",
                p);
        updateFails(
                "An expression attribute name used in the document path is not defined; attribute name: #x",
                "SET a = :zz REMOVE b.#x");
        updateFails(
                "An expression attribute value used in expression is not defined; attribute value: :val1",
                "SET b = :val1",
                ":val2",
                n(4));
        updateFails(
                "An expression attribute value used in expression is not defined; attribute value: :val2",
                "SET b = if_not_exists(:val2, :val1)",
                ":val1",
                n(6));
    }

    @Test
    void overlappingPaths() {
        String overlap = "Two document paths overlap with each other; must remove or rewrite one of these paths; ";
        Object[] names = {"#c", "c", "#d", "[3]"};
        updateFails(
                overlap + "path one: [c, [1], a], path two: [c]",
                "set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a)",
                names);
        updateFails(overlap + "path one: [c, b, c], path two: [c]", "set c.b.#c = a, c = a, #d = a", names);
        updateFails(overlap + "path one: [a], path two: [a]", "set a = b remove a, #c, #d", names);
        updateFails(overlap + "path one: [c, [3], [3]], path two: [c, [3]]", "set #c[3].#d = a, #c[3] = a", names);
        updateFails(overlap + "path one: [c], path two: [c, a]", "remove c, #c.a, #d", names);
        updateFails(overlap + "path one: [a], path two: [a]", "remove a, #c, a, #d", names);
        updateFails(
                overlap + "path one: [a], path two: [a]",
                "SET #a1 = :v1, #a2 = :v2",
                "#a1",
                "a",
                "#a2",
                "a",
                ":v1",
                s("yo"),
                ":v2",
                s("he"));
        for (String e : new String[] {
            "SET a = :v1, a.b = :v2",
            "SET a.b = :v1, a = :v2",
            "SET a.b = :v1, a.b = :v2",
            "SET a.b = :v1, a.b.c.d.e = :v2",
            "SET a = :v1, a[1] = :v2",
            "SET a[1][1] = :v1, a[1] = :v2",
            "SET a[1][1][1][1] = :v1, a[1][1][1][1] = :v2",
            "ADD a :v1 DELETE a :v2",
            "REMOVE a SET a = :v1"
        }) {
            ValidationExceptionAssert.startsWith(
                    "Invalid UpdateExpression: " + overlap, () -> update(e, ":v1", n(2), ":v2", ss("x")));
        }
        // siblings do not overlap
        update(
                "SET a.b = :v1, a.c.d = :v2, b.x = :v3 REMOVE a.x, b.y, a.l[0], a.l[1]",
                ":v1",
                n(10),
                ":v2",
                s("dog"),
                ":v3",
                n(17));
    }

    @Test
    void conflictingPaths() {
        String conflict = "Two document paths conflict with each other; must remove or rewrite one of these paths; ";
        Object[] names = {"#b", "b", "#c", "c", "#d", "[3]"};
        updateFails(
                conflict + "path one: [c, [3], [3]], path two: [c, [3], [3]]",
                "set #c[3].#d = a, #c.#d[3] = if_not_exists(a)",
                names);
        updateFails(conflict + "path one: [a, c], path two: [a, [1]]", "remove a.#c set a[1] = #d", names);
        updateFails(
                conflict + "path one: [a, b], path two: [a, [1]]",
                "SET a.b = :v1, a[1] = :v2",
                ":v1",
                n(2),
                ":v2",
                s("there"));
        updateFails(
                conflict + "path one: [a, b, c], path two: [a, b, [2]]",
                "SET a.b.c = :v1, a.b[2] = :v2",
                ":v1",
                n(2),
                ":v2",
                s("there"));
    }

    @Test
    void addAndDeleteOperandTypes() {
        String t = "Incorrect operand type for operator or function; operator: ";
        updateFails(
                t + "ADD, operand type: STRING",
                "set b = list_append(:a, a), c = if_not_exists(a) add a.b :a",
                ":a",
                s("a"),
                ":b",
                s("a"));
        Object[][] cases = {
            {"delete", s("a"), "DELETE", "STRING"},
            {"add", nul(), "ADD", "NULL"},
            {"delete", nul(), "DELETE", "NULL"},
            {"add", bool(false), "ADD", "BOOLEAN"},
            {"delete", bool(false), "DELETE", "BOOLEAN"},
            {"add", b("a"), "ADD", "BINARY"},
            {"delete", b("a"), "DELETE", "BINARY"},
            {"add", m("a", l(n(1))), "ADD", "MAP"},
            {"delete", m("a", l(n(1))), "DELETE", "MAP"},
            {"add", l(n(1)), "ADD", "LIST"},
            {"delete", l(n(1)), "DELETE", "LIST"},
            {"delete", n(1), "DELETE", "NUMBER"}
        };
        for (Object[] c : cases) {
            updateFails(t + c[2] + ", operand type: " + c[3], c[0] + " a.b :a", ":a", c[1]);
        }
        update(
                "ADD a :n, b :s, c :ns, d :bs DELETE e :s, f :ns, g :bs",
                ":n",
                n(1),
                ":s",
                ss("x"),
                ":ns",
                ns("1"),
                ":bs",
                bs("x"));
    }

    @Test
    void functionOperandCountsPathsAndTypes() {
        Object[] p = with("#a", "a", "#b", "b");
        String count = "Incorrect number of operands for operator or function; operator or function: ";
        updateFails(count + "if_not_exists, number of operands: 1", "set a = if_not_exists(c)", p);
        updateFails(count + "list_append, number of operands: 1", "set a = list_append(c)", p);
        updateFails(count + "list_append, number of operands: 3", "SET a = list_append(:j, :j, :j)", p);
        String path = "Operator or function requires a document path; operator or function: if_not_exists";
        updateFails(path, "set a = if_not_exists(:a, c)", p);
        updateFails(path, "set a = if_not_exists(if_not_exists(a, b), c)", p);
        String type = "Incorrect operand type for operator or function; operator or function: ";
        Object[][] cases = {
            {"set a = list_append(:a, a)", "list_append", "S"},
            {"set a = list_append(a, :b)", "list_append", "N"},
            {"set a = list_append(:c, a)", "list_append", "B"},
            {"set a = list_append(:d, a)", "list_append", "BOOL"},
            {"set a = list_append(:e, a)", "list_append", "NULL"},
            {"set a = list_append(:f, a)", "list_append", "SS"},
            {"set a = list_append(:g, a)", "list_append", "NS"},
            {"set a = list_append(:h, a)", "list_append", "BS"},
            {"set a = list_append(:i, a)", "list_append", "M"},
            {"set a = a + :a", "+", "S"},
            {"set a = :a + :c", "+", "S"},
            {"set a = :c + a", "+", "B"},
            {"set a = a + :d", "+", "BOOL"},
            {"set a = a + :e", "+", "NULL"},
            {"set a = a + :f", "+", "SS"},
            {"set a = a + :g", "+", "NS"},
            {"set a = a + :h", "+", "BS"},
            {"set a = a + :i", "+", "M"},
            {"set a = a + :j", "+", "L"},
            {"set a = a - :a", "-", "S"},
            {"set a = :a - :c", "-", "S"},
            {"set a = :c - a", "-", "B"},
            {"set a = a - :d", "-", "BOOL"},
            {"set a = a - :e", "-", "NULL"},
            {"set a = a - :f", "-", "SS"},
            {"set a = a - :g", "-", "NS"},
            {"set a = a - :h", "-", "BS"},
            {"set a = a - :i", "-", "M"},
            {"set a = a - :j", "-", "L"}
        };
        for (Object[] c : cases) {
            updateFails(type + c[1] + ", operand type: " + c[2], (String) c[0], p);
        }
        // the constant's own type is checked, not what a function yields
        update("SET a = if_not_exists(b, :s) + :n", ":s", s("x"), ":n", n(1));
        update("SET a = list_append(if_not_exists(b, :s), :l)", ":s", s("x"), ":l", l());
    }

    @Test
    void precedenceAmongErrorKinds() {
        updateFails("Attribute name is a reserved keyword; reserved keyword: status", "SET status = f(a)");
        updateFails("Invalid function name; function: f", "SET a = f(b) SET c = #x");
        updateFails("The \"SET\" section can only be used once in an update expression;", "SET a = #x SET c = :y");
        updateFails(
                "An expression attribute name used in the document path is not defined; attribute name: #x",
                "SET a = :y, #x = :y");
        updateFails(
                "An expression attribute value used in expression is not defined; attribute value: :x",
                "SET a = :x, a = :y",
                ":y",
                n(1));
        updateFails(
                "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                        + "[a, b], path two: [a]",
                "SET a.b = :y, a[1] = :y, a = :y",
                ":y",
                n(1));
        updateFails(
                "Two document paths conflict with each other; must remove or rewrite one of these paths; path "
                        + "one: [a, b], path two: [a, [1]]",
                "SET a.b = :y, a[1] = :y ADD c :s",
                ":y",
                n(1),
                ":s",
                s("x"));
        updateFails(
                "Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
                "SET a = list_append(:s, b) ADD c :s",
                ":s",
                s("x"));
        updateFails(
                "Incorrect operand type for operator or function; operator or function: +, operand type: S",
                "SET a = :s + b, c = if_not_exists(d)",
                ":s",
                s("x"));
    }

    @Test
    void keyAttributesCannotBeUpdated() {
        String msg = "One or more parameter values were invalid: Cannot update attribute a. This attribute is part of "
                + "the key";
        for (String e : new String[] {
            "add a.b :a", "delete a :s", "remove d set b = :a, a = :a", "delete b :s remove a", "set a = a.b + a[1]"
        }) {
            UpdateExpression u = update(e, ":a", n(1), ":s", ns("1"));
            fails(msg, () -> u.rejectKeyUpdates(Set.of("a")));
        }
        UpdateExpression u = update("set d[1] = :a add b.b :a", ":a", n(1));
        fails(
                "One or more parameter values were invalid: Cannot update attribute b. This attribute is part of the key",
                () -> u.rejectKeyUpdates(Set.of("a", "b")));
        update("SET c = a, x = b", ":a", n(1)).rejectKeyUpdates(Set.of("a", "b"));
    }

    /** Asserts a ValidationException whose message starts with a prefix. */
    static final class ValidationExceptionAssert {
        private ValidationExceptionAssert() {}

        static void startsWith(String prefix, org.junit.jupiter.api.function.Executable e) {
            String m = org.junit.jupiter.api.Assertions.assertThrows(floe.api.error.ValidationException.class, e)
                    .getMessage();
            org.junit.jupiter.api.Assertions.assertTrue(m.startsWith(prefix), m);
        }
    }

    @Test
    void valuesAreLeftAlone() {
        AttributeValue deep = m("x", l(n(1), m("y", s("z"))));
        UpdateExpression u = update("SET a = :d", ":d", deep);
        assertEquals(
                new Operand.Literal(deep),
                ((UpdateExpression.SetAction) u.actions().get(0)).value());
    }
}
