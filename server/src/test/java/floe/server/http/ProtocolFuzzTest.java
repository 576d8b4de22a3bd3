package floe.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.DescribeTableRequest;
import floe.api.model.DescribeTimeToLiveRequest;
import floe.api.model.ListTablesRequest;
import floe.api.model.ListTagsOfResourceRequest;
import floe.api.model.ScanRequest;
import floe.server.Log;
import floe.server.json.WireOperations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bounded, seeded protocol fuzzer: valid requests for every operation the server
 * serves, mutated (wrong JSON types, missing and extra members, out-of-range
 * numbers, deep nesting, invalid UTF-8, oversized values, garbled expressions, bogus
 * enums, broken bytes), sent over raw HTTP. Every answer must be 200, or a 4xx with
 * DynamoDB's {@code __type} (413 alone has no body, as DynamoDB sends it); never a
 * 5xx. A refused write must change nothing: the tables' items, descriptions, Time to
 * Live and tags are compared before and after.
 *
 * <p>{@code -Dfloe.fuzz.seed=N} replays a run and {@code -Dfloe.fuzz.iterations=N}
 * sets its length (the build's default is short; the {@code fuzz} Maven profile runs
 * a long one). The seed is printed, and so is every failing request.
 */
final class ProtocolFuzzTest {
    private static final long SEED = Long.getLong("floe.fuzz.seed", 20261121L);
    private static final int ITERATIONS = Integer.getInteger("floe.fuzz.iterations", 4000);
    private static final Set<String> TYPE_PREFIXES =
            Set.of("com.amazon.coral.service#", "com.amazon.coral.validate#", "com.amazonaws.dynamodb.v20120810#");
    private static final Set<String> WRITES = Set.of(
            "PutItem",
            "UpdateItem",
            "DeleteItem",
            "BatchWriteItem",
            "TransactWriteItems",
            "ExecuteStatement",
            "BatchExecuteStatement",
            "ExecuteTransaction",
            "CreateTable",
            "DeleteTable",
            "UpdateTable",
            "UpdateTimeToLive",
            "TagResource",
            "UntagResource",
            "UpdateContinuousBackups",
            "PutResourcePolicy",
            "DeleteResourcePolicy",
            "SweepExpiredItems");

    private FloeDb db;
    private FloeServer server;
    private RawHttp http;
    private Random random;
    private String tableArn;
    private String streamArn;
    private String shardId;
    private final List<String> failures = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    @BeforeEach
    void start() throws IOException {
        db = FloeDb.open(FloeConfig.inMemory().withEngineOptions(Map.of("throttling", "false")));
        server = FloeServer.start(
                db,
                ServerConfig.of("127.0.0.1", 0),
                new Log(Log.Level.OFF, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        http = new RawHttp(server.port());
        setUp(
                "CreateTable",
                "{\"TableName\":\"fuzz\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                        + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
                        + "\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},{\"AttributeName\":\"g\","
                        + "\"AttributeType\":\"S\"}],\"GlobalSecondaryIndexes\":[{\"IndexName\":\"gsi\",\"KeySchema\":[{\"AttributeName\":"
                        + "\"g\",\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}}],\"BillingMode\":\"PAY_PER_REQUEST\","
                        + "\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}");
        setUp(
                "CreateTable",
                "{\"TableName\":\"fuzz2\",\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}],"
                        + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}],\"BillingMode\":\"PAY_PER_REQUEST\"}");
        for (int i = 0; i < 4; i++) {
            setUp(
                    "PutItem",
                    "{\"TableName\":\"fuzz\",\"Item\":{\"pk\":{\"S\":\"p" + (i % 2) + "\"},\"sk\":{\"N\":\"" + i
                            + "\"},\"g\":{\"S\":\"g" + i + "\"},\"n\":{\"N\":\"" + (i * 10)
                            + "\"},\"l\":{\"L\":[{\"S\":\"x\"},{\"N\":\"1\"}]},"
                            + "\"m\":{\"M\":{\"a\":{\"BOOL\":true}}},\"ss\":{\"SS\":[\"a\",\"b\"]}}}");
            setUp(
                    "PutItem",
                    "{\"TableName\":\"fuzz2\",\"Item\":{\"id\":{\"S\":\"i" + i + "\"},\"v\":{\"S\":\"value " + i
                            + "\"}}}");
        }
        String described = setUp("DescribeTable", "{\"TableName\":\"fuzz\"}");
        tableArn = find(described, "\"TableArn\":\"([^\"]+)\"");
        streamArn = find(described, "\"LatestStreamArn\":\"([^\"]+)\"");
        shardId = find(
                send("DynamoDBStreams_20120810.DescribeStream", utf8("{\"StreamArn\":\"" + streamArn + "\"}"))
                        .text(),
                "\"ShardId\":\"([^\"]+)\"");
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        server.close();
        db.close();
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.group(1);
    }

    private String setUp(String op, String body) throws IOException {
        RawHttp.Response r = send("DynamoDB_20120810." + op, utf8(body));
        assertEquals(200, r.status(), r.text());
        return r.text();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private RawHttp.Response send(String target, byte[] body) throws IOException {
        StringBuilder h = new StringBuilder(
                        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n")
                .append("X-Amz-Target: ")
                .append(target)
                .append("\r\nX-Amz-Date: 20261121T000000Z\r\nAuthorization: ")
                .append(RawHttp.AUTH)
                .append("\r\nContent-Length: ")
                .append(body.length)
                .append("\r\n\r\n");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(body);
        try {
            return http.exchange(b.toByteArray());
        } catch (IOException e) {
            // the server closed the connection (an undecodable request): a new one, and the request once more
            http.close();
            http = new RawHttp(server.port());
            return http.exchange(b.toByteArray());
        }
    }

    /** What a refused write must leave as it was: the tables, their items, Time to Live and tags. */
    private String state() {
        StringBuilder s = new StringBuilder(String.valueOf(
                db.listTables(ListTablesRequest.builder().build()).tableNames()));
        for (String t : List.of("fuzz", "fuzz2")) {
            s.append('\n').append(db.describeTable(new DescribeTableRequest(t)).table());
            s.append('\n')
                    .append(db.scan(ScanRequest.builder().tableName(t).build()).items());
            s.append('\n').append(db.describeTimeToLive(new DescribeTimeToLiveRequest(t)));
        }
        s.append('\n')
                .append(db.listTagsOfResource(ListTagsOfResourceRequest.builder()
                        .resourceArn(tableArn)
                        .build()));
        return s.toString();
    }

    // ---- the valid requests mutated ----

    private Map<String, String> templates() {
        Map<String, String> t = new LinkedHashMap<>();
        String key = "{\"pk\":{\"S\":\"p0\"},\"sk\":{\"N\":\"0\"}}";
        String item =
                "{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"9\"},\"g\":{\"S\":\"gx\"},\"n\":{\"N\":\"1.5\"},\"b\":{\"B\":\"AAEC\"},"
                        + "\"l\":{\"L\":[{\"NULL\":true},{\"M\":{\"x\":{\"NS\":[\"1\",\"2\"]}}}]},\"bs\":{\"BS\":[\"AA==\"]}}";
        t.put(
                "CreateTable",
                "{\"TableName\":\"scratch\",\"KeySchema\":[{\"AttributeName\":\"h\",\"KeyType\":\"HASH\"}],"
                        + "\"AttributeDefinitions\":[{\"AttributeName\":\"h\",\"AttributeType\":\"B\"}],\"BillingMode\":\"PROVISIONED\","
                        + "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":5,\"WriteCapacityUnits\":5},"
                        + "\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}],\"TableClass\":\"STANDARD\","
                        + "\"SSESpecification\":{\"Enabled\":false},\"DeletionProtectionEnabled\":false}");
        t.put("DescribeTable", "{\"TableName\":\"fuzz\"}");
        t.put("ListTables", "{\"ExclusiveStartTableName\":\"aaa\",\"Limit\":10}");
        t.put("DeleteTable", "{\"TableName\":\"scratch\"}");
        t.put(
                "UpdateTable",
                "{\"TableName\":\"fuzz2\",\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}],"
                        + "\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"KEYS_ONLY\"}}");
        t.put(
                "UpdateTimeToLive",
                "{\"TableName\":\"fuzz2\",\"TimeToLiveSpecification\":{\"Enabled\":true,\"AttributeName\":\"ttl\"}}");
        t.put("DescribeTimeToLive", "{\"TableName\":\"fuzz\"}");
        t.put(
                "PutItem",
                "{\"TableName\":\"fuzz\",\"Item\":" + item
                        + ",\"ConditionExpression\":\"attribute_not_exists(pk) OR #n < :v\","
                        + "\"ExpressionAttributeNames\":{\"#n\":\"n\"},\"ExpressionAttributeValues\":{\":v\":{\"N\":\"100\"}},"
                        + "\"ReturnValues\":\"ALL_OLD\",\"ReturnConsumedCapacity\":\"TOTAL\",\"ReturnItemCollectionMetrics\":\"SIZE\","
                        + "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}");
        t.put(
                "GetItem",
                "{\"TableName\":\"fuzz\",\"Key\":" + key
                        + ",\"ConsistentRead\":true,\"ProjectionExpression\":\"pk, l[0], m.a, #s\","
                        + "\"ExpressionAttributeNames\":{\"#s\":\"sk\"},\"ReturnConsumedCapacity\":\"INDEXES\"}");
        t.put(
                "UpdateItem",
                "{\"TableName\":\"fuzz\",\"Key\":" + key
                        + ",\"UpdateExpression\":\"SET n = n + :one, l = list_append(l, :l) "
                        + "REMOVE m.a ADD ss :ss DELETE s3 :d\",\"ConditionExpression\":\"size(l) < :max AND begins_with(pk, :p)\","
                        + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"},\":l\":{\"L\":[{\"S\":\"y\"}]},\":ss\":{\"SS\":[\"c\"]},"
                        + "\":d\":{\"SS\":[\"a\"]},\":max\":{\"N\":\"50\"},\":p\":{\"S\":\"p\"}},\"ReturnValues\":\"UPDATED_NEW\"}");
        t.put(
                "UpdateItem(legacy)",
                "{\"TableName\":\"fuzz\",\"Key\":" + key + ",\"AttributeUpdates\":{\"n\":{\"Action\":\"ADD\","
                        + "\"Value\":{\"N\":\"1\"}},\"z\":{\"Action\":\"DELETE\"}},\"Expected\":{\"pk\":{\"Exists\":true,\"Value\":{\"S\":\"p0\"}},"
                        + "\"n\":{\"ComparisonOperator\":\"GE\",\"AttributeValueList\":[{\"N\":\"0\"}]}},\"ConditionalOperator\":\"AND\"}");
        t.put(
                "DeleteItem",
                "{\"TableName\":\"fuzz\",\"Key\":{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"3\"}},\"ConditionExpression\":"
                        + "\"attribute_exists(g) AND n BETWEEN :a AND :b AND g IN (:g, :h)\",\"ExpressionAttributeValues\":{\":a\":{\"N\":\"0\"},"
                        + "\":b\":{\"N\":\"50\"},\":g\":{\"S\":\"g3\"},\":h\":{\"S\":\"x\"}},\"ReturnValues\":\"ALL_OLD\"}");
        t.put(
                "Query",
                "{\"TableName\":\"fuzz\",\"KeyConditionExpression\":\"pk = :p AND sk BETWEEN :a AND :b\",\"FilterExpression\":"
                        + "\"contains(ss, :s) OR attribute_type(n, :t)\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p0\"},\":a\":{\"N\":\"0\"},"
                        + "\":b\":{\"N\":\"10\"},\":s\":{\"S\":\"a\"},\":t\":{\"S\":\"N\"}},\"Limit\":2,\"ScanIndexForward\":false,"
                        + "\"Select\":\"ALL_ATTRIBUTES\",\"ExclusiveStartKey\":{\"pk\":{\"S\":\"p0\"},\"sk\":{\"N\":\"4\"}}}");
        t.put(
                "Query(index)",
                "{\"TableName\":\"fuzz\",\"IndexName\":\"gsi\",\"KeyConditions\":{\"g\":{\"ComparisonOperator\":\"EQ\","
                        + "\"AttributeValueList\":[{\"S\":\"g1\"}]}},\"QueryFilter\":{\"n\":{\"ComparisonOperator\":\"NOT_NULL\"}},"
                        + "\"AttributesToGet\":[\"pk\",\"n\"],\"Select\":\"SPECIFIC_ATTRIBUTES\"}");
        t.put(
                "Scan",
                "{\"TableName\":\"fuzz\",\"Segment\":0,\"TotalSegments\":2,\"FilterExpression\":\"NOT (n > :z) OR size(ss) = :two\","
                        + "\"ExpressionAttributeValues\":{\":z\":{\"N\":\"15\"},\":two\":{\"N\":\"2\"}},\"ProjectionExpression\":\"pk, sk, n\","
                        + "\"Limit\":3,\"Select\":\"SPECIFIC_ATTRIBUTES\"}");
        t.put(
                "Scan(legacy)",
                "{\"TableName\":\"fuzz2\",\"ScanFilter\":{\"v\":{\"ComparisonOperator\":\"BEGINS_WITH\",\"AttributeValueList\":"
                        + "[{\"S\":\"value\"}]}},\"ConditionalOperator\":\"OR\",\"Select\":\"COUNT\"}");
        t.put(
                "BatchGetItem",
                "{\"RequestItems\":{\"fuzz\":{\"Keys\":[" + key + ",{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"1\"}}],"
                        + "\"ProjectionExpression\":\"#p, n\",\"ExpressionAttributeNames\":{\"#p\":\"pk\"},\"ConsistentRead\":false},"
                        + "\"fuzz2\":{\"Keys\":[{\"id\":{\"S\":\"i1\"}}],\"AttributesToGet\":[\"v\"]}},\"ReturnConsumedCapacity\":\"TOTAL\"}");
        t.put(
                "BatchWriteItem",
                "{\"RequestItems\":{\"fuzz\":[{\"PutRequest\":{\"Item\":" + item + "}},{\"DeleteRequest\":{\"Key\":"
                        + "{\"pk\":{\"S\":\"p0\"},\"sk\":{\"N\":\"2\"}}}}],\"fuzz2\":[{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\"i9\"}}}}]},"
                        + "\"ReturnConsumedCapacity\":\"TOTAL\",\"ReturnItemCollectionMetrics\":\"SIZE\"}");
        t.put(
                "TransactWriteItems",
                "{\"TransactItems\":[{\"Put\":{\"TableName\":\"fuzz2\",\"Item\":{\"id\":{\"S\":\"t1\"}},"
                        + "\"ConditionExpression\":\"attribute_not_exists(id)\"}},{\"Update\":{\"TableName\":\"fuzz\",\"Key\":"
                        + key + ","
                        + "\"UpdateExpression\":\"SET #x = :x\",\"ExpressionAttributeNames\":{\"#x\":\"x\"},\"ExpressionAttributeValues\":"
                        + "{\":x\":{\"S\":\"y\"}}}},{\"Delete\":{\"TableName\":\"fuzz2\",\"Key\":{\"id\":{\"S\":\"i3\"}}}},"
                        + "{\"ConditionCheck\":{\"TableName\":\"fuzz\",\"Key\":{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"1\"}},\"ConditionExpression\":"
                        + "\"attribute_exists(pk)\",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}}],\"ClientRequestToken\":\"tok\","
                        + "\"ReturnConsumedCapacity\":\"TOTAL\"}");
        t.put(
                "TransactGetItems",
                "{\"TransactItems\":[{\"Get\":{\"TableName\":\"fuzz\",\"Key\":" + key + ",\"ProjectionExpression\":"
                        + "\"pk, #g\",\"ExpressionAttributeNames\":{\"#g\":\"g\"}}},{\"Get\":{\"TableName\":\"fuzz2\",\"Key\":{\"id\":{\"S\":\"i0\"}}}}]}");
        t.put(
                "ExecuteStatement",
                "{\"Statement\":\"UPDATE fuzz SET x = ?, n = n + 1 REMOVE zz WHERE pk = 'p0' AND sk = ? AND g <> 'z'"
                        + " RETURNING ALL NEW *\",\"Parameters\":[{\"S\":\"y\"},{\"N\":\"0\"}],"
                        + "\"ReturnConsumedCapacity\":\"TOTAL\",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}");
        t.put(
                "ExecuteStatement(select)",
                "{\"Statement\":\"SELECT pk, sk, g FROM \\\"fuzz\\\" WHERE pk = ? AND sk BETWEEN 0 AND 5 ORDER BY sk DESC\","
                        + "\"Parameters\":[{\"S\":\"p0\"}],\"Limit\":2,\"ConsistentRead\":true}");
        t.put(
                "BatchExecuteStatement",
                "{\"Statements\":[{\"Statement\":\"INSERT INTO fuzz2 VALUE {'id': 'b1', 'l': [1, <<'a'>>]}\"},"
                        + "{\"Statement\":\"DELETE FROM fuzz2 WHERE id = ?\",\"Parameters\":[{\"S\":\"i1\"}]}],"
                        + "\"ReturnConsumedCapacity\":\"TOTAL\"}");
        t.put(
                "ExecuteTransaction",
                "{\"TransactStatements\":[{\"Statement\":\"INSERT INTO fuzz2 VALUE {'id': 'x1'}\"},"
                        + "{\"Statement\":\"EXISTS(SELECT * FROM fuzz WHERE pk = 'p1' AND sk = 1)\","
                        + "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}],\"ClientRequestToken\":\"ptok\"}");
        t.put("TagResource", "{\"ResourceArn\":\"${ARN}\",\"Tags\":[{\"Key\":\"team\",\"Value\":\"floe\"}]}");
        t.put("UntagResource", "{\"ResourceArn\":\"${ARN}\",\"TagKeys\":[\"team\"]}");
        t.put("ListTagsOfResource", "{\"ResourceArn\":\"${ARN}\"}");
        t.put("DescribeContinuousBackups", "{\"TableName\":\"fuzz\"}");
        t.put(
                "UpdateContinuousBackups",
                "{\"TableName\":\"fuzz2\",\"PointInTimeRecoverySpecification\":"
                        + "{\"PointInTimeRecoveryEnabled\":true,\"RecoveryPeriodInDays\":7}}");
        t.put("DescribeLimits", "{}");
        t.put("DescribeEndpoints", "{}");
        t.put(
                "PutResourcePolicy",
                "{\"ResourceArn\":\"${ARN}\",\"Policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\","
                        + "\"ExpectedRevisionId\":\"NO_POLICY\"}");
        t.put("GetResourcePolicy", "{\"ResourceArn\":\"${ARN}\"}");
        t.put("DeleteResourcePolicy", "{\"ResourceArn\":\"${ARN}\"}");
        t.put(
                "CreateGlobalTable",
                "{\"GlobalTableName\":\"fuzz\",\"ReplicationGroup\":[{\"RegionName\":\"us-east-1\"}]}");
        t.put("DescribeGlobalTable", "{\"GlobalTableName\":\"fuzz\"}");
        t.put("ListGlobalTables", "{\"Limit\":5,\"RegionName\":\"us-east-1\",\"ExclusiveStartGlobalTableName\":\"a\"}");
        t.put(
                "UpdateGlobalTable",
                "{\"GlobalTableName\":\"fuzz\",\"ReplicaUpdates\":[{\"Create\":{\"RegionName\":\"us-west-2\"}},"
                        + "{\"Delete\":{\"RegionName\":\"us-east-1\"}}]}");
        t.put("DescribeGlobalTableSettings", "{\"GlobalTableName\":\"fuzz\"}");
        t.put(
                "UpdateGlobalTableSettings",
                "{\"GlobalTableName\":\"fuzz\",\"GlobalTableBillingMode\":\"PAY_PER_REQUEST\",\"ReplicaSettingsUpdate\":"
                        + "[{\"RegionName\":\"us-east-1\",\"ReplicaProvisionedReadCapacityUnits\":5,\"ReplicaTableClass\":\"STANDARD\"}]}");
        t.put("Streams.ListStreams", "{\"TableName\":\"fuzz\",\"Limit\":5}");
        t.put("Streams.DescribeStream", "{\"StreamArn\":\"${STREAM}\",\"Limit\":10}");
        t.put(
                "Streams.GetShardIterator",
                "{\"StreamArn\":\"${STREAM}\",\"ShardId\":\"${SHARD}\",\"ShardIteratorType\":\"TRIM_HORIZON\"}");
        t.put("Streams.GetRecords", "{\"ShardIterator\":\"${ITERATOR}\",\"Limit\":100}");
        t.put("Admin.SweepExpiredItems", "{}");
        t.put("Admin.ListPlugins", "{}");
        t.put("Admin.DescribeImportProgress", "{\"ImportArn\":\"${ARN}/import/01700000000000-0a1b2c3d\"}");
        return t;
    }

    /** The X-Amz-Target of a template's name. */
    private static String target(String name) {
        String op = name.replaceAll("\\(.*\\)", "");
        if (op.startsWith("Streams.")) {
            return "DynamoDBStreams_20120810." + op.substring(8);
        }
        if (op.startsWith("Admin.")) {
            return WireOperations.ADMIN_PREFIX + "." + op.substring(6);
        }
        return "DynamoDB_20120810." + op;
    }

    @Test
    void everyOperationServedIsFuzzed() throws ReflectiveOperationException {
        Set<String> fuzzed = new java.util.HashSet<>();
        for (String name : templates().keySet()) {
            assertTrue(WireOperations.find(target(name)) != null, name);
            fuzzed.add(target(name));
        }
        // the server's tables of operations, read as they are, so that a new operation cannot go unfuzzed
        Map<String, String> prefixes = Map.of(
                "DYNAMODB",
                "DynamoDB_20120810.",
                "STREAMS",
                "DynamoDBStreams_20120810.",
                "ADMIN",
                WireOperations.ADMIN_PREFIX + ".");
        for (Map.Entry<String, String> table : prefixes.entrySet()) {
            java.lang.reflect.Field f = WireOperations.class.getDeclaredField(table.getKey());
            f.setAccessible(true);
            for (Object op : ((Map<?, ?>) f.get(null)).keySet()) {
                assertTrue(fuzzed.contains(table.getValue() + op), "no template for " + table.getValue() + op);
            }
        }
    }

    @Test
    void mutatedRequestsGetDynamoDbsAnswersAndRefusedWritesChangeNothing() throws IOException {
        System.out.println("protocol fuzzer: seed " + SEED + ", " + ITERATIONS
                + " requests (replay with -Dfloe.fuzz.seed=" + SEED + " -Dfloe.fuzz.iterations=" + ITERATIONS + ")");
        random = new Random(SEED);
        Map<String, String> templates = templates();
        List<String> names = new ArrayList<>(templates.keySet());
        // every template once as it is: each must be a request the server can answer
        String before = state();
        for (String name : names) {
            before = exchange(name, serialize(parse(fill(templates.get(name)))), before, -1);
        }
        for (int i = 0; i < ITERATIONS; i++) {
            String name = names.get(random.nextInt(names.size()));
            Object tree = parse(fill(templates.get(name)));
            int mutations = 1 + random.nextInt(3);
            byte[] body;
            for (int m = 0; m < mutations; m++) {
                tree = mutate(tree);
            }
            body = serialize(tree);
            if (random.nextInt(12) == 0) {
                body = garbleBytes(body);
            }
            before = exchange(name, body, before, i);
        }
        // a body over DynamoDB's 16 MB limit: the server answers from its length, before the body is all sent
        ByteArrayOutputStream huge = new ByteArrayOutputStream();
        huge.writeBytes(utf8("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: DynamoDB_20120810.PutItem\r\nX-Amz-Date: 20261121T000000Z\r\nAuthorization: "
                + RawHttp.AUTH
                + "\r\nContent-Length: " + (ServerConfig.MAX_BODY_BYTES + 10)
                + "\r\n\r\n{\"TableName\":\"fuzz\",\"Item\":"));
        huge.writeBytes(new byte[64]);
        http.close();
        http = new RawHttp(server.port());
        RawHttp.Response tooLarge = http.exchange(huge.toByteArray());
        assertEquals(413, tooLarge.status());
        assertEquals(before, state());
        System.out.println("protocol fuzzer: answers by status " + statuses);
        if (!failures.isEmpty()) {
            failures.forEach(System.out::println);
            fail(failures.size() + " bad answer(s), seed " + SEED + "; the first:\n" + failures.get(0));
        }
    }

    private String fill(String template) throws IOException {
        String s = template.replace("${ARN}", tableArn)
                .replace("${STREAM}", streamArn)
                .replace("${SHARD}", shardId);
        if (s.contains("${ITERATOR}")) {
            String it = find(
                    send(
                                    "DynamoDBStreams_20120810.GetShardIterator",
                                    utf8("{\"StreamArn\":\"" + streamArn + "\",\"ShardId\":\"" + shardId
                                            + "\",\"ShardIteratorType\":\"TRIM_HORIZON\"}"))
                            .text(),
                    "\"ShardIterator\":\"([^\"]+)\"");
            s = s.replace("${ITERATOR}", it);
        }
        return s;
    }

    /** Sends one request and checks its answer; returns the state a later refused write must leave. */
    private String exchange(String name, byte[] body, String before, int iteration) throws IOException {
        String op = name.replaceAll("\\(.*\\)", "").replaceAll("^(Streams|Admin)\\.", "");
        RawHttp.Response r = send(target(name), body);
        statuses.merge(r.status(), 1, Integer::sum);
        String shown = shown(body);
        String problem = null;
        if (r.status() >= 500) {
            problem = "a " + r.status();
        } else if (r.status() == 413) {
            if (r.body().length != 0) {
                problem = "a 413 with a body";
            }
        } else if (r.status() != 200) {
            if (r.status() < 400) {
                problem = "status " + r.status();
            } else {
                Matcher m = Pattern.compile("^\\{\"__type\":\"([^\"]+)\"").matcher(r.text());
                if (!m.find() || TYPE_PREFIXES.stream().noneMatch(m.group(1)::startsWith)) {
                    problem = "no DynamoDB __type";
                }
            }
        }
        if (iteration < 0 && r.status() != 200 && problem == null) {
            // not a failure (some templates are refused in this order, as DynamoDB would refuse them), but worth seeing
            System.out.println("protocol fuzzer: template " + name + " answered " + r.status() + " " + r.text());
        }
        String after = WRITES.contains(op) ? state() : before;
        if (r.status() != 200 && problem == null && !after.equals(before)) {
            problem = "a refused write changed the data";
        }
        if (problem != null) {
            failures.add("[seed " + SEED + ", request " + iteration + "] " + problem + ": " + target(name) + " " + shown
                    + "\n  -> " + r.status() + " " + r.text());
        }
        return after;
    }

    private static String shown(byte[] body) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(body.length, 1500); i++) {
            int b = body[i] & 0xFF;
            s.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b));
        }
        if (body.length > 1500) {
            s.append("... (").append(body.length).append(" bytes)");
        }
        return s.toString();
    }

    // ---- mutations ----

    /** Raw bytes to splice into the body as they are (invalid UTF-8, broken numbers). */
    private record Raw(byte[] bytes) {}

    private static final String[] MEMBER_NAMES = {
        "TableName",
        "Key",
        "Item",
        "S",
        "N",
        "B",
        "L",
        "M",
        "SS",
        "NS",
        "BS",
        "NULL",
        "BOOL",
        "Limit",
        "Select",
        "ExclusiveStartKey",
        "ExpressionAttributeNames",
        "ExpressionAttributeValues",
        "ConditionExpression",
        "UpdateExpression",
        "KeyConditionExpression",
        "FilterExpression",
        "ProjectionExpression",
        "ReturnValues",
        "IndexName",
        "Segment",
        "TotalSegments",
        "RequestItems",
        "TransactItems",
        "Expected",
        "AttributeUpdates",
        "KeyConditions",
        "QueryFilter",
        "ScanFilter",
        "ConditionalOperator",
        "AttributesToGet",
        "PutRequest",
        "DeleteRequest",
        "Keys",
        "ClientRequestToken",
        "ProvisionedThroughput",
        "BillingMode",
        "",
        "__type",
        "x"
    };
    private static final String[] EXPRESSION_TOKENS = {
        " AND ",
        " OR ",
        "NOT ",
        "(",
        ")",
        ":v",
        ":nope",
        "#n",
        "#nope",
        "SET ",
        "REMOVE ",
        "ADD ",
        "DELETE ",
        " = ",
        " <> ",
        " < ",
        " BETWEEN ",
        " IN ",
        "size(",
        "attribute_exists(",
        "contains(",
        "begins_with(",
        "list_append(",
        "if_not_exists(",
        ",",
        ".",
        "[1]",
        "[99999999999]",
        "[-1]",
        "\"",
        "'",
        "\\",
        "\u00e9",
        "\uD83D\uDE00",
        "$",
        "@",
        "pk",
        "sk",
        "n",
        "l[0].x",
        "m.a.b.c",
        "value",
        "SELECT",
        "  ",
        "\t",
        "\u0000"
    };
    private static final String[] ENUMS = {
        "",
        "BOGUS",
        "all_old",
        "ALL_OLDX",
        "NONE ",
        "TOTAL",
        "INDEXES",
        "SIZE",
        "HASH",
        "RANGE",
        "S",
        "N",
        "B",
        "EQ",
        "BEGINS_WITH",
        "COUNT",
        "ALL_PROJECTED_ATTRIBUTES",
        "PROVISIONED",
        "KEYS_ONLY",
        "AFTER_SEQUENCE_NUMBER"
    };

    private Object mutate(Object tree) {
        List<Object[]> slots = new ArrayList<>();
        collect(tree, slots);
        if (slots.isEmpty()) {
            return randomValue(3);
        }
        Object[] slot = slots.get(random.nextInt(slots.size())); // {container, key or index, value}
        Object value = slot[2];
        Object replacement;
        switch (random.nextInt(11)) {
            case 0 -> replacement = wrongType(value);
            case 1 -> {
                remove(slot);
                return tree;
            }
            case 2 -> {
                Object container = slot[0];
                if (container instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) m;
                    map.put(MEMBER_NAMES[random.nextInt(MEMBER_NAMES.length)], randomValue(3));
                } else if (container instanceof List<?> l) {
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) l;
                    list.add(random.nextInt(list.size() + 1), randomValue(3));
                }
                return tree;
            }
            case 3 -> replacement = outOfRange();
            case 4 -> replacement = deep(value);
            case 5 ->
                replacement = value instanceof String s
                        ? badUtf8(s)
                        : new Raw(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'});
            case 6 -> replacement = oversized(value);
            case 7 -> replacement = value instanceof String s ? garbleExpression(s) : value;
            case 8 ->
                replacement = value instanceof String s && s.matches("[A-Z_]*")
                        ? ENUMS[random.nextInt(ENUMS.length)]
                        : wrongType(value);
            case 9 -> replacement = badAttributeValue();
            default -> replacement = value instanceof Map<?, ?> m && !m.isEmpty() ? new LinkedHashMap<>() : null;
        }
        if (slot[0] == null) {
            return replacement;
        }
        set(slot, replacement);
        return tree;
    }

    private void collect(Object node, List<Object[]> slots) {
        if (slots.isEmpty()) {
            slots.add(new Object[] {null, null, node});
        }
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                slots.add(new Object[] {m, e.getKey(), e.getValue()});
                collect(e.getValue(), slots);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                slots.add(new Object[] {l, i, l.get(i)});
                collect(l.get(i), slots);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Object[] slot, Object value) {
        if (slot[0] instanceof Map<?, ?> m) {
            ((Map<Object, Object>) m).put(slot[1], value);
        } else if (slot[0] instanceof List<?> l) {
            ((List<Object>) l).set((Integer) slot[1], value);
        }
    }

    private static void remove(Object[] slot) {
        if (slot[0] instanceof Map<?, ?> m) {
            m.remove(slot[1]);
        } else if (slot[0] instanceof List<?> l) {
            l.remove((int) (Integer) slot[1]);
        }
    }

    private Object wrongType(Object value) {
        Object v;
        do {
            v = randomValue(2);
        } while (v != null && value != null && v.getClass() == value.getClass());
        return v;
    }

    private Object randomValue(int depth) {
        switch (random.nextInt(depth > 0 ? 8 : 5)) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return new BigDecimal(random.nextInt(2000) - 1000);
            case 3:
                return random.nextBoolean() ? "" : "s" + random.nextInt(100);
            case 4:
                return new BigDecimal("1e" + (random.nextInt(800) - 400));
            case 5: {
                List<Object> l = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    l.add(randomValue(depth - 1));
                }
                return l;
            }
            default: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    m.put(MEMBER_NAMES[random.nextInt(MEMBER_NAMES.length)], randomValue(depth - 1));
                }
                return m;
            }
        }
    }

    private Object outOfRange() {
        String[] numbers = {
            "2147483648",
            "-2147483649",
            "9223372036854775808",
            "-1",
            "0",
            "1e400",
            "-1e400",
            "1e-400",
            "0.5",
            "-0",
            "1E+126",
            "99999999999999999999999999999999999999999",
            "1.0000000000000000000000000000000000000001",
            "123456789012345678901234567890",
            "1e2147483648"
        };
        String n = numbers[random.nextInt(numbers.length)];
        return random.nextBoolean()
                ? new Raw(n.getBytes(StandardCharsets.US_ASCII))
                : n; // as a JSON number, or in a string
    }

    private Object deep(Object value) {
        int depth = random.nextBoolean() ? 25 + random.nextInt(15) : 100 + random.nextInt(2000);
        Object v = value;
        for (int i = 0; i < depth; i++) {
            Map<String, Object> wrap = new LinkedHashMap<>();
            Object inner = v == null ? map("NULL", true) : v;
            if (random.nextBoolean()) {
                wrap.put("M", map("x", inner));
            } else {
                wrap.put("L", new ArrayList<>(List.of(inner)));
            }
            v = wrap;
        }
        return v;
    }

    private Raw badUtf8(String s) {
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xFF},
            {(byte) 0xC3},
            {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
            "\\ud800".getBytes(StandardCharsets.US_ASCII),
            "\\udc00x".getBytes(StandardCharsets.US_ASCII)
        };
        byte[] utf8 = quoted(s);
        int at = 1 + random.nextInt(utf8.length - 1);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(utf8, 0, at);
        b.writeBytes(bad[random.nextInt(bad.length)]);
        b.write(utf8, at, utf8.length - at);
        return new Raw(b.toByteArray());
    }

    private Object oversized(Object value) {
        int size = random.nextInt(5) == 0 ? 300_000 + random.nextInt(200_000) : 256 + random.nextInt(5000);
        String big = "x".repeat(size);
        if (value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("S")) {
            return map("S", big);
        }
        return random.nextBoolean() ? big : map("S", big);
    }

    private static Map<String, Object> map(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    private String garbleExpression(String s) {
        StringBuilder b = new StringBuilder(s);
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            switch (random.nextInt(4)) {
                case 0 -> b.setLength(b.length() == 0 ? 0 : random.nextInt(b.length()));
                case 1 ->
                    b.insert(
                            b.length() == 0 ? 0 : random.nextInt(b.length()),
                            EXPRESSION_TOKENS[random.nextInt(EXPRESSION_TOKENS.length)]);
                case 2 -> {
                    if (b.length() > 0) {
                        b.deleteCharAt(random.nextInt(b.length()));
                    }
                }
                default ->
                    b.append(EXPRESSION_TOKENS[random.nextInt(EXPRESSION_TOKENS.length)].repeat(
                            1 + random.nextInt(400)));
            }
        }
        return b.toString();
    }

    private Object badAttributeValue() {
        String[] bad = {
            "{\"N\":\"abc\"}",
            "{\"N\":\"\"}",
            "{\"N\":\"1e126\"}",
            "{\"N\":\"1e999999999\"}",
            "{\"N\":\"-1e-999999999\"}",
            "{\"N\":\"1e2147483648\"}",
            "{\"B\":\"!!notbase64\"}",
            "{\"B\":\"AAE\"}",
            "{\"SS\":[]}",
            "{\"NS\":[\"1\",\"1.0\"]}",
            "{\"NULL\":false}",
            "{\"BOOL\":\"true\"}",
            "{\"M\":null}",
            "{\"L\":[{}]}",
            "{\"S\":\"x\",\"N\":\"1\"}",
            "{}",
            "{\"S\":null}",
            "{\"SS\":[\"a\",\"a\"]}",
            "{\"BS\":[\"\"]}",
            "{\"M\":{\"\":{\"S\":\"x\"}}}",
            "{\"L\":null}",
            "{\"N\":\"-0\"}",
            "{\"N\":\" 1\"}",
            "{\"NS\":[]}",
            "{\"S\":5}",
            "{\"s\":\"lower\"}"
        };
        return parse(bad[random.nextInt(bad.length)]);
    }

    private byte[] garbleBytes(byte[] body) {
        byte[] b = body.clone();
        switch (random.nextInt(4)) {
            case 0:
                return java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
            case 1:
                if (b.length > 0) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                return b;
            case 2: {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(b);
                out.writeBytes(utf8(random.nextBoolean() ? " {}" : "\u0000"));
                return out.toByteArray();
            }
            default:
                return "[]{}\"\\".getBytes(StandardCharsets.US_ASCII);
        }
    }

    // ---- a small JSON reader and writer for the templates ----

    private static Object parse(String json) {
        int[] at = {0};
        Object v = value(json, at);
        return v;
    }

    private static void skip(String s, int[] at) {
        while (at[0] < s.length() && Character.isWhitespace(s.charAt(at[0]))) {
            at[0]++;
        }
    }

    private static Object value(String s, int[] at) {
        skip(s, at);
        char c = s.charAt(at[0]);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            at[0]++;
            skip(s, at);
            if (s.charAt(at[0]) == '}') {
                at[0]++;
                return m;
            }
            while (true) {
                skip(s, at);
                String k = (String) value(s, at);
                skip(s, at);
                at[0]++; // ':'
                m.put(k, value(s, at));
                skip(s, at);
                if (s.charAt(at[0]++) == '}') {
                    return m;
                }
            }
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            at[0]++;
            skip(s, at);
            if (s.charAt(at[0]) == ']') {
                at[0]++;
                return l;
            }
            while (true) {
                l.add(value(s, at));
                skip(s, at);
                if (s.charAt(at[0]++) == ']') {
                    return l;
                }
            }
        }
        if (c == '"') {
            StringBuilder b = new StringBuilder();
            at[0]++;
            while (s.charAt(at[0]) != '"') {
                char ch = s.charAt(at[0]++);
                if (ch == '\\') {
                    char e = s.charAt(at[0]++);
                    b.append(e == 'n' ? '\n' : e);
                } else {
                    b.append(ch);
                }
            }
            at[0]++;
            return b.toString();
        }
        if (s.startsWith("true", at[0])) {
            at[0] += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", at[0])) {
            at[0] += 5;
            return Boolean.FALSE;
        }
        if (s.startsWith("null", at[0])) {
            at[0] += 4;
            return null;
        }
        int start = at[0];
        while (at[0] < s.length() && "+-.eE0123456789".indexOf(s.charAt(at[0])) >= 0) {
            at[0]++;
        }
        return new BigDecimal(s.substring(start, at[0]));
    }

    private static byte[] serialize(Object tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, tree);
        return out.toByteArray();
    }

    private static byte[] quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(ByteArrayOutputStream out, Object v) {
        if (v == null) {
            out.writeBytes(utf8("null"));
        } else if (v instanceof Raw r) {
            out.writeBytes(r.bytes());
        } else if (v instanceof String s) {
            out.writeBytes(quoted(s));
        } else if (v instanceof BigDecimal || v instanceof Boolean) {
            out.writeBytes(utf8(v.toString()));
        } else if (v instanceof Map<?, ?> m) {
            out.write('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.writeBytes(quoted(String.valueOf(e.getKey())));
                out.write(':');
                write(out, e.getValue());
            }
            out.write('}');
        } else if (v instanceof List<?> l) {
            out.write('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                write(out, l.get(i));
            }
            out.write(']');
        } else {
            throw new IllegalArgumentException(String.valueOf(v));
        }
    }
}
