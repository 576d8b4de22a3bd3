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

    /**
     * Lets a request through, or refuses it, and names what it runs on: {@code asked} (the
     * namespace the caller's credentials select), or the namespace of the account that owns the
     * resource a cross-account request names.
     *
     * @param request the request as read
     * @param asked what the request would run on
     * @return what it runs on
     * @throws floe.api.error.FloeException the refusal, such as AccessDeniedException
     */
    default WireTarget route(Object request, WireTarget asked) {
        check(request);
        return asked;
    }
}
