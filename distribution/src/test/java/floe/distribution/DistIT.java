package floe.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.distribution.Floe.Result;
import floe.distribution.Floe.Running;
import floe.spi.plugin.SpiVersion;
import floe.testsupport.s3.S3MockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code floe dist} as a user runs it from the source tree: a distribution of LMDB and two
 * plugins built elsewhere is composed, served by its own {@code bin/floe} as a separate
 * process, passes the wire kit through the AWS SDK, lists its parts started and stops on
 * SIGTERM; the same inputs give the same bytes; each composition error is one line and
 * leaves nothing behind.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
final class DistIT {
    @TempDir
    Path dir;

    private Floe floe;

    @BeforeEach
    void commands() throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        floe = new Floe(dir.resolve("logs"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        floe.close();
    }

    @Test
    void aDistributionOfLmdbAndTwoPluginsServesPassesTheWireKitAndStopsOnSigterm() throws Exception {
        Path greeter = TestParts.plugin(dir.resolve("parts"), "greeter", "1.0", "");
        Path audit = TestParts.plugin(dir.resolve("parts"), "audit", "1.0", "greeter");
        Path dist = dir.resolve("out/floedb");
        Result composed = floe.script(
                "dist",
                "--backend",
                "lmdb",
                "--plugin",
                greeter.toString(),
                "--plugin",
                audit.toString(),
                "--output",
                dist.toString(),
                "--archive",
                "tar.gz");
        assertEquals(0, composed.status(), composed.output());
        assertTrue(
                composed.output().contains("backend lmdb 0.1.0-SNAPSHOT, plugin greeter 1.2.3, plugin audit 1.2.3"),
                composed.output());
        assertTrue(Files.isRegularFile(dir.resolve("out/floedb.tar.gz")));

        assertTrue(Files.isExecutable(dist.resolve("bin/floe")));
        assertTrue(Files.isRegularFile(dist.resolve("bin/floe.cmd")));
        assertTrue(Files.isRegularFile(dist.resolve("conf/jvm.options")));
        assertTrue(Files.isRegularFile(dist.resolve("lib/runtime/floe-server.jar")));
        assertTrue(Files.isRegularFile(dist.resolve("lib/tools/floe-distribution.jar")));
        assertTrue(Files.isRegularFile(dist.resolve("backends/lmdb/floe-plugin.properties")));
        assertFalse(Files.exists(dist.resolve("backends/memory")), "only the chosen backend");
        assertTrue(Files.isRegularFile(dist.resolve("plugins/greeter/test-plugin-greeter-1.2.3.jar")));
        assertTrue(Files.isRegularFile(dist.resolve("plugins/audit/floe-plugin.properties")));
        String conf = Files.readString(dist.resolve("conf/floe.properties"));
        assertTrue(conf.contains("\nbackend=lmdb\nplugins=greeter,audit\n"), conf);
        assertTrue(Files.readString(dist.resolve("README.md")).contains("## Run it"));
        checkManifest(dist, "lmdb 0.1.0-SNAPSHOT", List.of("greeter", "audit"));

        int port = Floe.freePort();
        Running server = floe.start(
                dist.resolve("bin/floe"),
                "serve",
                "--port",
                Integer.toString(port),
                "--data",
                dir.resolve("data").toString(),
                "--plugin-option",
                "greeter.stopped=" + dir.resolve("stopped"),
                "--plugin-option",
                "audit.stopped=" + dir.resolve("stopped"));
        Floe.awaitHealthy(server, port);
        String url = "http://127.0.0.1:" + port;

        Result plugins = floe.dist(dist, "plugins", "--endpoint-url", url);
        assertEquals(0, plugins.status(), plugins.output());
        for (String row : List.of(
                "lmdb\\s+backend\\s+0\\.1\\.0-SNAPSHOT\\s+"
                        + Pattern.quote(SpiVersion.running().toString()) + "\\s+started",
                "audit\\s+plugin\\s+1\\.2\\.3\\s+1\\.0\\s+started",
                "greeter\\s+plugin\\s+1\\.2\\.3\\s+1\\.0\\s+started")) {
            assertTrue(plugins.output().matches("(?s).*" + row + ".*"), row + " in\n" + plugins.output());
        }

        Result refused = floe.dist(dist, "tck", "--endpoint", url);
        assertEquals(2, refused.status(), refused.output());
        assertTrue(refused.output().contains("add --destructive"), refused.output());

        // the wire kit, through the AWS SDK, from the distribution's own bin/floe
        Path reports = dir.resolve("reports");
        Result wire = floe.dist(dist, "tck", "--endpoint", url, "--destructive", "--reports", reports.toString());
        assertEquals(0, wire.status(), wire.output());
        assertTrue(wire.output().matches("(?s).*running: \\d{3,} tests: \\d+ passed, 0 failed.*"), wire.output());
        try (Stream<Path> files = Files.list(reports)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("TEST-")), "JUnit XML reports");
        }

        server.process().destroy(); // SIGTERM
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "no clean stop on SIGTERM");
        String log = server.output();
        assertTrue(log.contains("test plugin greeter is up") && log.contains("test plugin audit is up"), log);
        assertTrue(log.contains("stopped; the store is closed"), log);
        // stopped in the reverse of their start order: audit requires greeter
        assertEquals("audit\ngreeter\n", Files.readString(dir.resolve("stopped")));
    }

    @Test
    void theParquetAndS3PluginsComposeEachInItsOwnFolderAndExportToS3AsParquetAndImportBack() throws Exception {
        Path dist = dir.resolve("floedb-export");
        Result composed = floe.script(
                "dist", "--backend", "memory", "--plugin", "parquet", "--plugin", "s3", "--output", dist.toString());
        assertEquals(0, composed.status(), composed.output());
        assertTrue(
                composed.output()
                        .contains("backend memory 0.1.0-SNAPSHOT, plugin parquet 0.1.0-SNAPSHOT, plugin s3"
                                + " 0.1.0-SNAPSHOT"),
                composed.output());
        String conf = Files.readString(dist.resolve("conf/floe.properties"));
        assertTrue(conf.contains("\nbackend=memory\nplugins=parquet,s3\n"), conf);
        // each plugin's libraries in its own folder: Parquet merged into the plugin's jar, the SDK without Netty
        assertTrue(Files.isRegularFile(dist.resolve("plugins/parquet/floe-plugin-parquet-0.1.0-SNAPSHOT.jar")));
        assertTrue(Files.isRegularFile(dist.resolve("plugins/parquet/zstd-jni-1.6.0-1.jar")));
        assertTrue(Files.isRegularFile(dist.resolve("plugins/s3/floe-plugin-object-store-s3-0.1.0-SNAPSHOT.jar")));
        try (Stream<Path> parquet = Files.list(dist.resolve("plugins/parquet"));
                Stream<Path> s3 = Files.list(dist.resolve("plugins/s3"))) {
            List<String> names = Stream.concat(parquet, s3)
                    .map(p -> p.getFileName().toString())
                    .toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("s3-") && n.endsWith(".jar")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("url-connection-client-")), names.toString());
            for (String n : names) {
                assertFalse(
                        n.startsWith("netty")
                                || n.startsWith("hadoop")
                                || n.startsWith("parquet-column")
                                || n.startsWith("floe-api")
                                || n.startsWith("floe-spi"),
                        n + " in a plugin folder");
            }
        }
        checkManifest(dist, "memory 0.1.0-SNAPSHOT", List.of());
        List<String> lines = Files.readAllLines(dist.resolve("MANIFEST.txt"));
        assertTrue(
                lines.contains("# plugin parquet 0.1.0-SNAPSHOT (spi " + SpiVersion.running() + ")"), lines.toString());
        assertTrue(lines.contains("# plugin s3 0.1.0-SNAPSHOT (spi " + SpiVersion.running() + ")"), lines.toString());

        // served with its object store on a real S3-compatible server: each plugin's folder resolves into a
        // module layer of its own and starts, and exports and imports go through both
        try (S3MockServer s3 = S3MockServer.start(dir.resolve("s3mock"), ExportToS3.BUCKET)) {
            int port = Floe.freePort();
            List<String> args = new java.util.ArrayList<>(List.of(
                    "serve",
                    "--port",
                    Integer.toString(port),
                    "--data",
                    dir.resolve("data-export").toString()));
            args.addAll(ExportToS3.serveFlags(s3));
            Running server = floe.start(dist.resolve("bin/floe"), args.toArray(String[]::new));
            Floe.awaitHealthy(server, port);
            String url = "http://127.0.0.1:" + port;
            Result plugins = floe.dist(dist, "plugins", "--endpoint-url", url);
            assertEquals(0, plugins.status(), plugins.output());
            for (String row : List.of(
                    "parquet\\s+plugin\\s+0\\.1\\.0-SNAPSHOT\\s+"
                            + Pattern.quote(SpiVersion.running().toString()) + "\\s+started",
                    "s3\\s+plugin\\s+0\\.1\\.0-SNAPSHOT\\s+"
                            + Pattern.quote(SpiVersion.running().toString()) + "\\s+started")) {
                assertTrue(plugins.output().matches("(?s).*" + row + ".*"), row + " in\n" + plugins.output());
            }
            new ExportToS3(floe, dist, url, s3, dir.resolve("fetched")).run();
            server.process().destroy();
            assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "no clean stop on SIGTERM");
        }
    }

    @Test
    void theKmsPluginOfTheReactorComposesByItsModuleNameAndSealsWhatItStores() throws Exception {
        Path dist = dir.resolve("floedb-kms");
        Result composed =
                floe.script("dist", "--backend", "lmdb", "--plugin", "kms-encryption", "--output", dist.toString());
        assertEquals(0, composed.status(), composed.output());
        assertTrue(Files.isRegularFile(dist.resolve("plugins/kms/floe-plugin.properties")));
        assertTrue(Files.readString(dist.resolve("conf/floe.properties")).contains("\nplugins=kms\n"));

        Path data = dir.resolve("kms-data");
        Path rootKey = dir.resolve("kms-root.key");
        int port = Floe.freePort();
        Running server = floe.start(
                dist.resolve("bin/floe"),
                "serve",
                "--port",
                Integer.toString(port),
                "--data",
                data.toString(),
                "--plugin-option",
                "kms.rootKeyFile=" + rootKey);
        Floe.awaitHealthy(server, port);
        String url = "http://127.0.0.1:" + port;
        Result plugins = floe.dist(dist, "plugins", "--endpoint-url", url);
        assertTrue(
                plugins.output().matches("(?s).*kms\\s+plugin\\s+0\\.1\\.0-SNAPSHOT\\s+\\S+\\s+started.*"),
                plugins.output());

        // the KMS API on the same port: a key, then a table under it
        String created = kmsCall(port, "CreateKey", "{\"Description\":\"dist\"}");
        java.util.regex.Matcher id =
                java.util.regex.Pattern.compile("\"KeyId\":\"([^\"]+)\"").matcher(created);
        assertTrue(id.find(), created);
        String secret = "DistSecret-5d1f0b7e-seen-only-when-unsealed";
        try (var db = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .endpointOverride(java.net.URI.create(url))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDDIST", "secret")))
                .build()) {
            db.createTable(b -> b.tableName("Sealed")
                    .attributeDefinitions(software.amazon.awssdk.services.dynamodb.model.AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType("S")
                            .build())
                    .keySchema(software.amazon.awssdk.services.dynamodb.model.KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType("HASH")
                            .build())
                    .billingMode("PAY_PER_REQUEST")
                    .sseSpecification(e -> e.enabled(true).sseType("KMS").kmsMasterKeyId(id.group(1))));
            db.putItem(b -> b.tableName("Sealed")
                    .item(Map.of(
                            "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("a"),
                            "v", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(secret))));
            assertEquals(
                    "arn:aws:kms:us-east-1:000000000000:key/" + id.group(1),
                    db.describeTable(b -> b.tableName("Sealed"))
                            .table()
                            .sseDescription()
                            .kmsMasterKeyArn());
        }
        server.process().destroy();
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "no clean stop on SIGTERM");
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(rootKey)));
        byte[] needle = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(
                        text.contains(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1)),
                        "plaintext in " + f);
            }
        }
    }

    /** One call of the KMS API, as an SDK sends it (the signature's form is checked, not its value). */
    private static String kmsCall(int port, String operation, String body) throws Exception {
        String date = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now());
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/"))
                .header("X-Amz-Target", "TrentService." + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Date", date)
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=AKIDDIST/" + date.substring(0, 8)
                                + "/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();
        var response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "application/x-amz-json-1.1",
                response.headers().firstValue("content-type").orElse(""));
        return response.body();
    }

    @Test
    void withJlinkItRunsOnItsOwnJavaRuntime() throws Exception {
        Path dist = dir.resolve("floedb");
        Result composed = floe.script("dist", "--backend", "memory", "--output", dist.toString(), "--jlink");
        assertEquals(0, composed.status(), composed.output());
        Result version =
                floe.dist(dist, Map.of("JAVA_HOME", dir.resolve("no-java").toString()), "--version");
        assertEquals(0, version.status(), version.output());
        ProcessBuilder list = new ProcessBuilder(
                        dist.resolve("runtime/bin/java").toString(), "--list-modules")
                .redirectErrorStream(true);
        Process p = list.start();
        String listed = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertTrue(listed.contains("floe.launcher@") && listed.contains("java.se@"), listed);
        assertFalse(listed.contains("floe.server"), "only the boot layer's explicit modules go in the image");
        // a JAVA_HOME that is no Java: bin/floe runs on the image's
        int port = Floe.freePort();
        Running server = floe.start(
                dist.resolve("bin/floe"),
                Map.of("JAVA_HOME", dir.resolve("no-java").toString()),
                "serve",
                "--port",
                Integer.toString(port));
        Floe.awaitHealthy(server, port);
        server.process().destroy();
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "no clean stop on SIGTERM");
    }

    @Test
    void theSameInputsGiveByteIdenticalArchives() throws Exception {
        Path greeter = TestParts.plugin(dir.resolve("parts"), "greeter", "1.0", "");
        for (String format : List.of("tar.gz", "zip")) {
            byte[][] archives = new byte[2][];
            String[] manifests = new String[2];
            for (int i = 0; i < 2; i++) {
                Path out = dir.resolve(format + "-" + i).resolve("floedb");
                Result r = floe.script(
                        "dist",
                        "--backend",
                        "memory",
                        "--plugin",
                        greeter.toString(),
                        "--output",
                        out.toString(),
                        "--archive",
                        format);
                assertEquals(0, r.status(), r.output());
                archives[i] = Files.readAllBytes(out.resolveSibling("floedb." + format));
                manifests[i] = Files.readString(out.resolve("MANIFEST.txt"));
            }
            assertEquals(manifests[0], manifests[1]);
            assertEquals(sha256(archives[0]), sha256(archives[1]), format + " archives differ");
        }
        // the archive unpacks, with tar, to the folder: same files, same bytes, scripts executable
        Path unpacked = dir.resolve("unpacked");
        Files.createDirectories(unpacked);
        Process tar = new ProcessBuilder(
                        "tar", "-xzf", dir.resolve("tar.gz-0/floedb.tar.gz").toString(), "-C", unpacked.toString())
                .inheritIO()
                .start();
        assertEquals(0, tar.waitFor());
        assertTrue(Files.isExecutable(unpacked.resolve("floedb/bin/floe")));
        checkManifest(unpacked.resolve("floedb"), "memory 0.1.0-SNAPSHOT", List.of("greeter"));
    }

    @Test
    void eachCompositionErrorIsOneLineAndLeavesNothingBehind() throws Exception {
        Path parts = dir.resolve("parts");
        Path greeter = TestParts.plugin(parts, "greeter", "1.0", "");
        Path audit = TestParts.plugin(parts, "audit", "1.0", "greeter");
        Path future = TestParts.plugin(parts, "future", "2.0", "");
        Path other = dir.resolve("elsewhere");
        Path twin = TestParts.plugin(other, "greeter", "1.0", "");
        // each error, as it reads (or as a pattern where it lists what this build has)
        record Case(List<String> args, String error) {}
        List<Case> cases = List.of(
                new Case(
                        List.of("--backend", "lmdbx"),
                        "floe dist: unknown backend [lmdbx]; known: etcd, lmdb, memory (build it, or give the path"
                                + " of its folder or zip)"),
                new Case(
                        List.of("--plugin", "no-such"),
                        "floe dist: unknown plugin \\[no-such\\]; known: .* \\(build it, or give the path of its folder or"
                                + " zip\\)"),
                new Case(
                        List.of("--plugin", future.toString()),
                        "floe dist: plugin [future] was built for SPI 2.0 but this FloeDB runs SPI "
                                + SpiVersion.running() + "; use a build of future for SPI 1.x (up to "
                                + SpiVersion.running() + ")"),
                new Case(
                        List.of("--plugin", audit.toString()),
                        "floe dist: plugin [audit] requires 'greeter', which is not chosen; add --plugin greeter"),
                new Case(
                        List.of("--plugin", greeter.toString(), "--plugin", twin.toString()),
                        "floe dist: two parts are named 'greeter': " + greeter + " and " + twin
                                + "; choose one of them"),
                new Case(
                        List.of("--backend", "memory", "--plugin", "lmdb"),
                        "floe dist: plugin [lmdb] is a backend, not a plugin; give it with --backend"));
        for (Case c : cases) {
            Path out = dir.resolve("out-" + cases.indexOf(c));
            Files.createDirectories(out);
            List<String> args = new java.util.ArrayList<>(
                    List.of("dist", "--output", out.resolve("floedb").toString()));
            args.addAll(c.args());
            Result r = floe.script(args.toArray(String[]::new));
            assertEquals(1, r.status(), r.output());
            List<String> errors =
                    r.output().lines().filter(l -> l.startsWith("floe dist:")).toList();
            assertEquals(1, errors.size(), r.output());
            assertTrue(errors.get(0).equals(c.error()) || errors.get(0).matches(c.error()), errors.get(0));
            try (Stream<Path> left = Files.list(out)) {
                assertEquals(List.of(), left.toList(), "left behind by " + c.args());
            }
        }
        // an existing output is never written into
        Path taken = dir.resolve("taken");
        Files.createDirectories(taken.resolve("floedb"));
        Result r = floe.script("dist", "--output", taken.resolve("floedb").toString());
        assertEquals(1, r.status(), r.output());
        assertTrue(r.output().contains("exists; remove it or choose another --output"), r.output());
    }

    /** The manifest names the versions and parts, and holds the SHA-256 of every other file, right. */
    private static void checkManifest(Path dist, String backend, List<String> plugins) throws Exception {
        List<String> lines = Files.readAllLines(dist.resolve("MANIFEST.txt"));
        assertTrue(lines.contains("# floedb 0.1.0-SNAPSHOT"), lines.toString());
        assertTrue(lines.contains("# spi " + SpiVersion.running()), lines.toString());
        assertTrue(lines.contains("# backend " + backend + " (spi " + SpiVersion.running() + ")"), lines.toString());
        for (String plugin : plugins) {
            // the test's plugins are built for SPI 1.0, and run on any 1.x
            assertTrue(lines.contains("# plugin " + plugin + " 1.2.3 (spi 1.0)"), lines.toString());
        }
        List<String> sums = lines.stream().filter(l -> !l.startsWith("#")).toList();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dist)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("MANIFEST.txt"))
                    .sorted()
                    .toList();
        }
        assertEquals(files.size(), sums.size());
        for (String sum : sums) {
            Path file = dist.resolve(sum.substring(66));
            try (InputStream in = Files.newInputStream(file)) {
                assertEquals(sum.substring(0, 64), sha256(in.readAllBytes()), sum);
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
