package floe.spi.extension;

import floe.api.Stability;
import java.util.Map;

/**
 * Finds and opens a value sealer: encryption at rest. The engine seals every item image it
 * stores (table items, index projections, stream records, the change log, point-in-time
 * history and backups) through the one sealer it is configured with, and opens them again
 * when it reads. Stateless; {@link #name()} is unique among the providers present. Without a
 * sealer FloeDB stores item images as they are.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ValueSealerProvider {
    /** A unique name of ASCII letters and digits. */
    String name();

    /**
     * Opens the sealer.
     *
     * @param options the sealer's own options, from FloeDB's configuration
     * @throws IllegalArgumentException naming an option that is missing or wrong
     */
    ValueSealer open(Map<String, String> options);
}
