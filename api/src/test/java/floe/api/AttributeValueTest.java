package floe.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.error.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeValueTest {
    @Test
    void numbersPrintInDynamoDbsCanonicalForm() {
        assertEquals("42", AttributeValue.n("00042").text());
        assertEquals("0", AttributeValue.n("-0").text());
        assertEquals("0", AttributeValue.n("0.000").text());
        assertEquals("150", AttributeValue.n("1.5E2").text());
        assertEquals("1", AttributeValue.n("1.0").text());
        assertEquals("0.001", AttributeValue.n("1e-3").text());
        assertEquals("-12.5", AttributeValue.n("-12.50").text());
        assertEquals(AttributeValue.n("1"), AttributeValue.n("1.00"), "equal numbers are equal values");
    }

    @Test
    void numbersKeepDynamoDbsPrecisionAndRange() {
        String max = "9.9999999999999999999999999999999999999E+125";
        assertEquals(126, AttributeValue.n(max).text().length());
        AttributeValue.n("-" + max);
        AttributeValue.n("1E-130");
        AttributeValue.n("-1E-130");
        AttributeValue.n("1" + "0".repeat(40)); // trailing zeros are not significant
        assertError(
                "Attempting to store more than 38 significant digits in a Number",
                () -> AttributeValue.n("1." + "1".repeat(38)));
        assertError(
                "Number overflow. Attempting to store a number with magnitude larger than supported range",
                () -> AttributeValue.n("1E126"));
        assertError(
                "Number overflow. Attempting to store a number with magnitude larger than supported range",
                () -> AttributeValue.n("-1E126"));
        assertError(
                "Number underflow. Attempting to store a number with magnitude smaller than supported range",
                () -> AttributeValue.n("1E-131"));
        assertError("The parameter cannot be converted to a numeric value: abc", () -> AttributeValue.n("abc"));
        assertError("The parameter cannot be converted to a numeric value:  1", () -> AttributeValue.n(" 1"));
        assertError(
                "The parameter cannot be converted to a numeric value: Infinity", () -> AttributeValue.n("Infinity"));
        assertError("The parameter cannot be converted to a numeric value: 1e", () -> AttributeValue.n("1e"));
        assertError("The parameter cannot be converted to a numeric value: 1.2.3", () -> AttributeValue.n("1.2.3"));
        // exponents beyond an int are out of range, not malformed
        for (String big : List.of("1e99999999999", "-1e99999999999", "1e2147483648")) {
            assertError(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range",
                    () -> AttributeValue.n(big));
        }
        for (String small : List.of("1e-99999999999", "1e-2147483649")) {
            assertError(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range",
                    () -> AttributeValue.n(small));
        }
        assertError("The parameter cannot be converted to a numeric value", () -> AttributeValue.n(""));
    }

    @Test
    void setsRejectEmptinessAndDuplicatesWithDynamoDbsMessages() {
        assertError(
                "One or more parameter values were invalid: An string set  may not be empty",
                () -> AttributeValue.SS.of(List.of()));
        assertError(
                "One or more parameter values were invalid: An number set  may not be empty",
                () -> AttributeValue.NS.of(List.of()));
        assertError(
                "One or more parameter values were invalid: Binary sets should not be empty",
                () -> AttributeValue.BS.of(List.of()));
        assertError(
                "One or more parameter values were invalid: Input collection [a, a] contains duplicates.",
                () -> AttributeValue.ss("a", "a"));
        assertError(
                "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type BS contains duplicates.",
                () -> AttributeValue.bs(Bytes.fromBase64("Yg=="), Bytes.fromBase64("Yg==")));
        assertError(
                "One or more parameter values were invalid: Input collection contains duplicates.",
                () -> AttributeValue.ns("1", "1.0")); // numerically equal members are duplicates
        assertEquals(AttributeValue.ns("1", "2"), AttributeValue.ns("2.0", "1"));
        assertNotEquals(AttributeValue.ss("a"), AttributeValue.ss("b"));
    }

    @Test
    void itemSizeFollowsDynamoDbsRules() {
        Item item = Item.builder()
                .put("s", "abc") // 1 + 3
                .put("é", "é") // 2 + 2
                .put("n", AttributeValue.n("123.45")) // 1 + (1 + 2 + 1)
                .put("neg", AttributeValue.n("-1")) // 3 + (1 + 1 + 1)
                .put("b", AttributeValue.b(new byte[] {1, 2})) // 1 + 2
                .put("t", AttributeValue.bool(true)) // 1 + 1
                .put("z", AttributeValue.nul()) // 1 + 1
                .put("l", AttributeValue.l(AttributeValue.s("x"))) // 1 + 3 + (1 + 1)
                .put("m", AttributeValue.m(Map.of("k", AttributeValue.s("v")))) // 1 + 3 + (1 + 1 + 1)
                .put("ss", AttributeValue.ss("a", "bc")) // 2 + 3
                .build();
        assertEquals(4 + 4 + 5 + 6 + 3 + 2 + 2 + 6 + 7 + 5, item.size());
    }

    private static void assertError(String message, Runnable call) {
        ValidationException e = assertThrows(ValidationException.class, call::run);
        assertEquals(message, e.getMessage());
        assertEquals("com.amazon.coral.validate#ValidationException", e.errorType());
        assertEquals(400, e.httpStatus());
    }
}
