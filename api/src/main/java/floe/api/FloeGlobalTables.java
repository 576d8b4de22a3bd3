package floe.api;

import floe.api.error.GlobalTableNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.CreateGlobalTableRequest;
import floe.api.model.CreateGlobalTableResponse;
import floe.api.model.DescribeGlobalTableRequest;
import floe.api.model.DescribeGlobalTableResponse;
import floe.api.model.DescribeGlobalTableSettingsRequest;
import floe.api.model.DescribeGlobalTableSettingsResponse;
import floe.api.model.ListGlobalTablesRequest;
import floe.api.model.ListGlobalTablesResponse;
import floe.api.model.UpdateGlobalTableRequest;
import floe.api.model.UpdateGlobalTableResponse;
import floe.api.model.UpdateGlobalTableSettingsRequest;
import floe.api.model.UpdateGlobalTableSettingsResponse;
import java.util.List;

/**
 * DynamoDB's legacy global tables operations (version 2017.11.29): a global table joins
 * existing, empty tables of one name in several Regions, each with a NEW_AND_OLD_IMAGES
 * stream. Every method behaves as the DynamoDB operation of the same name and fails with the
 * {@link floe.api.error.FloeException} it would answer with. Thread-safe. Reach it through
 * {@link FloeDb#globalTables()}.
 *
 * <p>The methods' defaults answer as DynamoDB does in a Region that offers no version
 * 2017.11.29 (as every Region does for new global tables now): a database that replicates
 * (FloeDB with its replication plugin) overrides them.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface FloeGlobalTables {
    /** The answer of a database with no legacy global tables. */
    FloeGlobalTables NONE = new FloeGlobalTables() {};

    /** CreateGlobalTable: joins the tables of one name in several Regions. */
    default CreateGlobalTableResponse createGlobalTable(CreateGlobalTableRequest request) {
        // observed on DynamoDB since version 2017.11.29 closed to new global tables
        throw new ValidationException("DynamoDB global tables version 2017.11.29 is not supported. We recommend"
                + " using DynamoDB global tables version 2019.11.21, instead of version 2017.11.29 (Legacy).");
    }

    /** DescribeGlobalTable: a global table's Regions and status. */
    default DescribeGlobalTableResponse describeGlobalTable(DescribeGlobalTableRequest request) {
        throw notFound(request.globalTableName());
    }

    /** ListGlobalTables: the global tables, by name. */
    default ListGlobalTablesResponse listGlobalTables(ListGlobalTablesRequest request) {
        return new ListGlobalTablesResponse(List.of(), null);
    }

    /** UpdateGlobalTable: adds Regions to or removes Regions from a global table. */
    default UpdateGlobalTableResponse updateGlobalTable(UpdateGlobalTableRequest request) {
        throw notFound(request.globalTableName());
    }

    /** DescribeGlobalTableSettings: each Region's capacity and table class. */
    default DescribeGlobalTableSettingsResponse describeGlobalTableSettings(
            DescribeGlobalTableSettingsRequest request) {
        throw notFound(request.globalTableName());
    }

    /** UpdateGlobalTableSettings: changes the capacity and table class of a global table's Regions. */
    default UpdateGlobalTableSettingsResponse updateGlobalTableSettings(UpdateGlobalTableSettingsRequest request) {
        throw notFound(request.globalTableName());
    }

    /** DynamoDB's answer for a global table that does not exist. */
    static GlobalTableNotFoundException notFound(String name) {
        // observed on DynamoDB
        return new GlobalTableNotFoundException("Global table with name '" + name + "' does not exist.");
    }
}
