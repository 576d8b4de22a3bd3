package floe.tck.storage;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.spi.storage.Capability;
import floe.spi.storage.StorageBackend;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit tests itself: a plain correct backend passes it, and deliberately broken
 * backends fail it where they are broken.
 */
class StorageBackendTckSelfTest {

    /** The correct reference backend. */
    static class Correct extends StorageBackendTck {
        @Override
        protected StorageBackend open(Path directory) {
            return new ReferenceBackend(ReferenceBackend.Flaw.NONE);
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
            return new ReferenceBackend(ReferenceBackend.Flaw.LEAKS_UNCOMMITTED_WRITES);
        }
    }

    /** Orders bytes >= 0x80 as negative. */
    static class Signed extends Correct {
        @Override
        protected StorageBackend open(Path directory) {
            return new ReferenceBackend(ReferenceBackend.Flaw.SIGNED_BYTE_ORDER);
        }
    }

    /** Claims persistence it does not have. */
    static class Boastful extends Correct {
        @Override
        protected Set<Capability> lacking() {
            return Set.of(Capability.CONCURRENT_WRITERS);
        }
    }

    @Test
    void aCorrectBackendPasses() {
        Events tests = run(Correct.class);
        assertEquals(0, tests.failed().count(), () -> "failures: " + failedNames(tests));
        assertTrue(tests.succeeded().count() >= 25, "the suite ran");
        assertTrue(tests.aborted().count() >= 2, "tests needing missing capabilities are skipped (aborted by assumption)");
    }

    @Test
    void aBackendLeakingUncommittedWritesFails() {
        Set<String> failed = failedNames(run(Leaky.class));
        assertTrue(failed.containsAll(Set.of("abortedTransactionsLeaveNoTrace()", "commitIsAtomicAcrossKeyspacesAndPartitions()")),
                "failed: " + failed);
    }

    @Test
    void aBackendOrderingBytesAsSignedFails() {
        Set<String> failed = failedNames(run(Signed.class));
        assertTrue(failed.containsAll(Set.of("sortOrderIsUnsignedLexicographicWithPrefixesFirst()", "rangeBoundsAndLimitsMatchAModel()")),
                "failed: " + failed);
    }

    @Test
    void aBackendClaimingCapabilitiesItLacksFails() {
        Set<String> failed = failedNames(run(Boastful.class));
        assertTrue(failed.containsAll(Set.of("declaredCapabilitiesMatchWhatTheTestDeclaresLacking()", "committedDataSurvivesReopen()")),
                "failed: " + failed);
    }

    private static Events run(Class<?> suite) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite)).execute().testEvents();
    }

    private static Set<String> failedNames(Events tests) {
        Set<String> names = new TreeSet<>();
        tests.failed().stream().map(e -> e.getTestDescriptor()).map(TestDescriptor::getDisplayName).forEach(names::add);
        return names;
    }
}
