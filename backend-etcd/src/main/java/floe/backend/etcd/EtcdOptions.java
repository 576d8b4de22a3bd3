package floe.backend.etcd;

import floe.spi.storage.StorageBackendProvider;
import floe.spi.storage.StorageException;
import floe.spi.storage.StorageLimits;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The etcd backend's options, as {@code floe serve --backend etcd --backend-option key=value} passes them.
 *
 * @param endpoints the cluster's client URLs ({@code endpoints=http://127.0.0.1:2379,http://127.0.0.1:22379})
 * @param root the key prefix under which this FloeDB keeps everything ({@code root=floe/}); several
 *     FloeDB databases can share one cluster under different roots
 * @param replicas how many voting members the cluster must have at open (etcd keeps a full copy on
 *     every member, so this is the replication factor the backend insists on; default 1)
 * @param timeout how long one request to the cluster may take, failover included ({@code timeoutMillis})
 * @param connectTimeout how long connecting may take ({@code connectTimeoutMillis})
 * @param maxValueSize the largest value stored ({@code maxValueSize}, at least 1 MiB; the cluster's
 *     {@code --max-request-bytes} must be larger than a transaction's values together)
 */
record EtcdOptions(
        List<String> endpoints,
        String root,
        int replicas,
        Duration timeout,
        Duration connectTimeout,
        int maxValueSize) {
    static final String ENDPOINTS = "endpoints";
    static final String ROOT = "root";
    static final String REPLICAS = "replicas";
    static final String TIMEOUT = "timeoutMillis";
    static final String CONNECT_TIMEOUT = "connectTimeoutMillis";
    static final String MAX_VALUE_SIZE = "maxValueSize";
    /** {@code path} and {@code sync} are accepted and mean nothing here: the data is the cluster's, and etcd syncs every commit. */
    static final Set<String> KNOWN = new TreeSet<>(List.of(
            ENDPOINTS,
            ROOT,
            REPLICAS,
            TIMEOUT,
            CONNECT_TIMEOUT,
            MAX_VALUE_SIZE,
            StorageBackendProvider.PATH,
            StorageBackendProvider.SYNC));

    static EtcdOptions parse(Map<String, String> config) {
        for (String key : config.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new StorageException("unknown option for the etcd backend: " + key + " (known: " + KNOWN + ")");
            }
        }
        String endpoints = config.getOrDefault(ENDPOINTS, "http://127.0.0.1:2379");
        List<String> list = Arrays.stream(endpoints.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        if (list.isEmpty()) {
            throw new StorageException("the etcd backend needs at least one endpoint (endpoints=http://host:port,...)");
        }
        String root = config.getOrDefault(ROOT, "floe/");
        if (root.isEmpty() || root.indexOf('\0') >= 0) {
            throw new StorageException("bad root for the etcd backend: it must be non-empty, without NUL: " + root);
        }
        int replicas = number(config, REPLICAS, 1, 1);
        int timeout = number(config, TIMEOUT, 15_000, 1);
        int connect = number(config, CONNECT_TIMEOUT, 5_000, 1);
        int max = number(config, MAX_VALUE_SIZE, StorageLimits.MIN_MAX_VALUE_SIZE, StorageLimits.MIN_MAX_VALUE_SIZE);
        return new EtcdOptions(list, root, replicas, Duration.ofMillis(timeout), Duration.ofMillis(connect), max);
    }

    private static int number(Map<String, String> config, String key, int fallback, int least) {
        String text = config.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n < least) {
                throw new StorageException(
                        "bad " + key + " for the etcd backend: " + text + " (at least " + least + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new StorageException("bad " + key + " for the etcd backend: " + text, e);
        }
    }
}
