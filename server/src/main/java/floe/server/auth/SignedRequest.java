package floe.server.auth;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;

/**
 * What SigV4 signs of an HTTP request, as the server received it.
 *
 * @param method the method, such as {@code POST}
 * @param uri the request target as sent: the encoded path and, after {@code ?}, the encoded query
 * @param headers every value of a header, by its lower-case name (an empty list when absent)
 * @param firstValue the first value of a header, by its lower-case name, or null when absent: asked
 *     of the few headers read as one value, without a list for each
 * @param body the body, as sent; read without being consumed
 */
public record SignedRequest(
        String method,
        String uri,
        Function<String, List<String>> headers,
        Function<String, String> firstValue,
        ByteBuffer body) {
    /** A request whose headers' first values are read from {@code headers}. */
    public SignedRequest(String method, String uri, Function<String, List<String>> headers, ByteBuffer body) {
        this(method, uri, headers, name -> first(headers.apply(name)), body);
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of a header, or null. */
    String header(String lowerCaseName) {
        return firstValue.apply(lowerCaseName);
    }
}
