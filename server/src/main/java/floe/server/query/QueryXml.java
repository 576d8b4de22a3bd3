package floe.server.query;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The answers of AWS's Query protocol, which STS and IAM share on the server's port: a
 * result ({@code <ActionResponse><ActionResult>...}) or an error ({@code <ErrorResponse>}),
 * in the service's XML namespace; and the access keys both issue.
 */
public final class QueryXml {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private QueryXml() {}

    /**
     * An action's answer: its result's elements (already XML), or none when {@code result} is
     * empty (an action that answers only its request id), then the request id.
     */
    public static String result(String xmlns, String action, String result, String requestId) {
        return "<" + action + "Response xmlns=\"" + xmlns + "\">\n"
                + (result.isEmpty() ? "" : "  <" + action + "Result>\n" + result + "  </" + action + "Result>\n")
                + "  <ResponseMetadata>\n    <RequestId>" + escape(requestId)
                + "</RequestId>\n  </ResponseMetadata>\n</" + action + "Response>\n";
    }

    /** An error: the sender's for a status below 500, the receiver's from 500 on. */
    public static String error(String xmlns, int status, String code, String message, String requestId) {
        return "<ErrorResponse xmlns=\"" + xmlns + "\">\n  <Error>\n    <Type>"
                + (status >= 500 ? "Receiver" : "Sender") + "</Type>\n    <Code>" + escape(code)
                + "</Code>\n    <Message>" + escape(message) + "</Message>\n  </Error>\n  <RequestId>"
                + escape(requestId) + "</RequestId>\n</ErrorResponse>\n";
    }

    /** {@code s} as XML character data (an empty string for null). */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** An access key id shaped as AWS's: {@code prefix} (AKIA long-term, ASIA temporary) and 16 of A-Z, 2-7. */
    public static String accessKeyId(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < 16; i++) {
            b.append(KEY_ALPHABET.charAt(RANDOM.nextInt(KEY_ALPHABET.length())));
        }
        return b.toString();
    }

    /** A secret access key: 40 characters, as AWS's are. */
    public static String secret() {
        return random(30);
    }

    /** {@code bytes} random bytes in base64. */
    public static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
