package floe.tck.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.AttributeValue;
import floe.api.FloeDb;
import floe.api.Stability;
import floe.api.error.FloeException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.ProvisionedThroughput;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the behaviour suites: the whole {@link FloeDb} over a given backend,
 * checked against DynamoDB's behaviour, error types and messages. A backend author
 * runs every suite with one class, a subclass of {@link FloeBehaviourTck}, which
 * inherits them all as nested classes; one suite alone runs with a subclass of it
 * that says how to open a database.
 */
@Stability(Stability.Level.EXPERIMENTAL)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class FloeDbTck {
    /** The directory the database lives in; the same for every reopen within a test. */
    @TempDir
    protected Path directory;

    /** The database under test. */
    protected FloeDb db;

    /** Opens a database in {@code directory}; called before each test and by tests that reopen. */
    protected abstract FloeDb open(Path directory);

    /** Whether the database keeps its data across close and reopen. */
    protected boolean persistent() {
        return true;
    }

    @BeforeEach
    void openDatabase() {
        db = open(directory);
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    /** Closes and reopens the database on the same directory. */
    protected void reopen() {
        db.close();
        db = open(directory);
    }

    /** Asserts that {@code call} fails with {@code type} and exactly {@code message}. */
    protected static <T extends FloeException> T assertError(Class<T> type, String message, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(message, e.getMessage(), "message of " + type.getSimpleName());
        return e;
    }

    /**
     * Throughput for tables of tests that move more data than a few units per second
     * allow: DynamoDB throttles a table beyond its provisioned throughput (and 300
     * seconds of burst), and so does FloeDB.
     */
    protected static final ProvisionedThroughput AMPLE = new ProvisionedThroughput(10_000L, 10_000L);

    /**
     * Attributes from alternating names and values: an AttributeValue as it is, a Number
     * as N, a String as S.
     */
    protected static Map<String, AttributeValue> attributes(Object... namesAndValues) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object v = namesAndValues[i + 1];
            m.put(
                    (String) namesAndValues[i],
                    v instanceof AttributeValue a
                            ? a
                            : v instanceof Number x ? AttributeValue.n(x.toString()) : AttributeValue.s((String) v));
        }
        return m;
    }

    /** A CreateTable request for a provisioned table with a string partition key and an optional sort key. */
    protected static CreateTableRequest table(String name, String pk, String pkType, String sk, String skType) {
        List<KeySchemaElement> keys = sk == null
                ? List.of(new KeySchemaElement(pk, "HASH"))
                : List.of(new KeySchemaElement(pk, "HASH"), new KeySchemaElement(sk, "RANGE"));
        List<AttributeDefinition> defs = sk == null
                ? List.of(new AttributeDefinition(pk, pkType))
                : List.of(new AttributeDefinition(pk, pkType), new AttributeDefinition(sk, skType));
        return CreateTableRequest.builder()
                .tableName(name)
                .keySchema(keys)
                .attributeDefinitions(defs)
                .provisionedThroughput(new ProvisionedThroughput(5L, 5L))
                .build();
    }
}
