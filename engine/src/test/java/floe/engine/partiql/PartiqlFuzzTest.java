package floe.engine.partiql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.error.FloeException;
import floe.api.error.InternalServerError;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.ExecuteStatementRequest;
import floe.api.model.KeySchemaElement;
import floe.engine.Engine;
import floe.tck.storage.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parser and the whole ExecuteStatement path under random and mutated statements,
 * for a bounded time: whatever comes in, only DynamoDB's own errors come out (never an
 * internal error, a stack overflow or another exception).
 */
class PartiqlFuzzTest {
    /** How long the random part runs: enough for thousands of statements, bounded for the build. */
    private static final long BUDGET_NANOS = 3_000_000_000L;

    private static final List<String> SEEDS = List.of(
            "SELECT * FROM tab WHERE pk = 'a' AND sk BETWEEN 1 AND 5 ORDER BY sk DESC",
            "SELECT a, b.c, d[1], \"e f\" FROM \"tab\" WHERE pk = ? AND begins_with(s, 'x')",
            "SELECT * FROM hash WHERE id IN ('a', 'b') OR (v <> 3 AND NOT contains(l, ?))",
            "SELECT * FROM tab.\"g\" WHERE gk = 'x' AND size(m) > 2 AND x IS NOT MISSING",
            "INSERT INTO hash VALUE {'id': 'z', 'n': -1.5e3, 'l': [1, 'a', true, null], 'm': {'k': <<'a', 'b'>>}}",
            "INSERT INTO tab VALUE {'pk': ?, 'sk': ?, 'ns': <<1, 2>>}",
            "UPDATE hash SET v = v + 1, l = list_append(l, [2]) SET s = set_add(s, <<'q'>>) REMOVE x WHERE id = 'z'"
                    + " RETURNING ALL NEW *",
            "UPDATE tab SET a = ? WHERE pk = 'p' AND sk = 2 AND a IS NULL RETURNING MODIFIED OLD *",
            "DELETE FROM tab WHERE pk = 'p' AND sk = 1 AND attribute_type(a, 'S') RETURNING ALL OLD *",
            "EXISTS(SELECT * FROM hash WHERE id = 'z')",
            "SELECT * FROM hash WHERE v >= -5 AND v <= 5e2 AND w = .5");

    private static final String[] FRAGMENTS = {
        " ",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "<<",
        ">>",
        ",",
        ".",
        ":",
        "*",
        "?",
        "'",
        "\"",
        "=",
        "<>",
        "<",
        ">=",
        "+",
        "-",
        ";",
        "AND",
        "OR",
        "NOT",
        "IN",
        "IS",
        "NULL",
        "MISSING",
        "BETWEEN",
        "SELECT",
        "FROM",
        "WHERE",
        "ORDER BY",
        "INSERT INTO",
        "VALUE",
        "UPDATE",
        "SET",
        "REMOVE",
        "DELETE",
        "RETURNING",
        "ALL",
        "OLD",
        "NEW",
        "EXISTS",
        "size(",
        "begins_with(",
        "1e999",
        "1e-999",
        "9999999999999999999999999999999999999999",
        "`ion`",
        "#",
        "/*",
        "--",
        "\u0000",
        "\uD800",
        "é",
        "t",
        "h",
        "pk",
        "id",
        "'x'",
        "0",
        "-1",
        "1.5"
    };

    private FloeDb db;

    @BeforeEach
    void open() {
        db = new Engine(new ReferenceBackend(), FloeConfig.inMemory());
        db.createTable(CreateTableRequest.builder()
                .tableName("tab")
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("sk", "N")))
                .build());
        db.createTable(CreateTableRequest.builder()
                .tableName("hash")
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("id", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("id", "S")))
                .build());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theSeedsAreValidStatements() {
        for (String seed : SEEDS) {
            Parser.parse(seed);
        }
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        for (String open : List.of("(", "NOT ", "[", "{'a': ", "<<", "size(")) {
            String statement = "SELECT * FROM hash WHERE " + open.repeat(100_000);
            ValidationException e = assertThrows(ValidationException.class, () -> Parser.parse(statement));
            assertTrue(e.getMessage().startsWith(Errors.MALFORMED), e.getMessage());
        }
        String deep =
                "SELECT * FROM hash WHERE " + "(".repeat(Parser.MAX_DEPTH) + "id = 'a'" + ")".repeat(Parser.MAX_DEPTH);
        assertEquals(List.of(), db.executeStatement(request(deep, 0)).items());
    }

    @Test
    void randomAndMutatedStatementsOnlyGetDynamoDbErrors() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int runs = 0;
        int answered = 0;
        while (System.nanoTime() < deadline) {
            String statement = random.nextInt(4) == 0 ? randomStatement(random) : mutate(random);
            int parameters = random.nextInt(3);
            try {
                db.executeStatement(request(statement, parameters));
                answered++;
            } catch (InternalServerError e) {
                fail("seed " + seed + ": an internal error for [" + statement + "]", e);
            } catch (FloeException e) {
                // DynamoDB's answer: fine
            } catch (RuntimeException | StackOverflowError e) {
                fail("seed " + seed + ": " + e + " for [" + statement + "]", e);
            }
            runs++;
        }
        assertTrue(runs > 100, "the fuzzer ran " + runs + " statements");
        assertTrue(answered > 0, "some mutated statements still run: " + answered + " of " + runs);
    }

    private static ExecuteStatementRequest request(String statement, int parameters) {
        List<AttributeValue> values = new ArrayList<>();
        for (int i = 0; i < parameters; i++) {
            values.add(i % 2 == 0 ? AttributeValue.s("p" + i) : AttributeValue.m(Map.of("id", AttributeValue.n(i))));
        }
        return ExecuteStatementRequest.builder()
                .statement(statement)
                .parameters(values.isEmpty() ? null : values)
                .build();
    }

    private static String randomStatement(Random random) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(30);
        for (int i = 0; i < n; i++) {
            b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(random.nextBoolean() ? " " : "");
        }
        return b.toString();
    }

    private static String mutate(Random random) {
        StringBuilder b = new StringBuilder(SEEDS.get(random.nextInt(SEEDS.size())));
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && b.length() > 0; i++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(5)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 2 -> b.setLength(at);
                case 3 -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
                default -> {
                    int end = Math.min(b.length(), at + 1 + random.nextInt(10));
                    b.insert(at, b.substring(at, end));
                }
            }
        }
        return b.toString();
    }
}
