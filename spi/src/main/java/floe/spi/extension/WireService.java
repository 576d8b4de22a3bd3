package floe.spi.extension;

import floe.api.Stability;
import java.util.List;
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

    /**
     * What a request asks to do, for a server that authorizes its callers ({@code floe serve
     * --auth}): every (action, resource) the caller's policies must allow before {@link #call}
     * runs, in the order they are asked; the first refused one answers AccessDeniedException.
     * Asked before {@link #call}, with the same request; it must change nothing. A request
     * that names a resource that does not exist is asked about on the ARN it names (the call
     * then answers the service's own error).
     *
     * <p>The default asks {@code <service>:<operation>} on {@code *}, the shape of AWS's action
     * names, so a service that overrides nothing is still authorized, by operation only.
     *
     * @param service the service's signing name ({@link WireServiceProvider#signingName()}), such as {@code kms}
     * @param operation the part of {@code X-Amz-Target} after the dot
     * @param request the request's JSON object
     * @return the questions, at least one
     */
    default List<WireAccess> access(String service, String operation, Map<String, Object> request) {
        return List.of(new WireAccess(service + ":" + operation, "*"));
    }

    /**
     * Lines for the server's status page ({@code GET /}): the state an operator watches, such as
     * the replication backlog per peer; plain text, one fact a line, no secrets (the page is
     * served without authentication). None by default.
     */
    default List<String> statusLines() {
        return List.of();
    }

    @Override
    void close();
}
