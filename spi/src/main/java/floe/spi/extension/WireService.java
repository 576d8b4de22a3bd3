package floe.spi.extension;

import floe.api.Stability;
import java.util.Map;

/**
 * An opened JSON-protocol service (see {@link WireServiceProvider}). JSON values cross as
 * plain Java values: an object is a {@code Map<String, Object>} (insertion-ordered), an array a
 * {@code List<Object>}, a string a {@code String}, a number a {@code java.math.BigDecimal} (in
 * answers any {@code Number}), {@code true}/{@code false} a {@code Boolean}, null null.
 * Thread-safe; {@link #close()} may be called twice.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface WireService extends AutoCloseable {
    /**
     * Answers one request.
     *
     * @param operation the part of {@code X-Amz-Target} after the dot
     * @param request the request's JSON object
     * @return the answer's JSON object
     * @throws WireServiceException for an error the client is told, with its type and status
     */
    Map<String, Object> call(String operation, Map<String, Object> request) throws WireServiceException;

    @Override
    void close();
}
