package floe.engine.transfer;

import floe.spi.extension.ObjectStore;
import floe.spi.extension.ObjectStoreProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * The built-in object store, {@code local}: a folder per bucket under one directory
 * (option {@value #ROOT}; {@code floe serve --object-store DIR}, by default inside the
 * data directory).
 */
public final class LocalObjectStoreProvider implements ObjectStoreProvider {
    /** The provider's name. */
    public static final String NAME = "local";
    /** Option: the directory whose folders are the buckets. */
    public static final String ROOT = "root";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectStore open(Map<String, String> options) {
        String root = options.get(ROOT);
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("the local object store needs its directory: option objectStore." + ROOT
                    + " (floe serve --object-store DIR)");
        }
        for (String key : options.keySet()) {
            if (!key.equals(ROOT)) {
                throw new IllegalArgumentException("unknown option objectStore." + key + " of the local object store");
            }
        }
        return new LocalObjectStore(Path.of(root));
    }
}
