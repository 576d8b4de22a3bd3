package floe.plugin.parquet;

import floe.spi.extension.ExportFormat;
import floe.spi.extension.ExportFormatProvider;
import java.util.Map;

/**
 * The {@code parquet} export format ({@code "ExportFormat": "PARQUET"}): one row per item,
 * typed columns for the key and for the attributes the items agree on, Zstandard by default.
 * See {@link ParquetOptions} for its options.
 */
public final class ParquetFormatProvider implements ExportFormatProvider {
    /** For {@link java.util.ServiceLoader}. */
    public ParquetFormatProvider() {}

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public ExportFormat open(Map<String, String> options) {
        return new ParquetFormat(ParquetOptions.of(options));
    }
}
