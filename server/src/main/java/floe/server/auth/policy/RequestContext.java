package floe.server.auth.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a policy is evaluated against for one action on one resource: who asks, and the
 * condition keys of the request, each with one or more values. Keys are found ignoring
 * case, as IAM finds them.
 */
public final class RequestContext {
    private final Caller caller;
    private final Map<String, List<String>> keys;
    /** Keys of one question laid over {@code keys} (which many questions share), or null. */
    private final Map<String, List<String>> more;

    private RequestContext(Caller caller, Map<String, List<String>> keys) {
        this(caller, keys, null);
    }

    private RequestContext(Caller caller, Map<String, List<String>> keys, Map<String, List<String>> more) {
        this.caller = caller;
        this.keys = keys;
        this.more = more;
    }

    /** Lower-case forms of the keys code names (a handful), so that a request lowers none of them again. */
    private static final Map<String, String> LOWER = new ConcurrentHashMap<>();

    /** A key in lower case, as contexts keep them. */
    static String lower(String key) {
        String l = LOWER.get(key);
        if (l == null) {
            l = key.toLowerCase(Locale.ROOT);
            if (LOWER.size() < 1024) { // a bound: keys from a command line are many only by mistake
                LOWER.put(key, l);
            }
        }
        return l;
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
        List<String> v = find(key);
        return v != null ? v : find(lower(key));
    }

    /**
     * The keys this context shares with others (the request's global keys, which questions lay
     * their own over): the same map for as long as they are the same, so what depends on them
     * alone can be kept while it is.
     */
    Map<String, List<String>> shared() {
        return keys;
    }

    /** Whether a key (in lower case) is one of the keys laid over the shared ones. */
    boolean overlays(String lowerKey) {
        return more != null && more.containsKey(lowerKey);
    }

    /** This context's keys in one new map. */
    private Map<String, List<String>> flat() {
        Map<String, List<String>> m = new HashMap<>(keys);
        if (more != null) {
            m.putAll(more);
        }
        return m;
    }

    private List<String> find(String lowerKey) {
        if (more != null) {
            List<String> v = more.get(lowerKey);
            if (v != null || more.containsKey(lowerKey)) {
                return v;
            }
        }
        return keys.get(lowerKey);
    }

    /**
     * A context with one key added or replaced.
     *
     * @param key the key
     * @param values its values; null removes it
     * @return the new context
     */
    public RequestContext with(String key, List<String> values) {
        Map<String, List<String>> m = flat();
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
        if (this.more != null) {
            // a context laid over another one again: flattened first (no caller does it on a request's path)
            return new RequestContext(caller, flat()).withAll(more);
        }
        // Laid over this context's keys rather than copied with them: asked once per question of every request.
        Map<String, List<String>> m = new HashMap<>(more.size() * 2);
        more.forEach((k, v) -> m.put(lower(k), v));
        return new RequestContext(caller, keys, m);
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
                keys.put(lower(key), List.of(value));
            }
            return this;
        }

        /** Sets a multivalued key; a null list leaves the key out. */
        public Builder put(String key, List<String> values) {
            if (values != null) {
                keys.put(lower(key), List.copyOf(values));
            }
            return this;
        }

        /** @return the context */
        public RequestContext build() {
            return new RequestContext(caller, Map.copyOf(keys));
        }
    }
}
