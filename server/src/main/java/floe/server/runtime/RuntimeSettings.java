package floe.server.runtime;

import floe.api.FloeConfig;
import floe.server.http.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code floe serve} was configured with, once {@code conf/floe.properties} and the
 * command line are merged.
 *
 * @param config the database: its backend (by name), the backend's options, the engine's options
 * @param server where to listen
 * @param plugins the plugins to start besides the backend
 * @param pluginOptions the plugins' options, by plugin name
 * @param stateDirectory where plugins keep their durable state, or null with no data directory
 */
public record RuntimeSettings(
        FloeConfig config,
        ServerConfig server,
        List<String> plugins,
        Map<String, Map<String, String>> pluginOptions,
        Path stateDirectory) {
    /** Copies. */
    public RuntimeSettings {
        plugins = List.copyOf(plugins);
        pluginOptions = Map.copyOf(pluginOptions);
    }
}
