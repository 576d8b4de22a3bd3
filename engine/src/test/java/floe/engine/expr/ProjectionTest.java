package floe.engine.expr;

import static floe.engine.expr.Ex.fails;
import static floe.engine.expr.Ex.item;
import static floe.engine.expr.Ex.l;
import static floe.engine.expr.Ex.m;
import static floe.engine.expr.Ex.n;
import static floe.engine.expr.Ex.nul;
import static floe.engine.expr.Ex.projection;
import static floe.engine.expr.Ex.s;
import static floe.engine.expr.Ex.syntax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import floe.api.Item;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ProjectionExpression parsing, its errors, and projecting items. */
class ProjectionTest {
    private static final String P = "Invalid ProjectionExpression: ";
    private static final Item ITEM = item(
            "pk",
            s("p1"),
            "mylist",
            l(s("zero"), s("one"), s("two"), s("three")),
            "listOfMaps",
            l(m("val", s("a0"), "x", s("x0")), m("val", s("a1"), "x", s("x1")), m("val", s("a2"), "x", s("x2"))),
            "listWithNull",
            l(s("keep0"), nul(), s("keep2")),
            "deep",
            m("l1", m("l2", m("l3", s("bottom"), "sib", s("s")))),
            "nestedList",
            l(m("inner", l(s("i0"), s("i1")))),
            "a",
            m("b", s("bb"), "c", s("cc")),
            "x",
            s("xv"));

    private static Item project(String expression, Object... placeholders) {
        return Projector.project(ITEM, projection(expression, placeholders));
    }

    @Test
    void parsesPaths() {
        assertEquals(
                List.of(Path.of("a"), Path.of("b", "c"), Path.of("x", 1, "y")),
                projection(" a , b.c,#n[1] . y", "#n", "x"));
    }

    @Test
    void projectsNestedPathsAsDynamoDbDoes() {
        // Each case captured from DynamoDB by ExtendDB (tests/test_nested_projection.py).
        assertEquals(item("mylist", l(s("zero"), s("two"))), project("mylist[0], mylist[2]"));
        assertEquals(item("mylist", l(s("zero"), s("two"))), project("mylist[2], mylist[0]"));
        assertEquals(item("mylist", l(s("one"), s("three"))), project("mylist[1], mylist[3]"));
        assertEquals(
                item("listOfMaps", l(m("val", s("a0")), m("val", s("a2")))),
                project("listOfMaps[0].val, listOfMaps[2].val"));
        assertEquals(item("listWithNull", l(s("keep0"), nul(), s("keep2"))), project("listWithNull"));
        assertEquals(item("listWithNull", l(nul())), project("listWithNull[1]"));
        assertEquals(item("listWithNull", l(s("keep0"), s("keep2"))), project("listWithNull[0], listWithNull[2]"));
        assertEquals(item("deep", m("l1", m("l2", m("l3", s("bottom"))))), project("deep.l1.l2.l3"));
        assertEquals(item("nestedList", l(m("inner", l(s("i1"))))), project("nestedList[0].#i[1]", "#i", "inner"));
        assertEquals(item("a", m("b", s("bb"), "c", s("cc"))), project("a.b, a.c"));
        assertEquals(
                item("a", m("c", s("cc")), "mylist", l(s("zero"), s("two")), "x", s("xv")),
                project("a.c, mylist[2], mylist[0], #o", "#o", "x"));
    }

    @Test
    void missingOrMistypedPathsContributeNothing() {
        assertEquals(Item.empty(), project("nope"));
        assertEquals(Item.empty(), project("a.nope"));
        assertEquals(Item.empty(), project("mylist[9]"));
        assertEquals(Item.empty(), project("mylist.x"));
        assertEquals(Item.empty(), project("a[0]"));
        assertEquals(Item.empty(), project("x.y"));
        assertEquals(item("mylist", l(s("three"))), project("mylist[3], mylist[4]"));
        assertEquals(item("a", m("b", s("bb"))), project("a.b, a.nope, nope"));
        assertNull(Projector.project(null, List.of(Path.of("a"))));
    }

    @Test
    void errors() {
        fails(P + "The expression can not be empty;", () -> projection(""));
        fails(P + syntax(".", "..b"), () -> projection("a..b"));
        fails(P + syntax("<EOF>", ","), () -> projection("a,"));
        fails(P + syntax(":a", ":a"), () -> projection(":a"));
        fails(P + syntax("(", "b(c"), () -> projection("a, b(c)"));
        fails(P + syntax("b", "a b"), () -> projection("a b"));
        fails(P + "Attribute name is a reserved keyword; reserved keyword: status", () -> projection("a, status"));
        fails(P + "Attribute name is a reserved keyword; reserved keyword: and", () -> projection("a.and"));
        projection("#s", "#s", "status");
        fails(
                P + "An expression attribute name used in the document path is not defined; attribute name: #u",
                () -> projection("a.#u"));
        String overlap = P + "Two document paths overlap with each other; must remove or rewrite one of these paths; ";
        // Captured from DynamoDB by ExtendDB (tests/test_projection_overlapping_paths.py).
        fails(overlap + "path one: [a], path two: [a, b]", () -> projection("a, a.b"));
        fails(overlap + "path one: [a, b], path two: [a]", () -> projection("a.b, a"));
        fails(overlap + "path one: [a], path two: [a]", () -> projection("a, a"));
        fails(overlap + "path one: [alist, [0]], path two: [alist]", () -> projection("alist[0], alist"));
        fails(overlap + "path one: [a], path two: [a, b]", () -> projection("#p, #p.#q", "#p", "a", "#q", "b"));
        fails(overlap + "path one: [a, b], path two: [a]", () -> projection("x, a.b, a"));
        fails(
                P + "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: "
                        + "[a, b], path two: [a, [0]]",
                () -> projection("a.b, a[0]"));
        // precedence: reserved word, undefined name, overlap
        fails(P + "Attribute name is a reserved keyword; reserved keyword: data", () -> projection("a, a, #u, data"));
        fails(
                P + "An expression attribute name used in the document path is not defined; attribute name: #u",
                () -> projection("a, a, #u"));
    }

    @Test
    void nestingLevels() {
        projection("a" + ".b".repeat(31));
        projection("a" + "[0]".repeat(31));
        // Wording from ScyllaDB's test_projection_expression.py.
        fails(
                P + "The document path has too many nesting levels; nesting levels: 33",
                () -> projection("a" + ".b".repeat(32)));
        fails(
                "Invalid ConditionExpression: The document path has too many nesting levels; nesting levels: 34",
                () -> Ex.cond("attribute_exists(a" + "[1]".repeat(33) + ")"));
        fails(
                "Invalid UpdateExpression: The document path has too many nesting levels; nesting levels: 33",
                () -> Ex.update("REMOVE a" + ".b".repeat(32)));
    }

    @Test
    void attributesToGet() {
        assertEquals(
                item("a", m("b", s("bb"), "c", s("cc")), "x", s("xv")),
                Projector.project(ITEM, LegacyConditions.attributesToGet(List.of("a", "x", "nope"))));
        fails(
                "One or more parameter values were invalid: Duplicate value in attribute name: a",
                () -> LegacyConditions.attributesToGet(List.of("a", "b", "a")));
        // legacy names are whole attribute names, dots and all
        assertEquals(
                item("a.b", n(1)),
                Projector.project(
                        item("a.b", n(1), "a", m("b", n(2))), LegacyConditions.attributesToGet(List.of("a.b"))));
    }
}
