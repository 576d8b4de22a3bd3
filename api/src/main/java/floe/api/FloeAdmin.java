package floe.api;

import java.util.Optional;

/**
 * FloeDB's own operations on a database, outside DynamoDB's API: what an operator
 * asks for now rather than waiting for the engine's schedule, and what a tool
 * following a long task needs to know.
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

    /**
     * How far an import has read its source objects, while it loads them: the total
     * for a progress bar that DescribeImport does not give.
     *
     * @param importArn the import, as ImportTable answered it
     * @return its progress, or empty if it is not loading now (its source not listed
     *     yet, or it has ended: DescribeImport then has its counters)
     * @throws floe.api.error.ImportNotFoundException if there is no such import
     */
    Optional<ImportProgress> importProgress(String importArn);
}
