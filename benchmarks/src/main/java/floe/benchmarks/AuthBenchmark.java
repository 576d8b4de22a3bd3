package floe.benchmarks;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PutItemRequest;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * GetItem over HTTP against a server with authentication off and on, in the same run:
 * with it on, every request's SigV4 signature is verified and a policy with a condition
 * and a policy variable ({@code dynamodb:LeadingKeys} like {@code ${aws:username}-*}) is
 * evaluated. The requests are signed once, when the benchmark starts, and sent as they are
 * (a run is shorter than the 15 minutes a signature is good for), one keep-alive
 * connection per thread, so that what is measured is the server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class AuthBenchmark {
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final int KEYS = 100;

    /**
     * The identities file: one user in the database's own account (its default namespace, where
     * the table is, as with auth off) whose policy allows GetItem and Query on the table with a
     * condition on the leading keys and a policy variable, beside a Deny.
     */
    static final String IDENTITIES = String.join(
            "\n",
            "user.bench.account=000000000000",
            "user.bench.policies=own",
            "key.AKIABENCH.user=bench",
            "key.AKIABENCH.secret=" + SECRET,
            "policy.own={\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":[\"dynamodb:GetItem\",\"dynamodb:Query\"],"
                    + "\"Resource\":\"arn:aws:dynamodb:*:*:table/kvs\",\"Condition\":"
                    + "{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":[\"${aws:username}-*\"]}}},"
                    + "{\"Effect\":\"Deny\",\"Action\":\"dynamodb:DeleteTable\",\"Resource\":\"*\"}]}",
            "");

    /** {@code off}: any well-formed credentials; {@code on}: SigV4 verified and the policy evaluated. */
    @Param({"off", "on"})
    public String auth;

    private FloeDb db;
    private FloeServer server;
    private Path dir;
    private byte[][] requests;

    @Setup(Level.Trial)
    public void start() throws IOException {
        db = FloeDb.open(FloeConfig.inMemory());
        db.createTable(CreateTableRequest.builder()
                .tableName("kvs")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                .billingMode("PAY_PER_REQUEST")
                .build());
        for (int i = 0; i < KEYS; i++) {
            db.putItem(PutItemRequest.builder()
                    .tableName("kvs")
                    .item(Map.of(
                            "pk",
                            floe.api.AttributeValue.s("bench-" + i),
                            "v",
                            floe.api.AttributeValue.s("x".repeat(100))))
                    .build());
        }
        ServerConfig config = ServerConfig.of("127.0.0.1", 0);
        if (auth.equals("on")) {
            dir = Files.createTempDirectory("floe-auth-bench");
            Path identities = dir.resolve("identities.properties");
            Files.writeString(identities, IDENTITIES);
            config = config.withIdentities(identities);
        }
        server = FloeServer.start(
                db,
                config,
                new Log(Log.Level.OFF, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        requests = new byte[KEYS][];
        URI endpoint = URI.create("http://127.0.0.1:" + server.port() + "/");
        for (int i = 0; i < KEYS; i++) {
            requests[i] = signed(endpoint, "{\"TableName\":\"kvs\",\"Key\":{\"pk\":{\"S\":\"bench-" + i + "\"}}}");
        }
    }

    private static byte[] signed(URI endpoint, String body) {
        return RawHttp.signed(endpoint, "AKIABENCH", SECRET, "GetItem", body);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        server.close();
        db.close();
        if (dir != null) {
            Files.deleteIfExists(dir.resolve("identities.properties"));
            Files.deleteIfExists(dir);
        }
    }

    /** One client's keep-alive connection. */
    @State(Scope.Thread)
    public static class Connection {
        RawHttp http;
        int next;

        @Setup(Level.Trial)
        public void open(AuthBenchmark b) throws IOException {
            http = new RawHttp(b.server.port());
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            http.close();
        }
    }

    @Benchmark
    public int getItem(Connection c) throws IOException {
        byte[] request = requests[c.next++ % KEYS];
        return c.http.exchange(request);
    }
}
