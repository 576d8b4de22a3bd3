package floe.distribution.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** FloeDB's version, as the build stamped it into this module. */
final class Versions {
    private static final String FLOEDB = load();

    private Versions() {}

    /** The version of the FloeDB these tools were built with. */
    static String floeDb() {
        return FLOEDB;
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/floe/distribution/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("floe-distribution.jar lacks floe/distribution/version.properties");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("floedb.version");
    }
}
