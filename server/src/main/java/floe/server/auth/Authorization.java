package floe.server.auth;

import floe.api.error.FloeException;
import floe.api.error.IncompleteSignatureException;
import floe.api.error.InvalidSignatureException;
import floe.api.error.MissingAuthenticationTokenException;
import floe.api.error.UnrecognizedClientException;
import java.time.Instant;
import java.time.Month;
import java.time.Year;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The checks DynamoDB makes of a request's SigV4 {@code Authorization} header before
 * it looks at the signature, with its error types and messages. These checks alone
 * accept any well-formed credentials (authentication off); {@link SigV4Verifier} makes
 * them and then verifies the signature.
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
        return check(header, date, false);
    }

    /**
     * Parses and checks a header, in DynamoDB's order: the header's presence and parts,
     * the date's format, Host among the signed headers, the algorithm, the credential's
     * five parts and its scope (region, service, terminator, and a date matching the
     * request's), then the access key. The date's distance from the clock is not
     * checked (a local server accepts requests signed at any time), nor the signature.
     *
     * @param header the {@code Authorization} header, or null
     * @param date the {@code X-Amz-Date} header, or the {@code Date} header when there is none; null if neither
     * @param fromDateHeader whether {@code date} came from the {@code Date} header
     * @return the credentials the request names
     * @throws FloeException DynamoDB's error for a missing or malformed header
     */
    public static Authorization check(String header, String date, boolean fromDateHeader) {
        return check(header, date, fromDateHeader, DYNAMODB);
    }

    /**
     * As {@link #check(String, String, boolean)}, for a request to the service that signs as
     * {@code service} (a plugin's service served on the port, such as {@code kms}).
     */
    public static Authorization check(String header, String date, boolean fromDateHeader, String service) {
        Header h = parse(header, date, fromDateHeader, null, service);
        return new Authorization(h.accessKeyId(), h.region());
    }

    /** DynamoDB's signing name. */
    public static final String DYNAMODB = "dynamodb";

    /**
     * A header's parts, once {@link #parse} has checked them.
     *
     * @param accessKeyId the access key id
     * @param region the scope's region
     * @param scope the credential scope: date, region, service and terminator
     * @param signedHeaders the signed headers, as the header lists them
     * @param signature the signature, as sent
     * @param basicDate the request's date in ISO 8601's basic format
     */
    record Header(
            String accessKeyId,
            String region,
            String scope,
            String signedHeaders,
            String signature,
            String basicDate) {}

    /**
     * The checks of {@link #check(String, String, boolean)}, and, when {@code now} is given,
     * the request's date within 15 minutes of it either way, checked where DynamoDB checks
     * it: after the date's format and before the signed headers.
     */
    static Header parse(String header, String date, boolean fromDateHeader, Instant now) {
        return parse(header, date, fromDateHeader, now, DYNAMODB);
    }

    /** As {@link #parse(String, String, boolean, Instant)}, for the service signing as {@code signingName}. */
    static Header parse(String header, String date, boolean fromDateHeader, Instant now, String signingName) {
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
        String signature = null;
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
                        signature = header.substring(v, vEnd);
                    }
                }
            }
            i = end + 1;
        }
        if (credential == null || signature == null || signedHeaders == null || date == null) {
            StringBuilder missing = new StringBuilder();
            append(missing, credential == null, "Authorization header requires 'Credential' parameter. ");
            append(missing, signature == null, "Authorization header requires 'Signature' parameter. ");
            append(missing, signedHeaders == null, "Authorization header requires 'SignedHeaders' parameter. ");
            append(
                    missing,
                    date == null,
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
            throw new IncompleteSignatureException(missing + "Authorization=" + header);
        }
        String day = day(date, fromDateHeader);
        if (day == null) {
            throw new IncompleteSignatureException("Date must be in ISO-8601 'basic format'. Got '" + date
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        String iso = isoBasic(date, day);
        if (now != null) {
            Skew.check(iso, now);
        }
        if (!signsHost(signedHeaders)) {
            throw new InvalidSignatureException("'Host' must be a 'SignedHeader' in the AWS Authorization.");
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
        boolean service = is(credential, slash[2] + 1, slash[3], signingName);
        boolean terminator = is(credential, slash[3] + 1, scopeEnd, "aws4_request");
        boolean dated = is(credential, slash[0] + 1, slash[1], day);
        if (!regionLike(region) || !service || !terminator || !dated) {
            StringBuilder invalid = new StringBuilder();
            append(
                    invalid,
                    !regionLike(region),
                    "Credential should be scoped to a valid region, not '" + region + "'. ");
            append(invalid, !service, "Credential should be scoped to correct service: '" + signingName + "'. ");
            append(
                    invalid,
                    !terminator,
                    "Credential should be scoped with a valid terminator: 'aws4_request', not '"
                            + credential.substring(slash[3] + 1, scopeEnd) + "'. ");
            append(
                    invalid,
                    !dated,
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + credential.substring(slash[0] + 1, slash[1]) + "' != '" + day + "', from '"
                            + iso + "'.");
            throw new InvalidSignatureException(invalid.toString().trim());
        }
        if (slash[0] == 0) {
            // An empty access key id is a key no account has. wording: best guess (DynamoDB's answer to an unknown key)
            throw new UnrecognizedClientException("The security token included in the request is invalid.");
        }
        return new Header(
                credential.substring(0, slash[0]),
                region,
                credential.substring(slash[0] + 1, scopeEnd),
                signedHeaders,
                signature,
                iso);
    }

    /** RFC 1123, as a {@code Date} header may carry it. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /**
     * The YYYYMMDD of a request's date, or null if it is not a date in ISO 8601's basic
     * format ({@code 20261121T000000Z}). A {@code Date} header may also carry HTTP's own
     * RFC 1123 form (best guess: what DynamoDB makes of that form is not confirmed).
     */
    private static String day(String date, boolean fromDateHeader) {
        if (basic(date)) {
            return date.substring(0, 8);
        }
        if (fromDateHeader) {
            try {
                return ZonedDateTime.parse(date.trim(), HTTP_DATE).format(BASIC).substring(0, 8);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** The date in ISO 8601's basic format, for the message about a scope's date. */
    private static String isoBasic(String date, String day) {
        if (date.length() == 16 && date.startsWith(day)) {
            return date; // day() found it in the basic format
        }
        try {
            return ZonedDateTime.parse(date.trim(), HTTP_DATE).format(BASIC);
        } catch (DateTimeParseException e) {
            return day;
        }
    }

    /** {@code yyyyMMdd'T'HHmmss'Z'}, each field in its range. */
    private static boolean basic(String d) {
        if (d.length() != 16 || d.charAt(8) != 'T' || d.charAt(15) != 'Z') {
            return false;
        }
        for (int i = 0; i < 15; i++) {
            if (i != 8 && (d.charAt(i) < '0' || d.charAt(i) > '9')) {
                return false;
            }
        }
        int year = number(d, 0, 4);
        int month = number(d, 4, 6);
        int dayOfMonth = number(d, 6, 8);
        if (month < 1
                || month > 12
                || dayOfMonth < 1
                || dayOfMonth > Month.of(month).length(Year.isLeap(year))) {
            return false;
        }
        return number(d, 9, 11) < 24 && number(d, 11, 13) < 60 && number(d, 13, 15) < 60;
    }

    private static int number(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + s.charAt(i) - '0';
        }
        return n;
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
