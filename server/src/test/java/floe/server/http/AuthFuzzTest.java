package floe.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.DeleteTableRequest;
import floe.api.model.ListTablesRequest;
import floe.server.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The protocol fuzzer's Authorization cases: a request signed by the AWS SDK's signer, its
 * Authorization header, date or body mutated at random (seeded), sent to a server with
 * authentication on. Every answer is DynamoDB's 400 with an authentication or
 * serialization error, never a 5xx; a changed signature or body never gets through; and
 * the table the requests try to create never appears.
 */
final class AuthFuzzTest {
    private static final long SEED = Long.getLong("floe.fuzz.seed", 20261206L);
    private static final int ITERATIONS = Integer.getInteger("floe.fuzz.iterations", 4000) / 4;
    private static final String SECRET = "fuzz/secret+key";
    private static final Set<String> AUTH_ERRORS = Set.of(
            "MissingAuthenticationTokenException",
            "IncompleteSignatureException",
            "InvalidSignatureException",
            "UnrecognizedClientException",
            "SerializationException");
    private static final Pattern TYPE = Pattern.compile("\"__type\":\"com\\.amazon\\.coral\\.service#(\\w+)\"");

    @TempDir
    Path dir;

    private FloeDb db;
    private FloeServer server;
    private RawHttp http;

    @BeforeEach
    void start() throws IOException {
        Path identities = dir.resolve("identities.properties");
        Files.writeString(
                identities,
                "user.fuzz.account=111122223333\nuser.fuzz.policies=all\nkey.AKIAFUZZ.user=fuzz\nkey.AKIAFUZZ.secret="
                        + SECRET + "\n"
                        + "policy.all={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}\n");
        db = FloeDb.open(FloeConfig.inMemory());
        server = FloeServer.start(
                db,
                ServerConfig.of("127.0.0.1", 0).withIdentities(identities),
                new Log(Log.Level.OFF, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        http = new RawHttp(server.port());
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        server.close();
        db.close();
    }

    private static final String BODY = "{\"TableName\":\"fuzzed\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":"
            + "\"HASH\"}],\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
            + "\"BillingMode\":\"PAY_PER_REQUEST\"}";

    /** The SDK's signed headers for a CreateTable, in the order sent. */
    private Map<String, String> signed(Instant at) {
        SdkHttpRequest r = AwsV4HttpSigner.create()
                .sign(s -> s.identity(AwsCredentialsIdentity.create("AKIAFUZZ", SECRET))
                        .request(SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(URI.create("http://127.0.0.1:" + server.port() + "/"))
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("X-Amz-Target", "DynamoDB_20120810.CreateTable")
                                .build())
                        .payload(ContentStreamProvider.fromUtf8String(BODY))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
                .request();
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        r.forEachHeader((name, values) -> h.put(name, values.get(0)));
        h.put("Host", "127.0.0.1:" + server.port());
        return h;
    }

    private RawHttp.Response send(Map<String, String> headers, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder("POST / HTTP/1.1\r\n");
        headers.forEach((k, v) -> s.append(k).append(": ").append(v).append("\r\n"));
        s.append("Content-Length: ").append(b.length).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(s.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(b);
        try {
            return http.exchange(out.toByteArray());
        } catch (IOException e) {
            http.close();
            http = new RawHttp(server.port());
            return http.exchange(out.toByteArray());
        }
    }

    private static String mutate(String s, Random random) {
        if (s.isEmpty()) {
            return "x";
        }
        int at = random.nextInt(s.length());
        String junk = List.of(",", " ", "=", "/", ";", "AWS4-", "Credential=", "Signature=", "\u00e9", "0", "%")
                .get(random.nextInt(11));
        return switch (random.nextInt(6)) {
            case 0 -> s.substring(0, at) + s.substring(at + 1);
            case 1 -> s.substring(0, at) + junk + s.substring(at);
            case 2 -> s.substring(0, at);
            case 3 -> s.substring(at);
            case 4 -> s.substring(0, at) + (char) ('!' + random.nextInt(90)) + s.substring(at + 1);
            default -> s.replace(", ", ",").toLowerCase(java.util.Locale.ROOT);
        };
    }

    @Test
    void mutatedAuthorizationsGetDynamoDbsAuthenticationErrors() throws IOException {
        System.out.println("authorization fuzzer: seed " + SEED + ", " + ITERATIONS + " requests");
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> types = new TreeMap<>();
        for (int i = 0; i < ITERATIONS; i++) {
            Map<String, String> h = signed(Instant.now());
            String original = h.get("Authorization");
            String originalDate = h.get("X-Amz-Date");
            String body = BODY;
            int what = random.nextInt(5);
            switch (what) {
                case 0, 1 -> h.put("Authorization", mutate(original, random));
                case 2 -> h.put("X-Amz-Date", mutate(h.get("X-Amz-Date"), random));
                case 3 -> body = mutate(BODY, random);
                default -> {
                    // one hex digit of the signature changed: a forged signature
                    int sig = original.indexOf("Signature=") + 10 + random.nextInt(64);
                    char c = original.charAt(sig);
                    h.put(
                            "Authorization",
                            original.substring(0, sig) + (c == '0' ? '1' : '0') + original.substring(sig + 1));
                }
            }
            if (h.get("Authorization").equals(original)
                    && h.get("X-Amz-Date").equals(originalDate)
                    && body.equals(BODY)) {
                continue; // a mutation that changed nothing
            }
            RawHttp.Response r = send(h, body);
            String text = r.text();
            Matcher m = TYPE.matcher(text);
            String type = m.find() ? m.group(1) : null;
            types.merge(r.status() + " " + type, 1, Integer::sum);
            if (r.status() != 400 || type == null || !AUTH_ERRORS.contains(type)) {
                // A header mutated into an equivalent one may still verify (a space removed); never a changed
                // signature or body.
                boolean equivalent = r.status() == 200 && what <= 2;
                if (!equivalent) {
                    failures.add("mutation " + what + " -> " + r.status() + " " + text + "\n  Authorization: "
                            + h.get("Authorization") + "\n  X-Amz-Date: " + h.get("X-Amz-Date") + "\n  body: " + body);
                }
                if (r.status() == 200) {
                    callers().deleteTable(new DeleteTableRequest("fuzzed"));
                }
            }
        }
        System.out.println("authorization fuzzer: answers " + types);
        assertEquals(List.of(), failures.size() > 5 ? failures.subList(0, 5) : failures);
        assertTrue(callers()
                .listTables(ListTablesRequest.builder().build())
                .tableNames()
                .isEmpty());
    }

    /** The namespace the fuzzer's requests run in: its caller's account, in the Region it signs for. */
    private FloeDb callers() {
        return db.inNamespace("111122223333", "us-east-1");
    }
}
