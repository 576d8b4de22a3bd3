/**
 * The Parquet export format: {@link floe.plugin.parquet.ParquetFormatProvider} registers
 * {@code parquet}, so that an export with {@code "ExportFormat": "PARQUET"} writes Parquet
 * files. The schema is inferred from the items in a first reading of the source
 * ({@link floe.plugin.parquet.Shape}), the files are written in a second with Apache
 * Parquet's writer over the export's sink, compressed by this plugin's own codecs: no
 * Hadoop class runs.
 */
package floe.plugin.parquet;
