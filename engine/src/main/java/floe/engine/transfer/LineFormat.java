package floe.engine.transfer;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.spi.extension.ExportFormat;
import floe.spi.extension.ExportSink;
import floe.spi.extension.ExportSource;
import floe.spi.extension.support.DynamoJson;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
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
        // two stages, so that an export uses both of a small machine's cores: this thread reads
        // and encodes lines, a second (low-priority too) compresses and writes them, in order
        ExecutorService deflater = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "floe-export-gzip");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        try {
            Lines lines = new Lines(sink, deflater);
            source.forEach(lines::add);
            lines.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            deflater.shutdownNow();
        }
    }

    /** The encoding stage: lines gathered in chunks, handed in order to the compressing stage. */
    private final class Lines {
        private static final int CHUNK_CHARS = 256 * 1024;

        private final ExportSink sink;
        private final ExecutorService deflater;
        private final StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 4096);
        private long chunkItems;
        private long fileItems;
        private Future<?> pending;
        /** The file being written; touched by the compressing stage only. */
        private Output out;

        Lines(ExportSink sink, ExecutorService deflater) {
            this.sink = sink;
            this.deflater = deflater;
        }

        void add(Item item) {
            if (fileItems >= ITEMS_PER_FILE) {
                flush();
                then(() -> {
                    out.close();
                    out = null;
                });
                fileItems = 0;
            }
            line(chunk, item);
            chunkItems++;
            fileItems++;
            if (chunk.length() >= CHUNK_CHARS) {
                flush();
            }
        }

        void finish() {
            flush();
            then(() -> {
                if (out == null) {
                    out = new Output(sink.newFile()); // an empty table still has a data file, as DynamoDB writes
                }
                out.close();
                out = null;
            });
            await();
        }

        private void flush() {
            if (chunkItems == 0) {
                return;
            }
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
            long n = chunkItems;
            chunk.setLength(0);
            chunkItems = 0;
            then(() -> {
                if (out == null) {
                    out = new Output(sink.newFile());
                }
                out.write(bytes, n);
            });
        }

        /** Runs {@code step} on the compressing stage after the steps before it. */
        private void then(IoStep step) {
            await();
            pending = deflater.submit(() -> {
                step.run();
                return null;
            });
        }

        private void await() {
            if (pending == null) {
                return;
            }
            try {
                pending.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw new UncheckedIOException(io);
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(cause);
            } finally {
                pending = null;
            }
        }
    }

    @FunctionalInterface
    private interface IoStep {
        void run() throws IOException;
    }

    /** Appends one item's line. */
    private void line(StringBuilder line, Item item) {
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
                    DynamoJson.quote(line, e.getKey());
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
    }

    /** One data file being written: gzip at its fastest level. */
    private final class Output {
        private final ExportSink.DataFile file;
        private final GZIPOutputStream gzip;
        private long items;

        Output(ExportSink.DataFile file) throws IOException {
            this.file = file;
            this.gzip =
                    new GZIPOutputStream(
                            new FilterOutputStream(file.stream()) {
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
                            def.setLevel(Deflater.BEST_SPEED);
                        }
                    };
            if (ion) {
                gzip.write((IonText.VERSION_MARKER + " ").getBytes(StandardCharsets.US_ASCII));
            }
        }

        void write(byte[] lines, long n) throws IOException {
            gzip.write(lines);
            items += n;
        }

        void close() throws IOException {
            gzip.finish();
            gzip.close();
            file.itemsWritten(items);
            file.close();
        }
    }
}
