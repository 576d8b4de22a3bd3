package floe.plugin.s3store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The store's options ({@code objectStore.<key>} in FloeDB's configuration).
 *
 * @param endpoint the S3-compatible endpoint ({@code http://127.0.0.1:9000}), or null for AWS's own
 * @param region the signing Region (default {@code us-east-1})
 * @param accessKeyId with {@code secretAccessKey}: fixed credentials; null for the SDK's default chain
 *     (environment, profile, instance role)
 * @param secretAccessKey the secret of {@code accessKeyId}
 * @param sessionToken a session token for temporary credentials, or null
 * @param pathStyle {@code true} to address buckets in the path ({@code endpoint/bucket/key}), as most
 *     S3-compatible servers need; {@code false} (default) for virtual-hosted names
 * @param partSize bytes buffered per part of a multipart upload (default 8 MiB, at least S3's 5 MiB); an
 *     object smaller than one part is written in one request
 */
record S3Options(
        URI endpoint,
        String region,
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        boolean pathStyle,
        int partSize) {
    static final Set<String> KEYS =
            Set.of("endpoint", "region", "accessKeyId", "secretAccessKey", "sessionToken", "pathStyle", "partSize");
    /** S3's smallest part but the last. */
    static final int MIN_PART_SIZE = 5 << 20;

    /**
     * Reads the options.
     *
     * @throws IllegalArgumentException naming an unknown option or a wrong value
     */
    static S3Options of(Map<String, String> options) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown option(s) of the s3 object store: " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        URI endpoint = null;
        String e = blank(options.get("endpoint"));
        if (e != null) {
            try {
                endpoint = new URI(e);
            } catch (URISyntaxException x) {
                throw new IllegalArgumentException("option endpoint is not a URL: " + e);
            }
            if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                    || endpoint.getHost() == null) {
                throw new IllegalArgumentException("option endpoint must be an http:// or https:// URL, not " + e);
            }
        }
        String region = blank(options.get("region"));
        String key = blank(options.get("accessKeyId"));
        String secret = blank(options.get("secretAccessKey"));
        if ((key == null) != (secret == null)) {
            throw new IllegalArgumentException("options accessKeyId and secretAccessKey go together: give both or"
                    + " neither (neither: the AWS SDK's default credentials)");
        }
        String pathStyle = blank(options.get("pathStyle"));
        boolean path = false;
        if (pathStyle != null) {
            path = switch (pathStyle.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default ->
                    throw new IllegalArgumentException(
                            "option pathStyle must be true or false, not '" + pathStyle + "'");
            };
        }
        int partSize = 8 << 20;
        String part = blank(options.get("partSize"));
        if (part != null) {
            try {
                partSize = Integer.parseInt(part);
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException(
                        "option partSize must be a whole number of bytes, not '" + part + "'");
            }
            if (partSize < MIN_PART_SIZE) {
                throw new IllegalArgumentException("option partSize must be at least " + MIN_PART_SIZE
                        + " bytes (S3's smallest part), not " + partSize);
            }
        }
        return new S3Options(
                endpoint,
                region == null ? "us-east-1" : region,
                key,
                secret,
                blank(options.get("sessionToken")),
                path,
                partSize);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        // never the secret
        return "S3Options[endpoint=" + endpoint + ", region=" + region + ", accessKeyId=" + accessKeyId + ", pathStyle="
                + pathStyle + ", partSize=" + partSize + "]";
    }
}
