package floe.engine.expr;

import static floe.engine.expr.Ex.apply;
import static floe.engine.expr.Ex.b;
import static floe.engine.expr.Ex.bs;
import static floe.engine.expr.Ex.fails;
import static floe.engine.expr.Ex.item;
import static floe.engine.expr.Ex.l;
import static floe.engine.expr.Ex.m;
import static floe.engine.expr.Ex.n;
import static floe.engine.expr.Ex.ns;
import static floe.engine.expr.Ex.s;
import static floe.engine.expr.Ex.ss;
import static floe.engine.expr.Ex.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import floe.api.AttributeValue;
import floe.api.Item;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Applying updates: DynamoDB's semantics and runtime errors. */
class UpdateApplierTest {
    private static final String MISSING =
            "The provided expression refers to an attribute that does not exist in the item";
    private static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";
    private static final String BAD_PATH = "The document path provided in the update expression is invalid for update";

    @Test
    void setMergesWithTheItem() {
        Item old = item("p", s("k"), "a", s("hi"));
        assertEquals(item("p", s("k"), "a", s("hi"), "b", s("hello")), apply("SET b = :v", old, ":v", s("hello")));
        assertEquals(item("p", s("k"), "a", s("hey")), apply("SET a = :v", old, ":v", s("hey")));
        assertEquals(item("x", n(4), "y", n(4)), apply("SET x = :v, y = :v", null, ":v", n(4)));
        assertEquals(
                item("d", l(), "e", m(), "f", s(""), "g", b()),
                apply(
                        "SET d = :v1, e = :v2, f = :v3, g = :v4",
                        null,
                        ":v1",
                        l(),
                        ":v2",
                        m(),
                        ":v3",
                        s(""),
                        ":v4",
                        b()));
    }

    @Test
    void setReadsTheOldItem() {
        Item old = item("a", s("hello"));
        assertEquals(item("a", s("hello"), "b", s("hello")), apply("SET b = a", old));
        assertEquals(old, apply("SET a = a", old));
        fails(MISSING, () -> apply("SET c = z", old));
        fails(MISSING, () -> apply("SET c = z", null));
        fails(MISSING, () -> apply("SET x = :v, y = x", old, ":v", n(4)));
        assertEquals(item("a", s("NEW"), "b", s("hello")), apply("SET a = :v, b = a", old, ":v", s("NEW")));
        assertEquals(item("b", s("hello")), apply("REMOVE a SET b = a", old));
        assertEquals(item("c", s("hello")), apply("SET c = a REMOVE a", old));
        assertEquals(item("a", s("hello"), "c", s("hello")), apply("SET #one = #two", old, "#one", "c", "#two", "a"));
        Item nested = item("a", m("b", n(3), "c", m("x", n(7), "y", n(8))), "d", n(5));
        assertEquals(n(7), apply("SET z = a.c.x", nested).get("z"));
    }

    @Test
    void removeAttributesKeysAndElements() {
        Item old = item("a", s("hello"), "b", s("hi"));
        assertEquals(item("b", s("hi")), apply("REMOVE a", old));
        assertEquals(old, apply("REMOVE zz", old));
        Item nested = item("a", m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(5), n(7))), "q", n(2)))));
        assertEquals(
                item("a", m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(7))))))),
                apply("REMOVE a.c[1].x.y[1], a.c[1].q", nested));
        assertEquals(item("a", m()), apply("REMOVE a.b", item("a", m("b", n(1)))));
        assertEquals(item("a", l()), apply("REMOVE a[0]", item("a", l(n(1)))));
        Item list = item("a", l(n(4), n(5), n(6)));
        assertEquals(list, apply("REMOVE a[17]", list));
        Item sparse = item("a", m("x", n(3)), "b", l(s("hi")));
        assertEquals(sparse, apply("REMOVE a.y", sparse));
        assertEquals(sparse, apply("REMOVE b[7]", sparse));
    }

    @Test
    void listIndexesReferToTheOldList() {
        Item old = item("a", l(n(2), n(3), n(4), n(5), n(6), n(7)));
        assertEquals(item("a", l(n(2), n(4), n(17), n(6), n(7))), apply("REMOVE a[1] SET a[3] = :v", old, ":v", n(17)));
        assertEquals(item("a", l(n(2), n(4), n(17), n(6), n(7))), apply("SET a[3] = :v REMOVE a[1]", old, ":v", n(17)));
        assertEquals(item("a", l(n(3), n(5), n(7))), apply("REMOVE a[0], a[2], a[4]", old));
        assertEquals(item("a", l(n(3), n(5), n(7))), apply("REMOVE a[4], a[0], a[2]", old));
        assertEquals(item("a", l(n(2), n(3), n(4), n(5), n(6))), apply("REMOVE a[5], a[9]", old));
    }

    @Test
    void settingPastTheEndAppendsInIndexOrder() {
        Item old = item("a", l(s("one"), s("two"), s("three")));
        Item once = apply("SET a[7] = :v", old, ":v", s("hello"));
        assertEquals(item("a", l(s("one"), s("two"), s("three"), s("hello"))), once);
        assertEquals(
                item("a", l(s("one"), s("two"), s("three"), s("hello"), s("a3"), s("a2"), s("a4"), s("a1"))),
                apply(
                        "SET a[84] = :v1, a[37] = :v2, a[17] = :v3, a[50] = :v4",
                        once,
                        ":v1",
                        s("a1"),
                        ":v2",
                        s("a2"),
                        ":v3",
                        s("a3"),
                        ":v4",
                        s("a4")));
        assertEquals(item("a", l(s("one"), s("x"), s("three"))), apply("SET a[1] = :v", old, ":v", s("x")));
        assertEquals(item("a", l(s("one"), s("two"), s("three"), s("x"))), apply("SET a[3] = :v", old, ":v", s("x")));
        // removing an element and appending in one update
        assertEquals(item("a", l(s("two"), s("three"), s("x"))), apply("REMOVE a[0] SET a[5] = :v", old, ":v", s("x")));
    }

    @Test
    void nestedSet() {
        Item old = item("a", m("b", n(3), "c", n(4)), "d", n(5));
        assertEquals(item("a", m("b", n(3), "c", n(7)), "d", n(5)), apply("SET a.c = :v", old, ":v", n(7)));
        assertEquals(item("a", m("b", n(3), "c", n(4), "e", n(3)), "d", n(5)), apply("SET a.e = :v", old, ":v", n(3)));
        assertEquals(
                item("a", m("b", n(3), "c", n(7)), "d", n(5)),
                apply("SET a.c = :v", item("a", m("b", n(3), "c", m("one", n(1))), "d", n(5)), ":v", n(7)));
        Item deep = item("a", m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(5), n(7)))))));
        Item after = apply("SET a.c[1].#name.y[1] = :v", deep, ":v", n(9), "#name", "x");
        assertEquals(item("a", m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(9), n(7))))))), after);
        assertEquals(
                n(9),
                apply("SET a.z = a.c[1].#name.y[1]", after, "#name", "x").get("a") instanceof AttributeValue.M mm
                        ? mm.values().get("z")
                        : null);
        assertEquals(item("a.b", n(3)), apply("SET #a = :v", null, "#a", "a.b", ":v", n(3)));
    }

    @Test
    void invalidDocumentPaths() {
        Item old = item("a", s("hello"), "b", l(s("hi")));
        for (String e : new String[] {
            "SET a.c = :v",
            "SET b.c = :v",
            "SET c.c = :v",
            "REMOVE a.c",
            "REMOVE b.c",
            "REMOVE c.c",
            "SET a[0] = :v",
            "SET c[0] = :v",
            "REMOVE a[0]",
            "REMOVE c[0]",
            "ADD a.c :v",
            "ADD b.c :v",
            "ADD c.d :v",
            "DELETE a.c :s",
            "DELETE c[0] :s",
            "SET b[5].x = :v",
            "SET b[0][0] = :v"
        }) {
            fails(BAD_PATH, () -> apply(e, old, ":v", n(7), ":s", ss("a")));
        }
        // dynalite's cases on an existing item
        Item it = item("b", s("x"), "c", m("1", s("a")), "d", l(s("a"), s("b")));
        for (String e : new String[] {
            "set b.a = :a, #1 = :a",
            "set b[1] = :a, #1 = :a",
            "set y.a = :a, #1 = :a",
            "set y[1] = :a, #1 = :a",
            "set c[1] = :a, #1 = :a",
            "set d.#1 = :a",
            "remove b.a set #1 = :a",
            "remove b[1] set #1 = :a",
            "remove y.a set #1 = :a",
            "remove y[1] set #1 = :a",
            "remove c[1] set #1 = :a",
            "remove d.#1 set #1 = :a",
            "delete b.a :a set #1 = :a",
            "delete y.a :a set #1 = :a",
            "delete c[1] :a set #1 = :a",
            "delete d.#1 :a",
            "add b.a :a set #1 = :a",
            "add y[1] :a set #1 = :a",
            "add c[1] :a set #1 = :a",
            "add d.#1 :a"
        }) {
            fails(BAD_PATH, () -> apply(e, it, "#1", "1", ":a", ss("a")));
        }
        // on a missing item: writing a nested path fails, removing one is ignored (as DynamoDB does)
        fails(BAD_PATH, () -> apply("SET c.c = :v", null, ":v", n(7)));
        // the key is there to read even when the item is not (dynalite: 'set b[1] = a' with key a)
        fails(BAD_PATH, () -> UpdateApplier.apply(update("set b[1] = a"), null, item("a", s("k"))));
        fails(BAD_PATH, () -> UpdateApplier.apply(update("set b.a = a"), null, item("a", s("k"))));
        // and, only removing, it creates no item (these once expected an empty item; DynamoDB's UpdateItem reference:
        // the legacy DELETE on a missing item "Nothing happens", and REMOVE likewise creates nothing)
        assertNull(apply("REMOVE x.y", null));
        assertNull(apply("REMOVE x[0]", null));
    }

    @Test
    void arithmetic() {
        Item old = item("a", n(2), "s", s("x"), "b", n(10));
        assertEquals(n(5), apply("SET a = a + :v", old, ":v", n(3)).get("a"));
        assertEquals(n(6), apply("SET a = :v + a", old, ":v", n(4)).get("a"));
        assertEquals(n(12), apply("SET c = b + a", old).get("c"));
        assertEquals(n(-8), apply("SET c = a - b", old).get("c"));
        assertEquals(
                n(5),
                apply("SET #nn = :seven - #n", item("n", n(2)), "#nn", "nn", "#n", "n", ":seven", n(7))
                        .get("nn"));
        assertEquals(n(7), apply("SET c = (b - :v)", old, ":v", n(3)).get("c"));
        assertEquals(
                n(5),
                apply("SET b = if_not_exists(b, :v1)+:v2", null, ":v1", n(2), ":v2", n(3))
                        .get("b"));
        fails(MISSING, () -> apply("SET a = q + :v", old, ":v", n(1)));
        fails(MISSING, () -> apply("SET a = :v - q", old, ":v", n(1)));
        fails(WRONG_TYPE, () -> apply("SET a = s + :v", old, ":v", n(1)));
        fails(WRONG_TYPE, () -> apply("SET a = :v - s", old, ":v", n(1)));
        // the left operand is checked completely first
        fails(WRONG_TYPE, () -> apply("SET a = s + q", old));
        fails(MISSING, () -> apply("SET a = q + s", old));
    }

    @Test
    void arithmeticIsExactWithinDynamoDbsRange() {
        assertEquals(
                n("10000000000000000000001"),
                apply("SET b = :a + :b", null, ":a", n(1), ":b", n("10000000000000000000000"))
                        .get("b"));
        assertEquals(
                n("9999999999999999999999"),
                apply("SET b = :b - :a", null, ":a", n(1), ":b", n("10000000000000000000000"))
                        .get("b"));
        assertEquals(
                n("0.3"),
                apply("SET b = :a + :b", null, ":a", n("0.1"), ":b", n("0.2")).get("b"));
        assertEquals(
                n("1E+38"),
                apply("SET b = :a + :b", null, ":a", n("99999999999999999999999999999999999999"), ":b", n(1))
                        .get("b"));
        assertEquals(n(0), apply("SET b = :a - :a", null, ":a", n("1.5")).get("b"));
        String overflow = "Number overflow. Attempting to store a number with magnitude larger than supported range";
        fails(overflow, () -> apply("SET b = :a + :b", null, ":a", n("9e125"), ":b", n("9e125")));
        fails(overflow, () -> apply("SET b = :a - :b", null, ":a", n("9e125"), ":b", n("-9e125")));
        // more than 38 digits: DynamoDB says "overflow" too (observed by ScyllaDB)
        fails(overflow, () -> apply("SET b = :a + :b", null, ":a", n("1e50"), ":b", n(1)));
        fails(overflow, () -> apply("SET b = :a - :b", null, ":a", n("1e50"), ":b", n(1)));
        fails(
                "Number underflow. Attempting to store a number with magnitude smaller than supported range",
                () -> apply("SET b = :a - :b", null, ":a", n("1.5e-130"), ":b", n("1.4e-130")));
        fails(overflow, () -> apply("ADD b :b", item("b", n("9e125")), ":b", n("9e125")));
    }

    @Test
    void listAppend() {
        assertEquals(
                l(n(4), s("hello"), s("hi"), n(7)),
                apply("SET a = list_append(:v1, :v2)", null, ":v1", l(n(4), s("hello")), ":v2", l(s("hi"), n(7)))
                        .get("a"));
        Item old = item("a", l(s("hi"), n(2)));
        assertEquals(
                l(s("hi"), n(2), n(4)),
                apply("SET a = list_append(a, :v)", old, ":v", l(n(4))).get("a"));
        assertEquals(
                l(s("dog"), s("hi"), n(2)),
                apply("SET a = list_append(:v, a)", old, ":v", l(s("dog"))).get("a"));
        assertEquals(
                l(s("hi"), n(2), s("hi"), n(2)),
                apply("SET c = list_append(a, a)", old).get("c"));
        assertEquals(
                l(n(1)),
                apply("SET a = list_append(if_not_exists(a, :e), :v)", null, ":e", l(), ":v", l(n(1)))
                        .get("a"));
        fails(MISSING, () -> apply("SET a = list_append(b, :v)", null, ":v", l()));
        fails(MISSING, () -> apply("SET a = list_append(:v, b)", old, ":v", l()));
        for (AttributeValue notList : List.of(n(7), s("hello"), b("hi"), ns("1", "2"), m("a", n(3)))) {
            Item it = item("b", notList);
            fails(WRONG_TYPE, () -> apply("SET a = list_append(b, :v)", it, ":v", l()));
            fails(WRONG_TYPE, () -> apply("SET a = list_append(:v, b)", it, ":v", l()));
        }
    }

    @Test
    void ifNotExists() {
        Item old = item("a", n(2));
        assertEquals(
                n(2), apply("SET a = if_not_exists(a, :v)", old, ":v", n(3)).get("a"));
        assertEquals(
                n(3), apply("SET a = if_not_exists(a, :v)", null, ":v", n(3)).get("a"));
        assertEquals(
                n(4), apply("SET b = if_not_exists(c, :v)", old, ":v", n(4)).get("b"));
        assertEquals(
                n(2), apply("SET b = if_not_exists(a, :v)", old, ":v", n(6)).get("b"));
        assertEquals(
                n(3),
                apply("SET x = if_not_exists(b, if_not_exists(c, :v))", old, ":v", n(3))
                        .get("x"));
        fails(MISSING, () -> apply("SET x = if_not_exists(b, c)", old));
    }

    @Test
    void addNumbers() {
        Item old = item("a", n(3), "b", s("hi"));
        assertEquals(n(7), apply("ADD a :v", old, ":v", n(4)).get("a"));
        assertEquals(n(8), apply("ADD c :v", old, ":v", n(8)).get("c"));
        assertEquals(item("b", n(8)), apply("ADD b :v", null, ":v", n(8)));
        assertEquals(n("-1.5"), apply("ADD a :v", old, ":v", n("-4.5")).get("a"));
        fails(WRONG_TYPE, () -> apply("ADD b :v", old, ":v", n(1)));
        fails(WRONG_TYPE, () -> apply("ADD a :v", old, ":v", ss("x")));
        assertEquals(item("m", m("x", n(3), "y", n(1))), apply("ADD m.y :v", item("m", m("x", n(3))), ":v", n(1)));
    }

    @Test
    void addSets() {
        Item old = item("a", ss("dog", "cat", "mouse"), "b", s("hi"), "l", l(n(1), n(2)));
        assertEquals(
                ss("dog", "cat", "mouse", "pig"),
                apply("ADD a :v", old, ":v", ss("pig")).get("a"));
        assertEquals(
                ss("dog", "cat", "mouse", "badger"),
                apply("ADD a :v", old, ":v", ss("cat", "badger", "dog")).get("a"));
        assertEquals(ss("dog"), apply("ADD c :v", old, ":v", ss("dog")).get("c"));
        assertEquals(
                ns("1", "2", "3"),
                apply("ADD n :v", item("n", ns("1", "2")), ":v", ns("2.0", "3")).get("n"));
        assertEquals(
                bs("a", "b"),
                apply("ADD x :v", item("x", bs("a")), ":v", bs("b", "a")).get("x"));
        fails(WRONG_TYPE, () -> apply("ADD a :v", old, ":v", ns("1")));
        fails(WRONG_TYPE, () -> apply("ADD l :v", old, ":v", ns("3")));
        fails(WRONG_TYPE, () -> apply("ADD b :v", old, ":v", ss("x")));
    }

    @Test
    void deleteSetMembers() {
        Item old = item("a", ss("dog", "cat", "mouse"), "b", s("hi"));
        Item once = apply("DELETE a :v", old, ":v", ss("cat", "mouse"));
        assertEquals(item("a", ss("dog"), "b", s("hi")), once);
        assertEquals(once, apply("DELETE a :v", once, ":v", ss("pig")));
        assertEquals(item("b", s("hi")), apply("DELETE a :v", once, ":v", ss("dog")));
        assertEquals(item("b", s("hi")), apply("DELETE a :v", item("b", s("hi")), ":v", ss("dog")));
        // on a missing item it creates nothing (this once expected an empty item; see invalidDocumentPaths)
        assertNull(apply("DELETE a :v", null, ":v", ss("dog")));
        assertEquals(
                ns("2", "3"),
                apply("DELETE n :v", item("n", ns("1", "2", "3")), ":v", ns("1.00", "4"))
                        .get("n"));
        fails(WRONG_TYPE, () -> apply("DELETE a :v", old, ":v", ns("1")));
        fails(WRONG_TYPE, () -> apply("DELETE b :v", old, ":v", ss("hi")));
        // removing the last member of a set in a list removes the element
        assertEquals(item("l", l(n(1))), apply("DELETE l[1] :v", item("l", l(n(1), ss("x"))), ":v", ss("x")));
        assertEquals(item("m", m()), apply("DELETE m.s :v", item("m", m("s", ss("x"))), ":v", ss("x")));
    }

    @Test
    void dynalitesNestedExample() {
        Item old = item("a", s("k"), "b", m("a", n(1), "b", n(2), "c", n(3)), "c", l(n(1), n(3)));
        UpdateExpression u = update(
                "set b.c=((c[1])+(b.a)),b.a = a,c[1] = a, c[4] = b.a - b.b, c[2] = b.c add c[8] " + ":b, c[6] :a",
                ":a",
                n(2),
                ":b",
                ss("a"));
        UpdateResult r = UpdateApplier.apply(u, old, null);
        assertEquals(
                item(
                        "a",
                        s("k"),
                        "b",
                        m("a", s("k"), "b", n(2), "c", n(4)),
                        "c",
                        l(n(1), s("k"), n(3), n(-1), n(2), ss("a"))),
                r.newItem());
        assertEquals(item("b", m("c", n(4), "a", s("k")), "c", l(s("k"), n(3), n(2))), r.updatedNew());
        assertEquals(item("b", m("c", n(3), "a", n(1)), "c", l(n(3))), r.updatedOld());
        assertEquals(Set.of("b", "c"), r.updatedAttributes());
    }

    @Test
    void updatedOldAndNew() {
        Item old = item("p", s("k"), "b", s("a"), "c", s("a"), "d", ns("1", "2", "3"));
        UpdateResult r = UpdateApplier.apply(
                update("SET b = :b, c = :c REMOVE x DELETE d :d", ":b", s("b"), ":c", s("a"), ":d", ns("1", "4")),
                old,
                null);
        assertEquals(item("b", s("a"), "c", s("a"), "d", ns("1", "2", "3")), r.updatedOld());
        assertEquals(item("b", s("b"), "c", s("a"), "d", ns("2", "3")), r.updatedNew());
        UpdateResult fresh = UpdateApplier.apply(update("SET b = if_not_exists(b, a)"), null, item("a", s("key")));
        assertEquals(item("a", s("key"), "b", s("key")), fresh.newItem());
        assertEquals(Item.empty(), fresh.updatedOld());
        assertEquals(item("b", s("key")), fresh.updatedNew());
        UpdateResult removed = UpdateApplier.apply(update("REMOVE b"), old, null);
        assertEquals(Item.empty(), removed.updatedNew());
        assertEquals(item("b", s("a")), removed.updatedOld());
    }

    @Test
    void theOldItemIsNotModified() {
        Item old = item("a", m("b", l(n(1), m("c", n(2)))));
        Item copy = item("a", m("b", l(n(1), m("c", n(2)))));
        apply("SET a.b[1].c = :v, a.b[5] = :v REMOVE a.b[0]", old, ":v", n(9));
        assertEquals(copy, old);
    }

    @Test
    void deepDocumentsUpdate() {
        AttributeValue v = s("leaf");
        StringBuilder path = new StringBuilder("a");
        for (int i = 0; i < 30; i++) {
            v = m("n", v);
            path.append(".n");
        }
        Item it = item("a", m("n", v));
        Item after = apply("SET " + path + ".x = :v", it, ":v", n(1));
        assertEquals(n(1), ConditionEvaluator.get(after, Path.of((Object[]) (path + ".x").split("\\."))));
    }
}
