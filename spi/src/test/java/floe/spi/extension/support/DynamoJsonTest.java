package floe.spi.extension.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.AttributeValue;
import floe.api.Bytes;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamoJsonTest {
    private static Map<String, AttributeValue> everyType() {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("s", AttributeValue.s("a \"q\" \\ \n\t\u0001é"));
        m.put("n", AttributeValue.n("-12.50"));
        m.put("b", new AttributeValue.B(Bytes.of(new byte[] {0, (byte) 0xff})));
        m.put("t", AttributeValue.bool(true));
        m.put("z", AttributeValue.nul());
        m.put("l", AttributeValue.l(AttributeValue.n(1), AttributeValue.s("x")));
        m.put("m", AttributeValue.m(Map.of("k", AttributeValue.bool(false))));
        m.put("ss", AttributeValue.ss("one"));
        m.put("ns", AttributeValue.ns("1E+2"));
        m.put("bs", AttributeValue.bs(Bytes.of(new byte[] {1})));
        return m;
    }

    @Test
    void writesCompactDynamoDbJsonWithCanonicalNumbersAndBase64() {
        assertEquals(
                "{\"s\":{\"S\":\"a \\\"q\\\" \\\\ \\n\\t\\u0001é\"},\"n\":{\"N\":\"-12.5\"},\"b\":{\"B\":\"AP8=\"},"
                        + "\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},\"l\":{\"L\":[{\"N\":\"1\"},{\"S\":\"x\"}]},"
                        + "\"m\":{\"M\":{\"k\":{\"BOOL\":false}}},\"ss\":{\"SS\":[\"one\"]},\"ns\":{\"NS\":[\"100\"]},"
                        + "\"bs\":{\"BS\":[\"AQ==\"]}}",
                DynamoJson.object(everyType()));
    }

    @Test
    void readsWhatAParserGivesBackToTheSameValues() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("s", Map.of("S", "a \"q\" \\ \n\t\u0001é"));
        tree.put("n", Map.of("N", new BigDecimal("-12.50"))); // a number written unquoted is taken too
        tree.put("b", Map.of("B", "AP8="));
        tree.put("t", Map.of("BOOL", true));
        tree.put("z", Map.of("NULL", true));
        tree.put("l", Map.of("L", List.of(Map.of("N", "1"), Map.of("S", "x"))));
        tree.put("m", Map.of("M", Map.of("k", Map.of("BOOL", false))));
        tree.put("ss", Map.of("SS", List.of("one")));
        tree.put("ns", Map.of("NS", List.of("1E+2")));
        tree.put("bs", Map.of("BS", List.of("AQ==")));
        assertEquals(everyType(), DynamoJson.readMap(tree));
    }

    @Test
    void refusesWhatIsNoDynamoDbJson() {
        assertThrows(IllegalArgumentException.class, () -> DynamoJson.read(Map.of("S", "a", "N", "1")));
        assertThrows(IllegalArgumentException.class, () -> DynamoJson.read(Map.of("X", "a")));
        assertThrows(IllegalArgumentException.class, () -> DynamoJson.read(Map.of("NULL", false)));
        assertThrows(IllegalArgumentException.class, () -> DynamoJson.read(Map.of("L", "a")));
        assertThrows(IllegalArgumentException.class, () -> DynamoJson.readMap(List.of()));
    }
}
