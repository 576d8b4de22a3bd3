package floe.spi.extension;

import floe.api.Stability;
import java.util.Map;

/**
 * Finds and opens a change listener: the {@link java.util.ServiceLoader} entry of a
 * plugin that follows item changes (replication, caches, triggers). Stateless;
 * {@link #name()} is unique among the providers present. A database delivers to the
 * listeners its configuration names (engine option {@code changeListeners}, a
 * comma-separated list of names; options of each in {@code changeListener.<name>.<key>}).
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ChangeListenerProvider {
    /**
     * A unique name of ASCII letters and digits. It also names the listener's durable
     * checkpoint: a listener opened again under the same name resumes after the last
     * changes it acknowledged.
     */
    String name();

    /**
     * Opens the listener.
     *
     * @param options the listener's own options, from the database's configuration
     */
    ChangeListener open(Map<String, String> options);
}
