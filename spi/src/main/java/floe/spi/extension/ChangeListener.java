package floe.spi.extension;

import floe.api.Stability;
import java.util.List;

/**
 * Receives every committed item change of a database, in commit order, so in order
 * per item. Delivery is at least once: a batch is delivered until {@link #onChanges}
 * returns normally, which acknowledges it; the acknowledgement is stored durably soon after
 * (a database that crashes delivers the changes acknowledged in its last moments again), and
 * changes not yet acknowledged are kept across restarts (also while the listener is absent from
 * the configuration), so nothing committed is lost. Called from one thread of its own.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ChangeListener extends AutoCloseable {
    /**
     * Receives the next changes, oldest first; never an empty list. Returning
     * acknowledges them all. Throwing (anything) has the same batch, from its first
     * change, delivered again after a pause.
     *
     * @throws Exception to have the batch delivered again
     */
    void onChanges(List<CommittedChange> changes) throws Exception;

    /** Releases what the listener holds; called once, when the database closes. */
    @Override
    default void close() {}
}
