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
 * @param body the body, as sent; read without being consumed
 */
public record SignedRequest(String method, String uri, Function<String, List<String>> headers, ByteBuffer body) {
    /** The first value of a header, or null. */
    String header(String lowerCaseName) {
        List<String> values = headers.apply(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
