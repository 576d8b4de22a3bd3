package floe.engine.table;

import floe.spi.storage.WriteTransaction;
import java.time.Instant;

/**
 * What another feature does when a table is deleted: the backups keep a deleted
 * table's last image when point-in-time recovery was on, as DynamoDB keeps a SYSTEM
 * backup of it.
 */
public interface TableDeletion {
    /** Does nothing and keeps nothing. */
    TableDeletion NONE = new TableDeletion() {
        @Override
        public boolean retain(WriteTransaction w, TableDefinition def, Instant now) {
            return false;
        }

        @Override
        public void deleted(TableDefinition def) {}
    };

    /**
     * Called in the deletion's write transaction, before the table's definition and
     * statistics are removed from it.
     *
     * @return whether the table's item keyspace is taken over (and so must not be dropped)
     */
    boolean retain(WriteTransaction w, TableDefinition def, Instant now);

    /** Called once the deletion has committed and the table's keyspaces are dropped. */
    void deleted(TableDefinition def);
}
