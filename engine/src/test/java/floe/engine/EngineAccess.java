package floe.engine;

import floe.api.FloeDb;
import floe.engine.stream.Streams;
import floe.engine.write.GroupCommit;

/** What tests in other packages of this module may see of an {@link Engine}. */
public final class EngineAccess {
    private EngineAccess() {}

    /** The engine's committer of data-plane writes. */
    public static GroupCommit committer(FloeDb db) {
        return ((Engine) db).committer();
    }

    /** The engine's streams, with their upkeep. */
    public static Streams streams(FloeDb db) {
        return ((Engine) db).streamsForTests();
    }
}
