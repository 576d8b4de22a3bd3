package floe.distribution.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import floe.api.Stability;
import floe.distribution.console.Progress;
import floe.distribution.folder.PluginFolders;
import floe.launcher.PluginDescriptor;
import floe.launcher.PluginException;
import floe.launcher.PluginLauncher;
import floe.launcher.cli.Arguments;
import floe.launcher.cli.Command;
import floe.launcher.cli.Flag;
import floe.spi.plugin.ExtensionPoint;
import floe.spi.plugin.SpiVersion;
import floe.spi.storage.StorageBackendProvider;
import floe.tck.behaviour.FloeBehaviourTck;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Nested;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The {@code floe tck} command, a tool of the home's {@code lib/tools}: runs the
 * compatibility kit on the JUnit Platform, against a storage backend loaded the way the
 * server loads it (a plugin folder in a module layer of its own), or against an endpoint
 * through the AWS SDK.
 */
@Stability(Stability.Level.INTERNAL)
public final class TckTool implements ToolProvider {
    /** For {@link java.util.ServiceLoader}. */
    public TckTool() {}

    @Override
    public String name() {
        return "tck";
    }

    @Override
    public int run(PrintWriter out, PrintWriter err, String... args) {
        return new Command("floe tck", Tck.DESCRIPTION, Tck.FLAGS, (a, o, e) -> {
                    try {
                        return Tck.of(a).call(o, e);
                    } catch (IOException x) {
                        e.println("floe tck: " + x);
                        return 1;
                    }
                })
                .execute(List.of(args), out, err);
    }

    static final class Tck {
        static final List<String> DESCRIPTION = List.of(
                "Runs FloeDB's compatibility kit: the storage and behaviour suites against a storage backend"
                        + " (--backend), or the behaviour suites through the AWS SDK against an endpoint (--endpoint).",
                "Prints what it found, passed, failed and skipped (with reasons) and the failures; exits 0 only"
                        + " when nothing failed.");
        static final List<Flag> FLAGS = List.of(
                Flag.value(
                        "backend",
                        "<dir|zip|jar>",
                        null,
                        "The backend: its plugin folder, a zip of it, or its jar alone."),
                Flag.pairs(
                        "backend-option",
                        "<key>=<value>",
                        "An option the backend is opened with (besides path); repeatable."),
                Flag.value(
                        "provider",
                        "<name>",
                        null,
                        "The storage backend provider to test, when the folder brings several."),
                Flag.value("endpoint", "<url>", null, "A DynamoDB-compatible endpoint to run the wire suites against."),
                Flag.toggle(
                        "destructive",
                        "Required with --endpoint: each test starts by deleting every table of the endpoint."),
                Flag.list(
                        "select",
                        "<suite>[#<test>]",
                        "Runs only this suite (storage, behaviour, or a behaviour suite such as Items,"
                                + " QueryScan, Streams), or one test of it by its method name; repeatable."),
                Flag.value("reports", "<dir>", null, "Writes JUnit XML reports there, one file per suite."));

        Path backend;
        Map<String, String> backendOptions;
        String provider;
        URI endpoint;
        boolean destructive;
        List<String> select;
        Path reports;

        private Tck() {}

        static Tck of(Arguments a) {
            Tck t = new Tck();
            t.backend = a.path("backend");
            t.backendOptions = a.pairs("backend-option");
            t.provider = a.string("provider");
            t.endpoint = a.uri("endpoint");
            t.destructive = a.bool("destructive");
            t.select = a.list("select");
            t.reports = a.path("reports");
            return t;
        }

        int call(PrintWriter out, PrintWriter err) throws IOException {
            if ((backend == null) == (endpoint == null)) {
                err.println("floe tck: give one of --backend <dir|zip|jar> and --endpoint <url>");
                return 2;
            }
            if (endpoint != null && !destructive) {
                err.println("floe tck: the wire suites delete every table of " + endpoint
                        + " before each test; add --destructive to run them there");
                return 2;
            }
            List<DiscoverySelector> selectors = new ArrayList<>();
            List<PostDiscoveryFilter> filters = new ArrayList<>();
            try {
                selection(selectors, filters);
            } catch (IllegalArgumentException e) {
                err.println("floe tck: " + e.getMessage());
                return 2;
            }
            if (endpoint != null) {
                Target.endpoint(endpoint);
                out.println("floe tck: the wire suites against " + endpoint + ", through the AWS SDK");
                return run(selectors, filters, out);
            }
            Path work = Files.createTempDirectory("floe-tck-");
            try {
                PluginDescriptor d;
                try {
                    d = install(backend.toAbsolutePath(), work.resolve("home"));
                } catch (IllegalArgumentException | PluginException e) {
                    err.println("floe tck: " + e.getMessage());
                    return 2;
                }
                try (PluginLauncher plugins = PluginLauncher.builder(work.resolve("home"))
                        .stateDirectory(work.resolve("state"))
                        .build()) {
                    StorageBackendProvider p;
                    try {
                        plugins.start(List.of(d.name()));
                        p = chooseProvider(plugins.providers(ExtensionPoint.STORAGE_BACKEND), d);
                    } catch (IllegalArgumentException | PluginException e) {
                        err.println("floe tck: " + e.getMessage());
                        return 2;
                    }
                    Files.createDirectories(work.resolve("probe"));
                    Target.backend(p, backendOptions, work.resolve("probe"));
                    out.println("floe tck: the storage and behaviour suites on backend " + d.name() + " "
                            + d.version() + " (provider " + p.name() + ", built for SPI " + d.spiVersion()
                            + ", running " + SpiVersion.running() + "), lacking "
                            + Target.current().lacking());
                    return run(selectors, filters, out);
                }
            } finally {
                PluginFolders.delete(work);
            }
        }

        private int run(List<DiscoverySelector> selectors, List<PostDiscoveryFilter> filters, PrintWriter out) {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors)
                    .filters(filters.toArray(PostDiscoveryFilter[]::new))
                    .build();
            Launcher launcher = LauncherFactory.create();
            KitRun run = new KitRun(Progress.on(out));
            launcher.execute(request, run);
            run.summary(out);
            if (reports != null) {
                run.reports(reports);
                out.println("reports in " + reports.toAbsolutePath().normalize());
            }
            if (run.total() == 0) {
                out.println("no test ran: check --select");
                return 1;
            }
            return run.failed() == 0 ? 0 : 1;
        }

        /** The selectors and filters of the --select options; every suite of the mode when none. */
        private void selection(List<DiscoverySelector> selectors, List<PostDiscoveryFilter> filters) {
            Class<?> behaviour = endpoint != null ? EndpointKit.class : BehaviourKit.class;
            if (select.isEmpty()) {
                if (endpoint == null) {
                    selectors.add(selectClass(StorageKit.class));
                }
                selectors.add(selectClass(behaviour));
                return;
            }
            List<String> methods = new ArrayList<>();
            for (String s : select) {
                int hash = s.indexOf('#');
                String suite = hash < 0 ? s : s.substring(0, hash);
                if (hash >= 0) {
                    methods.add(s.substring(hash + 1));
                }
                if (suite.equals("storage") && endpoint == null) {
                    selectors.add(selectClass(StorageKit.class));
                } else if (suite.equals("behaviour") || suite.equals("wire")) {
                    selectors.add(selectClass(behaviour));
                } else {
                    Class<?> nested = suites().stream()
                            .filter(c -> c.getSimpleName().equals(suite))
                            .findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("no suite named '" + suite
                                    + "' to --select; the suites: " + (endpoint == null ? "storage, " : "")
                                    + "behaviour, "
                                    + String.join(
                                            ", ",
                                            suites().stream()
                                                    .map(Class::getSimpleName)
                                                    .toList())));
                    selectors.add(selectNestedClass(List.of(behaviour), nested));
                }
            }
            if (!methods.isEmpty()) {
                Set<String> wanted = Set.copyOf(methods);
                filters.add(descriptor -> descriptor
                                .getSource()
                                .filter(s -> s instanceof MethodSource m && !wanted.contains(m.getMethodName()))
                                .isPresent()
                        ? FilterResult.excluded("not selected")
                        : FilterResult.included("selected"));
            }
        }

        private static List<Class<?>> suites() {
            return Arrays.stream(FloeBehaviourTck.class.getClasses())
                    .filter(c -> c.isAnnotationPresent(Nested.class))
                    .toList();
        }

        /**
         * Installs the backend in {@code home}'s {@code backends/}, as a distribution has it: a
         * folder or a zip is copied, a jar alone gets a descriptor of its module.
         */
        private static PluginDescriptor install(Path given, Path home) throws IOException {
            Path folder;
            if (Files.isDirectory(given)) {
                folder = given;
            } else if (Files.isRegularFile(given) && given.toString().endsWith(".zip")) {
                folder = PluginFolders.unzip(given, home.resolve("unpacked"))
                        .orElseThrow(() -> new IllegalArgumentException(given + " holds no plugin folder (a "
                                + PluginDescriptor.FILE + " at its top or in its one folder)"));
            } else if (Files.isRegularFile(given) && given.toString().endsWith(".jar")) {
                folder = home.resolve("jar");
                Files.createDirectories(folder);
                Files.copy(given, folder.resolve(given.getFileName()));
                Files.writeString(folder.resolve(PluginDescriptor.FILE), descriptorOf(given));
            } else {
                throw new IllegalArgumentException("no backend folder, zip or jar at " + given);
            }
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newBufferedReader(folder.resolve(PluginDescriptor.FILE))) {
                p.load(in);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IllegalArgumentException(given + " has no " + PluginDescriptor.FILE
                        + "; give the backend's plugin folder (or its jar alone)");
            }
            String name = p.getProperty("name", "").strip();
            Path installed = home.resolve("backends").resolve(name.isEmpty() ? "unnamed" : name);
            PluginFolders.copy(folder, installed, () -> {});
            return PluginDescriptor.read(installed, PluginDescriptor.Kind.BACKEND);
        }

        /** A descriptor for a backend's jar alone: named after its module, built for the running SPI. */
        private static String descriptorOf(Path jar) {
            Optional<ModuleReference> module =
                    ModuleFinder.of(jar).findAll().stream().findFirst();
            String moduleName = module.map(m -> m.descriptor().name())
                    .orElseThrow(() -> new IllegalArgumentException(jar + " is no module"));
            String name = moduleName.replaceAll("[^A-Za-z0-9]", "");
            return String.join(
                    "\n",
                    "name=" + name,
                    "version=" + module.get().descriptor().rawVersion().orElse("unknown"),
                    "kind=backend",
                    "module=" + moduleName,
                    "spi.version=" + SpiVersion.running(),
                    "java.version=17",
                    "description=the backend of " + jar.getFileName(),
                    "requires=",
                    "");
        }

        private StorageBackendProvider chooseProvider(Map<String, StorageBackendProvider> found, PluginDescriptor d) {
            if (provider != null) {
                StorageBackendProvider p = found.get(provider);
                if (p == null) {
                    throw new IllegalArgumentException("backend " + d.name() + " has no provider named '" + provider
                            + "'; it has " + found.keySet());
                }
                return p;
            }
            if (found.size() == 1) {
                return found.values().iterator().next();
            }
            if (found.containsKey(d.name())) {
                return found.get(d.name());
            }
            throw new IllegalArgumentException(
                    found.isEmpty()
                            ? "backend " + d.name() + " provides no storage backend (provides floe.spi.storage"
                                    + ".StorageBackendProvider with ... in its module-info)"
                            : "backend " + d.name() + " provides " + found.keySet() + "; choose one with --provider");
        }
    }
}
