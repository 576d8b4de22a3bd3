package floe.benchmarks;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.KeySchemaElement;
import floe.server.auth.Authorization;
import floe.server.auth.Identities;
import floe.server.auth.Principal;
import floe.server.auth.RequestAuthorizer;
import floe.server.auth.SigV4Verifier;
import floe.server.auth.SignedRequest;
import floe.server.auth.TableFacts;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The server's own work for authentication on one GetItem, in process and without HTTP, so
 * that it is measured apart from the network's and the operation's: {@code check} is what a
 * request costs with authentication off (the Authorization header's checks), {@code verify}
 * the SigV4 verification and {@code authorize} the policy evaluation with it on, for the
 * requests, identity and policy of {@link AuthBenchmark}. Each request is signed once when
 * the benchmark starts (a run is shorter than the 15 minutes a signature is good for); its
 * headers are Netty's, as the server reads them, and its body a direct buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class AuthPathBenchmark {
    private static final int KEYS = 100;

    private FloeDb db;
    private SigV4Verifier verifier;
    private RequestAuthorizer authorizer;
    private final RequestAuthorizer.Origin origin = new RequestAuthorizer.Origin("127.0.0.1", false);
    private final HttpHeaders[] headers = new HttpHeaders[KEYS];
    private final SignedRequest[] signed = new SignedRequest[KEYS];
    private final GetItemRequest[] requests = new GetItemRequest[KEYS];
    private Principal principal;
    private int next;

    @Setup(Level.Trial)
    public void start() throws IOException {
        db = FloeDb.open(FloeConfig.inMemory());
        db.createTable(CreateTableRequest.builder()
                .tableName("kvs")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                .billingMode("PAY_PER_REQUEST")
                .build());
        Properties p = new Properties();
        p.load(new StringReader(AuthBenchmark.IDENTITIES));
        Identities identities = Identities.parse(p);
        verifier = new SigV4Verifier(() -> identities, Clock.systemUTC());
        authorizer = new RequestAuthorizer(
                new TableFacts((account, region) -> db, System::nanoTime),
                FloeConfig.DEFAULT_ACCOUNT,
                Clock.systemUTC());
        URI endpoint = URI.create("http://127.0.0.1:8000/");
        for (int i = 0; i < KEYS; i++) {
            String body = "{\"TableName\":\"kvs\",\"Key\":{\"pk\":{\"S\":\"bench-" + i + "\"}}}";
            HttpHeaders h = new DefaultHttpHeaders();
            RawHttp.sign(endpoint, "AKIABENCH", AuthBenchmark.SECRET, "GetItem", body)
                    .forEachHeader((name, values) -> values.forEach(v -> h.add(name, v)));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            h.add("Content-Length", Integer.toString(b.length));
            ByteBuffer direct = ByteBuffer.allocateDirect(b.length).put(b).flip();
            headers[i] = h;
            signed[i] = new SignedRequest("POST", "/", name -> values(h, name), h::get, direct);
            requests[i] = GetItemRequest.builder()
                    .tableName("kvs")
                    .key(Map.of("pk", AttributeValue.s("bench-" + i)))
                    .build();
        }
        principal = verifier.verify(signed[0]);
    }

    @TearDown(Level.Trial)
    public void stop() {
        db.close();
    }

    /** Authentication off: the Authorization header's checks. */
    /** A header's values as the server reads them for the canonical request: one value without Netty's list. */
    private static List<String> values(HttpHeaders h, String name) {
        Iterator<String> all = h.valueStringIterator(name);
        if (!all.hasNext()) {
            return List.of();
        }
        String first = all.next();
        return all.hasNext() ? h.getAll(name) : List.of(first);
    }

    @Benchmark
    public Authorization check() {
        HttpHeaders h = headers[next++ % KEYS];
        return Authorization.check(h.get("Authorization"), h.get("X-Amz-Date"), false);
    }

    /** Authentication on: the signature verified. */
    @Benchmark
    public Principal verify() {
        SignedRequest r = signed[next++ % KEYS];
        return verifier.verify(new SignedRequest(r.method(), r.uri(), r.headers(), r.firstValue(), r.body()));
    }

    /** Authentication on: the caller's policies asked about the GetItem. */
    @Benchmark
    public String authorize() {
        return authorizer.authorize(principal, "DynamoDB_20120810.GetItem", requests[next++ % KEYS], origin);
    }
}
