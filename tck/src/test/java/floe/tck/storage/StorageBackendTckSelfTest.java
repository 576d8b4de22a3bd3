package floe.tck.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import floe.spi.storage.Capability;
import floe.spi.storage.StorageBackend;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit tests itself: the reference backend passes it, also inside the kit's wrapper
 * backends, and deliberately broken backends fail it where they are broken, with the
 * messages that say how.
 */
class StorageBackendTckSelfTest {

    /** The correct reference backend. */
    static class Correct extends StorageBackendTck {
        @Override
        protected StorageBackend open(Path directory) {
            return new ReferenceBackend();
        }

        @Override
        protected Set<Capability> lacking() {
            return Set.of(Capability.PERSISTENT, Capability.CONCURRENT_WRITERS);
        }
    }

    /** Makes writes visible before commit and keeps them after abort. */
    static class Leaky extends Correct {
        @Override
        protected StorageBackend open(Path directory) {
            return new BrokenBackends.Leaky(new ReferenceBackend());
        }
    }

    /** Orders bytes >= 0x80 as negative. */
    static class Signed extends Correct {
        @Override
        protected StorageBackend open(Path directory) {
            return new BrokenBackends.SignedOrder(new ReferenceBackend());
        }
    }

    /** Claims persistence it does not have. */
    static class Boastful extends Correct {
        @Override
        protected Set<Capability> lacking() {
            return Set.of(Capability.CONCURRENT_WRITERS);
        }
    }

    /** Fails every third commit with a conflict. */
    static class Conflicting extends Correct {
        @Override
        protected StorageBackend open(Path directory) {
            return new FaultyBackend(new ReferenceBackend())
                    .failing(FaultyBackend.Operation.COMMIT, FaultyBackend.Schedule.every(3), FaultyBackend.conflict());
        }
    }

    /** The reference backend inside the fault-injecting wrapper with no fault scheduled. */
    static class FaultFree extends Correct {
        @Override
        protected StorageBackend open(Path directory) {
            return new FaultyBackend(new ReferenceBackend());
        }
    }

    /** The reference backend inside the SPI-checking wrapper. */
    static class Checked extends Correct {
        @Override
        protected StorageBackend open(Path directory) {
            return new CheckingBackend(new ReferenceBackend());
        }
    }

    @Test
    void aCorrectBackendPasses() {
        Events tests = run(Correct.class);
        assertEquals(Map.of(), failures(tests));
        assertTrue(tests.succeeded().count() >= 25, "the suite ran");
        assertTrue(
                tests.aborted().count() >= 2, "tests needing missing capabilities are skipped (aborted by assumption)");
    }

    @Test
    void aCorrectBackendPassesInsideTheFaultInjectingWrapperWhenNoFaultIsScheduled() {
        Events tests = run(FaultFree.class);
        assertEquals(Map.of(), failures(tests));
        assertEquals(run(Correct.class).succeeded().count(), tests.succeeded().count());
    }

    @Test
    void aBackendLeakingUncommittedWritesFails() {
        assertFailedAtLeast(
                Map.of(
                        "abortedTransactionsLeaveNoTrace()",
                                "an aborted transaction's delete is not kept ==> actual array was <null>",
                        "commitIsAtomicAcrossKeyspacesAndPartitions()",
                                "nothing of an open transaction is visible to others ==> expected: <0> but was: <"),
                failures(run(Leaky.class)));
    }

    @Test
    void aBackendOrderingBytesAsSignedFails() {
        assertFailedAtLeast(
                Map.of(
                        "sortOrderIsUnsignedLexicographicWithPrefixesFirst()",
                                "forward order ==> expected: <[#1, 00#31, 0000#961",
                        "rangeBoundsAndLimitsMatchAModel()", "range ",
                        "largestKeysAndLongSharedPrefixesKeepTheirOrder()",
                                "long keys keep exact order ==> expected: <[",
                        "segmentScansVisitEveryEntryExactlyOnce()",
                                "sort order within a partition in a segment scan ==> expected: <true> but was: <false>"),
                failures(run(Signed.class)));
    }

    @Test
    void aBackendClaimingCapabilitiesItLacksFails() {
        assertFailed(
                Map.of(
                        "declaredCapabilitiesMatchWhatTheTestDeclaresLacking()",
                        "capabilities() must declare exactly the capabilities"
                                + " lacking() does not name ==> expected: <[PERSISTENT]> but was: <[]>",
                        "committedDataSurvivesReopen()",
                        "keyspaces survive reopen ==> expected: <true> but was: <false>"),
                failures(run(Boastful.class)));
    }

    @Test
    void aBackendFailingCommitsFailsWithTheBackendsError() {
        Map<String, String> failed = failures(run(Conflicting.class));
        assertFailedAtLeast(
                Map.of(
                        "putGetOverwriteDelete()", "injected fault: conflict",
                        "writesAreVisibleToTheirOwnTransaction()", "injected fault: conflict"),
                failed);
        failed.forEach((test, message) -> assertEquals(FaultyBackend.INJECTED + "conflict", message, test));
    }

    /**
     * The storage suite misuses the SPI on purpose where it checks that a backend
     * refuses misuse: the checking wrapper fails exactly those tests, saying what the misuse was.
     */
    @Test
    void theCheckingWrapperFlagsExactlyTheTestsThatMisuseTheSpiOnPurpose() {
        String wrongType = "Unexpected exception type thrown, expected: <%s> but was: <java.lang.IllegalStateException>"
                + " | caused by: " + CheckingBackend.MISUSE;
        assertFailed(
                Map.of(
                        "keyspaceNamesAreChecked()",
                                "name '' ==> " + wrongType.formatted("java.lang.IllegalArgumentException")
                                        + "invalid keyspace name ''",
                        "keysBeyondTheLimitsAreRefused()",
                                wrongType.formatted("java.lang.IllegalArgumentException")
                                        + "partition part of 8193 bytes exceeds 8192",
                        "segmentArgumentsAreChecked()",
                                wrongType.formatted("java.lang.IllegalArgumentException") + "scan of segment 1 of 1",
                        "closeMayBeCalledTwiceAndEndsEverything()",
                                wrongType.formatted("floe.spi.storage.StorageException")
                                        + "beginRead on a closed backend",
                        "rangeBoundsAndLimitsMatchAModel()",
                                CheckingBackend.MISUSE + "range whose lower bound lies above its upper bound: "),
                failures(run(Checked.class)));
    }

    /** Exactly these tests failed, each with a message that starts as given. */
    private static void assertFailed(Map<String, String> expected, Map<String, String> failed) {
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(failed.keySet()), "the failed tests: " + failed);
        assertFailedAtLeast(expected, failed);
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

    private static Events run(Class<?> suite) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(suite))
                .execute()
                .testEvents();
    }

    /** The failed tests' display names, each with its failure's message (and its cause's). */
    private static Map<String, String> failures(Events tests) {
        Map<String, String> failed = new TreeMap<>();
        for (Event e : tests.failed().list()) {
            Throwable cause = e.getPayload(TestExecutionResult.class)
                    .flatMap(TestExecutionResult::getThrowable)
                    .orElseThrow();
            String message = String.valueOf(cause.getMessage());
            if (cause.getCause() != null) {
                message += " | caused by: " + cause.getCause().getMessage();
            }
            failed.put(e.getTestDescriptor().getDisplayName(), message);
        }
        return failed;
    }
}
