package floe.spi.extension;

import floe.api.Stability;
import java.util.Map;

/**
 * Finds and opens an object store: where exports are written and imports are read,
 * named by bucket and key as S3 names them. FloeDB has one built in, {@code local} (a
 * folder per bucket under a directory); plugins bring others ({@code s3}). Stateless;
 * {@link #name()} is unique among the providers present.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ObjectStoreProvider {
    /** A unique name of ASCII letters and digits, as {@code floe serve --object-store-provider} names it. */
    String name();

    /**
     * Opens the store.
     *
     * @param options the store's own options, from FloeDB's configuration
     *     ({@code objectStore.<key>}, with the prefix removed)
     * @throws IllegalArgumentException naming an option that is missing or wrong
     */
    ObjectStore open(Map<String, String> options);
}
