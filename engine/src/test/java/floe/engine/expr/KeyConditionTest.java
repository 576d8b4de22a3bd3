package floe.engine.expr;

import static floe.engine.expr.Ex.b;
import static floe.engine.expr.Ex.bool;
import static floe.engine.expr.Ex.fails;
import static floe.engine.expr.Ex.item;
import static floe.engine.expr.Ex.n;
import static floe.engine.expr.Ex.ph;
import static floe.engine.expr.Ex.s;
import static floe.engine.expr.Ex.syntax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.model.Condition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** KeyConditionExpression and legacy KeyConditions against a key schema. */
class KeyConditionTest {
    private static final KeySchema SN = KeySchema.of("p", AttributeValue.Type.S, "c", AttributeValue.Type.N);
    private static final KeySchema SS = KeySchema.of("pk", AttributeValue.Type.S, "sk", AttributeValue.Type.S);
    private static final KeySchema S = KeySchema.of("p", AttributeValue.Type.S);
    private static final String K = "Invalid KeyConditionExpression: ";

    private static KeyCondition kce(KeySchema schema, String expression, Object... placeholders) {
        return ExpressionParser.parseKeyCondition(expression, ph(placeholders), schema);
    }

    private static void kceFails(String message, KeySchema schema, String expression, Object... placeholders) {
        fails(message, () -> kce(schema, expression, placeholders));
    }

    @Test
    void partitionOnly() {
        KeyCondition k = kce(SN, "p=:p", ":p", s("x"));
        assertEquals(s("x"), k.partitionValue());
        assertEquals(Optional.empty(), k.sortCondition());
        assertEquals(List.of(new KeyCondition.Equality("p", s("x"))), k.partitionKey());
        assertEquals(s("x"), kce(SN, " p  =   :p ", ":p", s("x")).partitionValue());
        assertEquals(s("x"), kce(S, "p = :p", ":p", s("x")).partitionValue());
    }

    @Test
    void sortConditions() {
        Object[] p = {":p", s("x"), ":c", n(5), ":c2", n(7)};
        assertSort(KeyCondition.Operator.EQ, List.of(n(5)), kce(SN, "p=:p AND c=:c", p));
        assertSort(KeyCondition.Operator.LT, List.of(n(5)), kce(SN, "p=:p AND c<:c", p));
        assertSort(KeyCondition.Operator.LE, List.of(n(5)), kce(SN, "p=:p AND c<=:c", p));
        assertSort(KeyCondition.Operator.GT, List.of(n(5)), kce(SN, "p=:p AND c>:c", p));
        assertSort(KeyCondition.Operator.GE, List.of(n(5)), kce(SN, "p=:p AND c>=:c", p));
        assertSort(KeyCondition.Operator.BETWEEN, List.of(n(5), n(7)), kce(SN, "p=:p AND c BETWEEN :c AND :c2", p));
        assertSort(KeyCondition.Operator.BETWEEN, List.of(n(5), n(7)), kce(SN, "p=:p AnD c BeTwEeN :c aNd :c2", p));
        // the key may be on the right: the operator turns around
        assertSort(KeyCondition.Operator.EQ, List.of(n(5)), kce(SN, ":p=p AND :c=c", p));
        assertSort(KeyCondition.Operator.GT, List.of(n(5)), kce(SN, ":p=p AND :c<c", p));
        assertSort(KeyCondition.Operator.LE, List.of(n(5)), kce(SN, ":c >= c AND p = :p", p));
        assertSort(
                KeyCondition.Operator.BEGINS_WITH,
                List.of(s("00")),
                kce(SS, "pk=:p AND begins_with(sk,:c)", ":p", s("x"), ":c", s("00")));
        assertSort(
                KeyCondition.Operator.BEGINS_WITH,
                List.of(b("00")),
                kce(
                        KeySchema.of("pk", AttributeValue.Type.S, "sk", AttributeValue.Type.B),
                        "pk=:p AND begins_with(sk,:c)",
                        ":p",
                        s("x"),
                        ":c",
                        b("00")));
        // order, placeholders and parentheses
        assertSort(KeyCondition.Operator.EQ, List.of(n(5)), kce(SN, "c=:c AND p=:p", p));
        assertSort(
                KeyCondition.Operator.EQ,
                List.of(n(3)),
                kce(SN, "#name1=:p AND #name2=:c", ":p", s("x"), ":c", n(3), "#name1", "p", "#name2", "c"));
        assertSort(KeyCondition.Operator.EQ, List.of(n(5)), kce(SN, "((c=:c) AND (p=:p))", p));
        assertSort(KeyCondition.Operator.EQ, List.of(n(5)), kce(SN, "(p = :p AND c = :c)", p));
        assertSort(KeyCondition.Operator.EQ, List.of(n(5)), kce(SN, "(p = :p AND (c = :c))", p));
    }

    private static void assertSort(KeyCondition.Operator op, List<AttributeValue> values, KeyCondition k) {
        KeyCondition.SortCondition sc = k.sortCondition().orElseThrow();
        assertEquals("c".equals(sc.attribute()) || "sk".equals(sc.attribute()), true);
        assertEquals(op, sc.operator());
        assertEquals(values, sc.values());
    }

    @Test
    void matchesItems() {
        KeyCondition k = kce(SN, "p = :p AND c BETWEEN :a AND :b", ":p", s("x"), ":a", n(4), ":b", n(7));
        assertTrue(k.matches(item("p", s("x"), "c", n(4))));
        assertTrue(k.matches(item("p", s("x"), "c", n(7))));
        assertFalse(k.matches(item("p", s("x"), "c", n(8))));
        assertFalse(k.matches(item("p", s("y"), "c", n(5))));
        KeyCondition prefix = kce(SS, "pk = :p AND begins_with(sk, :s)", ":p", s("x"), ":s", s("ab"));
        assertTrue(prefix.matches(item("pk", s("x"), "sk", s("abc"))));
        assertFalse(prefix.matches(item("pk", s("x"), "sk", s("ba"))));
    }

    @Test
    void structureErrors() {
        Object[] p = {":p", s("x"), ":c", n(5), ":c2", n(7), ":a", n(3)};
        kceFails(K + "KeyConditionExpressions must only contain one condition per key", SN, "p=:p AND p=:p", p);
        kceFails(
                K + "KeyConditionExpressions must only contain one condition per key",
                SN,
                "p=:p AND c>=:c AND c>=:c",
                p);
        kceFails(
                K + "KeyConditionExpressions must only contain one condition per key",
                SN,
                "p=:p AND c>=:c AND c<=:c2",
                p);
        kceFails(K + "Invalid operator used in KeyConditionExpression: <>", SN, "p=:p AND c<>:c", p);
        kceFails(K + "Invalid operator used in KeyConditionExpression: IN", SN, "p=:p AND c IN (:c)", p);
        kceFails(K + "Invalid operator used in KeyConditionExpression: OR", SN, "c=:c OR p=:p", p);
        kceFails(K + "Invalid operator used in KeyConditionExpression: NOT", SN, "NOT c=:c AND p=:p", p);
        kceFails(
                K + "Invalid operator used in KeyConditionExpression: attribute_exists",
                SN,
                "p=:p AND attribute_exists(c)",
                p);
        kceFails(K + "Invalid operator used in KeyConditionExpression: contains", SN, "p=:p AND contains(c, :c)", p);
        kceFails(K + "KeyConditionExpressions cannot have conditions on nested attributes", SN, "p=:p AND a.b<:a", p);
        kceFails(K + "KeyConditionExpressions cannot have conditions on nested attributes", SS, "pk.foo = :p", p);
        kceFails(K + "KeyConditionExpressions cannot have conditions on nested attributes", SS, "pk[0] = :p", p);
        kceFails(
                K + "KeyConditionExpressions cannot have conditions on nested attributes",
                SS,
                "pk = :p AND begins_with(sk.foo, :p)",
                p);
        kceFails(
                K + "KeyConditionExpressions cannot have conditions on nested attributes",
                SS,
                "pk = :p AND :p < sk.foo",
                p);
        kceFails(K + "KeyConditionExpressions cannot have conditions on nested attributes", SS, "pk.foo > :p", p);
        kceFails(
                K + "KeyConditionExpressions cannot have conditions on nested attributes",
                SS,
                "#d.foo = :p",
                ":p",
                s("x"),
                "#d",
                "pk");
        kceFails(K + "KeyConditionExpressions cannot have conditions on nested attributes", SS, "foo.bar = :p", p);
        kceFails(
                K + "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
                SN,
                "p=c");
        kceFails(K + "Invalid condition in KeyConditionExpression: No key attribute specified", SN, ":p=:a", p);
        kceFails(
                K + "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its "
                        + "first operand",
                SN,
                "p = :p AND :a BETWEEN c AND :c",
                p);
        kceFails(
                K + "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as "
                        + "its first operand",
                SS,
                "pk = :p AND begins_with(:p, sk)",
                p);
        kceFails(K + "KeyConditionExpressions cannot contain nested operations", SN, "p = :p AND size(c) = :c", p);
    }

    @Test
    void generalExpressionErrorsComeFirst() {
        Object[] p = {":p", s("x"), ":c", n(3)};
        kceFails(K + "The expression can not be empty;", SN, "");
        kceFails(K + syntax("!", "c!="), SN, "p=:p AND c!=:c", p);
        kceFails(K + syntax("<EOF>", "p"), SN, "p");
        kceFails(K + syntax("<EOF>", ":p"), SN, ":p", p);
        kceFails(K + "The expression has redundant parentheses;", SN, "((c=:c) AND ((p=:p)))", p);
        kceFails(K + "Invalid function name; function: dog", SN, "p=:p AND dog(c, :c)", p);
        kceFails(K + "Invalid function name; function: BEGINS_WITH", SS, "pk=:p AND BEGINS_WITH(sk,:p)", p);
        kceFails(
                K + "Incorrect operand type for operator or function; operator or function: begins_with, operand "
                        + "type: N",
                SN,
                "p=:p AND begins_with(c, :c)",
                p);
        kceFails(
                K + "An expression attribute value used in expression is not defined; attribute value: :p", SN, "p=:p");
        kceFails(
                K + "An expression attribute name used in the document path is not defined; attribute name: #name2",
                SN,
                "#name1=:p AND #name2=:c",
                ":p",
                s("x"),
                ":c",
                n(3),
                "#name1",
                "p");
        // a reserved word is reported before a nested path (ExtendDB's capture)
        kceFails(K + "Attribute name is a reserved keyword; reserved keyword: data", SS, "data.foo = :p", p);
    }

    @Test
    void keySchemaErrors() {
        Object[] p = {":p", s("x"), ":c", n(3), ":a", n(3), ":num", n(3), ":str", s("hello")};
        // verified against DynamoDB (nubo-db conformance tier 3)
        kceFails("Query condition missed key schema element: pk", SS, "sk = :p", p);
        kceFails("Query condition missed key schema element: pk", SS, "attr1 = :p", p);
        kceFails("Query condition missed key schema element: p", SN, "c=:c", p);
        kceFails("Query key condition not supported", SN, "p<:p", p);
        kceFails("Query key condition not supported", SN, "begins_with(p, :p)", p);
        kceFails("Query key condition not supported", SN, "p BETWEEN :p AND :p", p);
        kceFails("Query condition missed key schema element: c", SN, "p=:p AND a<:a", p);
        kceFails("Conditions can be of length 1 or 2 only", SN, "p=:p AND c<:c AND a<:a", p);
        kceFails("Query key condition not supported", S, "p=:p AND c=:c", p);
        kceFails("Query condition missed key schema element: pk", SS, "foo = :p", p);
        kceFails(
                "One or more parameter values were invalid: Condition parameter type does not match schema type",
                SN,
                "p=:num",
                p);
        kceFails(
                "One or more parameter values were invalid: Condition parameter type does not match schema type",
                SN,
                "p=:p AND c=:str",
                p);
        kceFails(
                "One or more parameter values were invalid: ComparisonOperator EQ is not valid for BOOL AttributeValue "
                        + "type",
                SN,
                "p=:p AND c=:b",
                ":p",
                s("x"),
                ":b",
                bool(true));
        // without known types, values are not checked against the schema
        KeySchema untyped = KeySchema.of("p", null, "c", null);
        assertEquals(n(3), kce(untyped, "p = :c", ":c", n(3)).partitionValue());
    }

    @Test
    void sizeLimitHasNoSuffix() {
        String path = "a" + "z".repeat(4096);
        kceFails(
                K + "Expression size has exceeded the maximum allowed size;",
                SN,
                "p = :p AND " + path + " = :q",
                ":p",
                s("x"),
                ":q",
                s("x"));
    }

    @Test
    void legacyKeyConditions() {
        Map<String, Condition> c = new LinkedHashMap<>();
        c.put("p", new Condition("EQ", List.of(s("x"))));
        c.put("c", new Condition("BETWEEN", List.of(n(1), n(2))));
        KeyCondition k = LegacyConditions.keyConditions(c, SN);
        assertEquals(s("x"), k.partitionValue());
        assertEquals(
                new KeyCondition.SortCondition("c", KeyCondition.Operator.BETWEEN, List.of(n(1), n(2))),
                k.sortCondition().orElseThrow());
        // messages from dynalite's test/query.js
        fails(
                "Query condition missed key schema element: p",
                () -> LegacyConditions.keyConditions(Map.of("c", new Condition("NULL", null)), SN));
        fails(
                "Query condition missed key schema element: c",
                () -> LegacyConditions.keyConditions(
                        linked("p", new Condition("EQ", List.of(s("x"))), "z", new Condition("NULL", null)), SN));
        fails(
                "Attempted conditional constraint is not an indexable operation",
                () -> LegacyConditions.keyConditions(
                        linked("p", new Condition("EQ", List.of(s("x"))), "c", new Condition("NULL", null)), SN));
        for (String op : new String[] {"NULL", "NOT_NULL"}) {
            fails(
                    "Attempted conditional constraint is not an indexable operation",
                    () -> LegacyConditions.keyConditions(Map.of("p", new Condition(op, null)), S));
        }
        for (String op : new String[] {"CONTAINS", "NOT_CONTAINS", "IN", "NE"}) {
            fails(
                    "Attempted conditional constraint is not an indexable operation",
                    () -> LegacyConditions.keyConditions(Map.of("p", new Condition(op, List.of(s("a")))), S));
        }
        for (String op : new String[] {"LE", "LT", "GE", "GT", "BEGINS_WITH"}) {
            fails(
                    "Query key condition not supported",
                    () -> LegacyConditions.keyConditions(Map.of("p", new Condition(op, List.of(s("a")))), S));
        }
        fails(
                "Query key condition not supported",
                () -> LegacyConditions.keyConditions(
                        Map.of("p", new Condition("BETWEEN", List.of(s("a"), s("b")))), S));
        fails(
                "Query key condition not supported",
                () -> LegacyConditions.keyConditions(
                        linked("p", new Condition("EQ", List.of(s("a"))), "b", new Condition("EQ", List.of(s("a")))),
                        S));
        fails("Conditions can be of length 1 or 2 only", () -> LegacyConditions.keyConditions(Map.of(), S));
        fails(
                "Conditions can be of length 1 or 2 only",
                () -> LegacyConditions.keyConditions(
                        linked(
                                "a",
                                new Condition("NULL", null),
                                "b",
                                new Condition("NULL", null),
                                "c",
                                new Condition("NULL", null)),
                        SN));
        fails(
                "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator",
                () -> LegacyConditions.keyConditions(Map.of("p", new Condition("EQ", null)), S));
        fails(
                "One or more parameter values were invalid: Condition parameter type does not match schema type",
                () -> LegacyConditions.keyConditions(Map.of("p", new Condition("EQ", List.of(n(1)))), S));
        fails(
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.",
                () -> LegacyConditions.keyConditions(null, S));
    }

    private static Map<String, Condition> linked(Object... kv) {
        Map<String, Condition> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Condition) kv[i + 1]);
        }
        return m;
    }
}
