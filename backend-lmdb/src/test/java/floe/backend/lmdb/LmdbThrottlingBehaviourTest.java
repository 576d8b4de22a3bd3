package floe.backend.lmdb;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.ThrottlingBehaviourTck;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The time-dependent behaviour suite (throttling, rate rules, statuses) over the LMDB backend (without fsync). */
class LmdbThrottlingBehaviourTest extends ThrottlingBehaviourTck {
    @Override
    protected FloeDb open(Path directory, Clock clock, Map<String, String> engineOptions) {
        return FloeDb.open(FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false"))
                .withClock(clock).withEngineOptions(engineOptions));
    }
}
