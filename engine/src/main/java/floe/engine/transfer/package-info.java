/**
 * Exports to and imports from object storage: DynamoDB's ExportTableToPointInTime,
 * DescribeExport, ListExports, ImportTable, DescribeImport and ListImports, the built-in
 * local-folder object store ({@code local}) and the built-in export formats (DynamoDB JSON
 * and Amazon Ion), which are {@link floe.spi.extension.ExportFormat}s like a plugin's.
 */
package floe.engine.transfer;
