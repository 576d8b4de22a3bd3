package floe.api;

/**
 * FloeDB's own operations on a database, outside DynamoDB's API: what an operator
 * asks for now rather than waiting for the engine's schedule.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface FloeAdmin {
    /**
     * Deletes, now, every item whose Time to Live has passed, in every table with Time
     * to Live enabled, as the engine's background sweep would: through the tables'
     * indexes, with a stream record made by the service. Items that the sweep has not
     * deleted yet are otherwise still returned by reads, as in DynamoDB.
     *
     * @return how many items it deleted
     */
    long sweepExpiredItems();
}
