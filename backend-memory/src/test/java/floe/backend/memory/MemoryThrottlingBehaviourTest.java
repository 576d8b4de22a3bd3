package floe.backend.memory;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.ThrottlingBehaviourTck;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The time-dependent behaviour suite (throttling, rate rules, statuses) over the memory backend. */
class MemoryThrottlingBehaviourTest extends ThrottlingBehaviourTck {
    @Override
    protected FloeDb open(Path directory, Clock clock, Map<String, String> engineOptions) {
        return FloeDb.open(FloeConfig.inMemory().withClock(clock).withEngineOptions(engineOptions));
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
