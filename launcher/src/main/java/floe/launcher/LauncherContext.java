package floe.launcher;

import floe.spi.plugin.ExtensionPoint;
import floe.spi.plugin.PluginContext;
import floe.spi.plugin.PluginState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The context one plugin is given: its options, logger, clock, registrations and state. */
final class LauncherContext implements PluginContext {
    private final String plugin;
    private final Map<String, String> options;
    private final Clock clock;
    private final Path stateDirectory;
    private final System.Logger logger;
    private final List<Registration<?>> registrations = new ArrayList<>();
    private boolean starting = true;
    private PluginState state;

    /** A provider a plugin registered, with the extension point it came through. */
    record Registration<P>(ExtensionPoint<P> point, String name, P provider) {}

    LauncherContext(
            String plugin, Map<String, String> options, Clock clock, Path stateDirectory, System.Logger logger) {
        this.plugin = plugin;
        this.options = Map.copyOf(options);
        this.clock = clock;
        this.stateDirectory = stateDirectory;
        this.logger = logger;
    }

    @Override
    public Map<String, String> options() {
        return options;
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized <P> void register(ExtensionPoint<P> point, P provider) {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(provider, "provider");
        if (!starting) {
            throw new IllegalStateException("plugin [" + plugin + "] registers a " + point
                    + " after its start returned; register providers in FloePlugin.start");
        }
        registrations.add(new Registration<>(point, point.nameOf(provider), provider));
    }

    @Override
    public synchronized PluginState state() {
        if (stateDirectory == null) {
            throw new IllegalStateException(
                    "FloeDB runs without a data directory: plugin [" + plugin + "] has no durable state");
        }
        if (state == null) {
            state = FilePluginState.open(stateDirectory.resolve(plugin + ".properties"));
        }
        return state;
    }

    /** Ends registration: what start registered is final. */
    synchronized void started() {
        starting = false;
    }

    synchronized List<Registration<?>> registrations() {
        return List.copyOf(registrations);
    }
}
