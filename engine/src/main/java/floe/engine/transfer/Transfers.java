package floe.engine.transfer;

import floe.api.FloeTransfers;
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
import floe.engine.backup.Backups;
import floe.engine.backup.RestoreTables;
import floe.engine.item.ItemWriter;
import floe.engine.table.Arns;
import floe.engine.table.TableCatalog;
import floe.engine.write.GroupCommit;
import floe.spi.extension.ExportFormatProvider;
import floe.spi.extension.ObjectStoreProvider;
import floe.spi.storage.StorageBackend;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine's exports and imports, over the object store its configuration names
 * ({@link TransferOptions}) and the export formats present: the built-in DynamoDB JSON and
 * Ion, and the plugins' ({@link ExportFormatProvider}s, named in lower case).
 */
public final class Transfers implements FloeTransfers, AutoCloseable {
    private final TransferContext context;
    private final Exports exports;
    private final Imports imports;

    /**
     * Loads the exports and imports, making their keyspaces on first use. Nothing runs
     * until {@link #resume}.
     *
     * @param stores the object store providers present, by name
     * @param formats the plugin export format providers present, by name
     * @param controlPlane the engine's control-plane lock
     */
    public Transfers(
            StorageBackend backend,
            TableCatalog catalog,
            GroupCommit committer,
            ItemWriter writer,
            Backups backups,
            Clock clock,
            Arns arns,
            Object controlPlane,
            TransferOptions options,
            Supplier<Map<String, ObjectStoreProvider>> stores,
            Supplier<Map<String, ExportFormatProvider>> formats) {
        this.context = new TransferContext(backend, clock, options, stores, formats);
        this.exports = new Exports(context, catalog, backups, arns);
        this.imports = new Imports(context, catalog, committer, writer, controlPlane);
    }

    /**
     * Starts: exports a restart cut short start again; imports it cut short fail (their
     * tables, still CREATING, were deleted with the restores cut short).
     */
    public void resume(RestoreTables tables) {
        imports.resume(tables);
        exports.resume();
    }

    @Override
    public ExportTableToPointInTimeResponse exportTableToPointInTime(ExportTableToPointInTimeRequest request) {
        return exports.export(request);
    }

    @Override
    public DescribeExportResponse describeExport(DescribeExportRequest request) {
        return exports.describe(request);
    }

    @Override
    public ListExportsResponse listExports(ListExportsRequest request) {
        return exports.list(request);
    }

    @Override
    public ImportTableResponse importTable(ImportTableRequest request) {
        return imports.importTable(request);
    }

    @Override
    public DescribeImportResponse describeImport(DescribeImportRequest request) {
        return imports.describe(request);
    }

    @Override
    public ListImportsResponse listImports(ListImportsRequest request) {
        return imports.list(request);
    }

    /**
     * How far a loading import has read its source ({@link floe.api.FloeAdmin#importProgress}).
     *
     * @throws floe.api.error.ImportNotFoundException if there is no such import
     */
    public java.util.Optional<floe.api.ImportProgress> importProgress(String importArn) {
        return imports.progress(importArn);
    }

    /** Stops the transfers; an export cut short starts again at the next open, an import fails. */
    @Override
    public void close() {
        context.close();
        exports.close();
    }
}
