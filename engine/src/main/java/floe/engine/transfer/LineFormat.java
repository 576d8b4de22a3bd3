package floe.engine.transfer;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.spi.extension.ExportFormat;
import floe.spi.extension.ExportSink;
import floe.spi.extension.ExportSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The built-in export formats, DynamoDB JSON and Amazon Ion: gzip-compressed text, one
 * item per line, through the same {@link ExportFormat} interface a plugin's format
 * implements. A full export's line is {@code {"Item":{...}}}; an incremental export's
 * source items are already shaped as its lines ({@code Metadata}, {@code Keys},
 * {@code NewImage}, {@code OldImage}, each a map), and are written field by field.
 */
final class LineFormat implements ExportFormat {
    /** Items per data file before the next one is started. */
    static final long ITEMS_PER_FILE = 250_000;

    private final boolean ion;
    private final boolean changes;

    private LineFormat(boolean ion, boolean changes) {
        this.ion = ion;
        this.changes = changes;
    }

    /** DynamoDB JSON; {@code changes} for an incremental export's lines. */
    static LineFormat dynamoJson(boolean changes) {
        return new LineFormat(false, changes);
    }

    /** Amazon Ion text; {@code changes} for an incremental export's lines. */
    static LineFormat ion(boolean changes) {
        return new LineFormat(true, changes);
    }

    @Override
    public String fileSuffix() {
        return ion ? "ion.gz" : "json.gz";
    }

    @Override
    public void write(ExportSource source, ExportSink sink) throws IOException {
        Output[] current = {null};
        try {
            source.forEach(item -> {
                try {
                    if (current[0] == null || current[0].items >= ITEMS_PER_FILE) {
                        if (current[0] != null) {
                            current[0].close();
                        }
                        current[0] = new Output(sink.newFile());
                    }
                    current[0].line(item);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (current[0] == null) {
                current[0] = new Output(sink.newFile()); // an empty table still has a data file, as DynamoDB writes
            }
            current[0].close();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** One data file being written. */
    private final class Output {
        private final ExportSink.DataFile file;
        private final GZIPOutputStream gzip;
        private final Writer text;
        private final StringBuilder line = new StringBuilder(256);
        long items;

        Output(ExportSink.DataFile file) throws IOException {
            this.file = file;
            this.gzip =
                    new GZIPOutputStream(
                            new java.io.FilterOutputStream(file.stream()) {
                                @Override
                                public void write(byte[] b, int off, int len) throws IOException {
                                    out.write(b, off, len);
                                }

                                @Override
                                public void close() throws IOException {
                                    flush(); // the sink's stream is closed by the data file, not by gzip
                                }
                            },
                            64 * 1024) {
                        {
                            // the fastest level: most of an export's time is compression, and its files are read once
                            def.setLevel(java.util.zip.Deflater.BEST_SPEED);
                        }
                    };
            this.text =
                    new java.io.BufferedWriter(new java.io.OutputStreamWriter(gzip, StandardCharsets.UTF_8), 64 * 1024);
            if (ion) {
                text.write(IonText.VERSION_MARKER);
                text.write(' ');
            }
        }

        void line(Item item) throws IOException {
            line.setLength(0);
            if (changes) {
                line.append('{');
                boolean first = true;
                for (Map.Entry<String, AttributeValue> e : item.attributes().entrySet()) {
                    if (!first) {
                        line.append(',');
                    }
                    first = false;
                    Map<String, AttributeValue> m = ((AttributeValue.M) e.getValue()).values();
                    if (ion) {
                        IonText.symbol(line, e.getKey());
                        line.append(':');
                        IonText.writeStruct(line, m);
                    } else {
                        JsonText.quote(line, e.getKey());
                        line.append(':');
                        DynamoJson.writeMap(line, m);
                    }
                }
                line.append('}');
            } else if (ion) {
                line.append("{Item:");
                IonText.writeStruct(line, item.attributes());
                line.append('}');
            } else {
                line.append("{\"Item\":");
                DynamoJson.writeMap(line, item.attributes());
                line.append('}');
            }
            line.append('\n');
            text.append(line);
            items++;
        }

        void close() throws IOException {
            text.flush();
            gzip.finish();
            gzip.close();
            file.itemsWritten(items);
            file.close();
        }
    }
}
