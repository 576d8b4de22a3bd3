package floe.plugin.replication;

import floe.spi.extension.WireService;
import floe.spi.extension.WireServiceException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Regions this server hosts as members of global tables, each with its own
 * {@link Replicator}: its home Region (the one it serves by default) and those the plugin's
 * options name as local. The replication service routes each request to the Region it names
 * ({@code Region}, which every {@link Peer} sends), or to the home Region when it names none
 * (a peer of an earlier version); peers inside the server call the same service without HTTP.
 */
final class HostedRegions implements WireService {
    /** The request member that names the Region a request is for. */
    static final String REGION = "Region";

    private final Map<String, Replicator> byRegion = new TreeMap<>();
    private String home;

    /** Adds a Region's replicator; the first one added is the home Region's. */
    synchronized void add(String region, Replicator replicator) {
        if (home == null) {
            home = region;
        }
        byRegion.put(region, replicator);
    }

    /** The home Region, or null before any Region opened. */
    synchronized String home() {
        return home;
    }

    /** The replicators, by Region. */
    synchronized List<Replicator> all() {
        return List.copyOf(byRegion.values());
    }

    /** Forgets every Region (the plugin stopped). */
    synchronized void clear() {
        byRegion.clear();
        home = null;
    }

    private synchronized Replicator target(Object region) {
        return byRegion.get(region == null ? home : String.valueOf(region));
    }

    @Override
    public Map<String, Object> call(String operation, Map<String, Object> request) throws WireServiceException {
        Object region = request.get(REGION);
        Replicator r = target(region);
        if (r == null) {
            if (region == null || byRegion().isEmpty()) {
                throw new WireServiceException(
                        "com.amazonaws.dynamodb.v20120810#InternalServerError", 500, "replication is not open yet");
            }
            // FloeDB's own service: no DynamoDB wording to follow
            throw new WireServiceException(
                    "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                    400,
                    "Region " + region + " is not hosted by this server; it hosts "
                            + byRegion().keySet());
        }
        return r.call(operation, request);
    }

    private synchronized Map<String, Replicator> byRegion() {
        return new TreeMap<>(byRegion);
    }

    @Override
    public void close() {}
}
