package floe.launcher;

import floe.api.Stability;
import floe.launcher.PluginDescriptor.Kind;
import floe.spi.plugin.ExtensionPoint;
import floe.spi.plugin.FloePlugin;
import floe.spi.plugin.SpiVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The plugin runtime of one FloeDB home: finds the backends ({@code backends/<name>/}) and
 * plugins ({@code plugins/<name>/}) installed there, starts those asked for, hands out the
 * providers they bring, and stops them.
 *
 * <pre>{@code
 * try (PluginLauncher plugins = PluginLauncher.builder(home).stateDirectory(data.resolve("plugins")).build()) {
 *     plugins.start(List.of("lmdb", "kms"));   // in dependency order; a failure stops startup
 *     StorageBackendProvider lmdb = plugins.provider(ExtensionPoint.STORAGE_BACKEND, "lmdb");
 *     ...
 * }                                            // stops them, in reverse order
 * }</pre>
 *
 * <p>{@link Builder#build()} reads and checks every descriptor: an error in any folder is an
 * error of the home. Nothing of a plugin loads before {@link #start}, and only for the plugins
 * asked for and those they require: their SPI and Java versions are checked first, then each
 * gets a module layer of its own, parented by the layer of {@code floe.spi} (the boot layer)
 * and the layers of the plugins it requires, with one class loader for all the modules of its
 * folder; then the plugins start, in dependency order. Every call into a plugin (its start
 * and stop, its providers and what they return) runs with the plugin's class loader as the
 * thread's context class loader. Thread-safe.
 */
@Stability(Stability.Level.INTERNAL)
public final class PluginLauncher implements AutoCloseable {
    private final Path home;
    private final Function<String, System.Logger> loggers;
    private final System.Logger log;
    private final Path stateDirectory;
    private final Clock clock;
    private final Map<String, Map<String, String>> options;
    private final Map<String, PluginDescriptor> installed;
    private final Map<String, PluginStatus> status = new HashMap<>();
    /** The plugins loaded, in start order. */
    private final List<LoadedPlugin> loaded = new ArrayList<>();

    private final Map<ExtensionPoint<?>, Map<String, ?>> providers = new HashMap<>();
    private boolean startCalled;
    private boolean closed;

    private PluginLauncher(Builder b, Map<String, PluginDescriptor> installed) {
        this.home = b.home;
        this.loggers = b.loggers;
        this.log = b.loggers.apply("floe.launcher");
        this.stateDirectory = b.stateDirectory;
        this.clock = b.clock;
        this.options = Map.copyOf(b.options);
        this.installed = installed;
        installed.keySet().forEach(name -> status.put(name, new PluginStatus.NotRequested()));
    }

    /** A launcher for the FloeDB home {@code home}. */
    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /** The home whose {@code backends/} and {@code plugins/} folders this launcher reads. */
    public Path home() {
        return home;
    }

    /**
     * Starts the plugins named, and the plugins they require, in dependency order (those
     * required first). Called once. Plugins installed but neither named nor required are
     * reported and left stopped.
     *
     * @param requested names of backends and plugins
     * @throws PluginException {@code plugin [x] failed to start: <cause>} if one of them is not
     *     installed, or fails its checks, to load or to start; those started before are stopped
     */
    public synchronized void start(Collection<String> requested) {
        if (startCalled || closed) {
            throw new IllegalStateException(closed ? "the launcher is closed" : "start was called already");
        }
        startCalled = true;
        List<PluginDescriptor> order = startOrder(requested);
        for (PluginDescriptor d : order) {
            status.put(d.name(), new PluginStatus.Stopped());
        }
        for (PluginDescriptor d : order) {
            try {
                checkVersions(d);
                List<ModuleLayer> parents = new ArrayList<>();
                parents.add(hostLayer());
                for (String required : d.requires()) {
                    parents.add(find(required).layer());
                }
                LoadedPlugin plugin = LoadedPlugin.load(
                        d,
                        parents,
                        new LauncherContext(
                                d.name(),
                                options.getOrDefault(d.name(), Map.of()),
                                clock,
                                stateDirectory,
                                loggers.apply("floe.plugin." + d.name())));
                loaded.add(plugin);
                plugin.start();
                status.put(d.name(), new PluginStatus.Started());
                log.log(
                        System.Logger.Level.INFO,
                        "plugin [" + d.name() + "] " + d.version() + " started ("
                                + d.kind().label() + ")");
            } catch (Exception | ServiceConfigurationError | LinkageError e) {
                String cause = PluginException.describe(e);
                status.put(d.name(), new PluginStatus.Failed(cause));
                if (!loaded.isEmpty() && loaded.get(loaded.size() - 1).descriptor() == d) {
                    loaded.remove(loaded.size() - 1); // it did not start: nothing to stop
                }
                stopAll();
                throw PluginException.failedToStart(d.name(), cause, e);
            }
        }
        for (PluginDescriptor d : installed.values()) {
            if (status.get(d.name()) instanceof PluginStatus.NotRequested) {
                log.log(
                        System.Logger.Level.INFO,
                        "plugin [" + d.name() + "] is installed (" + d.folder() + ") but not requested: left stopped");
            }
        }
    }

    /**
     * The providers of {@code point} the started plugins bring (declared with {@code provides}
     * or registered in their start), by name. Each is seen through {@code point}'s interface,
     * with its plugin's class loader as context class loader on every call.
     *
     * @throws PluginException if two are named alike, or one cannot be created
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized <P> Map<String, P> providers(ExtensionPoint<P> point) {
        Objects.requireNonNull(point, "point");
        if (closed) {
            throw new IllegalStateException("the launcher is closed: its plugins are stopped");
        }
        @SuppressWarnings("unchecked")
        Map<String, P> known = (Map<String, P>) providers.get(point);
        if (known != null) {
            return known;
        }
        Map<String, P> byName = new TreeMap<>();
        Map<String, String> pluginOf = new HashMap<>();
        for (LoadedPlugin plugin : loaded) {
            String name = plugin.descriptor().name();
            List<LoadedPlugin.Named<P>> found;
            try {
                found = plugin.providers(point);
            } catch (Exception | ServiceConfigurationError | LinkageError e) {
                throw new PluginException(
                        "plugin [" + name + "] failed to provide its " + point + "s: " + PluginException.describe(e),
                        e);
            }
            for (LoadedPlugin.Named<P> p : found) {
                String other = pluginOf.putIfAbsent(p.name(), name);
                if (other != null) {
                    throw new PluginException("two " + point + "s are named '" + p.name() + "': one of plugin [" + other
                            + "] and one of plugin [" + name + "]; remove one of them");
                }
                byName.put(p.name(), p.provider());
            }
        }
        Map<String, P> result = Collections.unmodifiableMap(byName);
        providers.put(point, result);
        return result;
    }

    /**
     * The provider of {@code point} named {@code name}.
     *
     * @throws PluginException if no started plugin brings one of that name
     */
    public <P> P provider(ExtensionPoint<P> point, String name) {
        Map<String, P> byName = providers(point);
        P p = byName.get(name);
        if (p == null) {
            throw new PluginException("no " + point + " is named '" + name + "'; the started plugins bring "
                    + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet()))
                    + " (is the plugin that brings it installed and requested?)");
        }
        return p;
    }

    /** Every installed backend and plugin with its status: backends first, each kind by name. */
    public synchronized List<PluginInfo> plugins() {
        return installed.values().stream()
                .sorted((a, b) -> a.kind() != b.kind()
                        ? a.kind().compareTo(b.kind())
                        : a.name().compareTo(b.name()))
                .map(d -> new PluginInfo(d, status.get(d.name())))
                .toList();
    }

    /** Stops the started plugins, in the reverse of their start order. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stopAll();
        }
    }

    /** The layer of a started plugin: for tests. */
    synchronized ModuleLayer layer(String name) {
        return find(name).layer();
    }

    private LoadedPlugin find(String name) {
        return loaded.stream()
                .filter(p -> p.descriptor().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("plugin [" + name + "] is not loaded"));
    }

    private void stopAll() {
        providers.clear();
        while (!loaded.isEmpty()) {
            LoadedPlugin plugin = loaded.remove(loaded.size() - 1);
            String name = plugin.descriptor().name();
            try {
                plugin.stop();
                status.put(name, new PluginStatus.Stopped());
            } catch (Exception | LinkageError e) {
                status.put(name, new PluginStatus.Failed("failed to stop: " + PluginException.describe(e)));
                log.log(System.Logger.Level.WARNING, "plugin [" + name + "] failed to stop", e);
            }
        }
    }

    /** The requested plugins and those they require, required ones first; checks that all are installed. */
    private List<PluginDescriptor> startOrder(Collection<String> requested) {
        List<PluginDescriptor> order = new ArrayList<>();
        for (String name : new TreeSet<>(requested)) {
            PluginDescriptor d = installed.get(name);
            if (d == null) {
                throw PluginException.failedToStart(
                        name,
                        "it is not installed (no folder "
                                + home.resolve("backends").resolve(name) + " nor "
                                + home.resolve("plugins").resolve(name)
                                + "); install it, or stop asking for it",
                        null);
            }
            visit(d, order);
        }
        return order;
    }

    private void visit(PluginDescriptor d, List<PluginDescriptor> order) {
        if (order.contains(d)) {
            return;
        }
        // The home was checked for cycles and missing requirements when it was read.
        for (String required : d.requires()) {
            visit(installed.get(required), order);
        }
        order.add(d);
    }

    /** Before any class of the plugin loads. */
    private static void checkVersions(PluginDescriptor d) {
        SpiVersion running = SpiVersion.running();
        if (!running.runs(d.spiVersion())) {
            throw new PluginException("it was built for SPI " + d.spiVersion() + " but this FloeDB runs SPI " + running
                    + " (it runs plugins built for SPI " + running.major() + ".0 up to " + running
                    + "); install a build of "
                    + d.name() + " for SPI " + running);
        }
        int java = Runtime.version().feature();
        if (d.javaVersion() > java) {
            throw new PluginException("it needs Java " + d.javaVersion() + " and this is Java " + java
                    + "; run FloeDB on Java " + d.javaVersion() + " or newer");
        }
    }

    /** The layer of floe.spi, parent of every plugin's layer: the boot layer when FloeDB runs on the module path. */
    private static ModuleLayer hostLayer() {
        Module spi = FloePlugin.class.getModule();
        if (!spi.isNamed()) {
            throw new PluginException("floe.spi is on the class path; plugins need it on the module path, in a named"
                    + " module their layers can read (run FloeDB with floe-api and floe-spi on --module-path)");
        }
        return spi.getLayer();
    }

    /** Reads and checks a home: every descriptor, unique names, requirements present and free of cycles. */
    static Map<String, PluginDescriptor> scan(Path home) {
        Map<String, PluginDescriptor> byName = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            Path dir = home.resolve(kind.label() + "s");
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> folders;
            try (Stream<Path> list = Files.list(dir)) {
                folders = list.filter(Files::isDirectory)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir + ": " + PluginException.describe(e), e);
            }
            for (Path folder : folders) {
                PluginDescriptor d = PluginDescriptor.read(folder, kind);
                PluginDescriptor other = byName.putIfAbsent(d.name(), d);
                if (other != null) {
                    throw PluginException.folder(
                            folder,
                            "the name '" + d.name() + "' is taken by " + other.folder()
                                    + "; remove one of the two folders");
                }
            }
        }
        for (PluginDescriptor d : byName.values()) {
            for (String required : d.requires()) {
                if (!byName.containsKey(required)) {
                    throw PluginException.folder(
                            d.folder(),
                            "requires '" + required + "', which is not installed;" + " install " + required
                                    + " under plugins/ or backends/, or remove it from requires");
                }
            }
        }
        Map<String, Integer> done = new HashMap<>();
        for (PluginDescriptor d : byName.values()) {
            checkCycles(d, byName, done, new ArrayDeque<>());
        }
        return byName;
    }

    private static void checkCycles(
            PluginDescriptor d, Map<String, PluginDescriptor> byName, Map<String, Integer> done, Deque<String> path) {
        if (done.containsKey(d.name())) {
            return;
        }
        if (path.contains(d.name())) {
            List<String> cycle = new ArrayList<>(path);
            Collections.reverse(cycle);
            cycle = new ArrayList<>(cycle.subList(cycle.indexOf(d.name()), cycle.size()));
            cycle.add(d.name());
            throw PluginException.folder(
                    byName.get(cycle.get(0)).folder(),
                    "requires form a cycle (" + String.join(" -> ", cycle) + "); remove one of these requirements");
        }
        path.push(d.name());
        for (String required : d.requires()) {
            checkCycles(byName.get(required), byName, done, path);
        }
        path.pop();
        done.put(d.name(), 1);
    }

    /** Where a launcher reads its home and keeps plugin state, and what it gives plugins. */
    @Stability(Stability.Level.INTERNAL)
    public static final class Builder {
        private final Path home;
        private Path stateDirectory;
        private Clock clock = Clock.systemUTC();
        private Function<String, System.Logger> loggers = System::getLogger;
        private final Map<String, Map<String, String>> options = new HashMap<>();

        private Builder(Path home) {
            this.home = Objects.requireNonNull(home, "home");
        }

        /**
         * Where plugins keep their durable state, one file each ({@code <name>.properties}):
         * under the data directory, not in a storage backend, since plugins start before it
         * opens. Without one, a plugin asking for its state fails.
         */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = directory;
            return this;
        }

        /** The clock plugins are given; the system's UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where the launcher ({@code floe.launcher}) and each plugin ({@code floe.plugin.<name>})
         * log: a logger by name; {@link System#getLogger} by default. A server passes its own
         * log, so that plugins' lines join its lines.
         */
        public Builder loggers(Function<String, System.Logger> loggers) {
            this.loggers = Objects.requireNonNull(loggers, "loggers");
            return this;
        }

        /** The options of plugin {@code name}, replacing any given before. */
        public Builder options(String name, Map<String, String> pluginOptions) {
            options.put(name, Map.copyOf(pluginOptions));
            return this;
        }

        /**
         * Takes the plugins' options from FloeDB's configuration: each entry
         * {@code plugin.<name>.<key>=<value>} is option {@code key} of plugin {@code name}.
         * Other entries are ignored.
         */
        public Builder configuration(Map<String, String> configuration) {
            configuration.forEach((key, value) -> {
                if (key.startsWith("plugin.")) {
                    int dot = key.indexOf('.', "plugin.".length());
                    if (dot > 0 && dot < key.length() - 1) {
                        String name = key.substring("plugin.".length(), dot);
                        Map<String, String> merged = new TreeMap<>(options.getOrDefault(name, Map.of()));
                        merged.put(key.substring(dot + 1), value);
                        options.put(name, Map.copyOf(merged));
                    }
                }
            });
            return this;
        }

        /**
         * Reads and checks every descriptor of the home. Loads no class of any plugin.
         *
         * @throws PluginException naming the folder in error, what is wrong and what to do
         */
        public PluginLauncher build() {
            return new PluginLauncher(this, scan(home));
        }
    }

    @Override
    public String toString() {
        return "PluginLauncher[" + home + ": " + String.join(", ", installed.keySet()) + "]";
    }
}
