package floe.spi.extension;

import floe.api.Stability;
import java.io.IOException;

/**
 * An opened export format: turns a table's items at one instant into data files. FloeDB
 * owns everything around the data files (the export's folder, its {@code _started} marker,
 * its manifests, its status); the format writes only the files, through the sink.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ExportFormat {
    /** The data files' name suffix, without a dot: {@code parquet}, {@code json.gz}. */
    String fileSuffix();

    /**
     * Writes every item of {@code source} into data files opened from {@code sink}. May read
     * the source more than once (to infer a schema, say); each reading sees the same items.
     *
     * @throws IOException if writing fails; the export then fails, and FloeDB removes what it wrote
     */
    void write(ExportSource source, ExportSink sink) throws IOException;
}
