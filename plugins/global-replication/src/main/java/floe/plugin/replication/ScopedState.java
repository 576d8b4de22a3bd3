package floe.plugin.replication;

import floe.spi.plugin.PluginState;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The part of the plugin's state under one key prefix, as a state of its own: each Region a
 * server hosts as a replica keeps its replication groups apart from the others' (the same table
 * name is a different table in each Region).
 */
final class ScopedState implements PluginState {
    private final PluginState state;
    private final String prefix;

    ScopedState(PluginState state, String prefix) {
        this.state = state;
        this.prefix = prefix;
    }

    @Override
    public Optional<String> get(String key) {
        return state.get(prefix + key);
    }

    @Override
    public Map<String, String> entries() {
        Map<String, String> out = new TreeMap<>();
        state.entries().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return Map.copyOf(out);
    }

    @Override
    public void put(String key, String value) {
        state.put(prefix + key, value);
    }

    @Override
    public void remove(String key) {
        state.remove(prefix + key);
    }
}
