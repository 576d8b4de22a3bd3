package floe.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./floe serve} command as a newcomer uses it, driven by the AWS CLI:
 * tables, items, a query and a transaction; a clean stop on SIGTERM; a second
 * server on the same data refused; acknowledged writes surviving kill -9.
 * The AWS CLI is required when FLOE_REQUIRE_AWS_CLI=1 (as {@code ./floe test} sets
 * it, after installing the CLI); elsewhere a missing CLI skips the CLI steps.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
final class FloeCliIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

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

    /** A running {@code ./floe serve}: its process, port and log. */
    private record Server(Process process, int port, Path log) {
        String logText() throws IOException {
            return Files.readString(log);
        }
    }

    private Server serve(Path data, String name, String... extra) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve(name + ".log");
        // the background Time to Live sweep an hour away: the test sweeps with floe sweep-expired
        ProcessBuilder pb = new ProcessBuilder(
                ROOT.resolve("floe").toString(),
                "serve",
                "--port",
                Integer.toString(port),
                "--data",
                data.toString(),
                "--ttl-sweep-millis",
                "3600000");
        pb.command().addAll(List.of(extra));
        pb.environment().put("FLOE_NO_BUILD", "1");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        started.add(p);
        Server server = new Server(p, port, log);
        while (!healthy(port)) {
            if (!p.isAlive()) {
                return server;
            }
            if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
                fail("no answer within 60 s; log:\n" + server.logText());
            }
            Thread.sleep(20);
        }
        System.out.printf(
                "floe serve: first answered request %d ms after launch%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        // the launcher keeps stack traces of repeated exceptions, so that a rare internal error can be diagnosed
        p.info()
                .arguments()
                .ifPresent(a -> assertTrue(
                        List.of(a).contains("-XX:-OmitStackTraceInFastThrow"),
                        List.of(a).toString()));
        return server;
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

    private static boolean awsCliPresent() {
        try {
            return new ProcessBuilder("aws", "--version")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void requireAwsCli() {
        boolean present = awsCliPresent();
        if ("1".equals(System.getenv("FLOE_REQUIRE_AWS_CLI"))) {
            assertTrue(present, "the AWS CLI (Debian package awscli) is required; ./floe test installs it");
        }
        Assumptions.assumeTrue(present, "the AWS CLI is not installed; ./floe test installs it");
    }

    /** Runs {@code ./floe ...}; returns its standard output, failing on a non-zero exit. */
    private String floe(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("floe").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("FLOE_NO_BUILD", "1");
        return run(pb, "floe " + String.join(" ", args));
    }

    /** Runs {@code aws dynamodb ...} against the server; returns its standard output, failing on a non-zero exit. */
    private String aws(Server server, String... args) throws IOException, InterruptedException {
        return aws(server, "secret", 0, args);
    }

    /** Runs {@code aws dynamodb ...} signing with a given secret; returns its output, failing on another exit. */
    private String aws(Server server, String secret, int exit, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("aws", "dynamodb"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--endpoint-url", "http://127.0.0.1:" + server.port(), "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDFLOETEST");
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        return run(pb, "aws " + String.join(" ", args), exit);
    }

    /** Runs a command to its end; returns its output (standard and error), failing on a non-zero exit. */
    private String run(ProcessBuilder pb, String what) throws IOException, InterruptedException {
        return run(pb, what, 0);
    }

    /** Runs a command to its end; returns its output, failing on an exit other than {@code exit}. */
    private String run(ProcessBuilder pb, String what, int exit) throws IOException, InterruptedException {
        Path out = dir.resolve("command.out");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), what + " did not finish");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(exit, p.exitValue(), what + ":\n" + text);
        return text;
    }

    private static String compact(String json) {
        return json.replaceAll("\\s+", "");
    }

    @Test
    void theAwsCliWorksAgainstFloeServe() throws Exception {
        requireAwsCli();
        Path data = dir.resolve("data");
        Server server = serve(data, "serve");
        assertTrue(server.process().isAlive(), server.logText());
        aws(
                server,
                "create-table",
                "--table-name",
                "Music",
                "--attribute-definitions",
                "AttributeName=Artist,AttributeType=S",
                "AttributeName=Song,AttributeType=S",
                "--key-schema",
                "AttributeName=Artist,KeyType=HASH",
                "AttributeName=Song,KeyType=RANGE",
                "--billing-mode",
                "PAY_PER_REQUEST");
        assertTrue(compact(aws(server, "list-tables")).contains("\"TableNames\":[\"Music\"]"));
        aws(
                server,
                "put-item",
                "--table-name",
                "Music",
                "--item",
                "{\"Artist\":{\"S\":\"Floe\"},\"Song\":{\"S\":\"Ice\"},\"Year\":{\"N\":\"2026\"}}");
        aws(
                server,
                "put-item",
                "--table-name",
                "Music",
                "--item",
                "{\"Artist\":{\"S\":\"Floe\"},\"Song\":{\"S\":\"Thaw\"},\"Year\":{\"N\":\"2027\"}}");
        String got = compact(aws(
                server,
                "get-item",
                "--table-name",
                "Music",
                "--key",
                "{\"Artist\":{\"S\":\"Floe\"},\"Song\":{\"S\":\"Ice\"}}"));
        assertTrue(got.contains("\"Year\":{\"N\":\"2026\"}"), got);
        String queried = compact(aws(
                server,
                "query",
                "--table-name",
                "Music",
                "--key-condition-expression",
                "Artist = :a AND begins_with(Song, :s)",
                "--expression-attribute-values",
                "{\":a\":{\"S\":\"Floe\"},\":s\":{\"S\":\"Th\"}}"));
        assertTrue(queried.contains("\"Count\":1") && queried.contains("Thaw"), queried);
        aws(
                server,
                "transact-write-items",
                "--transact-items",
                "[{\"Update\":{\"TableName\":\"Music\",\"Key\":{\"Artist\":{\"S\":\"Floe\"},\"Song\":{\"S\":\"Ice\"}},"
                        + "\"UpdateExpression\":\"SET Plays = :one\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}},"
                        + "{\"Delete\":{\"TableName\":\"Music\",\"Key\":{\"Artist\":{\"S\":\"Floe\"},\"Song\":{\"S\":\"Thaw\"}},"
                        + "\"ConditionExpression\":\"attribute_exists(Song)\"}}]");
        String scanned = compact(aws(server, "scan", "--table-name", "Music"));
        assertTrue(scanned.contains("\"Count\":1") && scanned.contains("\"Plays\":{\"N\":\"1\"}"), scanned);

        // PartiQL: one statement, a batch, a transaction
        aws(
                server,
                "execute-statement",
                "--statement",
                "INSERT INTO \"Music\" VALUE {'Artist': 'Floe', 'Song': 'Melt', 'Year': 2028}");
        String selected = compact(aws(
                server,
                "execute-statement",
                "--statement",
                "SELECT Song FROM Music WHERE Artist = ? ORDER BY Song DESC",
                "--parameters",
                "[{\"S\":\"Floe\"}]"));
        assertTrue(selected.contains("\"Items\":[{\"Song\":{\"S\":\"Melt\"}},{\"Song\":{\"S\":\"Ice\"}}]"), selected);
        String batched = compact(aws(
                server,
                "batch-execute-statement",
                "--statements",
                "[{\"Statement\":\"UPDATE Music SET Plays = Plays + 1 WHERE Artist = 'Floe' AND Song = 'Ice'\"},"
                        + "{\"Statement\":\"INSERT INTO Music VALUE {'Artist': 'Floe', 'Song': 'Melt'}\"}]"));
        assertTrue(batched.contains("\"Code\":\"DuplicateItem\""), batched);
        aws(
                server,
                "execute-transaction",
                "--transact-statements",
                "[{\"Statement\":\"DELETE FROM Music WHERE Artist = ? AND Song = ?\","
                        + "\"Parameters\":[{\"S\":\"Floe\"},{\"S\":\"Melt\"}]},"
                        + "{\"Statement\":\"EXISTS(SELECT * FROM Music WHERE Artist = 'Floe' AND Song = 'Ice')\"}]");
        String after = compact(aws(server, "execute-statement", "--statement", "SELECT * FROM Music"));
        assertTrue(after.contains("\"Plays\":{\"N\":\"2\"}") && !after.contains("Melt"), after);

        aws(
                server,
                "update-time-to-live",
                "--table-name",
                "Music",
                "--time-to-live-specification",
                "Enabled=true,AttributeName=Expires");
        assertTrue(compact(aws(server, "describe-time-to-live", "--table-name", "Music"))
                .contains("\"AttributeName\":\"Expires\""));
        aws(
                server,
                "put-item",
                "--table-name",
                "Music",
                "--item",
                "{\"Artist\":{\"S\":\"Floe\"},\"Song\":{\"S\":\"Gone\"}," + "\"Expires\":{\"N\":\""
                        + (System.currentTimeMillis() / 1000 - 60) + "\"}}");
        String swept = floe("sweep-expired", "--endpoint-url", "http://127.0.0.1:" + server.port());
        assertTrue(compact(swept).contains("\"DeletedItemCount\":1"), swept);
        String gone = aws(
                server,
                "get-item",
                "--table-name",
                "Music",
                "--key",
                "{\"Artist\":{\"S\":\"Floe\"},\"Song\":{\"S\":\"Gone\"}}");
        assertFalse(gone.contains("Gone"), gone);
        aws(server, "delete-table", "--table-name", "Music");
        assertTrue(compact(aws(server, "list-tables")).contains("\"TableNames\":[]"));

        server.process().destroy(); // SIGTERM
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "no clean stop on SIGTERM");
        assertTrue(server.logText().contains("stopped; the store is closed"), server.logText());
    }

    /** The AWS CLI's --region selects the Region's namespace; with --shared-namespace every Region is one. */
    @Test
    void theAwsCliSeesTheTablesOfTheRegionItSignsFor() throws Exception {
        requireAwsCli();
        Server server = serve(dir.resolve("data"), "regions");
        assertTrue(server.process().isAlive(), server.logText());
        String[] create = {
            "create-table",
            "--region",
            "us-east-2",
            "--table-name",
            "Ohio",
            "--attribute-definitions",
            "AttributeName=pk,AttributeType=S",
            "--key-schema",
            "AttributeName=pk,KeyType=HASH",
            "--billing-mode",
            "PAY_PER_REQUEST"
        };
        aws(server, create);
        assertTrue(compact(aws(server, "list-tables", "--region", "us-east-2")).contains("\"TableNames\":[\"Ohio\"]"));
        assertTrue(compact(aws(server, "list-tables")).contains("\"TableNames\":[]"));
        String described = compact(aws(server, "describe-table", "--region", "us-east-2", "--table-name", "Ohio"));
        assertTrue(described.contains("arn:aws:dynamodb:us-east-2:000000000000:table/Ohio"), described);

        Server shared = serve(dir.resolve("shared"), "shared", "--shared-namespace");
        assertTrue(shared.process().isAlive(), shared.logText());
        aws(shared, create);
        assertTrue(compact(aws(shared, "list-tables")).contains("\"TableNames\":[\"Ohio\"]"));
    }

    @Test
    void theAwsCliSignsForAServerWithAuthAndAWrongSecretIsRefused() throws Exception {
        requireAwsCli();
        Path identities = dir.resolve("identities.properties");
        Files.writeString(
                identities,
                "user.cli.account=111122223333\nuser.cli.policies=all\nkey.AKIDFLOETEST.user=cli\n"
                        + "key.AKIDFLOETEST.secret=s3cr3tFl0e\n"
                        + "policy.all={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}\n");
        Server server = serve(dir.resolve("data"), "auth", "--auth", "--identities", identities.toString());
        assertTrue(server.process().isAlive(), server.logText());
        assertTrue(compact(aws(server, "s3cr3tFl0e", 0, "list-tables")).contains("\"TableNames\":[]"));
        String refused = aws(server, "wrong", 255, "list-tables");
        assertTrue(refused.contains("(InvalidSignatureException)"), refused);
        assertTrue(refused.contains("The request signature we calculated does not match"), refused);
        assertTrue(server.logText().contains("SigV4 verified"), server.logText());
        assertFalse(server.logText().contains("s3cr3tFl0e"), server.logText());
    }

    /**
     * The AWS SDK for Python against a server with --auth: valid keys work, and a wrong
     * secret, an unknown key, a body changed after signing and an action no policy allows get
     * DynamoDB's errors through boto3's own error parsing.
     */
    @Test
    void boto3SignsForAServerWithAuthAndGetsDynamoDbsErrors() throws Exception {
        String python = boto3Python();
        Path identities = dir.resolve("identities.properties");
        Files.writeString(
                identities,
                "user.py.account=111122223333\nuser.py.policies=tables\nkey.AKIDFLOEPY.user=py\n"
                        + "key.AKIDFLOEPY.secret=pyS3cr3t\n"
                        + "policy.tables={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                        + "\"Action\":[\"dynamodb:ListTables\",\"dynamodb:CreateTable\"],\"Resource\":\"*\"}}\n");
        Server server = serve(dir.resolve("data"), "boto3", "--auth", "--identities", identities.toString());
        Path script = dir.resolve("boto3_check.py");
        Files.writeString(script, """
                import sys, boto3, botocore.config, botocore.exceptions
                url, key, secret, case = sys.argv[1:5]
                c = boto3.client("dynamodb", endpoint_url=url, region_name="us-east-1",
                                 aws_access_key_id=key, aws_secret_access_key=secret,
                                 config=botocore.config.Config(retries={"max_attempts": 1}))
                if case == "tamper":
                    def tamper(request, **kwargs):
                        request.body = request.body.replace(b"{}", b"{ }")  # after signing
                        request.headers["Content-Length"] = str(len(request.body))
                    c.meta.events.register("before-send.dynamodb.ListTables", tamper)
                try:
                    if case == "describe":
                        c.describe_table(TableName="Music")
                    else:
                        print("TABLES", c.list_tables()["TableNames"])
                except botocore.exceptions.ClientError as e:
                    print("ERROR", e.response["Error"]["Code"], e.response["Error"]["Message"])
                """);
        String url = "http://127.0.0.1:" + server.port();
        java.util.function.BiFunction<String, String[], String> boto3 = (what, args) -> {
            List<String> cmd = new ArrayList<>(List.of(python, script.toString(), url));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
            pb.environment()
                    .put(
                            "AWS_SHARED_CREDENTIALS_FILE",
                            dir.resolve("no-aws-credentials").toString());
            pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            try {
                return run(pb, "boto3 " + what);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        String ok = boto3.apply("valid", new String[] {"AKIDFLOEPY", "pyS3cr3t", "list"});
        assertTrue(ok.contains("TABLES []"), ok);
        String wrong = boto3.apply("wrong secret", new String[] {"AKIDFLOEPY", "wrong", "list"});
        assertTrue(
                wrong.contains("ERROR InvalidSignatureException The request signature we calculated does not match"),
                wrong);
        String unknown = boto3.apply("unknown key", new String[] {"AKIDNOBODY", "pyS3cr3t", "list"});
        assertTrue(
                unknown.contains(
                        "ERROR UnrecognizedClientException The security token included in the request" + " is invalid"),
                unknown);
        String tampered = boto3.apply("tampered body", new String[] {"AKIDFLOEPY", "pyS3cr3t", "tamper"});
        assertTrue(tampered.contains("ERROR InvalidSignatureException"), tampered);
        String denied = boto3.apply("denied", new String[] {"AKIDFLOEPY", "pyS3cr3t", "describe"});
        assertTrue(
                denied.contains("ERROR AccessDeniedException User: arn:aws:iam::111122223333:user/py is not"
                        + " authorized to perform: dynamodb:DescribeTable on resource:"),
                denied);
    }

    /** A python with boto3: the one on the PATH, or Debian's, which {@code ./floe test} gives boto3. */
    private static String boto3Python() throws InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import boto3")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not there: try the next
            }
        }
        if ("1".equals(System.getenv("FLOE_REQUIRE_AWS_CLI"))) {
            throw new AssertionError("boto3 (Debian package python3-boto3) is required; ./floe test installs it");
        }
        Assumptions.assumeTrue(false, "boto3 is not installed; ./floe test installs it");
        return null;
    }

    @Test
    void aSecondServerOnTheSameDataIsRefused() throws Exception {
        Path data = dir.resolve("shared");
        Server first = serve(data, "first");
        assertTrue(first.process().isAlive(), first.logText());
        Server second = serve(data, "second");
        assertTrue(second.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, second.process().exitValue());
        assertTrue(second.logText().contains("in use by another process"), second.logText());
        assertTrue(healthy(first.port()), "the first server keeps serving");
    }

    @Test
    void acknowledgedWritesSurviveKillDashNine() throws Exception {
        requireAwsCli();
        Path data = dir.resolve("durable");
        Server server = serve(data, "before");
        aws(
                server,
                "create-table",
                "--table-name",
                "Durable",
                "--attribute-definitions",
                "AttributeName=pk,AttributeType=S",
                "--key-schema",
                "AttributeName=pk,KeyType=HASH",
                "--billing-mode",
                "PAY_PER_REQUEST");
        aws(server, "put-item", "--table-name", "Durable", "--item", "{\"pk\":{\"S\":\"kept\"},\"v\":{\"N\":\"42\"}}");
        server.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(server.process().waitFor(30, TimeUnit.SECONDS));
        Server after = serve(data, "after");
        String got = compact(aws(after, "get-item", "--table-name", "Durable", "--key", "{\"pk\":{\"S\":\"kept\"}}"));
        assertTrue(got.contains("\"v\":{\"N\":\"42\"}"), got);
    }

    /** The value of the first {@code "name": "value"} in a JSON text. */
    /** A FloeDB operation of {@code server}, answered 200; its body. */
    private static String adminCall(Server server, String operation, String body) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()))
                                .header("Content-Type", "application/x-amz-json-1.0")
                                .header("X-Amz-Target", "FloeAdmin_20261121." + operation)
                                .header("X-Amz-Date", "20260101T000000Z")
                                .header(
                                        "Authorization",
                                        "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, "
                                                + "SignedHeaders=host;x-amz-date, Signature=0")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static String field(String json, String name) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(compact(json));
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    /** Waits until {@code check} holds, for at most 60 s. */
    private static void await(String what, java.util.concurrent.Callable<Boolean> check) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!check.call()) {
            assertTrue(System.nanoTime() < until, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void theAwsCliBacksUpAndRestores() throws Exception {
        requireAwsCli();
        Server server = serve(dir.resolve("backups"), "backups");
        aws(
                server,
                "create-table",
                "--table-name",
                "Music",
                "--attribute-definitions",
                "AttributeName=pk,AttributeType=S",
                "--key-schema",
                "AttributeName=pk,KeyType=HASH",
                "--billing-mode",
                "PAY_PER_REQUEST");
        aws(server, "put-item", "--table-name", "Music", "--item", "{\"pk\":{\"S\":\"a\"}}");
        aws(server, "put-item", "--table-name", "Music", "--item", "{\"pk\":{\"S\":\"b\"}}");
        aws(
                server,
                "update-continuous-backups",
                "--table-name",
                "Music",
                "--point-in-time-recovery-specification",
                "PointInTimeRecoveryEnabled=true");
        String pitr = compact(aws(server, "describe-continuous-backups", "--table-name", "Music"));
        assertTrue(pitr.contains("\"PointInTimeRecoveryStatus\":\"ENABLED\""), pitr);
        assertTrue(pitr.contains("\"EarliestRestorableDateTime\""), pitr);

        String arn = field(aws(server, "create-backup", "--table-name", "Music", "--backup-name", "snap"), "BackupArn");
        assertTrue(arn.contains(":table/Music/backup/"), arn);
        await("the backup", () -> compact(aws(server, "list-backups")).contains("\"BackupStatus\":\"AVAILABLE\""));
        String listed = compact(aws(server, "list-backups", "--table-name", "Music"));
        assertTrue(listed.contains("\"BackupName\":\"snap\""), listed);

        String restored =
                compact(aws(server, "restore-table-from-backup", "--target-table-name", "Music2", "--backup-arn", arn));
        assertTrue(restored.contains("\"SourceBackupArn\":\"" + arn + "\""), restored);
        await("Music2", () -> compact(aws(server, "describe-table", "--table-name", "Music2"))
                .contains("\"TableStatus\":\"ACTIVE\""));
        assertTrue(compact(aws(server, "scan", "--table-name", "Music2")).contains("\"Count\":2"));

        aws(
                server,
                "restore-table-to-point-in-time",
                "--source-table-name",
                "Music",
                "--target-table-name",
                "Music3",
                "--use-latest-restorable-time");
        await("Music3", () -> compact(aws(server, "describe-table", "--table-name", "Music3"))
                .contains("\"TableStatus\":\"ACTIVE\""));
        assertTrue(compact(aws(server, "scan", "--table-name", "Music3")).contains("\"Count\":2"));
        aws(server, "delete-backup", "--backup-arn", arn);
        assertTrue(compact(aws(server, "list-backups")).contains("\"BackupSummaries\":[]"));

        // floe backup: the same through the floe command, with plain progress lines (no terminal here)
        String url = "http://127.0.0.1:" + server.port();
        String created =
                floe("backup", "--endpoint-url", url, "create", "--table-name", "Music", "--backup-name", "cli");
        assertTrue(created.contains("backing up Music: 2/2 items"), created);
        String cliArn = created.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(cliArn.contains(":table/Music/backup/"), created);
        String listedByFloe = floe("backup", "--endpoint-url", url, "list");
        assertTrue(listedByFloe.contains("Music  cli  USER  AVAILABLE"), listedByFloe);
        String restoredByFloe = floe(
                "backup", "--endpoint-url", url, "restore", "--backup-arn", cliArn, "--target-table-name", "Music4");
        assertTrue(restoredByFloe.contains("restoring Music4: 2/2 items"), restoredByFloe);
        String toTime = floe(
                "backup",
                "--endpoint-url",
                url,
                "restore-to-time",
                "--source-table-name",
                "Music",
                "--target-table-name",
                "Music5");
        assertTrue(toTime.contains("restoring Music5: 2/2 items"), toTime);
        assertTrue(compact(aws(server, "scan", "--table-name", "Music5")).contains("\"Count\":2"));
        String musicArn = cliArn.substring(0, cliArn.indexOf("/backup/"));
        String byArn = floe(
                "backup",
                "--endpoint-url",
                url,
                "restore-to-time",
                "--source-table-arn",
                musicArn,
                "--target-table-name",
                "Music6");
        assertTrue(byArn.contains("restoring Music6: 2/2 items"), byArn);
    }

    private static software.amazon.awssdk.services.dynamodb.DynamoDbClient client(Server server) {
        return floe.tck.wire.WireEndpoint.syncClient(URI.create("http://127.0.0.1:" + server.port()));
    }

    private static int count(software.amazon.awssdk.services.dynamodb.DynamoDbClient c, String table) {
        int n = 0;
        for (var page : c.scanPaginator(b -> b.tableName(table).consistentRead(true))) {
            n += page.count();
        }
        return n;
    }

    private static String status(software.amazon.awssdk.services.dynamodb.DynamoDbClient c, String table) {
        try {
            return c.describeTable(b -> b.tableName(table)).table().tableStatusAsString();
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
            return null;
        }
    }

    /**
     * kill -9 while a backup is being copied and while a restore is being written: after
     * a restart the backup is AVAILABLE and complete, or failed: gone (BackupNotFound),
     * its partial copy deleted and a line of the log naming it; and the restored table is
     * absent or ACTIVE with every item, never ACTIVE with part of them.
     */
    @Test
    void backupsAndRestoresSurviveKillDashNine() throws Exception {
        Path data = dir.resolve("crash");
        Server server = serve(data, "load");
        int items = 20_000;
        String pad = "x".repeat(200);
        try (var c = client(server)) {
            c.createTable(b -> b.tableName("Big")
                    .keySchema(software.amazon.awssdk.services.dynamodb.model.KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType("HASH")
                            .build())
                    .attributeDefinitions(software.amazon.awssdk.services.dynamodb.model.AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType("S")
                            .build())
                    .billingMode("PAY_PER_REQUEST"));
            for (int i = 0; i < items; i += 25) {
                List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> batch = new ArrayList<>();
                for (int j = i; j < i + 25; j++) {
                    String pk = "item" + j;
                    batch.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                            .putRequest(p -> p.item(Map.of(
                                    "pk",
                                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(pk),
                                    "pad",
                                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(pad))))
                            .build());
                }
                var left = c.batchWriteItem(b -> b.requestItems(Map.of("Big", batch)));
                assertTrue(left.unprocessedItems().isEmpty());
            }
        }
        // kill -9 at once after CreateBackup answers, while its copy runs; should the copy win
        // the race to the kill, a backup complete before the kill is checked and another tried
        Server second = server;
        String arn = null;
        for (int attempt = 0; attempt < 3 && arn == null; attempt++) {
            String during;
            try (var c = client(second)) {
                during = c.createBackup(b -> b.tableName("Big").backupName("during"))
                        .backupDetails()
                        .backupArn();
            }
            second.process().destroyForcibly(); // SIGKILL while the copy runs
            assertTrue(second.process().waitFor(30, TimeUnit.SECONDS));
            second = serve(data, "after-backup-" + attempt);
            try (var c = client(second)) {
                var backups = c.listBackups(b -> b.tableName("Big")).backupSummaries();
                if (backups.isEmpty()) {
                    // cut short: clearly failed and cleaned up, not left CREATING nor partial
                    assertThrows(
                            software.amazon.awssdk.services.dynamodb.model.BackupNotFoundException.class,
                            () -> c.describeBackup(b -> b.backupArn(during)));
                    String log = second.logText();
                    assertTrue(
                            log.contains("backup " + during + " (during) of table Big was cut short by a crash"), log);
                    System.out.println("the backup cut short was failed and deleted at the restart");
                    arn = c.createBackup(b -> b.tableName("Big").backupName("again"))
                            .backupDetails()
                            .backupArn();
                } else {
                    assertEquals(1, backups.size());
                    assertEquals("AVAILABLE", backups.get(0).backupStatusAsString());
                    assertEquals(during, backups.get(0).backupArn());
                    assertEquals(
                            items,
                            c.describeBackup(b -> b.backupArn(during))
                                    .backupDescription()
                                    .sourceTableDetails()
                                    .itemCount());
                    System.out.println("the backup was complete before the kill; another is tried");
                    c.deleteBackup(b -> b.backupArn(during));
                }
            }
        }
        assertTrue(arn != null, "no backup was cut short by a kill -9 in three tries");
        try (var c = client(second)) {
            String backupArn = arn;
            await("the backup", () -> "AVAILABLE"
                    .equals(c.describeBackup(b -> b.backupArn(backupArn))
                            .backupDescription()
                            .backupDetails()
                            .backupStatusAsString()));
            var described = c.describeBackup(b -> b.backupArn(backupArn)).backupDescription();
            assertEquals(items, described.sourceTableDetails().itemCount());
            c.restoreTableFromBackup(b -> b.backupArn(backupArn).targetTableName("Restored"));
        }
        Thread.sleep(30);
        second.process().destroyForcibly(); // SIGKILL while the restore runs
        assertTrue(second.process().waitFor(30, TimeUnit.SECONDS));

        Server third = serve(data, "after-restore");
        try (var c = client(third)) {
            String status = status(c, "Restored");
            if (status == null) {
                String log = third.logText();
                assertTrue(log.contains("restore of table Restored was cut short by a crash"), log);
                System.out.println("the restore cut short was deleted at the restart");
                String backupArn = arn;
                c.restoreTableFromBackup(b -> b.backupArn(backupArn).targetTableName("Restored"));
            } else {
                System.out.println("the restore was " + status + " at the restart");
            }
            await("the restore", () -> "ACTIVE".equals(status(c, "Restored")));
            assertEquals(items, count(c, "Restored"));
            assertEquals(items, count(c, "Big"));
        }
    }

    /** A table keyed by pk (S) with point-in-time recovery on. */
    private void pitrTable(Server server, String name) throws Exception {
        aws(
                server,
                "create-table",
                "--table-name",
                name,
                "--attribute-definitions",
                "AttributeName=pk,AttributeType=S",
                "--key-schema",
                "AttributeName=pk,KeyType=HASH",
                "--billing-mode",
                "PAY_PER_REQUEST");
        aws(
                server,
                "update-continuous-backups",
                "--table-name",
                name,
                "--point-in-time-recovery-specification",
                "PointInTimeRecoveryEnabled=true");
    }

    /** {@code n} items keyed p0 .. p(n-1), as DynamoDB JSON lines. */
    private static String lines(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("{\"Item\":{\"pk\":{\"S\":\"p")
                    .append(i)
                    .append("\"},\"v\":{\"N\":\"")
                    .append(i)
                    .append("\"}}}\n");
        }
        return b.toString();
    }

    private static final String KEYED_BY_PK =
            "{\"TableName\":\"%s\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
                    + "\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
                    + "\"BillingMode\":\"PAY_PER_REQUEST\"}";

    @Test
    void theAwsCliAndFloeExportAndImport() throws Exception {
        requireAwsCli();
        Path data = dir.resolve("transfers");
        Files.createDirectories(data.resolve("objects").resolve("exports")); // the bucket: a folder of the store
        Server server = serve(data, "transfers");
        pitrTable(server, "Music");
        for (String pk : List.of("a", "b", "c")) {
            aws(server, "put-item", "--table-name", "Music", "--item", "{\"pk\":{\"S\":\"" + pk + "\"}}");
        }
        String tableArn = field(aws(server, "describe-table", "--table-name", "Music"), "TableArn");
        String exported =
                aws(server, "export-table-to-point-in-time", "--table-arn", tableArn, "--s3-bucket", "exports");
        String exportArn = field(exported, "ExportArn");
        assertTrue(exportArn.startsWith(tableArn + "/export/"), exportArn);
        await("the export", () -> compact(aws(server, "describe-export", "--export-arn", exportArn))
                .contains("\"ExportStatus\":\"COMPLETED\""));
        String described = compact(aws(server, "describe-export", "--export-arn", exportArn));
        assertTrue(described.contains("\"ItemCount\":3"), described);
        String id = exportArn.substring(exportArn.lastIndexOf('/') + 1);
        assertTrue(Files.exists(data.resolve("objects/exports/AWSDynamoDB/" + id + "/manifest-summary.json")));
        assertTrue(compact(aws(server, "list-exports", "--table-arn", tableArn)).contains(exportArn));

        String imported = aws(
                server,
                "import-table",
                "--s3-bucket-source",
                "S3Bucket=exports,S3KeyPrefix=AWSDynamoDB/" + id + "/data/",
                "--input-format",
                "DYNAMODB_JSON",
                "--input-compression-type",
                "GZIP",
                "--table-creation-parameters",
                String.format(KEYED_BY_PK, "Music2"));
        String importArn = field(imported, "ImportArn");
        await("the import", () -> compact(aws(server, "describe-import", "--import-arn", importArn))
                .contains("\"ImportStatus\":\"COMPLETED\""));
        String importDescribed = compact(aws(server, "describe-import", "--import-arn", importArn));
        assertTrue(importDescribed.contains("\"ImportedItemCount\":3"), importDescribed);
        assertTrue(compact(aws(server, "scan", "--table-name", "Music2")).contains("\"Count\":3"));

        // floe export and floe import: the same, with plain progress lines (no terminal here)
        String url = "http://127.0.0.1:" + server.port();
        String byFloe = floe(
                "export", "--endpoint-url", url, "--table-name", "Music", "--s3-bucket", "exports", "--format", "ion");
        assertTrue(byFloe.contains("exporting Music: 3/3 items"), byFloe);
        String manifest = byFloe.lines()
                .filter(l -> l.endsWith("manifest-summary.json"))
                .findFirst()
                .orElseThrow();
        String dataPrefix = manifest.substring(0, manifest.lastIndexOf('/')) + "/data/";
        String importedByFloe = floe(
                "import",
                "--endpoint-url",
                url,
                "--s3-bucket",
                "exports",
                "--s3-key-prefix",
                dataPrefix,
                "--input-format",
                "ion",
                "--compression",
                "gzip",
                "--table-name",
                "Music3",
                "--key-schema",
                "pk:S");
        assertTrue(importedByFloe.contains("COMPLETED: 3 items imported, 3 processed, 0 error(s)"), importedByFloe);
        // its progress is in bytes of the source as stored, against their total
        assertTrue(
                importedByFloe
                        .lines()
                        .anyMatch(l -> l.matches("importing into Music3: 3 items, (\\d+ B) of \\1 read, .*")),
                importedByFloe);
        assertTrue(compact(aws(server, "scan", "--table-name", "Music3")).contains("\"Count\":3"));
    }

    @Test
    void exportsAndImportsCutShortByKillDashNineEndCompletedOrFailed() throws Exception {
        requireAwsCli();
        Path data = dir.resolve("cut");
        Path bucket = data.resolve("objects").resolve("exports");
        Files.createDirectories(bucket.resolve("load"));
        Files.writeString(bucket.resolve("load/items.json"), lines(10_000));
        // paced, so that both are still running when the server is killed: 10,000 items take 5 s each
        Server server = serve(data, "paced", "--transfer-items-per-second", "2000");
        String srcImport = field(
                aws(
                        server,
                        "import-table",
                        "--s3-bucket-source",
                        "S3Bucket=exports,S3KeyPrefix=load/",
                        "--input-format",
                        "DYNAMODB_JSON",
                        "--table-creation-parameters",
                        String.format(KEYED_BY_PK, "Loaded")),
                "ImportArn");
        await("the first import", () -> compact(aws(server, "describe-import", "--import-arn", srcImport))
                .contains("\"ImportStatus\":\"COMPLETED\""));
        aws(
                server,
                "update-continuous-backups",
                "--table-name",
                "Loaded",
                "--point-in-time-recovery-specification",
                "PointInTimeRecoveryEnabled=true");
        Thread.sleep(1000); // the history's base image is copied in the background
        String loadedArn = field(aws(server, "describe-table", "--table-name", "Loaded"), "TableArn");
        String exportArn = field(
                aws(server, "export-table-to-point-in-time", "--table-arn", loadedArn, "--s3-bucket", "exports"),
                "ExportArn");
        String importArn = field(
                aws(
                        server,
                        "import-table",
                        "--s3-bucket-source",
                        "S3Bucket=exports,S3KeyPrefix=load/",
                        "--input-format",
                        "DYNAMODB_JSON",
                        "--table-creation-parameters",
                        String.format(KEYED_BY_PK, "Cut")),
                "ImportArn");
        assertTrue(compact(aws(server, "describe-export", "--export-arn", exportArn))
                .contains("\"ExportStatus\":\"IN_PROGRESS\""));
        assertTrue(compact(aws(server, "describe-import", "--import-arn", importArn))
                .contains("\"ImportStatus\":\"IN_PROGRESS\""));
        assertTrue(
                compact(aws(server, "describe-table", "--table-name", "Cut")).contains("\"TableStatus\":\"CREATING\""));
        // while it loads: the bytes it has processed, and its source's size and how much of it is read
        await("live progress", () -> compact(aws(server, "describe-import", "--import-arn", importArn))
                .contains("\"ProcessedSizeBytes\""));
        String progress = adminCall(server, "DescribeImportProgress", "{\"ImportArn\":\"" + importArn + "\"}");
        assertTrue(
                progress.contains(
                        "\"SourceObjectCount\":1,\"SourceSizeBytes\":" + Files.size(bucket.resolve("load/items.json"))),
                progress);
        server.process().destroyForcibly(); // SIGKILL mid-export and mid-import
        assertTrue(server.process().waitFor(30, TimeUnit.SECONDS));

        Server after = serve(data, "after-cut");
        await("the export", () -> !compact(aws(after, "describe-export", "--export-arn", exportArn))
                .contains("\"ExportStatus\":\"IN_PROGRESS\""));
        String export = compact(aws(after, "describe-export", "--export-arn", exportArn));
        assertTrue(export.contains("\"ExportStatus\":\"COMPLETED\""), export);
        assertTrue(export.contains("\"ItemCount\":10000"), export);
        assertTrue(after.logText().contains("was cut short; it starts again"), after.logText());
        String imported = compact(aws(after, "describe-import", "--import-arn", importArn));
        assertTrue(imported.contains("\"ImportStatus\":\"FAILED\""), imported);
        assertTrue(imported.contains("\"FailureCode\":\"InternalError\""), imported);
        // no imported table is left with part of its items
        String gone = aws(after, "secret", 255, "describe-table", "--table-name", "Cut");
        assertTrue(gone.contains("ResourceNotFoundException"), gone);
        assertTrue(compact(aws(after, "scan", "--table-name", "Loaded", "--select", "COUNT"))
                .contains("\"Count\":10000"));
    }
}
