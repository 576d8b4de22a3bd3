package floe.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import floe.spi.plugin.SpiVersion;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
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
 * A backend someone else built, dropped into {@code backends/<name>/} of a FloeDB home, is
 * served without rebuilding FloeDB: this test compiles a backend module against floe-spi
 * alone (at test time, outside the server's module graph), packages it as a plugin folder
 * with its descriptor, configures it in {@code conf/floe.properties}, starts {@code floe serve}
 * on the module path through the floe script, and talks to it with the AWS SDK. The home's
 * {@code lib/} is the one this build lays out.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class OutsideBackendIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path BUILT_HOME = ROOT.resolve("server/target/floe-home");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static final String MODULE_INFO = """
            module outside.backend {
                requires floe.spi;
                uses floe.spi.storage.StorageBackendProvider;
                provides floe.spi.storage.StorageBackendProvider with outside.backend.OutsideProvider;
            }
            """;

    /**
     * Named {@code outside}; needs its option {@code flavour}; keeps its data in the
     * in-memory store its folder bundles (a library of its own, in its own layer).
     */
    private static final String PROVIDER = """
            package outside.backend;

            import floe.spi.storage.StorageBackend;
            import floe.spi.storage.StorageBackendProvider;
            import floe.spi.storage.StorageException;
            import java.util.Map;
            import java.util.ServiceLoader;

            public final class OutsideProvider implements StorageBackendProvider {
                @Override
                public String name() {
                    return "outside";
                }

                @Override
                public StorageBackend open(Map<String, String> options) {
                    if (!"salted".equals(options.get("flavour"))) {
                        throw new StorageException("the outside backend needs flavour=salted, got " + options);
                    }
                    ModuleLayer own = OutsideProvider.class.getModule().getLayer();
                    for (StorageBackendProvider p : ServiceLoader.load(own, StorageBackendProvider.class)) {
                        if (p.name().equals("memory")) {
                            return p.open(Map.of());
                        }
                    }
                    throw new StorageException("the outside backend's folder lacks its store");
                }
            }
            """;

    /** Compiles and jars the backend module into {@code folder}. */
    private void buildBackend(Path folder) throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src.resolve("outside/backend"));
        Files.createDirectories(classes);
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("outside/backend/OutsideProvider.java"), PROVIDER);
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        int status = javac.run(
                System.out,
                System.err,
                "--release",
                "17",
                "--module-path",
                BUILT_HOME.resolve("lib/boot").toString(),
                "-d",
                classes.toString(),
                src.resolve("module-info.java").toString(),
                src.resolve("outside/backend/OutsideProvider.java").toString());
        assertEquals(0, status, "the outside backend does not compile");
        Files.createDirectories(folder);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(folder.resolve("outside-backend.jar")));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
        // the store it bundles: a library of its folder, as any plugin may bring its own
        try (Stream<Path> memory = Files.list(BUILT_HOME.resolve("backends/memory"))) {
            Path store = memory.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .findFirst()
                    .orElseThrow();
            Files.copy(store, folder.resolve(store.getFileName()));
        }
        Files.writeString(
                folder.resolve("floe-plugin.properties"),
                String.join(
                        "\n",
                        "name=outside",
                        "version=7.7.7",
                        "kind=backend",
                        "module=outside.backend",
                        "spi.version=" + SpiVersion.running(),
                        "java.version=17",
                        "description=A backend built apart from FloeDB",
                        "requires=",
                        ""));
    }

    /** A home of this build's lib/ with the outside backend as its only backend, and a configuration. */
    private Path home(String configuration) throws IOException {
        assertTrue(Files.isDirectory(BUILT_HOME.resolve("lib/runtime")), "no home laid out at " + BUILT_HOME);
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("conf"));
        Files.createSymbolicLink(home.resolve("lib"), BUILT_HOME.resolve("lib"));
        buildBackend(home.resolve("backends/outside"));
        Files.writeString(home.resolve("conf/floe.properties"), configuration);
        return home;
    }

    private Process floe(Path home, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("floe").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("FLOE_HOME", home.toString());
        // the home's lib/ is the build's: leave its class-data archive to the build's own home
        pb.environment().put("FLOE_CDS", "0");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
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

    @Test
    void aBackendBuiltElsewhereIsServedByName() throws Exception {
        Path home = home("backend=outside\nbackend.flavour=salted\nlog-level=info\n");
        int port = freePort();
        Path log = dir.resolve("serve.log");
        Process server = floe(
                home,
                log,
                "serve",
                "--port",
                Integer.toString(port),
                "--data",
                dir.resolve("data").toString());
        long t0 = System.nanoTime();
        while (!healthy(port)) {
            if (!server.isAlive() || System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
                fail("floe serve did not answer; log:\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
        try (DynamoDbClient db = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            db.createTable(b -> b.tableName("Outside")
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build())
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            db.putItem(b -> b.tableName("Outside")
                    .item(Map.of(
                            "pk", AttributeValue.fromS("k"),
                            "v", AttributeValue.fromN("42"))));
            assertEquals(
                    "42",
                    db.getItem(b -> b.tableName("Outside").key(Map.of("pk", AttributeValue.fromS("k"))))
                            .item()
                            .get("v")
                            .n());
        }
        Path listed = dir.resolve("plugins.out");
        Process plugins = floe(home, listed, "plugins", "--endpoint-url", "http://127.0.0.1:" + port);
        assertTrue(plugins.waitFor(60, TimeUnit.SECONDS));
        String table = Files.readString(listed, StandardCharsets.UTF_8);
        assertEquals(0, plugins.exitValue(), table);
        assertTrue(
                table.matches("(?s).*outside\\s+backend\\s+7\\.7\\.7\\s+"
                        + SpiVersion.running().toString().replace(".", "\\.") + "\\s+started.*"),
                table);

        // without a server: what the home has installed, from the descriptors alone
        Path installed = dir.resolve("installed.out");
        Process local = floe(home, installed, "plugins");
        assertTrue(local.waitFor(60, TimeUnit.SECONDS));
        String folders = Files.readString(installed, StandardCharsets.UTF_8);
        assertEquals(0, local.exitValue(), folders);
        assertTrue(
                folders.matches(
                        "(?s)NAME\\s+KIND\\s+VERSION\\s+SPI\\s+STATE\n.*outside\\s+backend\\s+7\\.7\\.7\\s+\\S+\\s+installed\n"),
                folders);

        server.destroy(); // SIGTERM
        assertTrue(server.waitFor(60, TimeUnit.SECONDS), "no clean stop on SIGTERM");
        String text = Files.readString(log);
        assertTrue(text.contains("with backend outside in"), text);
        assertTrue(text.contains("stopped; the store is closed"), text);
    }

    @Test
    void anUnknownKeyInTheConfigurationIsRefusedByName() throws Exception {
        Path home = home("backend=outside\nbackend.flavour=salted\nbakend=typo\n");
        Path log = dir.resolve("serve.log");
        Process server = floe(home, log, "serve", "--port", Integer.toString(freePort()));
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        String text = Files.readString(log);
        assertEquals(2, server.exitValue(), text);
        assertTrue(text.contains("unknown key 'bakend'"), text);
    }

    @Test
    void theBackendsOptionsComeFromTheFlagsToo() throws Exception {
        Path home = home("backend=outside\n");
        Path log = dir.resolve("serve.log");
        // without its option, the backend refuses to open: its message is the server's
        Process refused = floe(
                home,
                log,
                "serve",
                "--port",
                Integer.toString(freePort()),
                "--data",
                dir.resolve("d").toString());
        assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
        String text = Files.readString(log);
        assertEquals(1, refused.exitValue(), text);
        assertTrue(text.contains("cannot open the store: the outside backend needs flavour=salted"), text);

        int port = freePort();
        Process served = floe(
                home,
                dir.resolve("served.log"),
                "serve",
                "--port",
                Integer.toString(port),
                "--data",
                dir.resolve("d").toString(),
                "--backend-option",
                "flavour=salted");
        long t0 = System.nanoTime();
        while (!healthy(port)) {
            if (!served.isAlive() || System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
                fail("floe serve did not answer; log:\n" + Files.readString(dir.resolve("served.log")));
            }
            Thread.sleep(20);
        }
        served.destroy();
        assertTrue(served.waitFor(60, TimeUnit.SECONDS));
    }
}
