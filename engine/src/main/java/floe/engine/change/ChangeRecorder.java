package floe.engine.change;

import floe.engine.table.TableDefinition;
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
    ChangeRecorder NONE = (w, change) -> {};

    /** Writes what {@code change} calls for into {@code w}. */
    void record(WriteTransaction w, ItemChange change);

    /**
     * Whether a change of {@code table} may call for anything: when no recorder follows
     * a table (no stream, no Time to Live, no listener), a write makes no change at all,
     * which keeps the images and keys off the write path.
     */
    default boolean follows(TableDefinition table) {
        return true;
    }

    /** One recorder calling each of {@code recorders} in turn; it follows a table if any of them does. */
    static ChangeRecorder of(List<ChangeRecorder> recorders) {
        List<ChangeRecorder> all = List.copyOf(recorders);
        if (all.isEmpty()) {
            return NONE;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return new ChangeRecorder() {
            @Override
            public void record(WriteTransaction w, ItemChange change) {
                for (ChangeRecorder r : all) {
                    r.record(w, change);
                }
            }

            @Override
            public boolean follows(TableDefinition table) {
                for (ChangeRecorder r : all) {
                    if (r.follows(table)) {
                        return true;
                    }
                }
                return false;
            }
        };
    }
}
