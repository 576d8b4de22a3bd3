package floe.spi.plugin;

import floe.api.Stability;
import java.time.Clock;
import java.util.Map;

/**
 * The one narrow object through which a plugin reaches FloeDB, handed to
 * {@link FloePlugin#start}. FloeDB implements it; plugins only call it. Services arrive as
 * new default methods, so a plugin built against an older SPI keeps working.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface PluginContext {
    /**
     * The plugin's own options, from FloeDB's configuration ({@code plugin.<name>.<key>}), with
     * the prefix removed. Immutable.
     */
    Map<String, String> options();

    /** A logger named after the plugin ({@code floe.plugin.<name>}). */
    System.Logger logger();

    /** FloeDB's clock: use it rather than the system clock, so tests can control time. */
    Clock clock();

    /**
     * Registers a provider this plugin brings, as providers declared with {@code provides} in
     * its module descriptor are. Only during {@link FloePlugin#start}.
     *
     * @throws IllegalStateException after {@link FloePlugin#start} returned
     * @throws IllegalArgumentException if the provider's name is not ASCII letters and digits
     */
    <P> void register(ExtensionPoint<P> point, P provider);

    /**
     * This plugin's durable key/value state, private to it. Available before any storage
     * backend is open, and kept across restarts.
     *
     * @throws IllegalStateException if FloeDB runs without a data directory
     */
    PluginState state();
}
