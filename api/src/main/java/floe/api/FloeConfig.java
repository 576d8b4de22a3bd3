package floe.api;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * How to open a {@link FloeDb}.
 *
 * @param backend the storage backend's provider name, e.g. {@code lmdb} or {@code memory}
 * @param backendOptions options for the backend, e.g. {@code path} and {@code sync}
 * @param region the region reported in ARNs and stream records, e.g. {@code us-east-1}
 * @param accountId the account id reported in ARNs, twelve digits
 * @param clock the clock for timestamps and time-based behaviour (TTL, limits)
 * @param engineOptions options for the engine itself, e.g. how fast a new index is
 *     backfilled; the engine refuses names it does not know
 */
@Stability(Stability.Level.STABLE)
public record FloeConfig(
        String backend,
        Map<String, String> backendOptions,
        String region,
        String accountId,
        Clock clock,
        Map<String, String> engineOptions) {
    /** The account id used when none is configured. */
    public static final String DEFAULT_ACCOUNT = "000000000000";
    /** The region used when none is configured. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** Checks and copies. */
    public FloeConfig {
        Objects.requireNonNull(backend, "backend");
        backendOptions = Map.copyOf(backendOptions);
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(clock, "clock");
        engineOptions = Map.copyOf(engineOptions);
    }

    /** A configuration without engine options (the form from before they existed). */
    public FloeConfig(
            String backend, Map<String, String> backendOptions, String region, String accountId, Clock clock) {
        this(backend, backendOptions, region, accountId, clock, Map.of());
    }

    /** An in-memory database. */
    public static FloeConfig inMemory() {
        return new FloeConfig("memory", Map.of(), DEFAULT_REGION, DEFAULT_ACCOUNT, Clock.systemUTC());
    }

    /** A database in {@code directory} on the default backend, LMDB. */
    public static FloeConfig lmdb(java.nio.file.Path directory) {
        return new FloeConfig(
                "lmdb", Map.of("path", directory.toString()), DEFAULT_REGION, DEFAULT_ACCOUNT, Clock.systemUTC());
    }

    /** This configuration with another backend and options. */
    public FloeConfig withBackend(String name, Map<String, String> options) {
        return new FloeConfig(name, options, region, accountId, clock, engineOptions);
    }

    /** This configuration with another region. */
    public FloeConfig withRegion(String newRegion) {
        return new FloeConfig(backend, backendOptions, newRegion, accountId, clock, engineOptions);
    }

    /** This configuration with another clock. */
    public FloeConfig withClock(Clock newClock) {
        return new FloeConfig(backend, backendOptions, region, accountId, newClock, engineOptions);
    }

    /** This configuration with other engine options. */
    public FloeConfig withEngineOptions(Map<String, String> options) {
        return new FloeConfig(backend, backendOptions, region, accountId, clock, options);
    }
}
