package floe.server.cli;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credentials the {@code floe} command's calls to a running server are signed with, from
 * the environment as the AWS CLI reads them ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}): with them a call is signed with
 * SigV4, so that a server with {@code --auth} verifies and authorizes it; without them it carries
 * a well-formed but unsigned credential scope, which only a server without {@code --auth} takes.
 * The secret is never printed.
 */
final class CliSigning {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SERVICE = "dynamodb";
    /** The Region a call's credential scope names: FloeDB's own operations address the whole database. */
    private static final String REGION = "us-east-1";

    private final String accessKeyId;
    private final String secret;
    private final String token;

    private CliSigning(String accessKeyId, String secret, String token) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.token = token;
    }

    /** The environment's credentials, or null when it names none. */
    static CliSigning fromEnvironment() {
        return from(System.getenv());
    }

    /** The credentials {@code env} names, or null when it names none (an id and a secret are both needed). */
    static CliSigning from(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            return null;
        }
        String token = env.get("AWS_SESSION_TOKEN");
        return new CliSigning(id.trim(), secret.trim(), token == null || token.isBlank() ? null : token.trim());
    }

    /**
     * Adds the authorization headers: signed with {@code signing}, or the unsigned scope when it is null.
     *
     * @param amzDate the request's {@code X-Amz-Date}, already set on {@code b}
     */
    static void sign(
            CliSigning signing,
            HttpRequest.Builder b,
            URI endpoint,
            String contentType,
            String target,
            String amzDate,
            byte[] body) {
        String scope = amzDate.substring(0, 8) + "/" + REGION + "/" + SERVICE + "/aws4_request";
        if (signing == null) {
            // the server checks the header's shape (its scope's date matching the request's), as DynamoDB does
            b.header(
                    "Authorization",
                    ALGORITHM + " Credential=floe/" + scope + ", SignedHeaders=host;x-amz-date, Signature=0");
            return;
        }
        signing.signed(b, endpoint, contentType, target, amzDate, scope, body);
    }

    private void signed(
            HttpRequest.Builder b,
            URI endpoint,
            String contentType,
            String target,
            String amzDate,
            String scope,
            byte[] body) {
        if (token != null) {
            b.header("X-Amz-Security-Token", token);
        }
        String signedHeaders =
                "content-type;host;x-amz-date" + (token == null ? "" : ";x-amz-security-token") + ";x-amz-target";
        StringBuilder c = new StringBuilder(512)
                .append("POST\n")
                .append(path(endpoint))
                .append("\n\n")
                .append("content-type:")
                .append(contentType)
                .append("\nhost:")
                .append(host(endpoint))
                .append("\nx-amz-date:")
                .append(amzDate)
                .append('\n');
        if (token != null) {
            c.append("x-amz-security-token:").append(token).append('\n');
        }
        c.append("x-amz-target:")
                .append(target)
                .append("\n\n")
                .append(signedHeaders)
                .append('\n');
        c.append(hex(sha256(body)));
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(c.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
        key = hmac(key, REGION);
        key = hmac(key, SERVICE);
        key = hmac(key, "aws4_request");
        b.header(
                "Authorization",
                ALGORITHM + " Credential=" + accessKeyId + "/" + scope + ", SignedHeaders=" + signedHeaders
                        + ", Signature=" + hex(hmac(key, toSign)));
    }

    /** The {@code Host} header the JDK's HTTP client sends: the port only when it is not the scheme's default. */
    private static String host(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(endpoint.getScheme()) ? port == 443 : port == 80);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    /** The path as the SDKs sign it for every service but S3: normalized, its raw form encoded once more. */
    private static String path(URI endpoint) {
        String raw = endpoint.normalize().getRawPath();
        if (raw == null || raw.isEmpty() || raw.equals("/")) {
            return "/";
        }
        StringBuilder b = new StringBuilder();
        for (byte x : raw.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (x & 0xff);
            if (Character.isLetterOrDigit(ch) && ch < 128 || "-_.~/".indexOf(ch) >= 0) {
                b.append(ch);
            } else {
                b.append(String.format("%%%02X", x & 0xff));
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

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "CliSigning[" + accessKeyId + "]";
    }
}
