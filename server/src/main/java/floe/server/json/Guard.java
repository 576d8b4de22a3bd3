package floe.server.json;

/**
 * What the server asks of a request once it is read and before it runs: with
 * authentication on, whether the caller's policies allow it.
 */
@FunctionalInterface
public interface Guard {
    /** A guard that lets every request through (authentication off). */
    Guard NONE = request -> {};

    /**
     * Lets a request through, or refuses it.
     *
     * @param request the request as read (a {@code floe.api.model} record), or null for an operation without one
     * @throws floe.api.error.FloeException the refusal, such as AccessDeniedException
     */
    void check(Object request);
}
