package floe.engine.expr;

import static floe.engine.expr.Ex.item;
import static floe.engine.expr.Ex.l;
import static floe.engine.expr.Ex.m;
import static floe.engine.expr.Ex.n;
import static floe.engine.expr.Ex.ns;
import static floe.engine.expr.Ex.s;
import static floe.engine.expr.Ex.ss;
import static org.junit.jupiter.api.Assertions.fail;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ValidationException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Random token soup and random mutations of valid expressions, for all five kinds:
 * parsing may only ever fail with a ValidationException, never hang, and whatever
 * parses evaluates or applies without any other exception.
 */
class ExpressionFuzzTest {
    private static final String[] TOKENS = {
        "a",
        "b",
        "c",
        "x1",
        "size",
        "attribute_exists",
        "attribute_not_exists",
        "attribute_type",
        "begins_with",
        "contains",
        "if_not_exists",
        "list_append",
        "foo",
        "status",
        "AND",
        "OR",
        "NOT",
        "BETWEEN",
        "IN",
        "and",
        "SET",
        "REMOVE",
        "ADD",
        "DELETE",
        "set",
        "#a",
        "#b",
        "#nope",
        ":v",
        ":w",
        ":l",
        ":s",
        ":m",
        ":t",
        ":nope",
        "(",
        ")",
        "(",
        ")",
        "[",
        "]",
        ",",
        ".",
        "=",
        "<>",
        "<",
        "<=",
        ">",
        ">=",
        "+",
        "-",
        "#",
        ":",
        "_",
        "$",
        "'",
        "\"",
        "!",
        ";",
        "*",
        "/",
        "0",
        "1",
        "3",
        "99",
        "9999999999999",
        " ",
        " ",
        "\t",
        "\n",
        "é",
        "\uD83D\uDE00",
        "\u0000",
        "[0]",
        ".b",
        "a.b",
        "a[1]"
    };

    private static Placeholders placeholders() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("#a", "a");
        names.put("#b", "b.c");
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":v", n(1));
        values.put(":w", s("w"));
        values.put(":l", l(n(1), s("x")));
        values.put(":s", ss("x", "y"));
        values.put(":m", m("k", n(2)));
        values.put(":t", s("N"));
        return Placeholders.of(names, values);
    }

    private static final List<Item> ITEMS = List.of(
            Item.empty(),
            item("a", n(1), "b", s("x"), "c", l(n(1), m("d", s("e")))),
            item("a", m("b", l(n(1), n(2)), "c", ns("1")), "x1", ss("x"), "b.c", n(3)),
            item("a", l(l(n(1)), m()), "b", n(-5), "c", s("")));

    private static void exercise(String expression) {
        for (ExpressionKind kind : ExpressionKind.values()) {
            try {
                switch (kind) {
                    case CONDITION, FILTER -> {
                        ConditionNode c = ExpressionParser.parseCondition(expression, placeholders(), kind);
                        for (Item it : ITEMS) {
                            ConditionEvaluator.matches(c, it);
                        }
                    }
                    case KEY_CONDITION ->
                        ExpressionParser.parseKeyCondition(
                                        expression,
                                        placeholders(),
                                        KeySchema.of("a", AttributeValue.Type.N, "b", AttributeValue.Type.S))
                                .matches(ITEMS.get(1));
                    case PROJECTION -> {
                        List<Path> paths = ExpressionParser.parseProjection(expression, placeholders());
                        for (Item it : ITEMS) {
                            Projector.project(it, paths);
                        }
                    }
                    default -> {
                        UpdateExpression u = ExpressionParser.parseUpdate(expression, placeholders());
                        for (Item it : ITEMS) {
                            try {
                                UpdateResult r = UpdateApplier.apply(u, it.isEmpty() ? null : it, null);
                                r.updatedNew();
                                r.updatedOld();
                            } catch (ValidationException expected) {
                                // runtime errors are fine
                            }
                        }
                    }
                }
            } catch (ValidationException expected) {
                if (!expected.getMessage().startsWith("Invalid " + kind.parameter() + ": ")
                        && !expected.getMessage().startsWith("Query ")
                        && !expected.getMessage().startsWith("Conditions can be")
                        && !expected.getMessage().startsWith("One or more parameter values were invalid: ")) {
                    fail(kind + " " + escape(expression) + ": unexpected message " + expected.getMessage());
                }
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(kind + " " + escape(expression) + ": " + e, e);
            }
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.append('"').toString();
    }

    @Test
    void tokenSoup() {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random random = new Random(20260101L);
            for (int i = 0; i < 20_000; i++) {
                int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 12);
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < length; k++) {
                    sb.append(TOKENS[random.nextInt(TOKENS.length)]);
                    if (random.nextBoolean()) {
                        sb.append(' ');
                    }
                }
                exercise(sb.toString());
            }
        });
    }

    private static final String[] VALID = {
        "a = :v",
        "a < b AND NOT (b >= :v OR c <> :w)",
        "a BETWEEN :v AND :v",
        "a IN (:v, :w, b, c)",
        "attribute_exists(a.b[1]) AND attribute_not_exists(#b)",
        "attribute_type(a, :t)",
        "begins_with(b, :w)",
        "contains(c, :v) OR size(c) > :v",
        "#a.#b[0] = :m",
        "a, b.c, c[1].d, #b",
        "SET a = :v, b = a + :v, c = list_append(if_not_exists(c, :l), :l) REMOVE x1 ADD d :v DELETE e :s",
        "SET a[5] = :v, c[0] = :w REMOVE c[1], b",
        "a = :v AND b = :w",
        "b = :w AND a = :v",
        "a = :v AND begins_with(b, :w)",
        "SET #a = if_not_exists(#b, :m) - :v",
        "ADD x1 :s, a :v",
    };

    @Test
    void mutationsOfValidExpressions() {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random random = new Random(42L);
            String alphabet = "ab#:()[],.=<>+-_ 019ANDORNOTINSETx";
            for (int i = 0; i < 20_000; i++) {
                StringBuilder sb = new StringBuilder(VALID[random.nextInt(VALID.length)]);
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    int at = random.nextInt(sb.length() + 1);
                    switch (random.nextInt(3)) {
                        case 0 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        case 1 -> {
                            if (at < sb.length()) {
                                sb.deleteCharAt(at);
                            }
                        }
                        default -> {
                            if (at < sb.length()) {
                                sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                            }
                        }
                    }
                }
                exercise(sb.toString());
            }
        });
    }

    @Test
    void randomDeepNesting() {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random random = new Random(7L);
            String[] open = {"(", "NOT ", "size(", "f(", "(("};
            String[] close = {")", "", ")", ")", "))"};
            for (int i = 0; i < 200; i++) {
                int depth = random.nextInt(1400);
                StringBuilder sb = new StringBuilder();
                int[] kinds = new int[depth];
                for (int k = 0; k < depth; k++) {
                    kinds[k] = random.nextInt(open.length);
                    sb.append(open[kinds[k]]);
                }
                sb.append(random.nextBoolean() ? "a < b" : "a");
                for (int k = depth - 1; k >= 0; k--) {
                    if (random.nextInt(50) != 0) {
                        sb.append(close[kinds[k]]);
                    }
                }
                if (sb.length() <= 4096) {
                    exercise(sb.toString());
                }
            }
        });
    }
}
