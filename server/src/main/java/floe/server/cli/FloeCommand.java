package floe.server.cli;

import floe.api.FloeConfig;
import floe.launcher.Main;
import floe.launcher.PluginException;
import floe.launcher.PluginLauncher;
import floe.launcher.cli.Arguments;
import floe.launcher.cli.Command;
import floe.launcher.cli.Flag;
import floe.launcher.cli.UsageException;
import floe.server.Log;
import floe.server.PluginRow;
import floe.server.auth.Identities;
import floe.server.auth.SecretSeal;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code floe} command: {@code serve}, {@code plugins}, {@code iam}, {@code sweep-expired},
 * {@code backup}, {@code export}, {@code import}, {@code replicas}, the home's tools ({@code dist}, {@code tck}) and {@code help}, each with its flags (see {@link Flag}); usage errors exit with status 2.
 */
public final class FloeCommand {
    static final String VERSION = "FloeDB 0.1.0-SNAPSHOT";

    private FloeCommand() {}

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
        try {
            return dispatch(out, err, args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int dispatch(PrintWriter out, PrintWriter err, String... args) {
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
        List<Command> commands = new java.util.ArrayList<>(List.of(
                new Command("floe serve", Serve.DESCRIPTION, Serve.FLAGS, properties.defaults(), (a, o, e) -> Serve.of(
                                a, properties, home)
                        .call(e)),
                new Command(
                        "floe plugins",
                        Plugins.DESCRIPTION,
                        Plugins.FLAGS,
                        (a, o, e) -> Plugins.run(a.uri("endpoint-url"), home, o, e)),
                new Command(
                        "floe iam",
                        IamCommand.DESCRIPTION,
                        IamCommand.FLAGS,
                        properties.defaults().containsKey("identities")
                                ? Map.of("identities", properties.defaults().get("identities"))
                                : Map.of(),
                        (a, o, e) -> IamCommand.run(a, home, o, e)),
                new Command(
                        "floe sweep-expired",
                        SweepExpired.DESCRIPTION,
                        SweepExpired.FLAGS,
                        (a, o, e) -> SweepExpired.run(a.uri("endpoint-url"), o, e))));
        commands.addAll(TransferCommand.commands());
        commands.add(ReplicasCommand.command());
        if (args.length == 0) {
            err.println("Missing command: try 'floe serve'");
            err.print(usage(commands));
            return 2;
        }
        List<String> rest = List.of(args).subList(1, args.length);
        switch (args[0]) {
            case "-h", "--help" -> {
                out.print(usage(commands));
                return 0;
            }
            case "-V", "--version" -> {
                out.println(VERSION);
                return 0;
            }
            case "help" -> {
                if (rest.isEmpty()) {
                    out.print(usage(commands));
                    return 0;
                }
                if (rest.get(0).equals("backup")) {
                    return BackupCommand.run(List.of("--help"), out, err);
                }
                if (ToolCommand.TOOLS.containsKey(rest.get(0))) {
                    return ToolCommand.run(rest.get(0), home, out, err, "--help");
                }
                return commands.stream()
                        .filter(c -> c.name().equals("floe " + rest.get(0)))
                        .findFirst()
                        .map(c -> c.execute(List.of("--help"), out, err))
                        .orElseGet(() -> unknown(rest.get(0), commands, err));
            }
            default -> {
                if (args[0].equals("backup")) {
                    return BackupCommand.run(rest, out, err);
                }
                if (ToolCommand.TOOLS.containsKey(args[0])) {
                    return ToolCommand.run(args[0], home, out, err, rest.toArray(String[]::new));
                }
                return commands.stream()
                        .filter(c -> c.name().equals("floe " + args[0]))
                        .findFirst()
                        .map(c -> c.execute(rest, out, err))
                        .orElseGet(() -> unknown(args[0], commands, err));
            }
        }
    }

    private static int unknown(String name, List<Command> commands, PrintWriter err) {
        err.println("Unmatched argument: '" + name + "'");
        err.print(usage(commands));
        return 2;
    }

    private static String usage(List<Command> commands) {
        StringBuilder b = new StringBuilder("Usage: floe [-hV] [COMMAND]\n")
                .append("FloeDB, a DynamoDB-compatible database.\n")
                .append("  -h, --help      Show this help message and exit.\n")
                .append("  -V, --version   Print version information and exit.\n")
                .append("Commands:\n");
        for (Command c : commands) {
            b.append(String.format("  %-15s", c.name().substring("floe ".length())))
                    .append(Arguments.wrap(c.description().get(0), 17, 80))
                    .append('\n');
        }
        b.append(String.format("  %-15s", "backup"))
                .append(Arguments.wrap(BackupCommand.SUMMARY, 17, 80))
                .append('\n');
        ToolCommand.TOOLS.forEach((name, description) -> b.append(String.format("  %-15s", name))
                .append(Arguments.wrap(description, 17, 80))
                .append('\n'));
        b.append(String.format("  %-15s%s%n", "help", "Displays help information about the specified command"));
        return b.toString();
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
    static final class Serve {
        static final List<String> DESCRIPTION = List.of(
                "Serves DynamoDB's JSON protocol, so the AWS SDKs and the AWS CLI work against FloeDB.",
                "Stops cleanly on Ctrl-C or SIGTERM: requests in flight finish, then the store closes.");

        /** Where the identities file is, relative to the home (or the working directory without one). */
        static final String IDENTITIES = "conf/identities.properties";

        /** The flags, by their names; each but the repeatable ones is also a key of conf/floe.properties. */
        static final List<Flag> FLAGS = List.of(
                Flag.value("host", "<host>", "127.0.0.1", "Address to listen on (default: ${DEFAULT})."),
                Flag.value("port", "<port>", "8000", "Port to listen on (default: ${DEFAULT}; 0 for any free port)."),
                Flag.value(
                        "data",
                        "<data>",
                        "floe-data",
                        "Directory of the LMDB store, created if missing (default: ./${DEFAULT}). "
                                + "Only one server may use a directory at a time."),
                Flag.value(
                        "object-store-provider",
                        "<name>",
                        "local",
                        "The object store exports go to and imports come from: local, or one a started plugin"
                                + " provides, such as s3 (default: ${DEFAULT})."),
                Flag.pairs(
                        "object-store-option",
                        "<key>=<value>",
                        "An option of a plugin's object store, such as endpoint=http://host:9000 for s3"
                                + " (conf key object-store.<key>); repeatable."),
                Flag.value(
                        "object-store",
                        "<dir>",
                        "",
                        "Directory of the local object store: each folder in it is a bucket (default: objects in"
                                + " the data directory)."),
                Flag.pairs(
                        "export-format-option",
                        "<name>.<key>=<value>",
                        "An option of a plugin's export format, such as parquet.compression=snappy (conf key"
                                + " export-format.<name>.<key>); repeatable."),
                Flag.value(
                        "transfer-items-per-second",
                        "<n>",
                        "0",
                        "The most items per second one export reads or one import writes, beside running on"
                                + " low-priority threads (default: ${DEFAULT}: no bound)."),
                Flag.toggle(
                        "in-memory",
                        "Keep everything in memory instead; nothing survives a restart (--backend memory)."),
                Flag.value(
                        "backend",
                        "<name>",
                        "lmdb",
                        "The storage backend: a folder of the home's backends/ (default: ${DEFAULT})."),
                Flag.pairs(
                        "backend-option",
                        "<key>=<value>",
                        "An option of the backend (conf key backend.<key>); repeatable."),
                Flag.list(
                        "plugin",
                        "<name>",
                        "A plugin to start, from the home's plugins/ (conf key plugins); repeatable."),
                Flag.pairs(
                        "plugin-option",
                        "<name>.<key>=<value>",
                        "An option of a plugin (conf key plugin.<name>.<key>); repeatable."),
                // For the floe script's class-data-sharing training run: starts, answers a few requests of its
                // own, stops.
                Flag.toggle("exit-when-started", "Stop once started.").hide(),
                Flag.value(
                        "region",
                        "<region>",
                        FloeConfig.DEFAULT_REGION,
                        "The default Region: the namespace of the data written before Regions were namespaces,"
                                + " and of requests that sign for none; each Region a request signs for has its own"
                                + " tables, streams, backups and ARNs (default: ${DEFAULT})."),
                Flag.toggle(
                        "shared-namespace",
                        "Serve every Region and account from one namespace, the default Region's, as FloeDB did"
                                + " before Regions were namespaces (conf key shared-namespace=true)."),
                Flag.value(
                        "max-namespaces",
                        "<maxNamespaces>",
                        "256",
                        "The most accounts' Regions the server opens on first use besides the default one; a"
                                + " request signed for a further Region is refused with InvalidSignatureException"
                                + " (default: ${DEFAULT})."),
                Flag.value(
                        "ttl-sweep-millis",
                        "<ttlSweepMillis>",
                        "1000",
                        "How often items whose Time to Live has passed are deleted, in milliseconds "
                                + "(default: ${DEFAULT}; DynamoDB takes days, which suits local development badly)."),
                Flag.value("log-level", "<logLevel>", "info", "debug, info, warn, error or off (default: ${DEFAULT})."),
                Flag.negatable(
                        "throttling",
                        true,
                        "Throttle provisioned tables and indexes to their capacity (and on-demand ones to their"
                                + " maximum), as DynamoDB does; --no-throttling serves every request (default: on)."),
                Flag.value(
                        "table-status-delay",
                        "<millis>",
                        "0",
                        "How long a table stays CREATING, UPDATING or DELETING after a change, so that clients'"
                                + " waiters see the states DynamoDB shows (default: ${DEFAULT}: none)."),
                Flag.value(
                        "idle-timeout",
                        "<millis>",
                        "120000",
                        "Closes a connection with no request on it after this long, as DynamoDB closes idle"
                                + " connections (default: ${DEFAULT}; longer than the SDKs keep an idle pooled"
                                + " connection)."),
                Flag.value(
                        "header-timeout",
                        "<millis>",
                        "20000",
                        "Closes a connection whose request line and headers take longer than this to arrive"
                                + " (default: ${DEFAULT})."),
                Flag.value(
                        "read-timeout",
                        "<millis>",
                        "60000",
                        "Closes a connection whose partly sent request goes this long without a byte"
                                + " (default: ${DEFAULT})."),
                Flag.value(
                        "max-connections",
                        "<maxConnections>",
                        "10000",
                        "The most connections open at once; more are closed as they arrive (default: ${DEFAULT})."),
                Flag.negatable(
                        "auth",
                        false,
                        "Verify every request's SigV4 signature against the access keys of the identities file, as"
                                + " DynamoDB does; off, any well-formed credentials are accepted (default: off;"
                                + " conf key auth=on|off)."),
                Flag.value(
                        "identities",
                        "<file>",
                        IDENTITIES,
                        "The accounts, users and access keys --auth verifies against, re-read when it changes"
                                + " (default: ${DEFAULT}, in the FloeDB home when there is one)."));

        String host;
        int port;
        Path data;
        String objectStoreProvider;
        Map<String, String> objectStoreOptions;
        String objectStore;
        Map<String, String> exportFormatOptions;
        long transferItemsPerSecond;
        boolean inMemory;
        String backend;
        Map<String, String> backendOptions;
        List<String> plugins;
        Map<String, String> pluginOptions;
        boolean exitWhenStarted;
        String region;
        boolean sharedNamespace;
        int maxNamespaces;
        long ttlSweepMillis;
        String logLevel;
        boolean throttling;
        long tableStatusDelay;
        long idleTimeout;
        long headerTimeout;
        long readTimeout;
        int maxConnections;
        boolean auth;
        Path identities;

        /** conf/floe.properties, read before the flags; a flag wins. */
        FloeProperties properties = FloeProperties.NONE;

        /** The FloeDB home, or null on a plain class path. */
        Path home;

        private Serve() {}

        /**
         * The command these arguments ask for.
         *
         * @throws floe.launcher.cli.UsageException if a value does not convert
         */
        static Serve of(Arguments a, FloeProperties properties, Path home) {
            Serve s = new Serve();
            s.properties = properties;
            s.home = home;
            s.host = a.string("host");
            s.port = a.integer("port");
            s.data = a.path("data");
            s.objectStoreProvider = a.string("object-store-provider");
            s.objectStoreOptions = a.pairs("object-store-option");
            s.objectStore = a.string("object-store");
            s.exportFormatOptions = a.pairs("export-format-option");
            s.transferItemsPerSecond = a.longValue("transfer-items-per-second");
            s.inMemory = a.bool("in-memory");
            s.backend = a.string("backend");
            s.backendOptions = a.pairs("backend-option");
            s.plugins = a.list("plugin");
            s.pluginOptions = a.pairs("plugin-option");
            s.exitWhenStarted = a.bool("exit-when-started");
            s.region = a.string("region");
            s.sharedNamespace = a.bool("shared-namespace");
            s.maxNamespaces = a.integer("max-namespaces");
            s.ttlSweepMillis = a.longValue("ttl-sweep-millis");
            s.logLevel = a.string("log-level");
            s.throttling = a.bool("throttling");
            s.tableStatusDelay = a.longValue("table-status-delay");
            s.idleTimeout = a.longValue("idle-timeout");
            s.headerTimeout = a.longValue("header-timeout");
            s.readTimeout = a.longValue("read-timeout");
            s.maxConnections = a.integer("max-connections");
            s.auth = onOff("auth", a.string("auth"));
            Path file = a.path("identities");
            s.identities = home != null && !file.isAbsolute() ? home.resolve(file) : file;
            return s;
        }

        /** A switch's value, as a flag or conf/floe.properties gives it: true or on, false or off. */
        private static boolean onOff(String name, String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "on" -> true;
                case "false", "off" -> false;
                default -> throw new UsageException(name + " is on or off, not '" + value + "'");
            };
        }

        /**
         * Parses {@code args} as {@code floe serve}'s flags over {@code properties}: for tests.
         *
         * @throws floe.launcher.cli.UsageException if they do not parse
         */
        static Serve parse(FloeProperties properties, String... args) {
            return of(Arguments.parse(FLAGS, properties.defaults(), List.of(args)), properties, null);
        }

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
                    .withDataDirectory(backendName().equals("memory") ? null : data)
                    .withIdentities(auth ? identities : null);
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
            Map<String, String> engine = new TreeMap<>(Map.of(
                    "transferItemsPerSecond",
                    Long.toString(transferItemsPerSecond),
                    "throttling",
                    Boolean.toString(throttling),
                    "tableStatusDelayMillis",
                    Long.toString(tableStatusDelay),
                    "ttlSweepIntervalMillis",
                    Long.toString(ttlSweepMillis)));
            engine.putAll(transferOptions());
            if (sharedNamespace) {
                engine.put("sharedNamespace", "true");
            }
            engine.put("maxNamespaces", Integer.toString(maxNamespaces));
            return new FloeConfig(name, options, region, FloeConfig.DEFAULT_ACCOUNT, Clock.systemUTC())
                    .withEngineOptions(engine);
        }

        /**
         * The engine options of exports and imports: the store's provider and its options, and
         * the export formats' options. The local store has one option, its directory, given only
         * by --object-store; a plugin's store takes its options only from --object-store-option,
         * so that each setting has one way to be given.
         *
         * @throws IllegalArgumentException when a setting is given to the store that does not take it
         */
        Map<String, String> transferOptions() {
            Map<String, String> engine = new TreeMap<>();
            String provider = objectStoreProvider.trim();
            if (provider.isEmpty()) {
                throw new IllegalArgumentException("--object-store-provider must name an object store");
            }
            Map<String, String> storeOptions = new TreeMap<>(properties.prefixed("object-store."));
            storeOptions.putAll(objectStoreOptions);
            engine.put("objectStore", provider);
            if (provider.equals("local")) {
                if (!storeOptions.isEmpty()) {
                    throw new IllegalArgumentException("the local object store takes no options "
                            + storeOptions.keySet() + ": its directory is --object-store <dir>");
                }
                engine.put(
                        "objectStore.root",
                        objectStore.isEmpty() ? data.resolve("objects").toString() : objectStore);
            } else {
                if (!objectStore.isEmpty()) {
                    throw new IllegalArgumentException("--object-store <dir> is the local object store's directory;"
                            + " the " + provider + " object store takes its options from --object-store-option");
                }
                storeOptions.forEach((k, v) -> engine.put("objectStore." + k, v));
            }
            Map<String, String> formats = new TreeMap<>(properties.prefixed("export-format."));
            formats.putAll(exportFormatOptions);
            formats.forEach((nameAndKey, value) -> {
                int dot = nameAndKey.indexOf('.');
                if (dot <= 0 || dot == nameAndKey.length() - 1) {
                    throw new IllegalArgumentException(
                            "an export format option is <name>.<key>=<value>, not '" + nameAndKey + "=" + value + "'");
                }
                engine.put("exportFormat." + nameAndKey, value);
            });
            return engine;
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
        private Extensions extensions(RuntimeSettings settings, Log log) {
            boolean layers = FloePlugin.class.getModule().isNamed() && home != null;
            if (!layers) {
                if (!settings.plugins().isEmpty()) {
                    throw new PluginException("plugins " + settings.plugins()
                            + " need a FloeDB home on the module path (start FloeDB with the floe script)");
                }
                return new ClassPathExtensions();
            }
            PluginLauncher.Builder builder = PluginLauncher.builder(home)
                    .loggers(log::logger)
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

        /** Runs the server until it is stopped; returns the exit status. Errors before it starts go to {@code err}. */
        int call(PrintWriter err) {
            Log log;
            try {
                log = new Log(Log.level(logLevel), System.err);
            } catch (IllegalArgumentException e) {
                err.println("floe: unknown log level '" + logLevel + "' (use debug, info, warn, error or off)");
                return 2;
            }
            if (ttlSweepMillis < 1) {
                err.println("floe: --ttl-sweep-millis must be at least 1");
                return 2;
            }
            if (tableStatusDelay < 0) {
                err.println("floe: --table-status-delay must not be negative");
                return 2;
            }
            if (auth) {
                // Read once here so that a missing or wrong file is a one-line error, not a failure to listen.
                try {
                    Identities.read(identities, SecretSeal.KEEP_SEALED);
                } catch (IOException e) {
                    err.println("floe: --auth needs an identities file: cannot read " + identities + " ("
                            + e.getClass().getSimpleName() + ")");
                    return 2;
                } catch (IllegalArgumentException e) {
                    err.println("floe: " + e.getMessage());
                    return 2;
                }
            }
            RuntimeSettings settings;
            try {
                settings = settings();
            } catch (IllegalArgumentException e) {
                err.println("floe: " + e.getMessage());
                return 2;
            }
            // The phases of a start, at debug level (the log's timestamps), for who profiles it.
            log.debug("start: flags read");
            FloeRuntime runtime;
            try {
                Extensions extensions = extensions(settings, log);
                log.debug("start: backend and plugins started");
                runtime = FloeRuntime.start(settings, log, extensions);
            } catch (PluginException | StartupException e) {
                err.println("floe: " + e.getMessage());
                return 1;
            }
            if (exitWhenStarted) {
                try {
                    rehearse(runtime.port());
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
                    + (auth ? ", SigV4 verified" : "")
                    + " (started in " + startup.toMillis() + " ms)");
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    /**
     * For the training run: a health check and a table's life over plain sockets, so that
     * the classes a first request of each common kind loads go into the archive.
     */
    private static void rehearse(int port) {
        String table = "{\"TableName\":\"floe-training\"";
        String key = "\"Key\":{\"id\":{\"S\":\"a\"}}";
        String[][] calls = {
            {"ListTables", "{}"},
            {
                "CreateTable",
                table + ",\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}],"
                        + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}],"
                        + "\"BillingMode\":\"PAY_PER_REQUEST\"}"
            },
            {"PutItem", table + ",\"Item\":{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"}}}"},
            {"GetItem", table + "," + key + "}"},
            {
                "UpdateItem",
                table + "," + key + ",\"UpdateExpression\":\"SET n = n + :one\","
                        + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}"
            },
            {
                "Query",
                table + ",\"KeyConditionExpression\":\"id = :id\","
                        + "\"ExpressionAttributeValues\":{\":id\":{\"S\":\"a\"}}}"
            },
            {"Scan", table + "}"},
            {"DeleteItem", table + "," + key + "}"},
            {"DeleteTable", table + "}"}
        };
        send(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        for (String[] call : calls) {
            byte[] body = call[1].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            send(
                    port,
                    "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                            + "Content-Type: application/x-amz-json-1.0\r\n"
                            + "X-Amz-Target: DynamoDB_20120810." + call[0] + "\r\n"
                            + "X-Amz-Date: 20260101T000000Z\r\n"
                            + "Authorization: AWS4-HMAC-SHA256 Credential=training/20260101/us-east-1/dynamodb/"
                            + "aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n" + call[1]);
        }
    }

    private static void send(int port, String request) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            System.err.println("floe: the training request failed: " + e);
        }
    }

    /** {@code floe plugins}: the installed backends and plugins, or those of a running server. */
    /** {@code floe plugins}: the installed backends and plugins, or those of a running server. */
    static final class Plugins {
        static final List<String> DESCRIPTION =
                List.of("Lists the backends and plugins installed in this FloeDB home (name, kind, version, the SPI"
                        + " version each was built for, state); with --endpoint-url, those of a running server.");
        static final List<Flag> FLAGS = List.of(Flag.value(
                "endpoint-url",
                "<endpoint>",
                null,
                "A running server to ask, such as http://127.0.0.1:8000 (default: this home's folders)."));

        private Plugins() {}

        /** Lists them; {@code home} is null on a plain class path. */
        static int run(URI endpoint, Path home, PrintWriter out, PrintWriter err) {
            List<PluginRow> rows;
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
                                    ? new PluginRow(r.name(), r.kind(), r.version(), r.spiVersion(), "installed")
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
    /** {@code floe sweep-expired}: asks a running server to delete expired items now. */
    static final class SweepExpired {
        static final List<String> DESCRIPTION = List.of(
                "Asks a running FloeDB server to delete, now, every item whose Time to Live has passed,"
                        + " rather than at its next sweep.",
                "Prints how many it deleted.");
        static final List<Flag> FLAGS = List.of(
                Flag.value("endpoint-url", "<endpoint>", "http://127.0.0.1:8000", "The server (default: ${DEFAULT})."));

        private SweepExpired() {}

        /** Asks {@code endpoint}. */
        static int run(URI endpoint, PrintWriter out, PrintWriter err) {
            HttpRequest request = AdminCalls.request(endpoint, "SweepExpiredItems", Duration.ofMinutes(10));
            try {
                HttpResponse<String> response =
                        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    err.println("floe: " + endpoint + " answered " + response.statusCode() + ": " + response.body());
                    return 1;
                }
                out.println(response.body());
                return 0;
            } catch (IOException e) {
                err.println("floe: cannot reach " + endpoint + ": " + e);
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }
}
