package floe.server.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import floe.api.AttributeValue;
import floe.api.Bytes;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record the generated codec covers survives write-then-read with every
 * component set, so no field is misnamed, mistyped or forgotten; and every
 * attribute value type survives too.
 */
final class ModelJsonRoundTripTest {
    private static final JsonFactory JSON = new JsonFactory();
    /** DynamoDB's wire names that are not the component's name capitalised. */
    private static final Map<String, String> WIRE_NAMES = Map.of("sseSpecification", "SSESpecification", "sseDescription",
            "SSEDescription", "sseType", "SSEType", "kmsMasterKeyId", "KMSMasterKeyId", "kmsMasterKeyArn", "KMSMasterKeyArn");

    static Stream<Class<?>> records() {
        return Stream.of(ModelJson.class.getDeclaredMethods())
                .filter(m -> m.getName().equals("write"))
                .map(m -> m.getParameterTypes()[1]);
    }

    @ParameterizedTest
    @MethodSource("records")
    void everyComponentRoundTrips(Class<?> type) throws Exception {
        Object value = sample(type, 0);
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            ModelJson.class.getDeclaredMethod("write", JsonGenerator.class, type).invoke(null, g, value);
        }
        Method read = ModelJson.class.getDeclaredMethod("read" + type.getSimpleName(), JsonParser.class);
        try (JsonParser p = JSON.createParser(out.toString())) {
            p.nextToken();
            assertEquals(value, read.invoke(null, p), out.toString());
        }
        for (RecordComponent c : type.getRecordComponents()) {
            // DynamoDB Streams' Record alone names its members in lower camel case
            String name = type == floe.api.model.Record.class ? c.getName()
                    : WIRE_NAMES.getOrDefault(c.getName(), Character.toUpperCase(c.getName().charAt(0)) + c.getName().substring(1));
            assertTrue(out.toString().contains("\"" + name + "\":"), name + " in " + out);
        }
    }

    private static Object sample(Type type, int depth) throws Exception {
        if (type instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            if (raw == List.class) {
                List<Object> list = new ArrayList<>();
                list.add(sample(p.getActualTypeArguments()[0], depth + 1));
                return list;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("k" + depth, sample(p.getActualTypeArguments()[1], depth + 1));
            return map;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return "s" + depth;
        }
        if (c == Long.class) {
            return 7L;
        }
        if (c == Integer.class) {
            return 3;
        }
        if (c == Double.class) {
            return 1.5;
        }
        if (c == Boolean.class) {
            return Boolean.TRUE;
        }
        if (c == Instant.class) {
            return Instant.ofEpochMilli(1_795_000_000_123L);
        }
        if (c == AttributeValue.class) {
            return AttributeValue.m(allTypes());
        }
        RecordComponent[] components = c.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = sample(components[i].getGenericType(), depth + 1);
            types[i] = components[i].getType();
        }
        return c.getDeclaredConstructor(types).newInstance(args);
    }

    /** One attribute of every type, nested in a list and a map. */
    static Map<String, AttributeValue> allTypes() {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("s", AttributeValue.s("text é ✓"));
        m.put("n", AttributeValue.n("-12.5E3"));
        m.put("b", AttributeValue.b(new byte[] {0, 1, (byte) 0xff}));
        m.put("bool", AttributeValue.bool(false));
        m.put("null", AttributeValue.nul());
        m.put("l", AttributeValue.l(AttributeValue.s("x"), AttributeValue.n(1)));
        m.put("m", AttributeValue.m(Map.of("inner", AttributeValue.bool(true))));
        m.put("ss", AttributeValue.ss("a", "b"));
        m.put("ns", AttributeValue.ns("1", "2.5"));
        m.put("bs", AttributeValue.bs(Bytes.of(new byte[] {1}), Bytes.of(new byte[] {2})));
        return m;
    }
}
