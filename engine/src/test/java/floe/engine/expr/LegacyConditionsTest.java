package floe.engine.expr;

import static floe.engine.expr.Ex.b;
import static floe.engine.expr.Ex.bool;
import static floe.engine.expr.Ex.fails;
import static floe.engine.expr.Ex.item;
import static floe.engine.expr.Ex.l;
import static floe.engine.expr.Ex.m;
import static floe.engine.expr.Ex.n;
import static floe.engine.expr.Ex.ns;
import static floe.engine.expr.Ex.nul;
import static floe.engine.expr.Ex.s;
import static floe.engine.expr.Ex.ss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ValidationException;
import floe.api.model.AttributeValueUpdate;
import floe.api.model.Condition;
import floe.api.model.ExpectedAttributeValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The legacy parameters: Expected, QueryFilter/ScanFilter, AttributeUpdates. */
class LegacyConditionsTest {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private static ExpectedAttributeValue op(String op, AttributeValue... values) {
        return new ExpectedAttributeValue(null, null, op, values.length == 0 ? null : List.of(values));
    }

    private static boolean expected(Item item, String attribute, ExpectedAttributeValue e) {
        return ConditionEvaluator.matches(LegacyConditions.expected(Map.of(attribute, e), null), item);
    }

    private static boolean filter(Item item, String attribute, String op, AttributeValue... values) {
        return ConditionEvaluator.matches(
                LegacyConditions.filter(
                        Map.of(attribute, new Condition(op, Arrays.asList(values))), null, "scanFilter"),
                item);
    }

    @Test
    void valueAndExists() {
        Item it = item("a", n(1));
        assertTrue(expected(it, "a", new ExpectedAttributeValue(n(1), null, null, null)));
        assertFalse(expected(it, "a", new ExpectedAttributeValue(n(2), null, null, null)));
        assertFalse(expected(it, "z", new ExpectedAttributeValue(n(1), null, null, null)));
        assertTrue(expected(it, "a", new ExpectedAttributeValue(n(1), true, null, null)));
        assertFalse(expected(it, "a", new ExpectedAttributeValue(n(2), true, null, null)));
        assertTrue(expected(it, "z", new ExpectedAttributeValue(null, false, null, null)));
        assertFalse(expected(it, "a", new ExpectedAttributeValue(null, false, null, null)));
        assertTrue(expected(
                item("active", bool(false)), "active", new ExpectedAttributeValue(bool(false), true, null, null)));
        assertNull(LegacyConditions.expected(null, null));
        ValidationException empty =
                assertThrows(ValidationException.class, () -> LegacyConditions.expected(Map.of(), null));
        assertEquals("Expected must not be empty", empty.getMessage());
    }

    @Test
    void comparisonOperators() {
        Item it = item(
                "a",
                n(1),
                "b",
                s("cat"),
                "c",
                b("cat"),
                "nu",
                nul(),
                "s",
                s("hello"),
                "set",
                ns("2", "4", "7"),
                "list",
                l(n(2), n(4), n(7)),
                "d",
                b("hi there"),
                "x",
                n(3));
        assertTrue(expected(it, "a", op("EQ", n(1))));
        assertFalse(expected(it, "a", op("EQ", s("1"))));
        assertTrue(expected(it, "set", op("EQ", ns("7", "4", "2"))));
        assertTrue(expected(it, "a", op("NE", n(2))));
        assertTrue(expected(it, "a", op("NE", s("1"))));
        assertTrue(expected(it, "q", op("NE", n(1))));
        assertFalse(expected(it, "a", op("NE", n(1))));
        assertTrue(expected(it, "a", op("LE", n(1))));
        assertFalse(expected(it, "a", op("LT", n(1))));
        assertTrue(expected(it, "b", op("GE", s("cat"))));
        assertTrue(expected(it, "c", op("GT", b("aardvark"))));
        assertFalse(expected(it, "a", op("GT", s("0"))));
        // NULL and NOT_NULL test existence, not the NULL type
        assertTrue(expected(it, "nu", op("NOT_NULL")));
        assertFalse(expected(it, "nu", op("NULL")));
        assertTrue(expected(it, "q", op("NULL")));
        assertFalse(expected(it, "q", op("NOT_NULL")));
        // CONTAINS on strings, binaries, sets and lists
        assertTrue(expected(it, "s", op("CONTAINS", s("ell"))));
        assertFalse(expected(it, "s", op("CONTAINS", n(1))));
        assertTrue(expected(it, "set", op("CONTAINS", n(4))));
        assertTrue(expected(it, "list", op("CONTAINS", n(4))));
        assertTrue(expected(it, "d", op("CONTAINS", b("here"))));
        assertFalse(expected(it, "q", op("CONTAINS", n(1))));
        // NOT_CONTAINS is false for a missing attribute, unlike NE
        assertTrue(expected(it, "s", op("NOT_CONTAINS", s("dog"))));
        assertTrue(expected(it, "set", op("NOT_CONTAINS", n(1))));
        assertFalse(expected(it, "list", op("NOT_CONTAINS", n(4))));
        assertFalse(expected(it, "q", op("NOT_CONTAINS", n(1))));
        assertTrue(expected(it, "s", op("BEGINS_WITH", s("hell"))));
        assertTrue(expected(it, "d", op("BEGINS_WITH", b("hi"))));
        assertFalse(expected(it, "x", op("BEGINS_WITH", s("3"))));
        assertTrue(expected(it, "x", op("IN", n(2), n(3), n(8))));
        assertFalse(expected(it, "set", op("IN", n(2))));
        assertTrue(expected(it, "a", op("BETWEEN", n(1), n(3))));
        assertFalse(expected(it, "a", op("BETWEEN", s("a"), s("b"))));
        assertFalse(expected(it, "q", op("BETWEEN", n(0), n(100))));
        // Value may stand for a one-element AttributeValueList
        assertTrue(expected(it, "a", new ExpectedAttributeValue(n(1), null, "EQ", null)));
    }

    @Test
    void conditionalOperator() {
        Item it = item("a", n(1), "b", n(2));
        Map<String, ExpectedAttributeValue> e = new LinkedHashMap<>();
        e.put("a", new ExpectedAttributeValue(n(74), true, null, null));
        e.put("b", op("EQ", n(2)));
        e.put("c", new ExpectedAttributeValue(null, false, null, null));
        assertFalse(ConditionEvaluator.matches(LegacyConditions.expected(e, null), it));
        assertFalse(ConditionEvaluator.matches(LegacyConditions.expected(e, "AND"), it));
        assertTrue(ConditionEvaluator.matches(LegacyConditions.expected(e, "OR"), it));
        fails(
                "1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: Member "
                        + "must satisfy enum value set: [OR, AND]",
                () -> LegacyConditions.expected(e, "XOR"));
        Map<String, Condition> f = new LinkedHashMap<>();
        f.put("a", new Condition("EQ", List.of(n(9))));
        f.put("b", new Condition("EQ", List.of(n(2))));
        assertFalse(ConditionEvaluator.matches(LegacyConditions.filter(f, null, "queryFilter"), it));
        assertTrue(ConditionEvaluator.matches(LegacyConditions.filter(f, "OR", "queryFilter"), it));
        assertNull(LegacyConditions.filter(null, null, "queryFilter"));
    }

    @Test
    void expectedValidation() {
        // messages from dynalite's validations/index.js and test suite
        fails(
                INVALID + "Value must be provided when Exists is null for Attribute: a",
                () -> LegacyConditions.expected(Map.of("a", new ExpectedAttributeValue(null, null, null, null)), null));
        fails(
                INVALID + "Value must be provided when Exists is true for Attribute: a",
                () -> LegacyConditions.expected(Map.of("a", new ExpectedAttributeValue(null, true, null, null)), null));
        fails(
                INVALID + "Value cannot be used when Exists is false for Attribute: a",
                () -> LegacyConditions.expected(
                        Map.of("a", new ExpectedAttributeValue(s("a"), false, null, null)), null));
        fails(
                INVALID + "Exists and ComparisonOperator cannot be used together for Attribute: a",
                () -> LegacyConditions.expected(
                        Map.of("a", new ExpectedAttributeValue(null, false, "EQ", List.of(n(3)))), null));
        fails(
                INVALID + "Value and AttributeValueList cannot be used together for Attribute: a",
                () -> LegacyConditions.expected(
                        Map.of("a", new ExpectedAttributeValue(n(3), null, "EQ", List.of(n(3)))), null));
        fails(
                INVALID + "Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: a",
                () -> LegacyConditions.expected(Map.of("a", op("EQ")), null));
        fails(
                INVALID + "AttributeValueList can only be used with a ComparisonOperator for Attribute: a",
                () -> LegacyConditions.expected(
                        Map.of("a", new ExpectedAttributeValue(null, null, null, List.of(n(1)))), null));
        fails(
                INVALID + "Invalid number of argument(s) for the EQ ComparisonOperator",
                () -> LegacyConditions.expected(Map.of("a", op("EQ", n(2), n(3))), null));
        fails(
                INVALID + "Invalid number of argument(s) for the NOT_NULL ComparisonOperator",
                () -> LegacyConditions.expected(Map.of("a", op("NOT_NULL", n(2))), null));
        fails(
                INVALID + "Invalid number of argument(s) for the IN ComparisonOperator",
                () -> LegacyConditions.expected(
                        Map.of("a", new ExpectedAttributeValue(null, null, "IN", List.of())), null));
        fails(
                INVALID + "AttributeValues inside AttributeValueList must be of same type",
                () -> LegacyConditions.expected(Map.of("c", op("IN", n(3), s("dog"))), null));
        fails(
                INVALID + "ComparisonOperator CONTAINS is not valid for L AttributeValue type",
                () -> LegacyConditions.expected(Map.of("a", op("CONTAINS", l(n(1)))), null));
        fails(
                INVALID + "ComparisonOperator IN is not valid for L AttributeValue type",
                () -> LegacyConditions.expected(Map.of("a", op("IN", l(n(1)), l(n(2)))), null));
        fails(
                INVALID + "ComparisonOperator BETWEEN is not valid for NS AttributeValue type",
                () -> LegacyConditions.expected(Map.of("a", op("BETWEEN", ns("1"), ns("2"))), null));
        fails(
                INVALID + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type",
                () -> LegacyConditions.expected(Map.of("a", op("BEGINS_WITH", n(3))), null));
        fails(
                INVALID + "ComparisonOperator LT is not valid for BOOL AttributeValue type",
                () -> LegacyConditions.expected(Map.of("a", op("LT", bool(true))), null));
        fails(
                "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound",
                () -> LegacyConditions.expected(Map.of("a", op("BETWEEN", n(4), n(3))), null));
        fails(
                "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound",
                () -> LegacyConditions.expected(Map.of("b", op("BETWEEN", s("dog"), s("aardvark"))), null));
        fails(
                "1 validation error detected: Value 'XX' at 'expected.a.member.comparisonOperator' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, "
                        + "NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]",
                () -> LegacyConditions.expected(Map.of("a", op("XX", n(1))), null));
    }

    @Test
    void filterValidation() {
        fails(
                INVALID + "Invalid number of argument(s) for the NE ComparisonOperator",
                () -> LegacyConditions.filter(Map.of("a", new Condition("NE", null)), null, "scanFilter"));
        fails(
                INVALID + "Invalid number of argument(s) for the BETWEEN ComparisonOperator",
                () -> LegacyConditions.filter(
                        Map.of("a", new Condition("BETWEEN", List.of(s("a"), s("a"), s("a")))), null, "queryFilter"));
        // EQ and NE take every type: "EQ is supported for all data types, including lists and maps"
        // (DynamoDB API reference, Condition); this test once expected M to be refused
        assertTrue(filter(item("a", m()), "a", "EQ", m()));
        assertTrue(filter(item("a", l(s("x"))), "a", "NE", l(s("y"))));
        fails(
                "1 validation error detected: Value null at 'queryFilter.a.member.comparisonOperator' failed to satisfy "
                        + "constraint: Member must not be null",
                () -> LegacyConditions.filter(Map.of("a", new Condition(null, null)), null, "queryFilter"));
        assertTrue(filter(item("a", ss("x")), "a", "EQ", ss("x")));
        assertTrue(filter(item("a", s("x")), "b", "NULL"));
    }

    @Test
    void attributeUpdates() {
        Map<String, AttributeValueUpdate> u = new LinkedHashMap<>();
        u.put("b", new AttributeValueUpdate(null, "DELETE"));
        u.put("c", new AttributeValueUpdate(ss("a", "b"), "DELETE"));
        u.put("d", new AttributeValueUpdate(n(5), "ADD"));
        u.put("e", new AttributeValueUpdate(ss("a", "b"), "ADD"));
        u.put("f", new AttributeValueUpdate(l(s("a"), n(1)), "ADD"));
        u.put("g", new AttributeValueUpdate(s("x"), null));
        u.put("h", new AttributeValueUpdate(s("y"), "PUT"));
        UpdateResult fresh = UpdateApplier.apply(LegacyConditions.attributeUpdates(u), null, item("a", s("k")));
        assertEquals(
                item("a", s("k"), "d", n(5), "e", ss("a", "b"), "f", l(s("a"), n(1)), "g", s("x"), "h", s("y")),
                fresh.newItem());
        assertEquals(
                item("d", n(5), "e", ss("a", "b"), "f", l(s("a"), n(1)), "g", s("x"), "h", s("y")), fresh.updatedNew());
        Item old = item(
                "a", s("k"), "b", s("a"), "c", ss("a", "b", "z"), "d", n(1), "e", ss("c", "b"), "f", l(s("b"), n(2)));
        UpdateResult r = UpdateApplier.apply(LegacyConditions.attributeUpdates(u), old, null);
        assertEquals(
                item(
                        "a",
                        s("k"),
                        "c",
                        ss("z"),
                        "d",
                        n(6),
                        "e",
                        ss("c", "b", "a"),
                        "f",
                        l(s("b"), n(2), s("a"), n(1)),
                        "g",
                        s("x"),
                        "h",
                        s("y")),
                r.newItem());
        assertEquals(
                item("b", s("a"), "c", ss("a", "b", "z"), "d", n(1), "e", ss("c", "b"), "f", l(s("b"), n(2))),
                r.updatedOld());
        assertEquals(
                item("a", s("k")),
                UpdateApplier.apply(
                                LegacyConditions.attributeUpdates(
                                        Map.of("c", new AttributeValueUpdate(ss("a", "b", "z"), "DELETE"))),
                                item("a", s("k"), "c", ss("a", "b", "z")),
                                null)
                        .newItem());
        assertEquals(List.of(), LegacyConditions.attributeUpdates(null).actions());
        assertEquals(List.of(), LegacyConditions.attributeUpdates(Map.of()).actions());
    }

    @Test
    void attributeUpdatesValidation() {
        fails(
                INVALID + "Only DELETE action is allowed when no attribute value is specified",
                () -> LegacyConditions.attributeUpdates(Map.of("a", new AttributeValueUpdate(null, null))));
        fails(
                INVALID + "Only DELETE action is allowed when no attribute value is specified",
                () -> LegacyConditions.attributeUpdates(Map.of("a", new AttributeValueUpdate(null, "ADD"))));
        for (AttributeValue v : List.of(s("1"), n(1), b("b"), nul(), bool(true), m(), l())) {
            fails(
                    INVALID + "DELETE action with value is not supported for the type " + v.type(),
                    () -> LegacyConditions.attributeUpdates(Map.of("a", new AttributeValueUpdate(v, "DELETE"))));
        }
        for (AttributeValue v : List.of(s("1"), b("b"), nul(), bool(true), m())) {
            fails(
                    INVALID + "ADD action is not supported for the type " + v.type(),
                    () -> LegacyConditions.attributeUpdates(Map.of("a", new AttributeValueUpdate(v, "ADD"))));
        }
        fails(
                "1 validation error detected: Value 'MERGE' at 'attributeUpdates.a.member.action' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]",
                () -> LegacyConditions.attributeUpdates(Map.of("a", new AttributeValueUpdate(n(1), "MERGE"))));
        UpdateExpression u = LegacyConditions.attributeUpdates(Map.of("a", new AttributeValueUpdate(s("x"), "PUT")));
        fails(
                INVALID + "Cannot update attribute a. This attribute is part of the key",
                () -> u.rejectKeyUpdates(List.of("a")));
    }

    @Test
    void attributeUpdatesRuntimeMismatches() {
        Item old = item("b", ss("1"), "c", n(1), "d", ns("1"));
        String mismatch = "Type mismatch for attribute to update";
        for (Object[] c : new Object[][] {
            {"b", ns("1"), "DELETE"},
            {"b", bs(), "DELETE"},
            {"c", ns("1"), "DELETE"},
            {"b", ns("1"), "ADD"},
            {"d", n(1), "ADD"},
            {"c", l(n(1)), "ADD"}
        }) {
            UpdateExpression u = LegacyConditions.attributeUpdates(
                    Map.of((String) c[0], new AttributeValueUpdate((AttributeValue) c[1], (String) c[2])));
            fails(mismatch, () -> UpdateApplier.apply(u, old, null));
        }
    }

    private static AttributeValue bs() {
        return Ex.bs("YQ==");
    }
}
