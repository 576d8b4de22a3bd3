package floe.distribution.tck;

import floe.spi.storage.Capability;
import floe.spi.storage.StorageBackend;
import floe.tck.storage.StorageBackendTck;
import java.nio.file.Path;
import java.util.Set;

/** The storage suite over the backend {@code floe tck --backend} loaded. */
public class StorageKit extends StorageBackendTck {
    /** Made by JUnit. */
    public StorageKit() {}

    @Override
    protected StorageBackend open(Path directory) {
        return Target.current().open(directory);
    }

    @Override
    protected Set<Capability> lacking() {
        return Target.current().lacking();
    }
}
