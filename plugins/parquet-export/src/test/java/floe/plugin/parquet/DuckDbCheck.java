package floe.plugin.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Item;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBStruct;

/**
 * Reads an export's Parquet files back with DuckDB, an independent reader, and rebuilds each
 * row into an item: typed columns by the type the original attribute had, the unmapped
 * column parsed as DynamoDB JSON with Jackson. Each rebuilt item must equal its original.
 */
final class DuckDbCheck implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Connection db;

    DuckDbCheck() throws SQLException {
        db = DriverManager.getConnection("jdbc:duckdb:");
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }

    static String files(Path folder) {
        return "'" + folder.toAbsolutePath().toString().replace("'", "''") + "/*.parquet'";
    }

    /** Every row of the files in {@code folder} is one of {@code expected}, equal to it, and every one is there. */
    void compare(Path folder, List<Item> expected, String partitionKey) throws SQLException {
        Map<AttributeValue, Item> byKey = new HashMap<>();
        for (Item i : expected) {
            byKey.put(i.get(partitionKey), i);
        }
        Set<AttributeValue> seen = new HashSet<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM read_parquet(" + files(folder) + ")")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                // found by its partition key, read as the type the key has
                Item original = byKey.get(
                        convert(rs.getObject(partitionKey), expected.get(0).get(partitionKey)));
                assertNotNull(original, "a row of no item: " + rs.getObject(partitionKey));
                assertTrue(seen.add(original.get(partitionKey)), "two rows of " + original.get(partitionKey));
                Map<String, AttributeValue> rebuilt = new LinkedHashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    String column = meta.getColumnName(c);
                    Object value = rs.getObject(c);
                    if (value == null || column.equals(ExportSchema.UNMAPPED)) {
                        continue;
                    }
                    AttributeValue hint = original.get(column);
                    assertNotNull(hint, "column " + column + " has a value for an item without it: " + original);
                    rebuilt.put(column, convert(value, hint));
                }
                String unmapped = rs.getString(ExportSchema.UNMAPPED);
                if (unmapped != null) {
                    Map<String, AttributeValue> rest = parseObject(unmapped);
                    assertFalse(rest.isEmpty(), "an empty unmapped column: " + unmapped);
                    for (Map.Entry<String, AttributeValue> e : rest.entrySet()) {
                        assertFalse(rebuilt.containsKey(e.getKey()), "both a column and unmapped: " + e.getKey());
                        rebuilt.put(e.getKey(), e.getValue());
                    }
                }
                assertEquals(original, Item.of(rebuilt));
            }
        }
        assertEquals(expected.size(), seen.size(), "rows read back");
    }

    /** DuckDB's type of each column, by name. */
    Map<String, String> columnTypes(Path folder) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + files(folder) + ")")) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        return types;
    }

    /** The results of one query, each row its columns' values as strings. */
    List<List<String>> query(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    row.add(rs.getString(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A value DuckDB returned, as the attribute value of the type {@code hint} has. */
    static AttributeValue convert(Object value, AttributeValue hint) throws SQLException {
        if (hint instanceof AttributeValue.S) {
            return new AttributeValue.S((String) value);
        }
        if (hint instanceof AttributeValue.N) {
            return value instanceof BigDecimal d ? new AttributeValue.N(d) : AttributeValue.N.of((String) value);
        }
        if (hint instanceof AttributeValue.B) {
            return new AttributeValue.B(Bytes.of(bytes(value)));
        }
        if (hint instanceof AttributeValue.Bool) {
            return new AttributeValue.Bool((Boolean) value);
        }
        if (hint instanceof AttributeValue.L l) {
            Object[] elements = (Object[]) ((Array) value).getArray();
            assertEquals(l.values().size(), elements.length, "elements of " + hint);
            List<AttributeValue> out = new ArrayList<>();
            for (int i = 0; i < elements.length; i++) {
                out.add(convert(elements[i], l.values().get(i)));
            }
            return new AttributeValue.L(out);
        }
        if (hint instanceof AttributeValue.SS) {
            List<String> out = new ArrayList<>();
            for (Object o : (Object[]) ((Array) value).getArray()) {
                out.add((String) o);
            }
            return AttributeValue.SS.of(out);
        }
        if (hint instanceof AttributeValue.NS) {
            List<String> out = new ArrayList<>();
            for (Object o : (Object[]) ((Array) value).getArray()) {
                out.add(o instanceof BigDecimal d ? d.toPlainString() : (String) o);
            }
            return AttributeValue.NS.of(out);
        }
        if (hint instanceof AttributeValue.BS) {
            List<Bytes> out = new ArrayList<>();
            for (Object o : (Object[]) ((Array) value).getArray()) {
                out.add(Bytes.of(bytes(o)));
            }
            return AttributeValue.bs(out.toArray(Bytes[]::new));
        }
        if (hint instanceof AttributeValue.M m) {
            Map<String, AttributeValue> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((DuckDBStruct) value).getMap().entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                AttributeValue fieldHint = m.values().get(e.getKey());
                assertNotNull(fieldHint, "field " + e.getKey() + " has a value where the map has none: " + hint);
                out.put(e.getKey(), convert(e.getValue(), fieldHint));
            }
            return new AttributeValue.M(out);
        }
        return fail("a column holds " + hint + ", which has no Parquet type");
    }

    private static byte[] bytes(Object value) throws SQLException {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] b = new byte[buffer.remaining()];
            buffer.duplicate().get(b);
            return b;
        }
        return fail("not binary: " + value.getClass());
    }

    /** A JSON object of DynamoDB JSON values, parsed by Jackson. */
    static Map<String, AttributeValue> parseObject(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            Map<String, AttributeValue> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), parse(e.getValue()));
            }
            return out;
        } catch (java.io.IOException e) {
            return fail("not JSON: " + json, e);
        }
    }

    private static AttributeValue parse(JsonNode v) {
        assertEquals(1, v.size(), "one type per value: " + v);
        Map.Entry<String, JsonNode> e = v.fields().next();
        JsonNode x = e.getValue();
        List<String> texts = new ArrayList<>();
        if (x.isArray()) {
            x.forEach(n -> texts.add(n.asText()));
        }
        return switch (e.getKey()) {
            case "S" -> new AttributeValue.S(x.textValue());
            case "N" -> AttributeValue.N.of(x.textValue());
            case "B" -> new AttributeValue.B(Bytes.fromBase64(x.textValue()));
            case "BOOL" -> new AttributeValue.Bool(x.booleanValue());
            case "NULL" -> AttributeValue.Null.INSTANCE;
            case "SS" -> AttributeValue.SS.of(texts);
            case "NS" -> AttributeValue.NS.of(texts);
            case "BS" -> AttributeValue.bs(texts.stream().map(Bytes::fromBase64).toArray(Bytes[]::new));
            case "L" -> {
                List<AttributeValue> l = new ArrayList<>();
                x.forEach(n -> l.add(parse(n)));
                yield new AttributeValue.L(l);
            }
            case "M" -> new AttributeValue.M(parseObject(x.toString()));
            default -> fail("unknown type " + e.getKey());
        };
    }
}
