package floe.benchmarks;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Item;
import floe.api.model.AttributeDefinition;
import floe.spi.extension.ExportFormat;
import floe.spi.extension.ExportFormatProvider;
import floe.spi.extension.ExportSink;
import floe.spi.extension.ExportSource;
import floe.spi.extension.support.DynamoJson;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The Parquet export format against DynamoDB JSON lines, gzip-compressed (the shape of
 * DynamoDB's own export files; written by a plain encoder here, the baseline), over the
 * same {@value #ITEMS} items in memory, each written to a sink that only counts bytes.
 * One operation is one export of every item; the items/s ratio of a format to the
 * baseline is the inverse ratio of their times. Parquet's time includes its first reading
 * of the items, which infers the schema.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ParquetExportBenchmark {
    static final int ITEMS = 100_000;

    /** {@code json-gzip} is the baseline; {@code parquet-*} the plugin with each codec. */
    @Param({"json-gzip", "parquet-zstd", "parquet-snappy", "parquet-gzip"})
    public String format;

    private List<Item> items;
    private ExportFormat parquet;
    private long bytes;

    @Setup
    public void setUp() {
        items = items(ITEMS);
        if (format.startsWith("parquet-")) {
            ExportFormatProvider provider = ServiceLoader.load(ExportFormatProvider.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .filter(p -> p.name().equals("parquet"))
                    .findFirst()
                    .orElseThrow();
            parquet = provider.open(Map.of("compression", format.substring("parquet-".length())));
        }
    }

    /** Items shaped like an application's: keys, strings, numbers, a set, a map, a flag, a little binary. */
    static List<Item> items(int count) {
        Random r = new Random(42);
        List<Item> out = new ArrayList<>(count);
        byte[] blob = new byte[32];
        for (int i = 0; i < count; i++) {
            r.nextBytes(blob);
            Item.Builder b = Item.builder()
                    .put("pk", "customer#" + (i / 10))
                    .put("sk", AttributeValue.n(i % 10))
                    .put("name", AttributeValue.s("name " + Integer.toHexString(r.nextInt())))
                    .put("price", new AttributeValue.N(BigDecimal.valueOf(r.nextInt(1_000_000), 2)))
                    .put("quantity", AttributeValue.n(r.nextInt(100)))
                    .put("active", AttributeValue.bool(r.nextBoolean()))
                    .put("digest", new AttributeValue.B(Bytes.of(blob)))
                    .put(
                            "address",
                            AttributeValue.m(Map.of(
                                    "city", AttributeValue.s("city " + r.nextInt(200)),
                                    "zip", AttributeValue.s(Integer.toString(10000 + r.nextInt(90000))))));
            if (r.nextBoolean()) {
                b.put("tags", AttributeValue.ss("t" + r.nextInt(20), "u" + r.nextInt(20)));
            }
            out.add(b.build());
        }
        return out;
    }

    @Benchmark
    public long export() throws IOException {
        Counting sink = new Counting();
        if (parquet != null) {
            parquet.write(new Source(items), sink);
        } else {
            jsonLinesGzip(items, sink);
        }
        bytes = sink.bytes;
        return sink.bytes;
    }

    /** The size of what one export wrote, for the README's table beside the rates. */
    @TearDown
    public void size() {
        System.out.println(format + ": " + bytes + " bytes for " + ITEMS + " items");
    }

    /** The baseline: one {@code {"Item":{...}}} line per item, gzip-compressed, as DynamoDB exports. */
    static void jsonLinesGzip(List<Item> items, Counting sink) throws IOException {
        try (ExportSink.DataFile file = sink.newFile();
                GZIPOutputStream gzip = new GZIPOutputStream(file.stream(), 64 << 10)) {
            StringBuilder line = new StringBuilder(512);
            for (Item item : items) {
                line.setLength(0);
                line.append("{\"Item\":");
                DynamoJson.writeMap(line, item.attributes());
                line.append("}\n");
                gzip.write(line.toString().getBytes(StandardCharsets.UTF_8));
            }
            gzip.finish();
            file.itemsWritten(items.size());
        }
    }

    /** The items as an export's source. */
    record Source(List<Item> items) implements ExportSource {
        @Override
        public String tableName() {
            return "bench";
        }

        @Override
        public List<AttributeDefinition> keyAttributes() {
            return List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("sk", "N"));
        }

        @Override
        public long itemCount() {
            return items.size();
        }

        @Override
        public void forEach(Consumer<? super Item> action) {
            items.forEach(action);
        }
    }

    /** A sink whose files only count their bytes. */
    static final class Counting implements ExportSink {
        long bytes;

        @Override
        public DataFile newFile() {
            OutputStream out = new OutputStream() {
                @Override
                public void write(int b) {
                    bytes++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes += len;
                }
            };
            return new DataFile() {
                @Override
                public OutputStream stream() {
                    return out;
                }

                @Override
                public void itemsWritten(long count) {}

                @Override
                public void close() {}
            };
        }
    }
}
