package floe.spi.plugin;

import floe.api.Stability;

/**
 * A plugin's entry point, found with {@link java.util.ServiceLoader} in the plugin's own
 * module layer ({@code provides floe.spi.plugin.FloePlugin with ...}). Optional: a plugin
 * that only brings providers may declare them as {@code provides} in its module descriptor
 * and need no {@code FloePlugin}. Every method but {@link #name()} has a default, so methods
 * added later never break a plugin already built.
 *
 * <p>FloeDB calls {@link #start} once, after the plugins this one requires have started and
 * before the storage backend opens, and {@link #stop} once, in the reverse order, with the
 * plugin's class loader as the thread's context class loader.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface FloePlugin {
    /** The plugin's name: the {@code name} of its descriptor, ASCII letters and digits. */
    String name();

    /**
     * The plugin's version, for display. By default the version of its module, if it has
     * one, else {@code unversioned}.
     */
    default String version() {
        return getClass().getModule().getDescriptor() == null
                ? "unversioned"
                : getClass().getModule().getDescriptor().rawVersion().orElse("unversioned");
    }

    /**
     * Starts the plugin: reads its options, registers the providers it brings, opens what it
     * needs. Providers may be registered only during this call.
     *
     * @throws Exception to refuse to start; FloeDB then does not start either, naming the plugin
     *     and this exception's message
     */
    default void start(PluginContext context) throws Exception {}

    /**
     * Stops the plugin, releasing what {@link #start} opened. Called only after a successful
     * start, once.
     *
     * @throws Exception reported; the other plugins are stopped all the same
     */
    default void stop() throws Exception {}
}
