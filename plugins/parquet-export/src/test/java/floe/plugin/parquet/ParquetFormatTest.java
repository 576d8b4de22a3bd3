package floe.plugin.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Item;
import floe.api.model.AttributeDefinition;
import floe.spi.extension.ExportFormat;
import floe.spi.extension.ExportFormatProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet format through the SPI, as FloeDB's export calls it: a source of items and a
 * sink of files; DuckDB reads the files back and every row must equal its item.
 */
final class ParquetFormatTest {
    private static final AttributeDefinition PK = new AttributeDefinition("pk", "S");

    @TempDir
    Path dir;

    private DuckDbCheck duck;

    @BeforeEach
    void open() throws Exception {
        duck = new DuckDbCheck();
    }

    @AfterEach
    void close() throws Exception {
        duck.close();
    }

    private static ExportFormat format(Map<String, String> options) {
        for (ExportFormatProvider p : ServiceLoader.load(ExportFormatProvider.class)) {
            if (p.name().equals("parquet")) {
                return p.open(options);
            }
        }
        throw new AssertionError("no parquet export format registered");
    }

    private FolderSink export(List<Item> items, Map<String, String> options, AttributeDefinition... keys)
            throws Exception {
        FolderSink sink = new FolderSink(dir.resolve("data"));
        ExportFormat format = format(options);
        assertEquals("parquet", format.fileSuffix());
        format.write(ListSource.of(items, keys.length == 0 ? new AttributeDefinition[] {PK} : keys), sink);
        return sink;
    }

    private static Bytes bytes(int... b) {
        byte[] a = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            a[i] = (byte) b[i];
        }
        return Bytes.of(a);
    }

    /** Every DynamoDB type, at the edges of what Parquet's types hold, and attributes whose items disagree. */
    static List<Item> everyType() {
        List<Item> items = new ArrayList<>();
        items.add(Item.builder()
                .put("pk", "all")
                .put("s", AttributeValue.s("héllo \"quoted\" \\ \n tab\t ✓"))
                .put("n", AttributeValue.n("42"))
                .put("price", AttributeValue.n("12.50"))
                .put("negative", AttributeValue.n("-0.000001"))
                .put("wide", AttributeValue.n("12345678901234567890.123456789012345678"))
                .put("huge", AttributeValue.n("9.9999999999999999999999999999999999999E+125"))
                .put("tiny", AttributeValue.n("1E-130"))
                .put("b", new AttributeValue.B(bytes(0, 1, 2, 255, 128)))
                .put("flag", AttributeValue.bool(true))
                .put("nothing", AttributeValue.nul())
                .put("nums", AttributeValue.l(AttributeValue.n("1"), AttributeValue.n("2.5")))
                .put("mixedList", AttributeValue.l(AttributeValue.s("a"), AttributeValue.n("1")))
                .put("empty", AttributeValue.l())
                .put(
                        "profile",
                        AttributeValue.m(Map.of(
                                "name",
                                AttributeValue.s("Ada"),
                                "age",
                                AttributeValue.n("36"),
                                "address",
                                AttributeValue.m(Map.of("city", AttributeValue.s("London"))),
                                "langs",
                                AttributeValue.l(AttributeValue.m(Map.of("name", AttributeValue.s("en")))))))
                .put("emptyMap", AttributeValue.m(Map.of()))
                .put("tags", AttributeValue.ss("red", "green"))
                .put("scores", AttributeValue.ns("1", "2.25", "-3"))
                .put("blobs", AttributeValue.bs(bytes(1), bytes(2, 3)))
                .put("mixed", AttributeValue.s("text"))
                .put("a.b-c d", AttributeValue.s("odd name"))
                .put(ExportSchema.UNMAPPED, AttributeValue.s("an attribute named like the column"))
                .build());
        items.add(Item.builder()
                .put("pk", "other")
                .put("n", AttributeValue.n("-7"))
                .put("price", AttributeValue.n("1E+3"))
                .put("wide", AttributeValue.n("-0.000000000000000001"))
                .put("huge", AttributeValue.n("1"))
                .put("flag", AttributeValue.bool(false))
                .put("nums", AttributeValue.l())
                .put("empty", AttributeValue.l())
                .put(
                        "profile",
                        AttributeValue.m(Map.of("name", AttributeValue.s("Bob"), "vip", AttributeValue.bool(true))))
                .put("tags", AttributeValue.ss("blue"))
                .put("mixed", AttributeValue.n("5"))
                .put("nothing", AttributeValue.s("something"))
                .build());
        items.add(Item.builder()
                .put("pk", "disagrees")
                .put("mixed", AttributeValue.ss("x"))
                .put("nested", AttributeValue.m(Map.of("v", AttributeValue.n("1"))))
                .put("tags", AttributeValue.ss("a", "b", "c"))
                .build());
        items.add(Item.builder()
                .put("pk", "disagrees too")
                .put("nested", AttributeValue.m(Map.of("v", AttributeValue.s("one"))))
                .put("scores", AttributeValue.ns("1000000000000000000000000000000000000"))
                .build());
        items.add(Item.builder().put("pk", "bare").build());
        return items;
    }

    static List<Item> generated(int count, long seed) {
        Random r = new Random(seed);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Item.Builder b = Item.builder()
                    .put("pk", String.format("item-%06d", i))
                    .put("n", AttributeValue.n(r.nextInt()))
                    .put("price", AttributeValue.n(r.nextInt(100000) + "." + r.nextInt(100)))
                    .put("name", AttributeValue.s("name " + Long.toHexString(r.nextLong())))
                    .put(
                            "profile",
                            AttributeValue.m(Map.of(
                                    "city", AttributeValue.s("city" + r.nextInt(50)),
                                    "visits", AttributeValue.n(r.nextInt(1000)))));
            if (r.nextBoolean()) {
                b.put("tags", AttributeValue.ss("t" + r.nextInt(10), "u" + r.nextInt(10)));
            }
            if (r.nextInt(10) == 0) {
                b.put("note", AttributeValue.nul());
            }
            items.add(b.build());
        }
        return items;
    }

    @Test
    void hadoopIsNotOnTheClassPath() {
        // what makes the other tests prove that the writer runs without Hadoop
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.hadoop.conf.Configuration"));
    }

    @Test
    void everyTypeReadsBackEqualWithDuckDb() throws Exception {
        List<Item> items = everyType();
        FolderSink sink = export(items, Map.of());
        assertEquals(1, sink.published().size());
        assertEquals(items.size(), sink.published().values().iterator().next());
        duck.compare(dir.resolve("data"), items, "pk");

        Map<String, String> types = duck.columnTypes(dir.resolve("data"));
        assertEquals("VARCHAR", types.get("pk"));
        assertEquals("VARCHAR", types.get("s"));
        assertEquals("DECIMAL(2,0)", types.get("n").replace(" ", ""));
        assertEquals("DECIMAL(5,1)", types.get("price").replace(" ", ""), "1E+3 and 12.5 share a column");
        assertEquals("DECIMAL(38,18)", types.get("wide").replace(" ", ""));
        assertEquals("VARCHAR", types.get("huge"), "126 digits do not fit a decimal: text");
        assertEquals("VARCHAR", types.get("tiny"));
        assertEquals("BLOB", types.get("b"));
        assertEquals("BOOLEAN", types.get("flag"));
        assertEquals("DECIMAL(2,1)[]", types.get("nums").replace(" ", ""));
        assertEquals("VARCHAR[]", types.get("tags"));
        assertEquals("VARCHAR[]", types.get("scores"), "37 digits in one set, 2 decimals in another: text");
        assertEquals("BLOB[]", types.get("blobs"));
        assertTrue(types.get("profile").startsWith("STRUCT("), types.get("profile"));
        assertTrue(types.get("profile").contains("address STRUCT(city VARCHAR)"), types.get("profile"));
        assertTrue(types.get("profile").contains("langs STRUCT(\"name\" VARCHAR)[]"), types.get("profile"));
        assertEquals("VARCHAR", types.get(ExportSchema.UNMAPPED));
        // no column where the items disagree, or where Parquet has no type
        for (String unmapped : List.of("mixed", "nested", "nothing", "mixedList", "emptyMap")) {
            assertFalse(types.containsKey(unmapped), unmapped + " has a column: " + types);
        }
        // a data engineer's query: typed columns compare as numbers and dig into groups
        assertEquals(
                List.of(List.of("all", "London")),
                duck.query("SELECT pk, profile.address.city FROM read_parquet(" + DuckDbCheck.files(dir.resolve("data"))
                        + ") WHERE price > 12.4 AND price < 13"));
    }

    @Test
    void numberAndBinaryKeysAreRequiredTypedColumns() throws Exception {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(Item.builder()
                    .put("id", AttributeValue.n(i * 1000 + ".5"))
                    .put("sk", new AttributeValue.B(Bytes.of(("k" + i).getBytes(StandardCharsets.UTF_8))))
                    .put("v", AttributeValue.s("v" + i))
                    .build());
        }
        export(items, Map.of(), new AttributeDefinition("id", "N"), new AttributeDefinition("sk", "B"));
        Map<String, String> types = duck.columnTypes(dir.resolve("data"));
        assertEquals(List.of("id", "sk", "v", ExportSchema.UNMAPPED), List.copyOf(types.keySet()));
        assertEquals("DECIMAL(6,1)", types.get("id").replace(" ", ""));
        assertEquals("BLOB", types.get("sk"));
        duck.compare(dir.resolve("data"), items, "id");
        assertEquals(
                List.of(List.of("REQUIRED", "REQUIRED")),
                duck.query("SELECT max(repetition_type) FILTER (WHERE name = 'id'), max(repetition_type) FILTER"
                        + " (WHERE name = 'sk') FROM parquet_schema(" + DuckDbCheck.files(dir.resolve("data")) + ")"));
    }

    @Test
    void zstandardByDefaultAndEachCodecOnRequest() throws Exception {
        List<Item> items = generated(400, 1);
        Map<String, String> expected = Map.of("", "ZSTD", "snappy", "SNAPPY", "gzip", "GZIP", "none", "UNCOMPRESSED");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path data = dir.resolve("codec-" + e.getValue());
            FolderSink sink = new FolderSink(data);
            Map<String, String> options = e.getKey().isEmpty() ? Map.of() : Map.of("compression", e.getKey());
            format(options).write(ListSource.of(items, PK), sink);
            duck.compare(data, items, "pk");
            assertEquals(
                    List.of(List.of(e.getValue())),
                    duck.query("SELECT DISTINCT compression FROM parquet_metadata(" + DuckDbCheck.files(data) + ")"),
                    "codec of option '" + e.getKey() + "'");
        }
    }

    @Test
    void rowGroupsAreSizedAndFilesHoldAtMostTheirItems() throws Exception {
        List<Item> items = generated(5000, 2);
        FolderSink sink = export(items, Map.of("rowGroupBytes", Integer.toString(64 << 10), "itemsPerFile", "2000"));
        assertEquals(List.of(2000L, 2000L, 1000L), List.copyOf(sink.published().values()));
        duck.compare(dir.resolve("data"), items, "pk");
        List<List<String>> groups = duck.query("SELECT file_name, count(DISTINCT row_group_id) FROM parquet_metadata("
                + DuckDbCheck.files(dir.resolve("data")) + ") GROUP BY file_name");
        assertEquals(3, groups.size());
        for (List<String> g : groups) {
            assertTrue(Integer.parseInt(g.get(1)) > 1, "row groups of 64 KiB: " + groups);
        }
        // the default row group (64 MiB) holds the whole file
        FolderSink one = new FolderSink(dir.resolve("one"));
        format(Map.of()).write(ListSource.of(items, PK), one);
        assertEquals(
                List.of(List.of("1")),
                duck.query("SELECT count(DISTINCT row_group_id) FROM parquet_metadata("
                        + DuckDbCheck.files(dir.resolve("one")) + ")"));
    }

    @Test
    void anEmptyTableWritesNoFile() throws Exception {
        assertEquals(Map.of(), export(List.of(), Map.of()).published());
    }

    @Test
    void wrongOptionsAreNamed() {
        record Case(Map<String, String> options, String message) {}
        for (Case c : List.of(
                new Case(Map.of("compression", "lz4"), "compression must be zstd, snappy, gzip or none, not 'lz4'"),
                new Case(
                        Map.of("rowGroupSize", "1"),
                        "unknown option(s) of the parquet export format: [rowGroupSize]; known: [compression,"
                                + " itemsPerFile, rowGroupBytes, zstdLevel]"),
                new Case(Map.of("zstdLevel", "30"), "option zstdLevel must be between 1 and 22, not 30"),
                new Case(Map.of("itemsPerFile", "many"), "option itemsPerFile must be a whole number, not 'many'"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> format(c.options()));
            assertEquals(c.message(), e.getMessage());
        }
        assertEquals(
                "ZSTD",
                ParquetOptions.defaults().compression().name(),
                "Zstandard is the default: " + ParquetOptions.KEYS.stream().collect(Collectors.joining(",")));
    }
}
