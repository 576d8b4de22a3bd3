package floe.server.auth.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a policy is evaluated against for one action on one resource: who asks, and the
 * condition keys of the request, each with one or more values. Keys are found ignoring
 * case, as IAM finds them.
 */
public final class RequestContext {
    private final Caller caller;
    private final Map<String, List<String>> keys;

    private RequestContext(Caller caller, Map<String, List<String>> keys) {
        this.caller = caller;
        this.keys = keys;
    }

    /** @return who asks */
    public Caller caller() {
        return caller;
    }

    /**
     * The values of a key, or null when the request has no such key.
     *
     * @param key the key, in any case
     */
    public List<String> values(String key) {
        // Policies keep their keys in lower case: most lookups need no conversion.
        List<String> v = keys.get(key);
        return v != null ? v : keys.get(key.toLowerCase(Locale.ROOT));
    }

    /**
     * A context with one key added or replaced.
     *
     * @param key the key
     * @param values its values; null removes it
     * @return the new context
     */
    public RequestContext with(String key, List<String> values) {
        Map<String, List<String>> m = new HashMap<>(keys);
        if (values == null) {
            m.remove(key.toLowerCase(Locale.ROOT));
        } else {
            m.put(key.toLowerCase(Locale.ROOT), List.copyOf(values));
        }
        return new RequestContext(caller, m);
    }

    /**
     * A context with several keys added or replaced, in one copy.
     *
     * @param more the keys and their values
     * @return the new context, or this one when {@code more} is empty
     */
    public RequestContext withAll(Map<String, List<String>> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, List<String>> m = new HashMap<>(keys);
        more.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        return new RequestContext(caller, m);
    }

    /**
     * Builds a context.
     *
     * @param caller who asks
     * @return a builder
     */
    public static Builder builder(Caller caller) {
        return new Builder(caller);
    }

    /** Collects a context's keys. */
    public static final class Builder {
        private final Caller caller;
        private final Map<String, List<String>> keys = new HashMap<>();

        private Builder(Caller caller) {
            this.caller = caller;
        }

        /** Sets a single-valued key; a null value leaves the key out. */
        public Builder put(String key, String value) {
            if (value != null) {
                keys.put(key.toLowerCase(Locale.ROOT), List.of(value));
            }
            return this;
        }

        /** Sets a multivalued key; a null list leaves the key out. */
        public Builder put(String key, List<String> values) {
            if (values != null) {
                keys.put(key.toLowerCase(Locale.ROOT), List.copyOf(values));
            }
            return this;
        }

        /** @return the context */
        public RequestContext build() {
            return new RequestContext(caller, Map.copyOf(keys));
        }
    }
}
