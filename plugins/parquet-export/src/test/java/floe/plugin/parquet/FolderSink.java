package floe.plugin.parquet;

import floe.spi.extension.ExportSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data files of an export as files of a local folder: each written beside its final name
 * and moved there when closed, as FloeDB's sinks publish a file only when it is complete.
 */
final class FolderSink implements ExportSink {
    private final Path folder;
    private final Map<Path, Long> published = new LinkedHashMap<>();

    FolderSink(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    /** The files published so far, with the item count the format gave each. */
    Map<Path, Long> published() {
        return published;
    }

    @Override
    public DataFile newFile() throws IOException {
        Path target = folder.resolve(String.format("part-%05d.parquet", published.size()));
        Path partial = folder.resolve(target.getFileName() + ".partial");
        OutputStream out = Files.newOutputStream(partial);
        return new DataFile() {
            private long items;
            private boolean closed;

            @Override
            public OutputStream stream() {
                return out;
            }

            @Override
            public void itemsWritten(long count) {
                items += count;
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                out.close();
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                published.put(target, items);
            }
        };
    }
}
