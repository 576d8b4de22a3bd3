package floe.server.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import floe.api.AttributeValue;
import floe.api.Bytes;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The generated codec against a reference written here, by reflection over the
 * records: every request record it reads, written with every component set (each
 * to a value of its own) and an unknown field, reads back equal; every response
 * record it writes comes out exactly as the reference writes it. So no field is
 * misnamed, mistyped, swapped or forgotten in the direction the server uses; and
 * every attribute value type goes through both directions. The codec holds just
 * those directions, and its wire names and types are those of the AWS SDK's
 * model of DynamoDB.
 */
final class ModelJsonTest {
    private static final JsonFactory JSON = new JsonFactory();
    /** DynamoDB's wire names that are not the component's name capitalised. */
    private static final Map<String, String> WIRE_NAMES = Map.of(
            "sseSpecification",
            "SSESpecification",
            "sseDescription",
            "SSEDescription",
            "sseType",
            "SSEType",
            "kmsMasterKeyId",
            "KMSMasterKeyId",
            "kmsMasterKeyArn",
            "KMSMasterKeyArn",
            "sseSpecificationOverride",
            "SSESpecificationOverride");

    /** The records the codec reads: {@code readX(JsonParser)}. */
    static Stream<Class<?>> read() {
        return Stream.of(ModelJson.class.getDeclaredMethods())
                .filter(m -> m.getName().startsWith("read") && Modifier.isStatic(m.getModifiers()))
                .map(Method::getReturnType);
    }

    /** The records the codec writes: {@code write(JsonGenerator, X)}. */
    static Stream<Class<?>> written() {
        return Stream.of(ModelJson.class.getDeclaredMethods())
                .filter(m -> m.getName().equals("write"))
                .map(m -> m.getParameterTypes()[1]);
    }

    @ParameterizedTest
    @MethodSource("read")
    void everyComponentOfARequestRecordIsRead(Class<?> type) throws Exception {
        Object value = sample(type, new int[1]);
        String json = reference(value, true);
        Method read = ModelJson.class.getDeclaredMethod("read" + type.getSimpleName(), JsonParser.class);
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            assertEquals(value, read.invoke(null, p), json);
        }
        assertWireNames(type, json);
    }

    @ParameterizedTest
    @MethodSource("written")
    void everyComponentOfAResponseRecordIsWritten(Class<?> type) throws Exception {
        Object value = sample(type, new int[1]);
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            ModelJson.class
                    .getDeclaredMethod("write", JsonGenerator.class, type)
                    .invoke(null, g, value);
        }
        assertEquals(reference(value, false), out.toString());
        assertWireNames(type, out.toString());
    }

    /**
     * Readers exist for the operations' requests and what they contain, writers for the
     * responses and what they contain, and for nothing else.
     */
    @Test
    void theDirectionsAreThoseOfRequestsAndResponses() {
        Set<String> reads = names(read());
        Set<String> writes = names(written());
        Set<String> requests = new TreeSet<>();
        Set<String> responses = new TreeSet<>();
        for (String r : reads) {
            String op = r.endsWith("Request") ? r.substring(0, r.length() - "Request".length()) : null;
            if (op != null && writes.contains(op + "Response")) {
                requests.add(r);
                responses.add(op + "Response");
            }
        }
        assertTrue(requests.size() >= 31, "operations: " + requests);
        assertEquals(reads, names(reachable(requests)), "read");
        assertEquals(writes, names(reachable(responses)), "written");
    }

    /**
     * Every wire name the codec reads or writes is a member of the same shape in the AWS
     * SDK's model of DynamoDB (and of DynamoDB Streams), of the same type there (string,
     * long, integer, double, boolean, timestamp, list, map or structure).
     */
    @ParameterizedTest
    @MethodSource("covered")
    void wireNamesAreTheServiceModels(Class<?> type) throws Exception {
        Class<?> sdk = sdkShape(type);
        SdkPojo shape = (SdkPojo) ((SdkBuilder<?, ?>) sdk.getMethod("builder").invoke(null)).build();
        Map<String, String> members = shape.sdkFields().stream()
                .collect(Collectors.toMap(
                        SdkField::locationName, f -> f.marshallingType().toString()));
        for (RecordComponent c : type.getRecordComponents()) {
            String name = wireName(type, c);
            assertTrue(members.containsKey(name), name + " of " + type.getSimpleName() + " in " + members.keySet());
            assertEquals(members.get(name), marshallingType(c.getType()), name + " of " + type.getSimpleName());
        }
    }

    /** The SDK's marshalling type of a component of the type: how the JSON protocol carries it. */
    private static String marshallingType(Class<?> c) {
        if (c == String.class) {
            return "String";
        } else if (c == Long.class) {
            return "Long";
        } else if (c == Integer.class) {
            return "Integer";
        } else if (c == Double.class) {
            return "Double";
        } else if (c == Boolean.class) {
            return "Boolean";
        } else if (c == Instant.class) {
            return "Instant";
        } else if (c == List.class) {
            return "List";
        } else if (c == Map.class) {
            return "Map";
        }
        return "SdkPojo"; // a record, or an attribute value
    }

    static Stream<Class<?>> covered() {
        return Stream.concat(read(), written()).distinct().filter(t -> sdkShape(t) != null);
    }

    @Test
    void everyCoveredRecordHasItsShapeInTheServiceModel() {
        // the SDK has a shape of the same name for each (SSE for Sse), so none escapes the check above
        Set<String> missing = names(Stream.concat(read(), written()).distinct().filter(t -> sdkShape(t) == null));
        assertEquals(Set.of(), missing);
    }

    private static Class<?> sdkShape(Class<?> type) {
        String name = type.getSimpleName();
        for (String candidate : List.of(name, name.replaceFirst("^Sse", "SSE"))) {
            try {
                return Class.forName("software.amazon.awssdk.services.dynamodb.model." + candidate);
            } catch (ClassNotFoundException e) {
                // next
            }
        }
        return null;
    }

    private static Set<String> names(Stream<Class<?>> types) {
        return types.map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The record types the roots (of the codec's) are made of, the roots included. */
    private static Stream<Class<?>> reachable(Set<String> roots) {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        Stream.concat(read(), written()).forEach(t -> types.put(t.getSimpleName(), t));
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Type> todo = new ArrayDeque<>();
        roots.forEach(r -> todo.add(types.get(r)));
        while (!todo.isEmpty()) {
            Type t = todo.pop();
            if (t instanceof ParameterizedType p) {
                todo.addAll(List.of(p.getActualTypeArguments()));
            } else if (t instanceof Class<?> c && c.isRecord() && seen.add(c)) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    todo.add(rc.getGenericType());
                }
            }
        }
        return seen.stream();
    }

    private static void assertWireNames(Class<?> type, String json) {
        for (RecordComponent c : type.getRecordComponents()) {
            String name = wireName(type, c);
            assertTrue(json.contains("\"" + name + "\":"), name + " in " + json);
        }
    }

    private static String wireName(Class<?> type, RecordComponent c) {
        // DynamoDB Streams' Record alone names its members in lower camel case
        return type == floe.api.model.Record.class
                ? c.getName()
                : WIRE_NAMES.getOrDefault(
                        c.getName(),
                        Character.toUpperCase(c.getName().charAt(0))
                                + c.getName().substring(1));
    }

    /** The value as DynamoDB's JSON, written here by reflection; with noise, each object starts with an unknown field. */
    private static String reference(Object value, boolean noise) throws ReflectiveOperationException, IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            reference(g, value, noise);
        }
        return out.toString();
    }

    private static void reference(JsonGenerator g, Object v, boolean noise)
            throws ReflectiveOperationException, IOException {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Instant i) {
            g.writeNumber(BigDecimal.valueOf(i.toEpochMilli(), 3)); // epoch seconds, to the millisecond
        } else if (v instanceof AttributeValue a) {
            AttributeValueJson.write(g, a);
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object e : list) {
                reference(g, e, noise);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                reference(g, e.getValue(), noise);
            }
            g.writeEndObject();
        } else {
            g.writeStartObject();
            if (noise) {
                g.writeFieldName("UnknownMember");
                g.writeRawValue("{\"A\":[1,{\"B\":null}],\"C\":\"x\"}");
            }
            for (RecordComponent c : v.getClass().getRecordComponents()) {
                Object component = c.getAccessor().invoke(v);
                if (component != null) {
                    g.writeFieldName(wireName(v.getClass(), c));
                    reference(g, component, noise);
                }
            }
            g.writeEndObject();
        }
    }

    /** A value of the type with every component set, each leaf to a value of its own (n counts them). */
    private static Object sample(Type type, int[] n) throws Exception {
        int i = ++n[0];
        if (type instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            if (raw == List.class) {
                List<Object> list = new ArrayList<>();
                list.add(sample(p.getActualTypeArguments()[0], n));
                return list;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("k" + i, sample(p.getActualTypeArguments()[1], n));
            return map;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return "s" + i;
        }
        if (c == Long.class) {
            return 7_000_000_000L + i;
        }
        if (c == Integer.class) {
            return i;
        }
        if (c == Double.class) {
            return i + 0.5;
        }
        if (c == Boolean.class) {
            return i % 2 == 0;
        }
        if (c == Instant.class) {
            return Instant.ofEpochMilli(1_795_000_000_123L + i);
        }
        if (c == AttributeValue.class) {
            return AttributeValue.m(allTypes());
        }
        RecordComponent[] components = c.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int k = 0; k < components.length; k++) {
            args[k] = sample(components[k].getGenericType(), n);
            types[k] = components[k].getType();
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
