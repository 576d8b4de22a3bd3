package floe.spi.extension;

import floe.api.Stability;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a format writes an export's data files. Each file is one object of the export's
 * {@code data/} folder, named by FloeDB; the manifests list them with their item counts.
 * Thread-safe: a format may write several files at once, each from one thread.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ExportSink {
    /**
     * Opens the next data file. The format writes it and closes it, after telling
     * {@link DataFile#itemsWritten} how many items it holds; closing publishes it.
     */
    DataFile newFile() throws IOException;

    /** One data file being written. */
    @Stability(Stability.Level.EXPERIMENTAL)
    interface DataFile extends AutoCloseable {
        /** The stream of the file's bytes; not to be closed on its own. */
        OutputStream stream();

        /** Counts {@code items} more items as written to this file. */
        void itemsWritten(long items);

        /** Finishes the file and publishes it. */
        @Override
        void close() throws IOException;
    }
}
