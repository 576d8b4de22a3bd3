package floe.server.cli;

import floe.api.FloeConfig;
import floe.launcher.Main;
import floe.launcher.PluginException;
import floe.launcher.PluginLauncher;
import floe.server.InstalledPlugins;
import floe.server.Log;
import floe.server.http.ServerConfig;
import floe.server.runtime.ClassPathExtensions;
import floe.server.runtime.Extensions;
import floe.server.runtime.FloeRuntime;
import floe.server.runtime.LauncherExtensions;
import floe.server.runtime.RuntimeSettings;
import floe.server.runtime.StartupException;
import floe.spi.plugin.FloePlugin;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        subcommands = {
            FloeCommand.Serve.class,
            FloeCommand.Plugins.class,
            FloeCommand.SweepExpired.class,
            BackupCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FloeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'floe serve'");
    }

    /**
     * Runs the command on the class path (embedded, or in tests): the home, if any, is the
     * system property {@code floe.home}.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command with {@code args}; returns its exit status. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        Path home = home();
        FloeProperties properties;
        try {
            properties = home == null
                    ? FloeProperties.NONE
                    : FloeProperties.read(home.resolve("conf").resolve("floe.properties"));
        } catch (IllegalArgumentException e) {
            err.println("floe: " + e.getMessage());
            return 2;
        }
        CommandLine cli = new CommandLine(new FloeCommand()).setOut(out).setErr(err);
        CommandLine serve = cli.getSubcommands().get("serve");
        serve.setDefaultValueProvider(properties.defaults());
        Serve command = serve.getCommand();
        command.properties = properties;
        command.home = home;
        Plugins plugins = cli.getSubcommands().get("plugins").getCommand();
        plugins.home = home;
        return cli.execute(args);
    }

    /**
     * The FloeDB home: on the module path, where the launcher was started from; on the class
     * path, the system property {@code floe.home} if set, else none.
     */
    static Path home() {
        if (FloePlugin.class.getModule().isNamed()) {
            try {
                return Main.home();
            } catch (PluginException e) {
                return null;
            }
        }
        String property = System.getProperty("floe.home");
        return property == null ? null : Path.of(property);
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

        @Option(
                names = "--in-memory",
                description = "Keep everything in memory instead; nothing survives a restart (--backend memory).")
        boolean inMemory;

        @Option(
                names = "--backend",
                defaultValue = "lmdb",
                paramLabel = "<name>",
                description = "The storage backend: a folder of the home's backends/ (default: ${DEFAULT-VALUE}).")
        String backend;

        @Option(
                names = "--backend-option",
                paramLabel = "<key>=<value>",
                description = "An option of the backend (conf key backend.<key>); repeatable.")
        Map<String, String> backendOptions = new LinkedHashMap<>();

        @Option(
                names = "--plugin",
                paramLabel = "<name>",
                description = "A plugin to start, from the home's plugins/ (conf key plugins); repeatable.")
        List<String> plugins = new ArrayList<>();

        @Option(
                names = "--plugin-option",
                paramLabel = "<name>.<key>=<value>",
                description = "An option of a plugin (conf key plugin.<name>.<key>); repeatable.")
        Map<String, String> pluginOptions = new LinkedHashMap<>();

        /**
         * For the floe script's class-data-sharing training run: starts, answers one request
         * of its own, stops.
         */
        @Option(names = "--exit-when-started", hidden = true)
        boolean exitWhenStarted;

        /** conf/floe.properties, read before the flags; a flag wins. */
        FloeProperties properties = FloeProperties.NONE;

        /** The FloeDB home, or null on a plain class path. */
        Path home;

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
            ServerConfig.Timeouts timeouts;
            try {
                timeouts = new ServerConfig.Timeouts(headerTimeout, readTimeout, idleTimeout, maxConnections);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--idle-timeout, --header-timeout, --read-timeout and --max-connections must be positive");
            }
            return ServerConfig.of(host, port)
                    .withRegion(region)
                    .withTimeouts(timeouts)
                    .withDataDirectory(backendName().equals("memory") ? null : data);
        }

        /** The backend these flags ask for: {@code memory} with --in-memory. */
        String backendName() {
            return inMemory ? "memory" : backend;
        }

        /** The database's configuration these flags (and conf/floe.properties) ask for. */
        FloeConfig config() {
            String name = backendName();
            Map<String, String> options = new TreeMap<>();
            if (!name.equals("memory")) {
                options.put("path", data.toString());
            }
            options.putAll(properties.backendOptions());
            options.putAll(backendOptions);
            return new FloeConfig(name, options, region, FloeConfig.DEFAULT_ACCOUNT, Clock.systemUTC())
                    .withEngineOptions(Map.of(
                            "throttling",
                            Boolean.toString(throttling),
                            "tableStatusDelayMillis",
                            Long.toString(tableStatusDelay),
                            "ttlSweepIntervalMillis",
                            Long.toString(ttlSweepMillis)));
        }

        /** Everything the runtime is started with. */
        RuntimeSettings settings() {
            LinkedHashSet<String> names = new LinkedHashSet<>(properties.plugins());
            names.addAll(plugins);
            Map<String, String> flat = new TreeMap<>(properties.pluginOptions());
            flat.putAll(pluginOptions);
            Map<String, Map<String, String>> byPlugin = new TreeMap<>();
            flat.forEach((nameAndKey, value) -> {
                int dot = nameAndKey.indexOf('.');
                if (dot <= 0 || dot == nameAndKey.length() - 1) {
                    throw new IllegalArgumentException(
                            "a plugin option is <name>.<key>=<value>, not '" + nameAndKey + "=" + value + "'");
                }
                byPlugin.computeIfAbsent(nameAndKey.substring(0, dot), k -> new TreeMap<>())
                        .put(nameAndKey.substring(dot + 1), value);
            });
            return new RuntimeSettings(
                    config(),
                    serverConfig(),
                    List.copyOf(names),
                    byPlugin,
                    backendName().equals("memory") ? null : data.resolve("plugin-state"));
        }

        /**
         * The backend and plugins: from the home's folders, each started in its layer, when
         * FloeDB runs on the module path; else the class path's providers.
         */
        private Extensions extensions(RuntimeSettings settings) {
            boolean layers = FloePlugin.class.getModule().isNamed() && home != null;
            if (!layers) {
                if (!settings.plugins().isEmpty()) {
                    throw new PluginException("plugins " + settings.plugins()
                            + " need a FloeDB home on the module path (start FloeDB with the floe script)");
                }
                return new ClassPathExtensions();
            }
            PluginLauncher.Builder builder = PluginLauncher.builder(home)
                    .stateDirectory(settings.stateDirectory())
                    .clock(settings.config().clock());
            settings.pluginOptions().forEach(builder::options);
            PluginLauncher launcher = builder.build();
            List<String> requested = new ArrayList<>();
            requested.add(settings.config().backend());
            requested.addAll(settings.plugins());
            try {
                launcher.start(requested);
            } catch (RuntimeException e) {
                launcher.close();
                throw e;
            }
            return new LauncherExtensions(launcher);
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
            RuntimeSettings settings;
            try {
                settings = settings();
            } catch (IllegalArgumentException e) {
                System.err.println("floe: " + e.getMessage());
                return 2;
            }
            FloeRuntime runtime;
            try {
                runtime = FloeRuntime.start(settings, log, extensions(settings));
            } catch (PluginException | StartupException e) {
                System.err.println("floe: " + e.getMessage());
                return 1;
            }
            if (exitWhenStarted) {
                try {
                    askHealth(runtime.port());
                } finally {
                    runtime.close();
                }
                return 0;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                log.info("stopping: finishing requests in flight");
                                runtime.close();
                                log.info("stopped; the store is closed");
                                stopped.countDown();
                            },
                            "floe-shutdown"));
            Duration startup = ProcessHandle.current()
                    .info()
                    .startInstant()
                    .map(t -> Duration.between(t, Instant.now()))
                    .orElse(Duration.ZERO);
            String name = backendName();
            String store = name.equals("memory")
                    ? "an in-memory store"
                    : (name.equals("lmdb") ? "LMDB" : "backend " + name) + " in " + data;
            log.info("FloeDB listening on http://" + host + ":" + runtime.port() + " with " + store + ", region "
                    + region + (settings.plugins().isEmpty() ? "" : ", plugins " + settings.plugins())
                    + " (started in " + startup.toMillis() + " ms)");
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    /** One health check over a plain socket: the classes a first request loads, for the training run. */
    private static void askHealth(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            System.err.println("floe: the health check failed: " + e);
        }
    }

    /** {@code floe plugins}: the installed backends and plugins, or those of a running server. */
    @Command(
            name = "plugins",
            mixinStandardHelpOptions = true,
            description = {
                "Lists the backends and plugins installed in this FloeDB home (name, kind, version, the SPI",
                "version each was built for, state); with --endpoint-url, those of a running server."
            })
    static final class Plugins implements Callable<Integer> {
        @Option(
                names = "--endpoint-url",
                description = "A running server to ask, such as http://127.0.0.1:8000 (default: this home's folders).")
        URI endpoint;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** The FloeDB home, or null on a plain class path. */
        Path home;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<InstalledPlugins.Row> rows;
            if (endpoint != null) {
                try {
                    rows = AdminCalls.ask(endpoint);
                } catch (IOException | RuntimeException e) {
                    err.println("floe: " + e.getMessage());
                    return 1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            } else {
                if (home == null) {
                    err.println("floe: no FloeDB home (run the floe script, or set floe.home)");
                    return 1;
                }
                try (PluginLauncher launcher = PluginLauncher.builder(home).build()) {
                    rows = LauncherExtensions.rows(launcher).stream()
                            .map(r -> r.state().equals("not requested")
                                    ? new InstalledPlugins.Row(
                                            r.name(), r.kind(), r.version(), r.spiVersion(), "installed")
                                    : r)
                            .toList();
                } catch (PluginException e) {
                    err.println("floe: " + e.getMessage());
                    return 1;
                }
            }
            out.print(AdminCalls.table(rows));
            out.flush();
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
            HttpRequest request = AdminCalls.request(endpoint, "SweepExpiredItems", Duration.ofMinutes(10));
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
