package floe.engine.partiql;

import floe.api.AttributeValue;
import java.util.List;
import java.util.Map;

/** What a statement compiles to: the parts of the DynamoDB request that runs it. */
sealed interface Plan {
    /** The placeholder of the partition key value in the key condition of an IN's Queries. */
    String PARTITION = ":partition";

    String table();

    /**
     * A SELECT: GetItem when {@code key} is set, else Query when {@code keyCondition} is
     * set, else Scan.
     *
     * @param index the index read, or null
     * @param key the full primary key, or null
     * @param keyCondition a Query's key condition, or null
     * @param filter the filter, or null
     * @param projection the projection, or null for every attribute
     * @param partitions with IN on the partition key, its values, each Queried in turn
     *     with {@link #PARTITION} bound to it; else null
     */
    record Read(
            String table,
            String index,
            Map<String, AttributeValue> key,
            String keyCondition,
            String filter,
            String projection,
            Map<String, String> names,
            Map<String, AttributeValue> values,
            boolean forward,
            List<AttributeValue> partitions)
            implements Plan {}

    /** The kinds of write. */
    enum Kind {
        INSERT,
        UPDATE,
        DELETE,
        /** An EXISTS or NOT EXISTS condition check in a transaction. */
        CHECK
    }

    /**
     * An INSERT, UPDATE, DELETE or condition check.
     *
     * @param item the new item of an INSERT, else the key
     * @param update an UPDATE's update expression, else null
     * @param condition the condition, or null
     * @param returnValues what RETURNING asks for (ALL_OLD, UPDATED_NEW ...), or null
     */
    record Write(
            Kind kind,
            String table,
            Map<String, AttributeValue> item,
            String update,
            String condition,
            Map<String, String> names,
            Map<String, AttributeValue> values,
            String returnValues)
            implements Plan {}
}
