package floe.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@code floe serve --backend etcd --backend-option ...} against an etcd cluster that already
 * runs (one member here, {@code etcd} from the PATH, on 127.0.0.1): the built home's etcd plugin
 * folder loads in its own layer, serves the AWS SDK, and a second server on the same cluster
 * finds what the first wrote.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class EtcdServeIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path BUILT_HOME = ROOT.resolve("server/target/floe-home");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private Process etcd;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void servesFromAnEtcdClusterAndASecondServerFindsTheData() throws Exception {
        assertTrue(Files.isDirectory(BUILT_HOME.resolve("backends/etcd")), "no etcd backend in " + BUILT_HOME);
        int client = freePort();
        int peer = freePort();
        etcd = start(
                dir.resolve("etcd.log"),
                List.of(
                        "etcd",
                        "--name",
                        "solo",
                        "--data-dir",
                        dir.resolve("etcd-data").toString(),
                        "--listen-client-urls",
                        "http://127.0.0.1:" + client,
                        "--advertise-client-urls",
                        "http://127.0.0.1:" + client,
                        "--listen-peer-urls",
                        "http://127.0.0.1:" + peer,
                        "--initial-advertise-peer-urls",
                        "http://127.0.0.1:" + peer,
                        "--initial-cluster",
                        "solo=http://127.0.0.1:" + peer,
                        "--max-txn-ops",
                        "10000",
                        "--max-request-bytes",
                        String.valueOf(32 << 20)),
                Map.of());
        long t0 = System.nanoTime();
        while (!accepts(client)) {
            assertTrue(etcd.isAlive() && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30), "etcd did not start");
            Thread.sleep(20);
        }
        String endpoints = "endpoints=http://127.0.0.1:" + client;

        int port = serve(endpoints, "first.log");
        try (DynamoDbClient db = client(port)) {
            db.createTable(b -> b.tableName("Clustered")
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .attributeDefinitions(attribute("pk"), attribute("sk"))
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            for (String sk : List.of("a", "b", "c")) {
                db.putItem(b -> b.tableName("Clustered")
                        .item(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS(sk))));
            }
        }
        Path listed = dir.resolve("plugins.out");
        Process plugins = floe(listed, "plugins", "--endpoint-url", "http://127.0.0.1:" + port);
        assertTrue(plugins.waitFor(60, TimeUnit.SECONDS));
        String table = Files.readString(listed, StandardCharsets.UTF_8);
        assertTrue(table.matches("(?s).*etcd\\s+backend\\s+\\S+\\s+\\S+\\s+started.*"), table);
        stopServers();

        int second = serve(endpoints, "second.log");
        try (DynamoDbClient db = client(second)) {
            List<String> sorts = db
                    .query(b -> b.tableName("Clustered")
                            .keyConditionExpression("pk = :p")
                            .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("p")))
                            .scanIndexForward(false))
                    .items()
                    .stream()
                    .map(i -> i.get("sk").s())
                    .toList();
            assertEquals(List.of("c", "b", "a"), sorts, "the second server reads the cluster's data, newest first");
        }
    }

    /** Starts {@code floe serve} on the cluster and waits for it to answer. */
    private int serve(String endpoints, String logName) throws Exception {
        int port = freePort();
        Path log = dir.resolve(logName);
        Process server = floe(
                log,
                "serve",
                "--port",
                Integer.toString(port),
                "--backend",
                "etcd",
                "--backend-option",
                endpoints,
                "--backend-option",
                "root=serve-it/");
        long t0 = System.nanoTime();
        while (!healthy(port)) {
            if (!server.isAlive() || System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(90)) {
                fail("floe serve did not answer; log:\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
        assertTrue(Files.readString(log).contains("with backend etcd"), Files.readString(log));
        return port;
    }

    /** Stops the servers started so far (SIGTERM), leaving etcd running. */
    private void stopServers() throws InterruptedException {
        for (Process p : started) {
            if (p != etcd && p.isAlive()) {
                p.destroy();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "no clean stop on SIGTERM");
            }
        }
    }

    private Process floe(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("floe").toString()));
        cmd.addAll(List.of(args));
        // the build's own home; its class-data archive is left alone
        return start(log, cmd, Map.of("FLOE_HOME", BUILT_HOME.toString(), "FLOE_CDS", "0"));
    }

    private Process start(Path log, List<String> cmd, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        pb.directory(dir.toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static DynamoDbClient client(int port) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return s.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean healthy(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
