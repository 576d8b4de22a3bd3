package floe.tck.wire;

import static floe.api.AttributeValue.l;
import static floe.api.AttributeValue.m;
import static floe.api.AttributeValue.n;
import static floe.api.AttributeValue.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import floe.api.Bytes;
import floe.api.FloeDb;
import floe.api.Item;
import floe.api.error.CancellationReason;
import floe.api.error.InternalServerError;
import floe.api.error.TransactionCanceledException;
import floe.api.model.DescribeTableRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.PutItemRequest;
import floe.api.model.TransactWriteItemsRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK clients as {@link WireEndpoint} configures them, against a canned endpoint on the
 * loopback interface: what goes out, how answers and errors come back, that nothing is retried.
 */
class WireClientTest {
    private static final Map<String, floe.api.AttributeValue> EVERY_TYPE = Map.of(
            "s",
            s("a"),
            "n",
            n("-12.5"),
            "b",
            floe.api.AttributeValue.b(new byte[] {0, (byte) 0xFF}),
            "t",
            floe.api.AttributeValue.bool(true),
            "z",
            floe.api.AttributeValue.nul(),
            "l",
            l(s("x"), l()),
            "m",
            m(Map.of()),
            "ss",
            floe.api.AttributeValue.ss("x", "y"),
            "ns",
            floe.api.AttributeValue.ns("1", "2.5"),
            "bs",
            floe.api.AttributeValue.bs(Bytes.of(new byte[] {1}), Bytes.of(new byte[] {2})));
    private static final String EVERY_TYPE_JSON = "{\"s\":{\"S\":\"a\"},\"n\":{\"N\":\"-12.5\"},\"b\":{\"B\":\"AP8=\"},"
            + "\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},\"l\":{\"L\":[{\"S\":\"x\"},{\"L\":[]}]},\"m\":{\"M\":{}},"
            + "\"ss\":{\"SS\":[\"x\",\"y\"]},\"ns\":{\"NS\":[\"1\",\"2.5\"]},\"bs\":{\"BS\":[\"AQ==\",\"Ag==\"]}}";

    /** One request as the endpoint saw it. */
    private record Seen(String target, String path, String body) {}

    /** One answer of the endpoint. */
    private record Answer(int status, String body) {}

    private HttpServer server;
    private URI endpoint;
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Seen, Answer> answers = r -> new Answer(200, "{}");

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Seen request = new Seen(
                    exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestURI().getPath(),
                    new String(body, StandardCharsets.UTF_8));
            seen.add(request);
            Answer answer = answers.apply(request);
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(answer.status(), out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String error(String type, String message) {
        return "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"}";
    }

    private static final String CANCELLED =
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                    + "\"message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]\","
                    + "\"CancellationReasons\":[{\"Code\":\"None\"},{\"Code\":\"ConditionalCheckFailed\","
                    + "\"Message\":\"The conditional request failed\",\"Item\":{\"pk\":{\"S\":\"guard\"}}}]}";

    private void checkAgainstTheStub(FloeDb db) {
        answers = r -> new Answer(200, "{\"Item\":" + EVERY_TYPE_JSON + "}");
        assertEquals(
                EVERY_TYPE,
                db.getItem(GetItemRequest.builder()
                                .tableName("t")
                                .key(Map.of("s", s("a")))
                                .build())
                        .item());
        assertEquals("DynamoDB_20120810.GetItem", seen.get(0).target());

        answers = r -> new Answer(200, "{}");
        db.putItem(PutItemRequest.builder()
                .tableName("t")
                .item(Map.of("n", n("1.50"), "z", floe.api.AttributeValue.nul()))
                .build());
        String put = seen.get(1).body();
        assertTrue(put.contains("{\"N\":\"1.5\"}") && put.contains("{\"NULL\":true}"), put);

        answers = r -> new Answer(200, "{\"Table\":{\"TableName\":\"Music\",\"TableStatus\":\"ACTIVE\"}}");
        String arn = "arn:aws:dynamodb:us-east-1:000000000000:table/Music";
        assertEquals(
                "Music", db.describeTable(new DescribeTableRequest(arn)).table().tableName());
        assertTrue(seen.get(2).body().contains(arn), "a table ARN goes to the endpoint as given");
        assertEquals("/", seen.get(2).path());

        answers = r -> new Answer(500, error("InternalServerError", "Internal server error"));
        InternalServerError failed = assertThrows(
                InternalServerError.class,
                () -> db.getItem(GetItemRequest.builder()
                        .tableName("t")
                        .key(Map.of("s", s("a")))
                        .build()));
        assertEquals("Internal server error", failed.getMessage());
        assertEquals(4, seen.size(), "an error is not retried");

        answers = r -> new Answer(400, CANCELLED);
        TransactionCanceledException cancelled = assertThrows(
                TransactionCanceledException.class,
                () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(List.of())
                        .build()));
        assertEquals(
                List.of(
                        CancellationReason.NONE,
                        new CancellationReason(
                                "ConditionalCheckFailed",
                                "The conditional request failed",
                                Item.of(Map.of("pk", s("guard"))))),
                cancelled.reasons());
        assertTrue(seen.get(4).body().contains("\"ClientRequestToken\""), "the SDK makes up a token");

        answers = r -> new Answer(400, error("BrandNewException", "from the future"));
        IllegalStateException unknown = assertThrows(
                IllegalStateException.class,
                () -> db.getItem(GetItemRequest.builder()
                        .tableName("t")
                        .key(Map.of("s", s("a")))
                        .build()));
        assertTrue(unknown.getMessage().contains("BrandNewException"), unknown.getMessage());
    }

    @Test
    void theSyncClientSendsAndAnswersAsDynamoDbDoes() {
        try (FloeDb db = new SdkFloeDb(WireEndpoint.syncClient(endpoint), WireEndpoint.syncStreamsClient(endpoint))) {
            checkAgainstTheStub(db);
        }
    }

    @Test
    void theAsyncClientSendsAndAnswersAsDynamoDbDoes() {
        try (FloeDb db =
                new AsyncSdkFloeDb(WireEndpoint.asyncClient(endpoint), WireEndpoint.asyncStreamsClient(endpoint))) {
            checkAgainstTheStub(db);
        }
    }

    @Test
    void openingDeletesEveryTable() {
        TreeSet<String> tables = new TreeSet<>(List.of("a", "b", "c"));
        answers = r -> {
            synchronized (tables) {
                if (r.target().endsWith(".ListTables")) {
                    return new Answer(
                            200,
                            "{\"TableNames\":["
                                    + String.join(
                                            ",",
                                            tables.stream()
                                                    .map(t -> "\"" + t + "\"")
                                                    .toList()) + "]}");
                }
                String name = r.body().replaceAll(".*\"TableName\":\"([^\"]*)\".*", "$1");
                tables.remove(name);
                return new Answer(
                        200, "{\"TableDescription\":{\"TableName\":\"" + name + "\",\"TableStatus\":\"DELETING\"}}");
            }
        };
        WireEndpoint.open(endpoint).close();
        assertTrue(tables.isEmpty(), "left: " + tables);
        assertEquals(
                3,
                seen.stream().filter(r -> r.target().endsWith(".DeleteTable")).count());
    }

    @Test
    void theEndpointComesFromASystemProperty() {
        String before = System.getProperty(WireEndpoint.PROPERTY);
        try {
            System.clearProperty(WireEndpoint.PROPERTY);
            IllegalStateException e = assertThrows(IllegalStateException.class, WireEndpoint::endpoint);
            assertTrue(e.getMessage().contains(WireEndpoint.PROPERTY), e.getMessage());
            System.setProperty(WireEndpoint.PROPERTY, endpoint.toString());
            assertEquals(endpoint, WireEndpoint.endpoint());
        } finally {
            if (before == null) {
                System.clearProperty(WireEndpoint.PROPERTY);
            } else {
                System.setProperty(WireEndpoint.PROPERTY, before);
            }
        }
    }
}
