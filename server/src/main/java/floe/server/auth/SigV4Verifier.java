package floe.server.auth;

import floe.api.error.ExpiredTokenException;
import floe.api.error.IncompleteSignatureException;
import floe.api.error.InvalidSignatureException;
import floe.api.error.UnrecognizedClientException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 as DynamoDB does, in the header form
 * ({@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...})
 * and the query-string form ({@code X-Amz-Algorithm}, {@code X-Amz-Credential} ...), with
 * DynamoDB's errors in its order: both forms at once; no credentials; missing parts; the
 * date's format; a clock more than 15 minutes off; Host unsigned; the algorithm; the
 * credential's scope; an unknown (or inactive) access key; the signature; the session token.
 * Derived signing keys are cached per secret, date, region and service.
 */
public final class SigV4Verifier {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String[] QUERY_PARTS = {
        "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"
    };
    /** Derived keys kept at most: a bound against a flood of distinct scopes. */
    private static final int MAX_CACHED_KEYS = 4096;

    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    });

    private final Supplier<Identities> identities;
    private final Clock clock;
    private final Map<ScopeKey, byte[]> signingKeys = new ConcurrentHashMap<>();

    /** What a derived signing key depends on. The secret is compared, never printed. */
    private record ScopeKey(String secret, String date, String region, String service) {
        @Override
        public String toString() {
            return "ScopeKey[" + date + "/" + region + "/" + service + "]";
        }
    }

    /**
     * @param identities the known access keys, asked on each request (so that a reloaded file takes effect)
     * @param clock the server's clock, for the 15-minute limit and temporary credentials' expiry
     */
    public SigV4Verifier(Supplier<Identities> identities, Clock clock) {
        this.identities = identities;
        this.clock = clock;
    }

    /**
     * Verifies a request's signature.
     *
     * @param request the request as received
     * @return who signed it
     * @throws floe.api.error.FloeException DynamoDB's error for a request that is not signed, or not rightly
     */
    public Principal verify(SignedRequest request) {
        return verify(request, Authorization.DYNAMODB);
    }

    /**
     * As {@link #verify(SignedRequest)}, for a request to the service that signs as {@code service}
     * (a plugin's service served on the port, such as {@code kms}).
     */
    public Principal verify(SignedRequest request, String service) {
        Instant now = clock.instant();
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        List<String[]> query = q < 0 ? List.of() : query(uri.substring(q + 1));
        String authorization = request.header("authorization");
        boolean queryForm = false;
        for (String[] p : query) {
            if (p[0].equals("X-Amz-Algorithm")) {
                if (authorization != null) {
                    throw new InvalidSignatureException("Found both 'X-Amz-Algorithm' as a query-string param and "
                            + "'Authorization' as HTTP header.");
                }
                queryForm = true;
            } else if (p[0].equals("X-Amz-Credential") || p[0].equals("X-Amz-Signature")) {
                queryForm |= authorization == null;
            }
        }
        Authorization.Header h;
        String token;
        if (queryForm) {
            StringBuilder missing = new StringBuilder();
            String[] values = new String[QUERY_PARTS.length];
            for (int i = 0; i < QUERY_PARTS.length; i++) {
                values[i] = nonEmpty(param(query, QUERY_PARTS[i]));
                if (values[i] == null) {
                    // Only the X-Amz-Algorithm sentence is confirmed; the others follow its pattern (a guess).
                    missing.append("AWS query-string parameters must include '")
                            .append(QUERY_PARTS[i])
                            .append("'. ");
                }
            }
            if (missing.length() > 0) {
                throw new IncompleteSignatureException(missing + "Re-examine the query-string parameters.");
            }
            // The same checks as the header's, on the same parts, in the same order.
            h = Authorization.parse(
                    values[0] + " Credential=" + values[1] + ", SignedHeaders=" + values[3] + ", Signature="
                            + values[2],
                    values[4],
                    false,
                    now,
                    service);
            token = param(query, "X-Amz-Security-Token");
        } else {
            // An empty date header is no date, as DynamoDB reads it.
            String amzDate = nonEmpty(request.header("x-amz-date"));
            String date = amzDate != null ? amzDate : nonEmpty(request.header("date"));
            h = Authorization.parse(authorization, date, amzDate == null, now, service);
            token = request.header("x-amz-security-token");
        }
        Identities.Key key = identities.get().key(h.accessKeyId());
        if (key == null || !key.active()) {
            // An inactive key gets the unknown key's answer too (best guess: what AWS says to a deactivated key).
            throw new UnrecognizedClientException("The security token included in the request is invalid.");
        }
        Scratch scratch = Scratch.get();
        Utf8Text text = scratch.text;
        canonicalRequest(text, scratch, request, path, query, h.signedHeaders(), queryForm);
        byte[] canonicalHash = scratch.digest(text);
        text.clear();
        text.append(ALGORITHM)
                .ascii('\n')
                .append(h.basicDate())
                .ascii('\n')
                .append(h.scope())
                .ascii('\n')
                .hex(canonicalHash, 0, canonicalHash.length);
        byte[] signingKey = signingKey(key.secret(), h.scope());
        if (!matches(scratch.sign(signingKey, text), h.signature())) {
            throw new InvalidSignatureException("The request signature we calculated does not match the signature "
                    + "you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                    + "documentation for details.");
        }
        if (key.token() == null
                ? token != null
                : token == null
                        || !MessageDigest.isEqual(
                                key.token().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            // DynamoDB's text for a bad session token: the unknown key's, without the final period.
            throw new UnrecognizedClientException("The security token included in the request is invalid");
        }
        if (key.expires() != null && !now.isBefore(key.expires())) {
            // Best guess: STS's wording; DynamoDB's own is not confirmed.
            throw new ExpiredTokenException("The security token included in the request is expired");
        }
        return new Principal(key.identity(), key.id(), h.region());
    }

    /**
     * A thread's reused means of hashing a request: the buffer the canonical request and the
     * string to sign are written to (both are built on every request), SHA-256 and its output,
     * and the HMAC with the signing key it was last initialized with (a Mac stays initialized
     * after doFinal; keys are cached, so the same key is the same array).
     */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);

        Utf8Text text = new Utf8Text(1024);
        final MessageDigest sha256;
        final byte[] hash = new byte[32];
        final Mac mac;
        final byte[] signature = new byte[32];
        byte[] macKey;
        /** The last signed-header list split, and its names: a client signs the same headers every time. */
        private String splitOf = "";

        private String[] split = new String[0];

        private Scratch() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
                mac = Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no SHA-256 or HmacSHA256", e);
            }
        }

        static Scratch get() {
            Scratch s = OF_THREAD.get();
            if (s.text.capacity() > 64 * 1024) {
                // one request with huge signed headers: not kept for the thread's life
                s.text = new Utf8Text(1024);
            }
            s.text.clear();
            s.sha256.reset(); // nothing left of a request that failed half way
            return s;
        }

        /** The names of a signed-header list ({@code a;b;c}, already in canonical form), split once per list. */
        String[] split(String names) {
            if (!names.equals(splitOf)) {
                List<String> parts = new ArrayList<>();
                for (int at = 0, n = names.length(); at < n; ) {
                    int semi = names.indexOf(';', at);
                    int end = semi < 0 ? n : semi;
                    parts.add(names.substring(at, end));
                    at = end + 1;
                }
                split = parts.toArray(new String[0]);
                splitOf = names;
            }
            return split;
        }

        /** The SHA-256 of the text written, in {@link #hash} (overwritten by the next digest). */
        byte[] digest(Utf8Text t) {
            sha256.update(t.bytes(), 0, t.length());
            return finish();
        }

        /** The SHA-256 of a body, read without being consumed, in {@link #hash}. */
        byte[] digest(ByteBuffer body) {
            sha256.update(body.duplicate());
            return finish();
        }

        private byte[] finish() {
            try {
                sha256.digest(hash, 0, hash.length);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return hash;
        }

        /** The HMAC of the text written with a cached signing key, in {@link #signature}. */
        byte[] sign(byte[] signingKey, Utf8Text t) {
            try {
                if (macKey != signingKey) {
                    mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
                    macKey = signingKey;
                }
                mac.update(t.bytes(), 0, t.length());
                mac.doFinal(signature, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return signature;
        }
    }

    /**
     * Whether {@code mac} written in lower-case hex is {@code signature}, in time that does not
     * depend on where they differ (as {@link MessageDigest#isEqual} compares), without writing the
     * hex out.
     */
    static boolean matches(byte[] mac, String signature) {
        if (signature.length() != mac.length * 2) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < mac.length; i++) {
            diff |= HEX[(mac[i] >> 4) & 0xf] ^ signature.charAt(2 * i);
            diff |= HEX[mac[i] & 0xf] ^ signature.charAt(2 * i + 1);
        }
        return diff == 0;
    }

    /** The canonical request: method, URI, query, headers, signed headers and the body's hash, one a line. */
    private static void canonicalRequest(
            Utf8Text c,
            Scratch scratch,
            SignedRequest request,
            String path,
            List<String[]> query,
            String signedHeaders,
            boolean queryForm) {
        c.append(request.method()).ascii('\n');
        c.append(canonicalPath(path)).ascii('\n');
        if (!query.isEmpty()) {
            List<String[]> params = new ArrayList<>();
            for (String[] p : query) {
                if (!(queryForm && p[0].equals("X-Amz-Signature"))) {
                    params.add(new String[] {encode(p[0], false), encode(p[1], false)});
                }
            }
            params.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
            for (int i = 0; i < params.size(); i++) {
                if (i > 0) {
                    c.ascii('&');
                }
                c.append(params.get(i)[0]).ascii('=').append(params.get(i)[1]);
            }
        }
        c.ascii('\n');
        // The signed headers' names as signed: trimmed and in lower case. The SDKs send them so already,
        // and then the list is signed as it came, without a copy.
        String names = canonicalNames(signedHeaders);
        for (String lower : scratch.split(names)) {
            List<String> values = request.headers().apply(lower);
            c.append(lower).ascii(':');
            if (values != null) {
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        c.ascii(',');
                    }
                    collapseSpaces(c, values.get(i));
                }
            }
            c.ascii('\n');
        }
        c.ascii('\n').append(names).ascii('\n');
        byte[] bodyHash = scratch.digest(request.body());
        c.hex(bodyHash, 0, bodyHash.length);
    }

    /** The SignedHeaders list with each name trimmed and in lower case, empty names left out. */
    private static String canonicalNames(String signedHeaders) {
        boolean plain = !signedHeaders.isEmpty();
        char last = ';';
        for (int i = 0; i < signedHeaders.length() && plain; i++) {
            char ch = signedHeaders.charAt(i);
            plain = ch > ' ' && (ch < 'A' || ch > 'Z') && !(ch == ';' && last == ';');
            last = ch;
        }
        if (plain && last != ';') {
            return signedHeaders;
        }
        StringBuilder names = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            String lower = name.trim().toLowerCase(Locale.ROOT);
            if (!lower.isEmpty()) {
                names.append(names.length() == 0 ? "" : ";").append(lower);
            }
        }
        return names.toString();
    }

    /**
     * A header value as SigV4 signs it: trimmed, each run of white space one space. Written
     * out by hand, a run of other characters at a time: it runs for every signed header of
     * every request.
     */
    private static void collapseSpaces(Utf8Text c, String value) {
        int from = 0;
        int to = value.length();
        while (from < to && Character.isWhitespace(value.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
            to--;
        }
        int run = from;
        for (int i = from; i < to; i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                c.append(value, run, i).ascii(' ');
                while (Character.isWhitespace(value.charAt(i + 1))) {
                    i++; // trimmed: a run of white space ends before the value does
                }
                run = i + 1;
            }
        }
        c.append(value, run, to);
    }

    /** The path with dot segments removed, encoded once more, as the SDKs sign it for every service but S3. */
    private static String canonicalPath(String raw) {
        if (raw.isEmpty() || raw.equals("/")) {
            return "/"; // DynamoDB's clients all post to "/": no need to parse it
        }
        String normal = raw;
        try {
            normal = URI.create(raw).normalize().getRawPath();
        } catch (IllegalArgumentException e) {
            // not a URI path: signed as sent
        }
        return encode(normal.isEmpty() ? "/" : normal, true);
    }

    /** The last signing key a thread used, and what it was derived from: most requests reuse it. */
    private record LastKey(String secret, String scope, byte[] key) {}

    private final ThreadLocal<LastKey> lastKey = new ThreadLocal<>();

    /** The signing key of a credential scope ({@code date/region/service/aws4_request}). */
    private byte[] signingKey(String secret, String scope) {
        LastKey last = lastKey.get();
        // The secret is the same object while the identities stay loaded; the scope is compared by value.
        if (last != null && last.secret == secret && last.scope.equals(scope)) {
            return last.key;
        }
        int a = scope.indexOf('/');
        int b = scope.indexOf('/', a + 1);
        int c = scope.indexOf('/', b + 1);
        byte[] key = signingKey(secret, scope.substring(0, a), scope.substring(a + 1, b), scope.substring(b + 1, c));
        lastKey.set(new LastKey(secret, scope, key));
        return key;
    }

    private byte[] signingKey(String secret, String date, String region, String service) {
        ScopeKey k = new ScopeKey(secret, date, region, service);
        byte[] key = signingKeys.get(k);
        if (key == null) {
            key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
            key = hmac(key, region);
            key = hmac(key, service);
            key = hmac(key, "aws4_request");
            if (signingKeys.size() >= MAX_CACHED_KEYS) {
                signingKeys.clear();
            }
            signingKeys.put(k, key);
        }
        return key;
    }

    private static byte[] hmac(byte[] key, String data) {
        Mac mac = HMAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** RFC 3986 encoding as SigV4 asks: every byte but the unreserved characters (and '/' in a path) as %XX. */
    static String encode(String s, boolean keepSlash) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(bytes.length + 16);
        for (byte x : bytes) {
            char c = (char) (x & 0xff);
            if (c >= 'A' && c <= 'Z'
                    || c >= 'a' && c <= 'z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || keepSlash && c == '/') {
                b.append(c);
            } else {
                b.append('%')
                        .append(Character.toUpperCase(HEX[(x >> 4) & 0xf]))
                        .append(Character.toUpperCase(HEX[x & 0xf]));
            }
        }
        return b.toString();
    }

    /** A raw query's parameters, percent-decoded ({@code +} stays itself), in the order sent. */
    private static List<String[]> query(String raw) {
        List<String[]> params = new ArrayList<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.add(
                    eq < 0
                            ? new String[] {decode(pair), ""}
                            : new String[] {decode(pair.substring(0, eq)), decode(pair.substring(eq + 1))});
        }
        return params;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi;
            int lo;
            if (c == '%'
                    && i + 2 < s.length()
                    && (hi = Character.digit(s.charAt(i + 1), 16)) >= 0
                    && (lo = Character.digit(s.charAt(i + 2), 16)) >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String param(List<String[]> query, String name) {
        for (String[] p : query) {
            if (p[0].equals(name)) {
                return p[1];
            }
        }
        return null;
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
