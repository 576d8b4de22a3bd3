package floe.engine.expr;

import static floe.engine.expr.Ex.fails;
import static floe.engine.expr.Ex.n;
import static floe.engine.expr.Ex.s;

import floe.api.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ExpressionAttributeNames and ExpressionAttributeValues: the maps' own rules and usage tracking. */
class PlaceholdersTest {

    private static Map<String, String> names(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, AttributeValue> values(Object... kv) {
        return Ex.map(kv);
    }

    @Test
    void emptyMapsAreRefused() {
        fails("ExpressionAttributeNames must not be empty", () -> Placeholders.of(Map.of(), null));
        fails("ExpressionAttributeValues must not be empty", () -> Placeholders.of(null, Map.of()));
        fails("ExpressionAttributeNames must not be empty", () -> Placeholders.of(Map.of(), Map.of()));
    }

    @Test
    void keysMustBePlaceholders() {
        fails(
                "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"",
                () -> Placeholders.of(names("a", "a"), null));
        fails(
                "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"",
                () -> Placeholders.of(names("#", "foo"), null));
        fails(
                "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"",
                () -> Placeholders.of(names("#a-b", "foo"), null));
        fails(
                "ExpressionAttributeValues contains invalid key: Syntax error; key: \"b\"",
                () -> Placeholders.of(null, values(":b", s("a"), "b", s("a"))));
        fails(
                "ExpressionAttributeValues contains invalid key: Syntax error; key: \":\"",
                () -> Placeholders.of(null, values(":", s("x"))));
        fails(
                "ExpressionAttributeValues contains invalid key: Syntax error; key: \":a-b\"",
                () -> Placeholders.of(null, values(":a-b", s("x"))));
        Placeholders.of(names("#a_1", "foo", "#123", "bar", "#_", "x"), values(":_", n(1), ":9", n(2)));
    }

    @Test
    void keysAreAtMost255Bytes() {
        String ok = "#" + "a".repeat(254);
        Placeholders.of(names(ok, "foo"), values(":" + "a".repeat(254), n(1)));
        fails(
                "ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too "
                        + "long; size of key: 256",
                () -> Placeholders.of(names("#" + "a".repeat(255), "foo"), null));
        // the length is checked before the syntax
        fails(
                "ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too "
                        + "long; size of key: 258",
                () -> Placeholders.of(names("#" + "a".repeat(255) + "-x", "foo"), null));
        fails(
                "ExpressionAttributeValues contains invalid key: The expression attribute map contains a key that is too "
                        + "long;",
                () -> Placeholders.of(null, values(":" + "a".repeat(255), n(1))));
        // the attribute name a placeholder stands for has no such limit
        Placeholders.of(names("#a", "x".repeat(1000)), null);
    }

    @Test
    void namesMustNotMapToEmptyNames() {
        fails(
                "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a",
                () -> Placeholders.of(names("#a", ""), null));
    }

    @Test
    void namesAreCheckedBeforeValues() {
        fails(
                "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"",
                () -> Placeholders.of(names("a", "a"), values("b", n(1))));
    }

    @Test
    void unusedNamesThenUnusedValuesAreReported() {
        Placeholders p = Placeholders.of(names("#a", "a", "#b", "b", "#c", "c"), values(":a", n(1), ":c", n(2)));
        ExpressionParser.parseUpdate("SET #a = :a", p);
        fails("Value provided in ExpressionAttributeNames unused in expressions: keys: {#b, #c}", p::checkAllUsed);
        ExpressionParser.parseProjection("#b, #c", p);
        fails("Value provided in ExpressionAttributeValues unused in expressions: keys: {:c}", p::checkAllUsed);
        ExpressionParser.parseCondition("#c = :c", p, ExpressionKind.CONDITION);
        p.checkAllUsed();
    }

    @Test
    void usesAcrossExpressionsOfOneRequestCount() {
        Placeholders p = Ex.ph("#n1", "a", "#n2", "b", ":v1", n(1), ":v2", n(2), ":v3", n(3));
        ExpressionParser.parseCondition("#n1 = :v1 OR #n2 = :v2", p, ExpressionKind.CONDITION);
        ExpressionParser.parseUpdate("SET #n1 = :v3", p);
        // short-circuit evaluation must not matter: everything written counts as used
        p.checkAllUsed();
    }

    @Test
    void placeholdersInUpdateValuesAndFunctionsCount() {
        Placeholders p = Ex.ph("#one", "c", "#two", "a", ":l", Ex.l(), ":z", n(0));
        ExpressionParser.parseUpdate("SET #one = list_append(if_not_exists(#two, :l), :l) ADD x :z", p);
        p.checkAllUsed();
        Placeholders q = Ex.ph("#one", "c", "#two", "a", "#three", "z");
        ExpressionParser.parseUpdate("SET #one = #two", q);
        fails("Value provided in ExpressionAttributeNames unused in expressions: keys: {#three}", q::checkAllUsed);
    }

    @Test
    void noPlaceholders() {
        Placeholders none = Placeholders.none();
        none.checkAllUsed();
        List<Path> paths = ExpressionParser.parseProjection("a, b.c", none);
        none.checkAllUsed();
        org.junit.jupiter.api.Assertions.assertEquals(2, paths.size());
    }
}
