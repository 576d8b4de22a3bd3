package floe.server.cli;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import floe.server.json.WireOperations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code floe} command. */
@Command(
        name = "floe",
        mixinStandardHelpOptions = true,
        version = "FloeDB 0.1.0-SNAPSHOT",
        description = "FloeDB, a DynamoDB-compatible database.",
        subcommands = {FloeCommand.Serve.class, FloeCommand.SweepExpired.class, CommandLine.HelpCommand.class})
public final class FloeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'floe serve'");
    }

    /**
     * Runs the command.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = new CommandLine(new FloeCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** {@code floe serve}: the server, until Ctrl-C or SIGTERM. */
    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description = {
                "Serves DynamoDB's JSON protocol, so the AWS SDKs and the AWS CLI work against FloeDB.",
                "Stops cleanly on Ctrl-C or SIGTERM: requests in flight finish, then the store closes."
            })
    static final class Serve implements Callable<Integer> {
        @Option(
                names = "--host",
                defaultValue = "127.0.0.1",
                description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(
                names = "--port",
                defaultValue = "8000",
                description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 for any free port).")
        int port;

        @Option(
                names = "--data",
                defaultValue = "floe-data",
                description = "Directory of the LMDB store, created if missing (default: ./${DEFAULT-VALUE}). "
                        + "Only one server may use a directory at a time.")
        Path data;

        @Option(names = "--in-memory", description = "Keep everything in memory instead; nothing survives a restart.")
        boolean inMemory;

        @Option(
                names = "--region",
                defaultValue = FloeConfig.DEFAULT_REGION,
                description = "Region the server answers as, in ARNs and the health check (default: ${DEFAULT-VALUE}).")
        String region;

        @Option(
                names = "--ttl-sweep-millis",
                defaultValue = "1000",
                description = "How often items whose Time to Live has passed are deleted, in milliseconds "
                        + "(default: ${DEFAULT-VALUE}; DynamoDB takes days, which suits local development badly).")
        long ttlSweepMillis;

        @Option(
                names = "--log-level",
                defaultValue = "info",
                description = "debug, info, warn, error or off (default: ${DEFAULT-VALUE}).")
        String logLevel;

        @Option(
                names = "--throttling",
                negatable = true,
                defaultValue = "true",
                fallbackValue = "true",
                description =
                        "Throttle provisioned tables and indexes to their capacity (and on-demand ones to their maximum),"
                                + " as DynamoDB does; --no-throttling serves every request (default: on).")
        boolean throttling;

        @Option(
                names = "--table-status-delay",
                defaultValue = "0",
                paramLabel = "<millis>",
                description =
                        "How long a table stays CREATING, UPDATING or DELETING after a change, so that clients' waiters"
                                + " see the states DynamoDB shows (default: ${DEFAULT-VALUE}: none).")
        long tableStatusDelay;

        @Option(
                names = "--idle-timeout",
                defaultValue = "120000",
                paramLabel = "<millis>",
                description =
                        "Closes a connection with no request on it after this long, as DynamoDB closes idle connections"
                                + " (default: ${DEFAULT-VALUE}; longer than the SDKs keep an idle pooled connection).")
        long idleTimeout;

        @Option(
                names = "--header-timeout",
                defaultValue = "20000",
                paramLabel = "<millis>",
                description = "Closes a connection whose request line and headers take longer than this to arrive"
                        + " (default: ${DEFAULT-VALUE}).")
        long headerTimeout;

        @Option(
                names = "--read-timeout",
                defaultValue = "60000",
                paramLabel = "<millis>",
                description = "Closes a connection whose partly sent request goes this long without a byte"
                        + " (default: ${DEFAULT-VALUE}).")
        long readTimeout;

        @Option(
                names = "--max-connections",
                defaultValue = "10000",
                description =
                        "The most connections open at once; more are closed as they arrive (default: ${DEFAULT-VALUE}).")
        int maxConnections;

        /** The server's configuration these flags ask for. */
        ServerConfig serverConfig() {
            return ServerConfig.of(host, port)
                    .withRegion(region)
                    .withTimeouts(new ServerConfig.Timeouts(headerTimeout, readTimeout, idleTimeout, maxConnections))
                    .withDataDirectory(inMemory ? null : data);
        }

        /** The database's configuration these flags ask for. */
        FloeConfig config() {
            return (inMemory ? FloeConfig.inMemory() : FloeConfig.lmdb(data))
                    .withRegion(region)
                    .withEngineOptions(Map.of(
                            "throttling",
                            Boolean.toString(throttling),
                            "tableStatusDelayMillis",
                            Long.toString(tableStatusDelay),
                            "ttlSweepIntervalMillis",
                            Long.toString(ttlSweepMillis)));
        }

        @Override
        public Integer call() {
            Log log;
            try {
                log = new Log(Log.level(logLevel), System.err);
            } catch (IllegalArgumentException e) {
                System.err.println("floe: unknown log level '" + logLevel + "' (use debug, info, warn, error or off)");
                return 2;
            }
            if (ttlSweepMillis < 1) {
                System.err.println("floe: --ttl-sweep-millis must be at least 1");
                return 2;
            }
            if (tableStatusDelay < 0) {
                System.err.println("floe: --table-status-delay must not be negative");
                return 2;
            }
            ServerConfig serverConfig;
            try {
                serverConfig = serverConfig();
            } catch (IllegalArgumentException e) {
                System.err.println(
                        "floe: --idle-timeout, --header-timeout, --read-timeout and --max-connections must be positive");
                return 2;
            }
            FloeConfig config = config();
            FloeDb db;
            try {
                db = FloeDb.open(config);
            } catch (RuntimeException e) {
                // The backend's message names the directory and says what to do.
                System.err.println("floe: cannot open the store: " + e.getMessage());
                return 1;
            }
            FloeServer server;
            try {
                server = FloeServer.start(db, serverConfig, log);
            } catch (RuntimeException e) {
                db.close();
                String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                System.err.println("floe: cannot listen on " + host + ":" + port + ": " + why);
                return 1;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                log.info("stopping: finishing requests in flight");
                                server.close();
                                db.close();
                                log.info("stopped; the store is closed");
                                stopped.countDown();
                            },
                            "floe-shutdown"));
            Duration startup = ProcessHandle.current()
                    .info()
                    .startInstant()
                    .map(t -> Duration.between(t, Instant.now()))
                    .orElse(Duration.ZERO);
            log.info("FloeDB listening on http://" + host + ":" + server.port() + " with "
                    + (inMemory ? "an in-memory store" : "LMDB in " + data) + ", region " + region
                    + " (started in " + startup.toMillis() + " ms)");
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    /** {@code floe sweep-expired}: asks a running server to delete expired items now. */
    @Command(
            name = "sweep-expired",
            mixinStandardHelpOptions = true,
            description = {
                "Asks a running FloeDB server to delete, now, every item whose Time to Live has passed,",
                "rather than at its next sweep. Prints how many it deleted."
            })
    static final class SweepExpired implements Callable<Integer> {
        @Option(
                names = "--endpoint-url",
                defaultValue = "http://127.0.0.1:8000",
                description = "The server (default: ${DEFAULT-VALUE}).")
        URI endpoint;

        @Override
        public Integer call() {
            String now = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                    .withZone(ZoneOffset.UTC)
                    .format(Instant.now());
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("X-Amz-Target", WireOperations.ADMIN_PREFIX + ".SweepExpiredItems")
                    .header("X-Amz-Date", now)
                    // the server checks the header's shape (its scope's date matching the request's), as DynamoDB does;
                    // an admin call carries no secret
                    .header(
                            "Authorization",
                            "AWS4-HMAC-SHA256 Credential=floe/" + now.substring(0, 8)
                                    + "/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
            try {
                HttpResponse<String> response =
                        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    System.err.println(
                            "floe: " + endpoint + " answered " + response.statusCode() + ": " + response.body());
                    return 1;
                }
                System.out.println(response.body());
                return 0;
            } catch (IOException e) {
                System.err.println("floe: cannot reach " + endpoint + ": " + e);
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }
}
