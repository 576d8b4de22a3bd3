package floe.tck.wire;

import static floe.api.AttributeValue.l;
import static floe.api.AttributeValue.m;
import static floe.api.AttributeValue.n;
import static floe.api.AttributeValue.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.Bytes;
import floe.api.FloeDb;
import floe.api.FloeStreams;
import floe.api.Item;
import floe.api.error.CancellationReason;
import floe.api.error.FloeException;
import floe.api.error.ThrottlingReason;
import floe.api.error.ValidationException;
import floe.api.model.ConsumedCapacity;
import floe.api.model.ExpectedAttributeValue;
import floe.api.model.PutItemRequest;
import floe.api.model.QueryResponse;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.Update;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The translation between FloeDB's model and the SDK's, without any endpoint. */
class SdkModelTest {

    private static final String TXN = "Transaction cancelled, please refer cancellation reasons for specific reasons ";

    // ------------------------------------------------------------------ attribute values

    @Test
    void everyAttributeValueTypeRoundTrips() {
        List<floe.api.AttributeValue> values = List.of(
                s("text"),
                s(""),
                s("😀 é \u0000"),
                n("-12.500"),
                n("0"),
                n("1E-130"),
                n("9.9999999999999999999999999999999999999E+125"),
                n(Long.MIN_VALUE),
                floe.api.AttributeValue.b(new byte[] {0, (byte) 0xFF, 0x7F}),
                floe.api.AttributeValue.b(new byte[0]),
                floe.api.AttributeValue.bool(true),
                floe.api.AttributeValue.bool(false),
                floe.api.AttributeValue.nul(),
                l(),
                l(s("a"), n("1"), l(), m(Map.of()), floe.api.AttributeValue.nul()),
                m(Map.of()),
                m(Map.of("inner", m(Map.of("deep", l(s("x"), floe.api.AttributeValue.bool(false)))))),
                floe.api.AttributeValue.ss("x", "y", ""),
                floe.api.AttributeValue.ns("1", "2.5", "-1E+10"),
                floe.api.AttributeValue.bs(Bytes.of(new byte[] {1}), Bytes.of(new byte[] {2, 3}), Bytes.empty()));
        for (floe.api.AttributeValue v : values) {
            assertEquals(v, SdkModel.fromSdk(SdkModel.toSdk(v)), v.toString());
        }
        assertEquals(
                10,
                values.stream().map(floe.api.AttributeValue::type).distinct().count(),
                "all ten types");
    }

    @Test
    void attributeValuesTakeTheSdksShape() {
        assertEquals(AttributeValue.fromN("-12.5"), SdkModel.toSdk(n("-12.500")), "numbers travel as canonical text");
        assertEquals(AttributeValue.fromN("1000"), SdkModel.toSdk(n("1E+3")), "in plain notation");
        assertEquals(AttributeValue.fromNul(true), SdkModel.toSdk(floe.api.AttributeValue.nul()));
        assertEquals(AttributeValue.fromBool(false), SdkModel.toSdk(floe.api.AttributeValue.bool(false)));
        assertEquals(
                AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, (byte) 0xFF})),
                SdkModel.toSdk(floe.api.AttributeValue.b(new byte[] {0, (byte) 0xFF})));
        assertEquals(AttributeValue.fromL(List.of()), SdkModel.toSdk(l()), "an empty list is sent, not dropped");
        assertEquals(AttributeValue.fromM(Map.of()), SdkModel.toSdk(m(Map.of())));
        assertEquals(
                AttributeValue.fromNs(List.of("1", "2.5")), SdkModel.toSdk(floe.api.AttributeValue.ns("1", "2.50")));
        assertEquals(n("1.5"), SdkModel.fromSdk(AttributeValue.fromN("1.50")), "a number text is read by value");
    }

    @Test
    void valuesFloeDbRefusesFailLoudlyOnTheWayBack() {
        for (AttributeValue bad : List.of(
                AttributeValue.fromN("one"),
                AttributeValue.fromNs(List.of("1", "1.0")),
                AttributeValue.fromSs(List.of()),
                AttributeValue.fromNul(false),
                AttributeValue.builder().build())) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> SdkModel.fromSdk(bad), bad.toString());
            assertTrue(e.getMessage().contains("attribute value"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ requests and responses

    /** Every request and response of every FloeDb and FloeStreams operation, every field set, survives floe -> SDK -> floe. */
    @Test
    void everyFieldOfEveryRequestAndResponseRoundTrips() throws ReflectiveOperationException {
        int checked = 0;
        List<Method> ops = new ArrayList<>(List.of(FloeDb.class.getMethods()));
        ops.addAll(List.of(FloeStreams.class.getMethods()));
        ops.addAll(List.of(floe.api.FloeBackups.class.getMethods()));
        for (Method op : ops) {
            if (Modifier.isStatic(op.getModifiers())
                    || op.getParameterCount() != 1
                    || !op.getParameterTypes()[0].isRecord()) {
                continue;
            }
            for (Class<?> type : List.of(op.getParameterTypes()[0], op.getReturnType())) {
                Object floe = sample(type, new int[] {0});
                Object sdk = SdkModel.class.getMethod("toSdk", type).invoke(null, floe);
                Object back =
                        SdkModel.class.getMethod("fromSdk", sdk.getClass()).invoke(null, sdk);
                assertEquals(floe, back, type.getSimpleName());
                checked++;
            }
        }
        // a floor, not a count, so that new operations need no edit here: it proves the loop found them
        assertTrue(
                checked >= 58,
                checked + " records checked; expected at least 25 operations' and Streams' 4 requests and"
                        + " responses");
    }

    @Test
    void aTypicalPutItemRequestRoundTrips() {
        PutItemRequest put = PutItemRequest.builder()
                .tableName("t")
                .item(Map.of("pk", s("a"), "v", n("7"), "z", floe.api.AttributeValue.nul()))
                .conditionExpression("attribute_not_exists(#p) OR #v < :max")
                .expressionAttributeNames(Map.of("#p", "pk", "#v", "v"))
                .expressionAttributeValues(Map.of(":max", n("10")))
                .returnValues("ALL_OLD")
                .returnConsumedCapacity("INDEXES")
                .returnItemCollectionMetrics("SIZE")
                .returnValuesOnConditionCheckFailure("ALL_OLD")
                .build();
        software.amazon.awssdk.services.dynamodb.model.PutItemRequest sdk = SdkModel.toSdk(put);
        assertEquals("ALL_OLD", sdk.returnValuesAsString());
        assertTrue(sdk.item().get("z").nul());
        assertEquals(put, SdkModel.fromSdk(sdk));
        PutItemRequest legacy = PutItemRequest.builder()
                .tableName("t")
                .item(Map.of("pk", s("a")))
                .expected(Map.of(
                        "v",
                        new ExpectedAttributeValue(null, false, null, null),
                        "w",
                        new ExpectedAttributeValue(null, null, "BETWEEN", List.of(n("1"), n("2")))))
                .conditionalOperator("OR")
                .build();
        assertEquals(legacy, SdkModel.fromSdk(SdkModel.toSdk(legacy)));
    }

    @Test
    void aTransactionKeepsEveryActionAndItsToken() {
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                .clientRequestToken("token-1")
                .transactItems(List.of(TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName("t")
                                .key(Map.of("pk", s("a")))
                                .updateExpression("ADD n :one")
                                .expressionAttributeValues(Map.of(":one", n("1")))
                                .build())
                        .build()))
                .build();
        assertEquals("token-1", SdkModel.toSdk(request).clientRequestToken());
        assertEquals(request, SdkModel.fromSdk(SdkModel.toSdk(request)));
        assertNull(
                SdkModel.toSdk(request.toBuilder().clientRequestToken(null).build())
                        .clientRequestToken(),
                "the SDK adds a token only when it sends the request");
    }

    @Test
    void absentCollectionsComeBackAsNullAndEmptyOnesAsEmpty() {
        GetItemResponse none = GetItemResponse.builder().build();
        assertNull(SdkModel.fromSdk(none).item(), "no Item: the key was not found");
        assertEquals(
                Map.of(),
                SdkModel.fromSdk(GetItemResponse.builder().item(Map.of()).build())
                        .item());
        QueryResponse counted = SdkModel.fromSdk(software.amazon.awssdk.services.dynamodb.model.QueryResponse.builder()
                .count(10)
                .scannedCount(10)
                .build());
        assertNull(counted.items(), "Select COUNT returns no Items");
        assertNull(counted.lastEvaluatedKey());
        assertNull(counted.consumedCapacity());
        QueryResponse empty = SdkModel.fromSdk(software.amazon.awssdk.services.dynamodb.model.QueryResponse.builder()
                .items(List.of())
                .count(0)
                .scannedCount(0)
                .build());
        assertEquals(List.of(), empty.items());
        ConsumedCapacity total = new ConsumedCapacity("t", 2.0, null, null, null, null, null);
        assertEquals(total, SdkModel.fromSdk(SdkModel.toSdk(total)), "unset capacity parts stay unset");
    }

    // ------------------------------------------------------------------ errors

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
    }

    @Test
    void aServiceErrorBecomesTheFloeExceptionWithTheEndpointsMessage() {
        DynamoDbException sdk = (DynamoDbException) DynamoDbException.builder()
                .statusCode(400)
                .message("Requested resource not found (Service: DynamoDb, Status Code: 400)")
                .awsErrorDetails(details("ResourceNotFoundException", "Requested resource not found"))
                .build();
        RuntimeException floe = SdkModel.fromSdk(sdk);
        assertInstanceOf(floe.api.error.ResourceNotFoundException.class, floe);
        assertEquals("Requested resource not found", floe.getMessage(), "the endpoint's message, undecorated");

        ValidationException v = assertInstanceOf(
                ValidationException.class,
                SdkModel.fromSdk(DynamoDbException.builder()
                        .statusCode(400)
                        .awsErrorDetails(
                                details("ValidationException", "The provided key element does not match the schema"))
                        .build()));
        assertEquals("The provided key element does not match the schema", v.getMessage());
    }

    @Test
    void aConditionalCheckFailureCarriesTheOldItem() {
        ConditionalCheckFailedException sdk = ConditionalCheckFailedException.builder()
                .statusCode(400)
                .awsErrorDetails(details("ConditionalCheckFailedException", "The conditional request failed"))
                .item(Map.of("pk", AttributeValue.fromS("c"), "v", AttributeValue.fromN("1")))
                .build();
        floe.api.error.ConditionalCheckFailedException e =
                assertInstanceOf(floe.api.error.ConditionalCheckFailedException.class, SdkModel.fromSdk(sdk));
        assertEquals(Item.of(Map.of("pk", s("c"), "v", n("1"))), e.item().orElseThrow());
        assertTrue(assertInstanceOf(
                        floe.api.error.ConditionalCheckFailedException.class,
                        SdkModel.fromSdk(ConditionalCheckFailedException.builder()
                                .statusCode(400)
                                .awsErrorDetails(
                                        details("ConditionalCheckFailedException", "The conditional request failed"))
                                .build()))
                .item()
                .isEmpty());
    }

    @Test
    void aCancelledTransactionCarriesItsReasons() {
        TransactionCanceledException sdk = TransactionCanceledException.builder()
                .statusCode(400)
                .awsErrorDetails(details(
                        "TransactionCanceledException", TXN + "[None, ConditionalCheckFailed, TransactionConflict]"))
                .cancellationReasons(
                        software.amazon.awssdk.services.dynamodb.model.CancellationReason.builder()
                                .code("None")
                                .build(),
                        software.amazon.awssdk.services.dynamodb.model.CancellationReason.builder()
                                .code("ConditionalCheckFailed")
                                .message("The conditional request failed")
                                .item(Map.of("pk", AttributeValue.fromS("guard")))
                                .build(),
                        software.amazon.awssdk.services.dynamodb.model.CancellationReason.builder()
                                .code("TransactionConflict")
                                .message("Transaction is ongoing for the item")
                                .build())
                .build();
        floe.api.error.TransactionCanceledException e =
                assertInstanceOf(floe.api.error.TransactionCanceledException.class, SdkModel.fromSdk(sdk));
        assertEquals(
                List.of(
                        CancellationReason.NONE,
                        new CancellationReason(
                                "ConditionalCheckFailed",
                                "The conditional request failed",
                                Item.of(Map.of("pk", s("guard")))),
                        new CancellationReason("TransactionConflict", "Transaction is ongoing for the item", null)),
                e.reasons());
        assertEquals(TXN + "[None, ConditionalCheckFailed, TransactionConflict]", e.getMessage());
    }

    @Test
    void throttlingCarriesItsReasons() {
        ProvisionedThroughputExceededException sdk = ProvisionedThroughputExceededException.builder()
                .statusCode(400)
                .awsErrorDetails(
                        details("ProvisionedThroughputExceededException", "Throughput exceeds the current capacity"))
                .throttlingReasons(software.amazon.awssdk.services.dynamodb.model.ThrottlingReason.builder()
                        .reason("TableWriteProvisionedThroughputExceeded")
                        .resource("arn:aws:dynamodb:us-east-1:000000000000:table/t")
                        .build())
                .build();
        floe.api.error.ProvisionedThroughputExceededException e =
                assertInstanceOf(floe.api.error.ProvisionedThroughputExceededException.class, SdkModel.fromSdk(sdk));
        assertEquals("Throughput exceeds the current capacity", e.getMessage());
        assertEquals(
                List.of(new ThrottlingReason(
                        "TableWriteProvisionedThroughputExceeded", "arn:aws:dynamodb:us-east-1:000000000000:table/t")),
                e.throttlingReasons());
    }

    @Test
    void whatFloeDbCannotExpressFailsLoudly() {
        IllegalStateException unknown = assertInstanceOf(
                IllegalStateException.class,
                SdkModel.fromSdk(DynamoDbException.builder()
                        .statusCode(400)
                        .awsErrorDetails(details("NoSuchThingException", "what is this"))
                        .build()));
        assertTrue(
                unknown.getMessage().contains("NoSuchThingException")
                        && unknown.getMessage().contains("what is this"),
                unknown.getMessage());
        IllegalStateException wording = assertInstanceOf(
                IllegalStateException.class,
                SdkModel.fromSdk(DynamoDbException.builder()
                        .statusCode(400)
                        .awsErrorDetails(details("ConditionalCheckFailedException", "condition failed"))
                        .build()));
        assertTrue(wording.getMessage().contains("condition failed"), wording.getMessage());
        assertInstanceOf(
                IllegalStateException.class,
                SdkModel.fromSdk(DynamoDbException.builder()
                        .statusCode(400)
                        .awsErrorDetails(details("TransactionCanceledException", TXN + "[None]"))
                        .build()),
                "a cancellation without its reasons");
        IllegalStateException status = assertInstanceOf(
                IllegalStateException.class,
                SdkModel.fromSdk(DynamoDbException.builder()
                        .statusCode(500)
                        .awsErrorDetails(details("ValidationException", "bad"))
                        .build()));
        assertTrue(status.getMessage().contains("500"), status.getMessage());
    }

    /** Every exception of {@code floe.api.error} is what its error code maps to, message and status included. */
    @Test
    void everyFloeErrorHasItsCode() throws Exception {
        List<Class<?>> types = errorTypes();
        assertTrue(types.size() >= 40, "found " + types.size());
        for (Class<?> type : types) {
            FloeException expected = instantiate(type);
            RuntimeException mapped = SdkModel.fromSdk(DynamoDbException.builder()
                    .statusCode(expected.httpStatus())
                    .awsErrorDetails(details(expected.errorName(), expected.getMessage()))
                    .build());
            assertInstanceOf(type, mapped, expected.errorName());
            assertEquals(expected.getMessage(), mapped.getMessage());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A value of {@code type} with every component set, different at each call. */
    private static Object sample(Type type, int[] counter) throws ReflectiveOperationException {
        int i = ++counter[0];
        if (type instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                List<Object> list = new ArrayList<>();
                list.add(sample(args[0], counter));
                list.add(sample(args[0], counter));
                return list;
            }
            if (raw == Map.class) {
                Map<Object, Object> map = new LinkedHashMap<>();
                map.put("k" + i, sample(args[1], counter));
                return map;
            }
            throw new AssertionError("no sample for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return "s" + i;
        } else if (c == Integer.class) {
            return i;
        } else if (c == Long.class) {
            return (long) i;
        } else if (c == Double.class) {
            return i + 0.5;
        } else if (c == Boolean.class) {
            return i % 2 == 0;
        } else if (c == Instant.class) {
            return Instant.ofEpochSecond(1_700_000_000L + i, 123_000_000);
        } else if (c == floe.api.AttributeValue.class) {
            return i % 3 == 0
                    ? n(Integer.toString(i))
                    : i % 3 == 1 ? s("v" + i) : l(floe.api.AttributeValue.bool(true));
        } else if (c.isRecord()) {
            RecordComponent[] components = c.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int k = 0; k < components.length; k++) {
                types[k] = components[k].getType();
                values[k] = sample(components[k].getGenericType(), counter);
            }
            return c.getDeclaredConstructor(types).newInstance(values);
        }
        throw new AssertionError("no sample for " + type);
    }

    /** The concrete exception classes of {@code floe.api.error}, read from where the api's classes are. */
    private static List<Class<?>> errorTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(FloeException.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve("floe/api/error"))) {
                files.map(f -> f.getFileName().toString()).forEach(names::add);
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream()
                        .map(e -> e.getName())
                        .filter(n -> n.startsWith("floe/api/error/") && n.indexOf('/', 15) < 0)
                        .map(n -> n.substring("floe/api/error/".length()))
                        .forEach(names::add);
            }
        }
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            if (name.endsWith(".class") && !name.contains("$")) {
                Class<?> c = Class.forName("floe.api.error." + name.substring(0, name.length() - 6));
                if (FloeException.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                    types.add(c);
                }
            }
        }
        return types;
    }

    /** An instance through its first public constructor: a message, no reasons, no item. */
    private static FloeException instantiate(Class<?> type) throws ReflectiveOperationException {
        Constructor<?> ctor = type.getConstructors()[0];
        Object[] args = new Object[ctor.getParameterCount()];
        for (int k = 0; k < args.length; k++) {
            Class<?> p = ctor.getParameterTypes()[k];
            args[k] = p == String.class ? "a message" : p == List.class ? List.of() : null;
        }
        FloeException e = (FloeException) ctor.newInstance(args);
        assertNotNull(e.errorName());
        return e;
    }
}
