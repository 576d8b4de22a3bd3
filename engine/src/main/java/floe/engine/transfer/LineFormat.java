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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The built-in export formats, DynamoDB JSON and Amazon Ion: gzip-compressed text, one
 * item per line, through the same {@link ExportFormat} interface a plugin's format
 * implements. A full export's line is {@code {"Item":{...}}}; an incremental export's
 * source items are already shaped as its lines ({@code Metadata}, {@code Keys},
 * {@code NewImage}, {@code OldImage}, each a map), and are written field by field.
 * The calling thread reads the source; {@link #WRITERS} threads turn its items into lines
 * and compress them, each into data files of its own.
 */
final class LineFormat implements ExportFormat {
    /** Items per data file before the next one is started. */
    static final long ITEMS_PER_FILE = 250_000;

    /** Items a writer takes at once. */
    private static final int BATCH = 512;
    /** Threads writing data files at once. */
    static final int WRITERS = 2;
    /** Batches waiting for a writer at most: what bounds an export's memory. */
    private static final int QUEUED = 2 * WRITERS;

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
        // Where the time goes (profiled on 100k items of ~200 bytes): reading and decoding the
        // snapshot is about a third of the work, writing the DynamoDB JSON text about half,
        // gzip the rest. So the reading thread only reads, and WRITERS threads (low-priority
        // too) each turn batches of items into lines and compress them into a data file of
        // their own, as DynamoDB's exports are several files written at once.
        Writers writers = new Writers(sink);
        try {
            List<Item> batch = new ArrayList<>(BATCH);
            source.forEach(item -> {
                batch.add(item);
                if (batch.size() == BATCH) {
                    writers.hand(List.copyOf(batch));
                    batch.clear();
                }
            });
            if (!batch.isEmpty()) {
                writers.hand(List.copyOf(batch));
            }
            writers.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            writers.stop();
        }
    }

    /** The writing stage: {@link #WRITERS} threads, each with a data file of its own. */
    private final class Writers {
        private static final List<Item> END = List.of();

        private final ExportSink sink;
        private final BlockingQueue<List<Item>> queue = new ArrayBlockingQueue<>(QUEUED);
        private final ExecutorService threads = Executors.newFixedThreadPool(WRITERS, r -> {
            Thread t = new Thread(r, "floe-export-writer");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        private final List<Future<Boolean>> running = new ArrayList<>();

        Writers(ExportSink sink) {
            this.sink = sink;
            for (int i = 0; i < WRITERS; i++) {
                running.add(threads.submit(this::write));
            }
        }

        /** Hands a batch to the writers, waiting while they are behind; rethrows a writer's failure. */
        void hand(List<Item> batch) {
            try {
                while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                    for (Future<Boolean> f : running) {
                        if (f.isDone()) {
                            result(f); // a writer failed: its failure is the export's
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
            }
        }

        /** Waits for the writers to close their files; writes an empty one if none was written. */
        void finish() throws IOException {
            for (int i = 0; i < WRITERS; i++) {
                hand(END);
            }
            boolean any = false;
            for (Future<Boolean> f : running) {
                any |= result(f);
            }
            if (!any) {
                new Output(sink.newFile()).close(); // an empty table still has a data file, as DynamoDB writes
            }
        }

        void stop() {
            threads.shutdownNow();
        }

        /** One writer: batches to lines to gzip, until the end; whether it wrote a file. */
        private boolean write() throws IOException, InterruptedException {
            StringBuilder text = new StringBuilder(BATCH * 256);
            Output out = null;
            boolean wrote = false;
            try {
                while (true) {
                    List<Item> batch = queue.take();
                    if (batch == END) {
                        break;
                    }
                    if (out != null && out.items >= ITEMS_PER_FILE) {
                        out.close();
                        out = null;
                    }
                    if (out == null) {
                        out = new Output(sink.newFile());
                        wrote = true;
                    }
                    text.setLength(0);
                    for (Item item : batch) {
                        line(text, item);
                    }
                    out.write(text.toString().getBytes(StandardCharsets.UTF_8), batch.size());
                }
                if (out != null) {
                    out.close();
                    out = null;
                }
                return wrote;
            } finally {
                if (out != null) {
                    out.abandon();
                }
            }
        }

        private boolean result(Future<Boolean> f) {
            try {
                return f.get();
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
                if (cause instanceof InterruptedException) {
                    throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
                }
                throw new IllegalStateException(cause);
            }
        }
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
                            // the fastest level: its files are read once, and at it gzip is a fifth of the work
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

        /** Gives the file up, unpublished (the store drops a stream never closed). */
        void abandon() {
            try {
                gzip.close(); // releases the deflater; the trailer goes to a stream nobody publishes
            } catch (IOException e) {
                // the store's stream failed first: that failure is the export's
            }
        }

        void close() throws IOException {
            gzip.finish();
            gzip.close();
            file.itemsWritten(items);
            file.close();
        }
    }
}
