package floe.server.auth;

import floe.api.error.FloeException;
import floe.api.error.IncompleteSignatureException;
import floe.api.error.InvalidSignatureException;
import floe.api.error.MissingAuthenticationTokenException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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
        if (header == null || !header.trim().startsWith("AWS4-")) {
            throw new MissingAuthenticationTokenException("Request is missing Authentication Token");
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        Map<String, String> params = new HashMap<>();
        if (space >= 0) {
            for (String part : trimmed.substring(space + 1).split(",")) {
                String kv = part.trim();
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    params.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String required : new String[] {"Credential", "Signature", "SignedHeaders"}) {
            if (params.get(required) == null || params.get(required).isEmpty()) {
                missing.append("Authorization header requires '").append(required).append("' parameter. ");
            }
        }
        if (date == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing.length() > 0) {
            throw new IncompleteSignatureException(missing + "Authorization=" + header);
        }
        if (!ALGORITHM.equals(algorithm)) {
            throw new IncompleteSignatureException(
                    "Unsupported AWS 'algorithm': '" + algorithm + "' (only AWS4-HMAC-SHA256 for now). ");
        }
        String credential = params.get("Credential");
        String[] scope = stripTrailingSlashes(credential).split("/", -1);
        if (scope.length != 5) {
            throw new IncompleteSignatureException("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        StringBuilder invalid = new StringBuilder();
        if (!regionLike(scope[2])) {
            invalid.append("Credential should be scoped to a valid region, not '").append(scope[2]).append("'. ");
        }
        if (!scope[3].equals("dynamodb")) {
            invalid.append("Credential should be scoped to correct service: 'dynamodb'. ");
        }
        if (!scope[4].equals("aws4_request")) {
            invalid.append("Credential should be scoped with a valid terminator: 'aws4_request', not '")
                    .append(scope[4]).append("'. ");
        }
        if (invalid.length() > 0) {
            throw new InvalidSignatureException(invalid.toString().trim());
        }
        boolean host = false;
        for (String h : params.get("SignedHeaders").split(";")) {
            host |= h.trim().toLowerCase(Locale.ROOT).equals("host");
        }
        if (!host) {
            throw new InvalidSignatureException("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return new Authorization(scope[0], scope[2]);
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

    private static String stripTrailingSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }
}
