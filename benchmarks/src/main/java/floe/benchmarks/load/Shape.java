package floe.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The data and requests of the server load benchmark, shared by the loader, the
 * fixed-rate client and the SDK client; the wrk scripts in {@code benchmarks/load}
 * build the same request bodies.
 *
 * <p>Two tables. {@value #KV_TABLE}: hash key {@code pk} only, keys {@code k0000000}
 * to {@code k<items-1>}, each item about 100 bytes ({@code pk} and an 80-character
 * {@code v}); GetItem and PutItem pick a key at random. {@value #SORTED_TABLE}: hash
 * key {@code pk} ({@code p000000} ...) and sort key {@code sk} ({@code s00} to
 * {@code s09}), {@value #ITEMS_PER_PARTITION} items a partition, items/10 partitions;
 * Query reads one random partition whole; BatchWriteItem puts {@value #BATCH_SIZE} items of
 * {@value #KV_TABLE} with consecutive keys from a random one.
 */
final class Shape {
    static final String KV_TABLE = "floe_bench_kv";
    static final String SORTED_TABLE = "floe_bench_sorted";
    static final int ITEMS_PER_PARTITION = 10;
    /** Items per BatchWriteItem: DynamoDB's maximum. */
    static final int BATCH_SIZE = 25;
    /** The value every item carries (80 characters); PutItem writes the same. */
    static final String VALUE = "0123456789abcdef".repeat(5);

    static final String SORTED_VALUE = VALUE.substring(0, 60);

    /** The fixed credentials and date: signatures are not checked by the servers measured. */
    static final String ACCESS_KEY = "AKID";

    static final String SECRET_KEY = "secret";
    static final String REGION = "us-east-1";
    static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20261121/" + REGION
            + "/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";
    static final String AMZ_DATE = "20261121T000000Z";

    private Shape() {}

    static String kvKey(int i) {
        return String.format(Locale.ROOT, "k%07d", i);
    }

    static String partitionKey(int p) {
        return String.format(Locale.ROOT, "p%06d", p);
    }

    static String sortKey(int s) {
        return String.format(Locale.ROOT, "s%02d", s);
    }

    static int partitions(int items) {
        return Math.max(1, items / ITEMS_PER_PARTITION);
    }

    /** The operations measured. */
    enum Op {
        GET("GetItem"),
        PUT("PutItem"),
        QUERY("Query"),
        BATCH("BatchWriteItem");

        final String target;

        Op(String target) {
            this.target = target;
        }

        static Op of(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "get", "getitem" -> GET;
                case "put", "putitem" -> PUT;
                case "query" -> QUERY;
                case "batch", "batchwriteitem" -> BATCH;
                default ->
                    throw new IllegalArgumentException("unknown operation " + name + " (get, put, query or batch)");
            };
        }

        /**
         * The JSON body for key number {@code i} (an item for GET and PUT, a partition for QUERY,
         * the first of {@value #BATCH_SIZE} items for BATCH).
         */
        String body(int i) {
            return switch (this) {
                case GET -> "{\"TableName\":\"" + KV_TABLE + "\",\"Key\":{\"pk\":{\"S\":\"" + kvKey(i) + "\"}}}";
                case PUT ->
                    "{\"TableName\":\"" + KV_TABLE + "\",\"Item\":{\"pk\":{\"S\":\"" + kvKey(i) + "\"},\"v\":{\"S\":\""
                            + VALUE + "\"}}}";
                case QUERY ->
                    "{\"TableName\":\"" + SORTED_TABLE + "\",\"KeyConditionExpression\":\"pk = :p\","
                            + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"" + partitionKey(i) + "\"}}}";
                case BATCH -> {
                    StringBuilder b = new StringBuilder("{\"RequestItems\":{\"" + KV_TABLE + "\":[");
                    for (int j = 0; j < BATCH_SIZE; j++) {
                        b.append(j == 0 ? "" : ",")
                                .append("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"")
                                .append(kvKey(i + j))
                                .append("\"},\"v\":{\"S\":\"")
                                .append(VALUE)
                                .append("\"}}}}");
                    }
                    yield b.append("]}}").toString();
                }
            };
        }

        /**
         * How many keys the operation draws from: items, partitions for QUERY, and for BATCH
         * the first keys of runs of {@value #BATCH_SIZE} that stay inside the table.
         */
        int keys(int items) {
            return switch (this) {
                case QUERY -> partitions(items);
                case BATCH -> Math.max(1, items - BATCH_SIZE + 1);
                default -> items;
            };
        }

        /** The whole HTTP/1.1 request for key number {@code i}, as wrk sends it. */
        byte[] httpRequest(String hostHeader, int i) {
            byte[] body = body(i).getBytes(StandardCharsets.UTF_8);
            String head = "POST / HTTP/1.1\r\n"
                    + "Host: " + hostHeader + "\r\n"
                    + "Content-Type: application/x-amz-json-1.0\r\n"
                    + "X-Amz-Target: DynamoDB_20120810." + target + "\r\n"
                    + "X-Amz-Date: " + AMZ_DATE + "\r\n"
                    + "Authorization: " + AUTHORIZATION + "\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[h.length + body.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            return all;
        }
    }

    /** A tiny command-line parser: {@code --name value} pairs. */
    static final class Args {
        private final java.util.Map<String, String> values = new java.util.HashMap<>();

        Args(String[] args, String usage) {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    System.out.println(usage);
                    System.exit(0);
                }
                if (!a.startsWith("--") || i + 1 >= args.length) {
                    System.err.println("bad argument " + a + "\n" + usage);
                    System.exit(2);
                }
                values.put(a.substring(2), args[++i]);
            }
        }

        String get(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        int getInt(String name, int fallback) {
            String v = values.get(name);
            return v == null ? fallback : Integer.parseInt(v);
        }

        double getDouble(String name, double fallback) {
            String v = values.get(name);
            return v == null ? fallback : Double.parseDouble(v);
        }
    }
}
