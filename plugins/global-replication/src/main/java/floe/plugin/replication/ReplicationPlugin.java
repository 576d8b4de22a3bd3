package floe.plugin.replication;

import floe.spi.extension.GlobalTables;
import floe.spi.extension.GlobalTablesProvider;
import floe.spi.extension.ReplicaHost;
import floe.spi.extension.WireService;
import floe.spi.extension.WireServiceException;
import floe.spi.extension.WireServiceProvider;
import floe.spi.plugin.ExtensionPoint;
import floe.spi.plugin.FloePlugin;
import floe.spi.plugin.PluginContext;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The replication plugin: global tables (version 2019.11.21) between FloeDB servers, each
 * serving its own Region. It brings the global tables provider the engine opens, and the
 * replication service ({@code X-Amz-Target: FloeReplication.<Op>}) peers call on the normal port.
 *
 * <p>Options ({@code plugin.replication.<key>}): {@code peer.<Region>} = the endpoint URL of the
 * server serving that Region (one per Region a table may be replicated to);
 * {@code tombstoneRetentionHours} (24): how long the stamps of deleted items are kept to win
 * over late replicated writes.
 */
public final class ReplicationPlugin implements FloePlugin {
    /** The plugin's name, and its providers'. */
    public static final String NAME = "replication";

    private volatile Replicator replicator;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(PluginContext context) {
        Map<String, String> options = context.options();
        Map<String, String> peerUrls = new TreeMap<>();
        long retentionHours = 24;
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().startsWith("peer.")) {
                peerUrls.put(e.getKey().substring("peer.".length()), e.getValue());
            } else if (e.getKey().equals("tombstoneRetentionHours")) {
                retentionHours = Long.parseLong(e.getValue());
                if (retentionHours < 1) {
                    throw new IllegalArgumentException("plugin." + NAME + ".tombstoneRetentionHours is at least 1");
                }
            } else {
                throw new IllegalArgumentException("unknown option plugin." + NAME + "." + e.getKey()
                        + "; known: peer.<Region>, tombstoneRetentionHours");
            }
        }
        long retentionMillis = TimeUnit.HOURS.toMillis(retentionHours);
        context.register(ExtensionPoint.GLOBAL_TABLES, new GlobalTablesProvider() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public GlobalTables open(ReplicaHost host) {
                Map<String, Peer> peers = new TreeMap<>();
                peerUrls.forEach((region, url) -> {
                    if (!region.equals(host.region())) {
                        peers.put(region, new Peer(region, URI.create(url), host.region()));
                    }
                });
                Replicator opened = new Replicator(
                        host, peers, context.state(), context.clock(), context.logger(), retentionMillis);
                replicator = opened;
                return opened;
            }
        });
        context.register(ExtensionPoint.WIRE_SERVICE, new WireServiceProvider() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public String targetPrefix() {
                return Peer.TARGET;
            }

            @Override
            public String signingName() {
                return "dynamodb";
            }

            @Override
            public String contentType() {
                return "application/x-amz-json-1.0";
            }

            @Override
            public WireService open() {
                return new WireService() {
                    @Override
                    public Map<String, Object> call(String operation, Map<String, Object> request)
                            throws WireServiceException {
                        Replicator r = replicator;
                        if (r == null) {
                            throw new WireServiceException(
                                    "com.amazonaws.dynamodb.v20120810#InternalServerError",
                                    500,
                                    "replication is not open yet");
                        }
                        return r.call(operation, request);
                    }

                    @Override
                    public void close() {}
                };
            }
        });
    }

    @Override
    public void stop() {
        replicator = null;
    }
}
