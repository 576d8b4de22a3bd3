package floe.engine.expr;

import static floe.engine.expr.Ex.conditionFails;
import static floe.engine.expr.Ex.fails;
import static floe.engine.expr.Ex.item;
import static floe.engine.expr.Ex.n;
import static floe.engine.expr.Ex.ph;
import static floe.engine.expr.Ex.s;
import static floe.engine.expr.Ex.syntax;
import static floe.engine.expr.Ex.updateFails;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.StringJoiner;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The 4 KB size limit, the 300-operator limit, and deep nesting within them. */
class LimitsTest {
    private static final String TOO_MANY = "The expression contains too many operators; operator count: 301";

    @Test
    void expressionsUpTo4096BytesAreAccepted() {
        String spaces = " ".repeat(4085);
        Ex.update("SET" + spaces + "a = :val", ":val", n(1));
        Ex.cond("a" + spaces + " = :oldval", ":oldval", n(1));
        ExpressionParser.parseProjection("x".repeat(4096), Placeholders.none());
        assertTrue(Ex.eval("a" + " ".repeat(4084) + "= :v", item("a", n(1)), ":v", n(1)));
    }

    @Test
    void expressionsOver4096BytesAreRefusedWithDynamoDbsWording() {
        String size = "Expression size has exceeded the maximum allowed size;";
        String path = "a" + "z".repeat(4096);
        // Wording captured from DynamoDB by ExtendDB: only conditions and filters give the size.
        fails(
                "Invalid ProjectionExpression: " + size,
                () -> ExpressionParser.parseProjection(path, Placeholders.none()));
        fails(
                "Invalid FilterExpression: " + size + " expression size: " + (path.length() + 5),
                () -> ExpressionParser.parseCondition(path + " = :v", ph(":v", s("x")), ExpressionKind.FILTER));
        String cond = "attribute_not_exists(" + path + ")";
        conditionFails(size + " expression size: " + cond.length(), cond);
        updateFails(size, "SET " + path + " = :v", ":v", s("x"));
        updateFails(size, "SET " + " ".repeat(4086) + "a = :val", ":val", n(1));
        // bytes, not characters
        String euro = "\u20ac".repeat(1366); // 4098 bytes, 1366 chars
        conditionFails(size + " expression size: 4098", euro);
        // the size is checked before the syntax
        conditionFails(size + " expression size: 15000", "(".repeat(15000));
        conditionFails(size + " expression size: 200004", "a<b " + "and (a<b ".repeat(20000) + ")".repeat(20000));
        conditionFails(size + " expression size: 80003", "not ".repeat(20000) + "a<b");
    }

    @Test
    void threeHundredOperators() {
        // 149 levels: 150 "<" and 149 "or" (ScyllaDB test_limits.py): accepted.
        String ok = "a<b " + "or (a<b ".repeat(149) + ")".repeat(149);
        assertTrue(Ex.eval(ok, item("a", n(1), "b", n(2))));
        // exactly 300: 150 comparisons, 149 ANDs and a NOT
        StringJoiner j = new StringJoiner(" AND ", "NOT (", ")");
        for (int i = 0; i < 150; i++) {
            j.add("a < b");
        }
        Ex.cond(j.toString());
        conditionFails(TOO_MANY, "a<b " + "or (a<b ".repeat(150) + ")".repeat(150));
        // 909 operators still say 301: DynamoDB stops counting there
        conditionFails(TOO_MANY, "a<b " + "or (a<b ".repeat(454) + ")".repeat(454));
        conditionFails(TOO_MANY, "not ".repeat(1000) + "a<b");
        // functions count, parentheses do not
        StringJoiner f = new StringJoiner(" AND ");
        for (int i = 0; i < 151; i++) {
            f.add("attribute_exists(a)");
        }
        conditionFails(TOO_MANY, f.toString());
        conditionFails(TOO_MANY, "a < " + "size(".repeat(301) + "b" + ")".repeat(301));
    }

    @Test
    void inCountsAsOneOperator() {
        StringJoiner list = new StringJoiner(",", "(", ")");
        Object[] values = new Object[198];
        for (int i = 0; i < 99; i++) {
            list.add(":v" + i);
            values[2 * i] = ":v" + i;
            values[2 * i + 1] = n(i);
        }
        // three INs of 99 values and two ANDs count as 5 operators, far below 300, though 297 operands are named
        String threeIns = "a IN " + list + " AND b IN " + list + " AND c IN " + list;
        assertTrue(Ex.eval(threeIns, item("a", n(0), "b", n(50), "c", n(98)), values));
        assertFalse(Ex.eval(threeIns, item("a", n(0), "b", n(50), "c", n(99)), values));
    }

    @Test
    void updateOperators() {
        StringJoiner ok = new StringJoiner(",", "SET ", "");
        for (int i = 0; i < 300; i++) {
            ok.add("a" + i + "=b+c");
        }
        Ex.update(ok.toString());
        StringJoiner plus = new StringJoiner(",", "SET ", "");
        for (int i = 0; i < 301; i++) {
            plus.add("a" + i + "=b+c");
        }
        updateFails(TOO_MANY, plus.toString());
        StringJoiner functions = new StringJoiner(",", "SET ", "");
        for (int i = 0; i < 150; i++) {
            functions.add("a" + i + "=if_not_exists(b,c)+c");
        }
        functions.add("z=b+c");
        updateFails(TOO_MANY, functions.toString());
    }

    @Test
    void deepNestingWithin4KbNeverOverflowsTheStack() {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            conditionFails("The expression has redundant parentheses;", "(".repeat(2046) + "a<b" + ")".repeat(2046));
            conditionFails(syntax("<EOF>", "("), "(".repeat(4096));
            conditionFails(syntax("<EOF>", "b"), "(".repeat(2000) + "a<b");
            // ScyllaDB test_limits.py: DynamoDB names the unknown function
            conditionFails("Invalid function name; function: f", "a < " + "f(".repeat(1355) + "b" + ")".repeat(1355));
            conditionFails(TOO_MANY, "a < " + "size(".repeat(680) + "b" + ")".repeat(680));
            conditionFails(
                    "The expression has redundant parentheses;", "a = " + "(".repeat(2000) + "b" + ")".repeat(2000));
            updateFails(syntax("<EOF>", "+"), "SET a = " + "(".repeat(2040) + "b" + ")".repeat(2040) + " +");
            Ex.update("SET a = " + "(".repeat(2040) + "b" + ")".repeat(2040));
            Ex.cond("(".repeat(60) + "a<b" + " OR a<b)".repeat(60));
            Ex.cond("(".repeat(100) + "a<b" + " OR a<b)".repeat(100));
        });
    }
}
