package floe.backend.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.model.DeleteItemResponse;
import floe.api.model.PutItemResponse;
import floe.api.model.QueryResponse;
import floe.api.model.UpdateItemResponse;
import floe.tck.behaviour.FloeBehaviourTck;
import floe.tck.storage.CheckingBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The behaviour kit tests itself, as the storage kit does: the engine over this backend
 * passes it (inside the kit's SPI-checking wrapper), and deliberately wrong databases
 * fail it where they are wrong, with the messages that say how. It lives here, not in
 * the kit, because it needs an engine, and the kit must not depend on one.
 */
class FloeBehaviourTckSelfTest {
    /** The backends the correct database was opened on. */
    static final List<String> OPENED = new CopyOnWriteArrayList<>();

    /** The engine over the memory backend. */
    static class Correct extends FloeBehaviourTck {
        @Override
        protected FloeConfig config(Path directory) {
            return FloeConfig.inMemory();
        }

        @Override
        protected boolean persistent() {
            return false;
        }

        @Override
        protected FloeDb open(FloeConfig config) {
            OPENED.add(config.backend());
            return wrong(FloeDb.open(config));
        }

        /** How this database is wrong: not at all. */
        FloeDb wrong(FloeDb db) {
            return db;
        }
    }

    /** Reports a failed condition as success, writing nothing: it never says ConditionalCheckFailed. */
    static class SwallowsFailedConditions extends Correct {
        @Override
        FloeDb wrong(FloeDb db) {
            return intercept(db, (name, call) -> {
                try {
                    return call.call();
                } catch (ConditionalCheckFailedException e) {
                    return switch (name) {
                        case "putItem" -> new PutItemResponse(null, null, null);
                        case "updateItem" -> new UpdateItemResponse(null, null, null);
                        case "deleteItem" -> new DeleteItemResponse(null, null, null);
                        default -> throw e;
                    };
                }
            });
        }
    }

    /** Returns a Query's items in the reverse of their order. */
    static class UnsortedQueries extends Correct {
        @Override
        FloeDb wrong(FloeDb db) {
            return intercept(db, (name, call) -> {
                Object result = call.call();
                if (result instanceof QueryResponse q
                        && q.items() != null
                        && q.items().size() > 1) {
                    List<Map<String, AttributeValue>> items = new ArrayList<>(q.items());
                    Collections.reverse(items);
                    return q.toBuilder().items(items).build();
                }
                return result;
            });
        }
    }

    @Test
    void theEngineOverTheMemoryBackendPassesInsideTheCheckingWrapper() {
        OPENED.clear();
        Events tests = run(Correct.class);
        assertEquals(Map.of(), failures(tests));
        assertTrue(
                tests.succeeded().count() > 100,
                "the suites ran: " + tests.succeeded().count());
        assertTrue(
                !OPENED.isEmpty() && OPENED.stream().allMatch(CheckingBackend.NAME::equals),
                "every database ran on the checking wrapper: " + OPENED);
    }

    @Test
    void aDatabaseThatNeverFailsAConditionFails() {
        String nothingThrown =
                "Expected floe.api.error.ConditionalCheckFailedException to be thrown, but nothing was thrown.";
        Map<String, String> failed = failures(run(SwallowsFailedConditions.class));
        assertFailedAtLeast(
                Map.of(
                        "Items.conditionalPutsAndDeletes()", nothingThrown,
                        "Items.conditionsCoverComparatorsFunctionsAndNestedPaths()", nothingThrown,
                        "Items.legacyExpectedAndAttributeUpdates()", nothingThrown,
                        "Items.updateCreatesAMissingItemAndHonoursConditions()", nothingThrown,
                        "Streams.writesThatChangeNothingAppendNothing()", nothingThrown,
                        "ChangeListeners.everyCommittedChangeArrivesInCommitOrderAndWritesThatChangeNothingMakeNone()",
                                nothingThrown,
                        "Throttling.failedConditionsStillConsumeWriteCapacity()", nothingThrown),
                failed);
        failed.forEach((test, message) ->
                assertEquals(nothingThrown, message, test + " fails for the missing error, nothing else"));
    }

    @Test
    void aDatabaseReturningQueryItemsOutOfOrderFails() {
        Map<String, String> failed = failures(run(UnsortedQueries.class));
        assertFailedAtLeast(
                Map.of(
                        "QueryScan.keyConditionOperators()",
                                "pk = :p AND sk < :v ==> expected: <[S[value=a], S[value=apple], S[value=apricot]]>"
                                        + " but was: <[S[value=apricot], S[value=apple], S[value=a]]>",
                        "QueryScan.legacyKeyConditionsAndFilters()", "expected: <[N[2], N[3]]> but was: <[N[3], N[2]]>",
                        "QueryScan.sortKeysFollowDynamoDbsOrderForEveryType()", "expected: <[N[-1000",
                        "Indexes.aGlobalIndexIsQueriedInIndexKeyOrderWithTiesInTableKeyOrder()",
                                "by score, then by table key ==>"
                                        + " expected: <[amy1, bob1, cat1, amy2]> but was: <[amy2, cat1, bob1, amy1]>",
                        "Indexes.pagesOfAnIndexContinueAcrossEqualIndexKeys()",
                                "score 1 in table key order, then score 2 ==>",
                        "Indexes.deletingAGlobalIndexRemovesItAndItsEntries()",
                                "entries in index sort key order ==> expected: <true> but was: <false>"),
                failed);
        failed.keySet()
                .forEach(test -> assertTrue(
                        test.startsWith("QueryScan.") || test.startsWith("Indexes."),
                        test + ": only the suites that query fail"));
    }

    /** At least these tests failed, each with a message that starts as given. */
    private static void assertFailedAtLeast(Map<String, String> expected, Map<String, String> failed) {
        expected.forEach((test, message) -> {
            assertTrue(failed.containsKey(test), test + " failed; failures: " + failed);
            assertTrue(
                    failed.get(test).startsWith(message),
                    test + "'s message starts with [" + message + "]: " + failed.get(test));
        });
    }

    /** A call of the real database. */
    @FunctionalInterface
    interface Call {
        Object call() throws Exception;
    }

    /** A way of answering a call of the database, given its method's name and the real call. */
    @FunctionalInterface
    interface Interceptor {
        Object answer(String method, Call call) throws Exception;
    }

    static FloeDb intercept(FloeDb db, Interceptor interceptor) {
        return (FloeDb) Proxy.newProxyInstance(
                FloeDb.class.getClassLoader(),
                new Class<?>[] {FloeDb.class},
                (proxy, method, args) -> interceptor.answer(method.getName(), () -> {
                    try {
                        return method.invoke(db, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof Exception cause) {
                            throw cause;
                        }
                        throw e;
                    }
                }));
    }

    private static Events run(Class<?> kit) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(kit))
                .execute()
                .testEvents();
    }

    /** The failed tests, as {@code Suite.test()}, each with its failure's message. */
    private static Map<String, String> failures(Events tests) {
        Map<String, String> failed = new TreeMap<>();
        for (Event e : tests.failed().list()) {
            Throwable cause = e.getPayload(TestExecutionResult.class)
                    .flatMap(TestExecutionResult::getThrowable)
                    .orElseThrow();
            String suite = e.getTestDescriptor().getUniqueId().getSegments().stream()
                    .filter(s -> s.getType().equals("nested-class"))
                    .map(UniqueId.Segment::getValue)
                    .findFirst()
                    .orElse("?");
            failed.put(suite + "." + e.getTestDescriptor().getDisplayName(), String.valueOf(cause.getMessage()));
        }
        return failed;
    }
}
