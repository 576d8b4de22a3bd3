package floe.spi.extension;

import floe.api.Stability;
import java.util.Map;

/**
 * Finds and opens an export format beyond the ones FloeDB has built in ({@code DYNAMODB_JSON}
 * and {@code ION}): the Parquet plugin's is {@code parquet}. An export request names the
 * format by its name in upper case ({@code "ExportFormat": "PARQUET"}). Stateless;
 * {@link #name()} is unique among the providers present.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ExportFormatProvider {
    /** A unique name of ASCII letters and digits, lower case. */
    String name();

    /**
     * Opens the format.
     *
     * @param options the format's own options, from FloeDB's configuration
     *     ({@code exportFormat.<name>.<key>}, with the prefix removed)
     * @throws IllegalArgumentException naming an option that is wrong
     */
    ExportFormat open(Map<String, String> options);
}
