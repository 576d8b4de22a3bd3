package floe.tck.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.Stability;
import floe.tck.storage.CheckingBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * The whole behaviour kit in one class: every behaviour suite, as a nested class this
 * class's subclasses inherit. A backend author runs all of them with one class that
 * says which backend the database uses:
 *
 * <pre>{@code
 * class MyBackendBehaviourTest extends FloeBehaviourTck {
 *     protected FloeConfig config(Path directory) {
 *         return FloeConfig.inMemory().withBackend("mine", Map.of("path", directory.toString()));
 *     }
 * }
 * }</pre>
 *
 * The kit opens the database itself with {@link FloeDb#open(FloeConfig)}, on that
 * configuration plus what each suite needs (its {@link ManualClock}, its engine
 * options); so the engine is found with {@link java.util.ServiceLoader} and the kit
 * never depends on it. By default the backend runs inside a {@link CheckingBackend},
 * and every test fails that made the engine misuse the storage SPI.
 *
 * <p>A database reached another way (through a server, over the wire) overrides
 * {@link #open(FloeConfig)}; one whose clock, engine options and change listeners the
 * kit cannot set (an endpoint elsewhere) says so with {@link #controlsConfiguration()},
 * and the tests that need them are skipped.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class FloeBehaviourTck {
    /** Where this test's {@link CheckingBackend} files what it sees. */
    private final String checkingId = UUID.randomUUID().toString();

    /**
     * The configuration of the database under test in {@code directory}: above all its
     * backend and the backend's options ({@link FloeConfig#withBackend}). The kit adds
     * the clock and the engine options each suite needs.
     */
    protected abstract FloeConfig config(Path directory);

    /**
     * Opens the database under test on {@code config}: {@link FloeDb#open(FloeConfig)} by
     * default. Override to reach it another way, for example through a server.
     */
    protected FloeDb open(FloeConfig config) {
        return FloeDb.open(config);
    }

    /** Whether the database keeps its data across close and reopen. */
    protected boolean persistent() {
        return true;
    }

    /**
     * Whether the database runs on the configuration the kit makes (its clock, its
     * engine options, change listeners in this process). An endpoint elsewhere does
     * not: then the tests that move time, tune the engine or follow changes are skipped.
     */
    protected boolean controlsConfiguration() {
        return true;
    }

    /**
     * Whether the backend runs inside a {@link CheckingBackend} that fails every test in
     * which the engine misuses the storage SPI. True by default.
     */
    protected boolean checksStorageUse() {
        return true;
    }

    /**
     * Opens a database in {@code directory} on {@link #config}, with {@code clock} (when not
     * null) and {@code engineOptions} added to its engine options, and the backend wrapped
     * in a {@link CheckingBackend} when {@link #checksStorageUse()}.
     */
    protected final FloeDb open(Path directory, Clock clock, Map<String, String> engineOptions) {
        FloeConfig config = config(directory);
        if (clock != null) {
            config = config.withClock(clock);
        }
        Map<String, String> options = new HashMap<>(config.engineOptions());
        options.putAll(engineOptions);
        config = config.withEngineOptions(options);
        if (checksStorageUse()) {
            config = config.withBackend(
                    CheckingBackend.NAME,
                    CheckingBackend.wrapping(config.backend(), config.backendOptions(), checkingId));
        }
        return open(config);
    }

    /** After each test (and after its database closed): the engine used the storage SPI correctly. */
    @AfterEach
    void storageWasUsedCorrectly() {
        List<String> violations = CheckingBackend.violations(checkingId);
        CheckingBackend.forget(checkingId);
        assertEquals(List.of(), violations, "the engine misused the storage SPI");
    }

    private void needsConfiguration(String what) {
        assumeTrue(controlsConfiguration(), "the kit cannot set the database's " + what);
    }

    /** The table suite. */
    @Nested
    public class Tables extends TableBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return FloeBehaviourTck.this.open(directory, null, Map.of());
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }
    }

    /** The item suite. */
    @Nested
    public class Items extends ItemBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return FloeBehaviourTck.this.open(directory, null, Map.of());
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }
    }

    /** The Query and Scan suite. */
    @Nested
    public class QueryScan extends QueryScanBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return FloeBehaviourTck.this.open(directory, null, Map.of());
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }
    }

    /** The batch and transaction suite. */
    @Nested
    public class BatchesAndTransactions extends BatchTransactionBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return FloeBehaviourTck.this.open(directory, null, Map.of());
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }
    }

    /** The PartiQL suite: ExecuteStatement, BatchExecuteStatement and ExecuteTransaction. */
    @Nested
    public class Partiql extends PartiqlBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return FloeBehaviourTck.this.open(directory, null, Map.of());
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }
    }

    /** The secondary-index suite. */
    @Nested
    public class Indexes extends IndexBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return FloeBehaviourTck.this.open(directory, null, Map.of());
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }
    }

    /** The streams suite, on its clock. */
    @Nested
    public class Streams extends StreamBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return FloeBehaviourTck.this.open(directory, clock, Map.of());
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }

        @Override
        protected boolean controlsClock() {
            return controlsConfiguration();
        }
    }

    /** The Time to Live suite, with its sweep out of the tests' way. */
    @Nested
    public class TimeToLive extends TimeToLiveBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            needsConfiguration("engine options (the Time to Live sweep)");
            return FloeBehaviourTck.this.open(directory, null, ENGINE_OPTIONS);
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }
    }

    /** The change-listener suite, with the kit's recording listener. */
    @Nested
    public class ChangeListeners extends ChangeListenerBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            needsConfiguration("change listeners");
            return FloeBehaviourTck.this.open(directory, null, engineOptions());
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }
    }

    /** The control-plane suite. */
    @Nested
    public class ControlPlane extends ControlPlaneBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return FloeBehaviourTck.this.open(directory, null, Map.of());
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }
    }

    /** What depends on time (throttling, rate rules, statuses), on its clock. */
    @Nested
    public class Throttling extends ThrottlingBehaviourTck {
        @Override
        protected FloeDb open(Path directory, Clock clock, Map<String, String> engineOptions) {
            return FloeBehaviourTck.this.open(directory, clock, engineOptions);
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }

        @Override
        protected boolean controlsClock() {
            return controlsConfiguration();
        }
    }

    /** Backups, restores and point-in-time recovery, on the suite's clock. */
    @Nested
    public class Backups extends BackupBehaviourTck {
        @Override
        protected FloeDb open(Path directory, Clock clock) {
            return FloeBehaviourTck.this.open(directory, clock, Map.of());
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }

        @Override
        protected boolean controlsClock() {
            return controlsConfiguration();
        }
    }

    /** Exports to and imports from the local object store, on the suite's clock. */
    @Nested
    public class Transfers extends TransferBehaviourTck {
        @Override
        protected FloeDb open(Path directory, Clock clock, Map<String, String> engineOptions) {
            return FloeBehaviourTck.this.open(directory, clock, engineOptions);
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }

        @Override
        protected boolean controlsConfiguration() {
            return FloeBehaviourTck.this.controlsConfiguration();
        }
    }

    /** Regions and accounts as namespaces, on the suite's clock. */
    @Nested
    public class Regions extends RegionBehaviourTck {
        @Override
        protected FloeDb open(Path directory, Clock clock, Map<String, String> engineOptions) {
            return FloeBehaviourTck.this.open(directory, clock, engineOptions);
        }

        @Override
        protected boolean persistent() {
            return FloeBehaviourTck.this.persistent();
        }

        @Override
        protected boolean controlsConfiguration() {
            return FloeBehaviourTck.this.controlsConfiguration();
        }
    }
}
