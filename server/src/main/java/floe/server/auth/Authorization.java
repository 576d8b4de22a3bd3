package floe.server.auth;

import floe.api.error.FloeException;
import floe.api.error.IncompleteSignatureException;
import floe.api.error.InvalidSignatureException;
import floe.api.error.MissingAuthenticationTokenException;

/**
 * The checks DynamoDB makes of a request's SigV4 {@code Authorization} header before
 * it looks at the signature, with its error types and messages. Signatures
 * themselves are not verified: any well-formed credentials are accepted.
 *
 * @param accessKeyId the access key the request was signed with
 * @param region the region of the credential scope
 */
public record Authorization(String accessKeyId, String region) {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /**
     * Parses and checks a header.
     *
     * @param header the {@code Authorization} header, or null
     * @param date the {@code X-Amz-Date} or {@code Date} header, or null
     * @return the credentials the request names
     * @throws FloeException DynamoDB's error for a missing or malformed header
     */
    public static Authorization check(String header, String date) {
        // One pass over the header, without splitting it: this runs on every request.
        int len = header == null ? 0 : header.length();
        int at = skipSpaces(header, 0, len);
        if (header == null || !header.startsWith("AWS4-", at)) {
            throw new MissingAuthenticationTokenException("Request is missing Authentication Token");
        }
        int space = header.indexOf(' ', at);
        int algorithmEnd = space < 0 ? trimEnd(header, at, len) : space;
        String credential = null;
        String signedHeaders = null;
        boolean signature = false;
        for (int i = space < 0 ? len : space + 1; i < len; ) {
            int comma = header.indexOf(',', i);
            int end = comma < 0 ? len : comma;
            int a = skipSpaces(header, i, end);
            int eq = header.indexOf('=', a);
            if (eq > a && eq < end) {
                int nameEnd = trimEnd(header, a, eq);
                int v = skipSpaces(header, eq + 1, end);
                int vEnd = trimEnd(header, v, end);
                if (vEnd > v) {
                    if (is(header, a, nameEnd, "Credential")) {
                        credential = header.substring(v, vEnd);
                    } else if (is(header, a, nameEnd, "SignedHeaders")) {
                        signedHeaders = header.substring(v, vEnd);
                    } else if (is(header, a, nameEnd, "Signature")) {
                        signature = true;
                    }
                }
            }
            i = end + 1;
        }
        if (credential == null || !signature || signedHeaders == null || date == null) {
            StringBuilder missing = new StringBuilder();
            append(missing, credential == null, "Authorization header requires 'Credential' parameter. ");
            append(missing, !signature, "Authorization header requires 'Signature' parameter. ");
            append(missing, signedHeaders == null, "Authorization header requires 'SignedHeaders' parameter. ");
            append(
                    missing,
                    date == null,
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
            throw new IncompleteSignatureException(missing + "Authorization=" + header);
        }
        if (!is(header, at, algorithmEnd, ALGORITHM)) {
            throw new IncompleteSignatureException("Unsupported AWS 'algorithm': '" + header.substring(at, algorithmEnd)
                    + "' (only AWS4-HMAC-SHA256 for now). ");
        }
        int[] slash = new int[4];
        int n = 0;
        int scopeEnd = credential.length();
        while (scopeEnd > 0 && credential.charAt(scopeEnd - 1) == '/') {
            scopeEnd--;
        }
        for (int i = 0; i < scopeEnd; i++) {
            if (credential.charAt(i) == '/' && n++ < 4) {
                slash[n - 1] = i;
            }
        }
        if (n != 4) {
            throw new IncompleteSignatureException("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        String region = credential.substring(slash[1] + 1, slash[2]);
        boolean service = is(credential, slash[2] + 1, slash[3], "dynamodb");
        boolean terminator = is(credential, slash[3] + 1, scopeEnd, "aws4_request");
        if (!regionLike(region) || !service || !terminator) {
            StringBuilder invalid = new StringBuilder();
            append(
                    invalid,
                    !regionLike(region),
                    "Credential should be scoped to a valid region, not '" + region + "'. ");
            append(invalid, !service, "Credential should be scoped to correct service: 'dynamodb'. ");
            append(
                    invalid,
                    !terminator,
                    "Credential should be scoped with a valid terminator: 'aws4_request', not '"
                            + credential.substring(slash[3] + 1, scopeEnd) + "'. ");
            throw new InvalidSignatureException(invalid.toString().trim());
        }
        if (!signsHost(signedHeaders)) {
            throw new InvalidSignatureException("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return new Authorization(credential.substring(0, slash[0]), region);
    }

    private static boolean signsHost(String signedHeaders) {
        for (int i = 0; i <= signedHeaders.length(); ) {
            int semi = signedHeaders.indexOf(';', i);
            int end = semi < 0 ? signedHeaders.length() : semi;
            int a = skipSpaces(signedHeaders, i, end);
            int b = trimEnd(signedHeaders, a, end);
            if (b - a == 4 && signedHeaders.regionMatches(true, a, "host", 0, 4)) {
                return true;
            }
            i = end + 1;
        }
        return false;
    }

    private static void append(StringBuilder b, boolean when, String text) {
        if (when) {
            b.append(text);
        }
    }

    /** Whether {@code s[from, to)} is exactly {@code word}. */
    private static boolean is(String s, int from, int to, String word) {
        return to - from == word.length() && s.startsWith(word, from);
    }

    private static int skipSpaces(String s, int from, int to) {
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        return to;
    }

    /** Any region name, real or local ("us-east-1", "local"), so that local set-ups work; never an empty one. */
    private static boolean regionLike(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
