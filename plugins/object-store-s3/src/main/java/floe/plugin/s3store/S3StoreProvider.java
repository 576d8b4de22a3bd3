package floe.plugin.s3store;

import floe.spi.extension.ObjectStore;
import floe.spi.extension.ObjectStoreProvider;
import java.util.Map;

/**
 * The {@code s3} object store: Amazon S3 or any S3-compatible endpoint. Options (see
 * {@link S3Options}): {@code endpoint}, {@code region}, {@code accessKeyId} and
 * {@code secretAccessKey} (or the SDK's default credentials), {@code sessionToken},
 * {@code pathStyle}, {@code partSize}.
 */
public final class S3StoreProvider implements ObjectStoreProvider {
    /** For {@link java.util.ServiceLoader}. */
    public S3StoreProvider() {}

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public ObjectStore open(Map<String, String> options) {
        return new S3Store(S3Options.of(options));
    }
}
