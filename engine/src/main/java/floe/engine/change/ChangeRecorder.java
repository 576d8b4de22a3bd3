package floe.engine.change;

import floe.spi.storage.WriteTransaction;
import java.util.List;

/**
 * Receives every item change inside the write transaction that makes it, so that what
 * it writes (stream records, a listener log, the TTL index) commits or vanishes with
 * the change. Called on the committing thread, in commit order. It runs after the
 * write's checks, so it must not throw a {@link floe.api.error.FloeException}.
 */
@FunctionalInterface
public interface ChangeRecorder {
    /** Records nothing. */
    ChangeRecorder NONE = (w, change) -> { };

    /** Writes what {@code change} calls for into {@code w}. */
    void record(WriteTransaction w, ItemChange change);

    /** One recorder calling each of {@code recorders} in turn. */
    static ChangeRecorder of(List<ChangeRecorder> recorders) {
        List<ChangeRecorder> all = List.copyOf(recorders);
        return all.isEmpty() ? NONE : all.size() == 1 ? all.get(0) : (w, change) -> {
            for (ChangeRecorder r : all) {
                r.record(w, change);
            }
        };
    }
}
