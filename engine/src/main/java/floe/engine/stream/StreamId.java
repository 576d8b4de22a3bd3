package floe.engine.stream;

import floe.api.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stream: its table's name and its label, a creation timestamp unique among the
 * table's streams. The key it is stored under ({@code table/label}) leaves out the
 * region and account, which only its ARN names, so that the data does not depend on
 * them; keys sort by table, then by age.
 *
 * @param table the table's name
 * @param label the stream's label, e.g. {@code 2026-01-02T03:04:05.678}
 */
record StreamId(String table, String label) {
    private static final DateTimeFormatter LABEL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final Pattern ARN =
            Pattern.compile("arn:aws:dynamodb:([a-z0-9-]+):([0-9]+):table/([a-zA-Z0-9_.-]{3,255})/stream/"
                    + "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3})");

    /** The label of a stream enabled at {@code millis}. */
    static String label(long millis) {
        return LABEL.format(Instant.ofEpochMilli(millis));
    }

    /** The milliseconds a label names. */
    static long millis(String label) {
        return Instant.from(LABEL.parse(label)).toEpochMilli();
    }

    /** The key the stream is stored under. */
    String key() {
        return table + "/" + label;
    }

    /** {@link #key()} as bytes. */
    byte[] keyBytes() {
        return key().getBytes(StandardCharsets.UTF_8);
    }

    /** The stream whose key is {@code key}. */
    static StreamId ofKey(String key) {
        int slash = key.indexOf('/');
        return new StreamId(key.substring(0, slash), key.substring(slash + 1));
    }

    /** The stream's ARN in {@code region} and {@code account}. */
    String arn(String region, String account) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table + "/stream/" + label;
    }

    /**
     * A parsed stream ARN: the stream it names and where.
     *
     * @param id the stream
     * @param region the ARN's region
     * @param account the ARN's account
     */
    record Arn(StreamId id, String region, String account) {
        /** Whether the ARN names a stream of this database. */
        boolean isIn(String ourRegion, String ourAccount) {
            return region.equals(ourRegion) && account.equals(ourAccount);
        }
    }

    /**
     * Parses a stream ARN.
     *
     * @throws ValidationException if {@code arn} is not one
     */
    static Arn parse(String arn) {
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            // wording: best guess (a client library's test against the service matches "Invalid StreamArn")
            throw new ValidationException("Invalid StreamArn");
        }
        return new Arn(new StreamId(m.group(3), m.group(4)), m.group(1), m.group(2));
    }
}
