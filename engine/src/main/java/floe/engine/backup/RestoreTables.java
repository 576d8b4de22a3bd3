package floe.engine.backup;

import floe.api.model.CreateTableRequest;
import floe.api.model.RestoreSummary;
import floe.api.model.TableDescription;
import floe.engine.table.TableDefinition;

/** What a restore needs of the table control plane: describing a definition, and a new table's life. */
public interface RestoreTables {
    /** {@code def} described ACTIVE, as DescribeTable would. */
    TableDescription describe(TableDefinition def);

    /**
     * Creates a table as CreateTable does, with every check of it, but CREATING until
     * {@link #restored} and with {@code summary} as its restore summary.
     */
    TableDescription createRestored(CreateTableRequest request, RestoreSummary summary);

    /**
     * Creates a table as CreateTable does, with every check of it, but CREATING until
     * {@link #restored}: the table an import loads.
     */
    TableDescription createImported(CreateTableRequest request);

    /** Makes the restored table ACTIVE, if it still exists. */
    void restored(String name, String id);

    /** Deletes a restored table whose restore failed or was cut short, if it still exists. */
    void abandon(String name, String id);
}
