package floe.plugin.replication;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.BiConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request to a peer with AWS Signature Version 4, as an AWS SDK signs a DynamoDB
 * request: for the Region the request is for and the service {@code dynamodb} (the replication
 * service's signing name), over the headers {@code content-type}, {@code host},
 * {@code x-amz-date}, {@code x-amz-target} (and {@code x-amz-security-token} for temporary
 * credentials) and the payload. A peer that runs with {@code --auth} verifies it as any request
 * and authorizes the caller's replication actions ({@link ReplicationAccess}).
 *
 * <p>Without credentials ({@link #UNSIGNED}) a request carries a well-formed credential scope
 * with no signature, which a server without {@code --auth} accepts, as before.
 *
 * <p>The payload signed is the body before any {@code Content-Encoding}: a FloeDB server inflates
 * a compressed body before it verifies the signature.
 */
final class PeerSigner {
    /** The signer of a peer with no credentials configured. */
    static final PeerSigner UNSIGNED = new PeerSigner(null);

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SERVICE = "dynamodb";
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final PeerCredentials credentials;

    /** The last signing key derived, and what from: one a day per peer. */
    private record Derived(String secret, String scope, byte[] key) {}

    private volatile Derived derived;

    PeerSigner(PeerCredentials credentials) {
        this.credentials = credentials;
    }

    /** The access key id requests are signed with now, or null when they are not signed. */
    String accessKeyId() {
        return credentials == null ? null : credentials.key().accessKeyId();
    }

    /**
     * Adds the date and the authorization headers to a request the builder holds.
     *
     * @param header sets a header of the request, which has its {@code Content-Type} ({@link #CONTENT_TYPE}) and {@code X-Amz-Target} set
     * @param endpoint where it goes
     * @param region the Region it is for (the credential scope's)
     * @param target its {@code X-Amz-Target}
     * @param payload its body, as the receiving server reads it
     */
    void sign(BiConsumer<String, String> header, URI endpoint, String region, String target, byte[] payload) {
        String now = DATE.format(Instant.now());
        String date = now.substring(0, 8);
        String scope = date + "/" + region + "/" + SERVICE + "/aws4_request";
        header.accept("X-Amz-Date", now);
        if (credentials == null) {
            // a well-formed credential scope (the signature is not checked without --auth)
            header.accept(
                    "Authorization",
                    ALGORITHM + " Credential=replication/" + scope + ", SignedHeaders=host;x-amz-date, Signature=0");
            return;
        }
        PeerCredentials.Key key = credentials.key();
        String token = key.sessionToken();
        if (token != null) {
            header.accept("X-Amz-Security-Token", token);
        }
        String signedHeaders =
                "content-type;host;x-amz-date" + (token == null ? "" : ";x-amz-security-token") + ";x-amz-target";
        StringBuilder c = new StringBuilder(512)
                .append("POST\n")
                .append(canonicalPath(endpoint))
                .append("\n\n") // no query string
                .append("content-type:")
                .append(CONTENT_TYPE)
                .append('\n')
                .append("host:")
                .append(host(endpoint))
                .append('\n')
                .append("x-amz-date:")
                .append(now)
                .append('\n');
        if (token != null) {
            c.append("x-amz-security-token:").append(token).append('\n');
        }
        c.append("x-amz-target:").append(target).append('\n');
        c.append('\n').append(signedHeaders).append('\n').append(hex(sha256(payload)));
        String toSign = ALGORITHM + "\n" + now + "\n" + scope + "\n"
                + hex(sha256(c.toString().getBytes(StandardCharsets.UTF_8)));
        String signature = hex(hmac(signingKey(key.secret(), scope, date, region), toSign));
        header.accept(
                "Authorization",
                ALGORITHM + " Credential=" + key.accessKeyId() + "/" + scope + ", SignedHeaders=" + signedHeaders
                        + ", Signature=" + signature);
    }

    private byte[] signingKey(String secret, String scope, String date, String region) {
        Derived d = derived;
        if (d != null && d.secret.equals(secret) && d.scope.equals(scope)) {
            return d.key;
        }
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, SERVICE);
        k = hmac(k, "aws4_request");
        derived = new Derived(secret, scope, k);
        return k;
    }

    /** The {@code Host} header the JDK's HTTP client sends: the port only when it is not the scheme's default. */
    static String host(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(endpoint.getScheme()) ? port == 443 : port == 80);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    /** The path as the SDKs sign it for every service but S3: normalized, then its raw form encoded once more. */
    static String canonicalPath(URI endpoint) {
        String raw = endpoint.normalize().getRawPath();
        if (raw == null || raw.isEmpty() || raw.equals("/")) {
            return "/";
        }
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(bytes.length + 16);
        for (byte x : bytes) {
            char ch = (char) (x & 0xff);
            if (ch >= 'A' && ch <= 'Z'
                    || ch >= 'a' && ch <= 'z'
                    || ch >= '0' && ch <= '9'
                    || ch == '-'
                    || ch == '_'
                    || ch == '.'
                    || ch == '~'
                    || ch == '/') {
                b.append(ch);
            } else {
                b.append('%')
                        .append(Character.toUpperCase(HEX[(x >> 4) & 0xf]))
                        .append(Character.toUpperCase(HEX[x & 0xf]));
            }
        }
        return b.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
        }
        return b.toString();
    }
}
