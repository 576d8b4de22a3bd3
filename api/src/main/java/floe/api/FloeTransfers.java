package floe.api;

import floe.api.model.DescribeExportRequest;
import floe.api.model.DescribeExportResponse;
import floe.api.model.DescribeImportRequest;
import floe.api.model.DescribeImportResponse;
import floe.api.model.ExportTableToPointInTimeRequest;
import floe.api.model.ExportTableToPointInTimeResponse;
import floe.api.model.ImportTableRequest;
import floe.api.model.ImportTableResponse;
import floe.api.model.ListExportsRequest;
import floe.api.model.ListExportsResponse;
import floe.api.model.ListImportsRequest;
import floe.api.model.ListImportsResponse;

/**
 * DynamoDB's exports to and imports from object storage (S3 in DynamoDB; a local folder
 * or a plugin's store in FloeDB). Every method behaves as the DynamoDB operation of the
 * same name and fails with the {@link floe.api.error.FloeException} it would answer with.
 * Thread-safe. Reach it through {@link FloeDb#transfers()}.
 *
 * <p>An export writes a table as it was at an instant of its point-in-time recovery
 * window, in DynamoDB's layout, in the background: it is IN_PROGRESS, then COMPLETED
 * or FAILED. An import creates a new table and loads it in the background; the table is
 * CREATING until every item is in, so no table is ever ACTIVE with part of an import.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface FloeTransfers {
    /** ExportTableToPointInTime: starts an export of a table at an instant. */
    ExportTableToPointInTimeResponse exportTableToPointInTime(ExportTableToPointInTimeRequest request);

    /** DescribeExport: an export. */
    DescribeExportResponse describeExport(DescribeExportRequest request);

    /** ListExports: the exports, of one table or all, oldest first. */
    ListExportsResponse listExports(ListExportsRequest request);

    /** ImportTable: creates a table and starts loading it from object storage. */
    ImportTableResponse importTable(ImportTableRequest request);

    /** DescribeImport: an import. */
    DescribeImportResponse describeImport(DescribeImportRequest request);

    /** ListImports: the imports, into one table or all, oldest first. */
    ListImportsResponse listImports(ListImportsRequest request);
}
