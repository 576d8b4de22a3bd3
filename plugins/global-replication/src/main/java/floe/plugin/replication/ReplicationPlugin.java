package floe.plugin.replication;

import floe.spi.extension.GlobalTables;
import floe.spi.extension.GlobalTablesProvider;
import floe.spi.extension.ReplicaHost;
import floe.spi.extension.WireAccess;
import floe.spi.extension.WireService;
import floe.spi.extension.WireServiceException;
import floe.spi.extension.WireServiceProvider;
import floe.spi.plugin.ExtensionPoint;
import floe.spi.plugin.FloePlugin;
import floe.spi.plugin.PluginContext;
import floe.spi.plugin.PluginState;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The replication plugin: global tables (version 2019.11.21) between Regions, each served by a
 * FloeDB server of its own or several by one server. It brings the global tables provider the
 * engine opens, and the replication service ({@code X-Amz-Target: FloeReplication.<Op>}) peers
 * call on the normal port.
 *
 * <p>Options ({@code plugin.replication.<key>}): {@code peer.<Region>} = the endpoint URL of the
 * server serving that Region, or {@code local} for a Region this server hosts itself (another
 * namespace of its database); one per Region a table may be replicated to.
 * {@code peer.<Region>.credentials} = a credentials file (the AWS CLI's format) whose access key
 * signs the requests to that peer, for a peer that runs with {@code --auth}
 * ({@link PeerCredentials}); {@code peer.<Region>.profile} its profile ({@code default}). Only those Regions
 * (and the server's own) ever become replicas here. {@code tombstoneRetentionHours} (24): how
 * long the stamps of deleted items are kept to win over late replicated writes.
 *
 * <p>Each hosted Region has its own {@link Replicator}, over its own namespace's replica host:
 * a namespace is a database of its own (its change log, stamps, clock and tables), so a Region
 * of the same server is a peer like any other, one that is called without HTTP, with the same
 * durable feed and checkpoint per peer and the same last-writer-wins apply.
 */
public final class ReplicationPlugin implements FloePlugin {
    /** The plugin's name, and its providers'. */
    public static final String NAME = "replication";

    private final HostedRegions hosted = new HostedRegions();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(PluginContext context) {
        Map<String, String> options = context.options();
        Map<String, String> peerUrls = new TreeMap<>();
        Set<String> localRegions = new TreeSet<>();
        // per Region: the credentials file its requests are signed with, and the profile in it
        Map<String, String> credentialFiles = new TreeMap<>();
        Map<String, String> profiles = new TreeMap<>();
        long retentionHours = 24;
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().startsWith("peer.") && e.getKey().indexOf('.', "peer.".length()) > 0) {
                String rest = e.getKey().substring("peer.".length());
                String region = rest.substring(0, rest.indexOf('.'));
                String key = rest.substring(rest.indexOf('.') + 1);
                switch (key) {
                    case "credentials" ->
                        credentialFiles.put(region, e.getValue().trim());
                    case "profile" -> profiles.put(region, e.getValue().trim());
                    case "secretAccessKey", "aws_secret_access_key" ->
                        // never echoes the value: it is a secret
                        throw new IllegalArgumentException("plugin." + NAME + ".peer." + region + "." + key
                                + ": a secret does not go in the options, which the command line and"
                                + " conf/floe.properties show; put the key in a credentials file readable by the"
                                + " server's user only and name it with plugin." + NAME + ".peer." + region
                                + ".credentials=<file>");
                    default ->
                        throw new IllegalArgumentException("unknown option plugin." + NAME + "." + e.getKey()
                                + "; known: peer.<Region>, peer.<Region>.credentials, peer.<Region>.profile,"
                                + " tombstoneRetentionHours");
                }
            } else if (e.getKey().startsWith("peer.")) {
                String region = e.getKey().substring("peer.".length());
                if (e.getValue().trim().equals(Peer.LOCAL)) {
                    localRegions.add(region);
                } else {
                    peerUrls.put(region, e.getValue().trim());
                }
            } else if (e.getKey().equals("tombstoneRetentionHours")) {
                retentionHours = Long.parseLong(e.getValue());
                if (retentionHours < 1) {
                    throw new IllegalArgumentException("plugin." + NAME + ".tombstoneRetentionHours is at least 1");
                }
            } else {
                throw new IllegalArgumentException("unknown option plugin." + NAME + "." + e.getKey()
                        + "; known: peer.<Region>, peer.<Region>.credentials, peer.<Region>.profile,"
                        + " tombstoneRetentionHours");
            }
        }
        Map<String, PeerSigner> signers = signers(peerUrls, localRegions, credentialFiles, profiles, context);
        long retentionMillis = TimeUnit.HOURS.toMillis(retentionHours);
        context.register(ExtensionPoint.GLOBAL_TABLES, new GlobalTablesProvider() {
            @Override
            public String name() {
                return NAME;
            }

            /**
             * The first host opened is the server's own Region (the database's default
             * namespace): it asks for the host of each local Region, which opens through here
             * in turn.
             */
            @Override
            public GlobalTables open(ReplicaHost host) {
                synchronized (hosted) {
                    String region = host.region();
                    boolean home = hosted.home() == null;
                    String homeRegion = home ? region : hosted.home();
                    Set<String> here = new TreeSet<>(localRegions);
                    here.add(homeRegion);
                    Map<String, Peer> peers = new TreeMap<>();
                    peerUrls.forEach((r, url) -> {
                        if (!r.equals(region) && !here.contains(r)) {
                            peers.put(r, new Peer(r, URI.create(url), region, signers.get(r)));
                        }
                    });
                    for (String r : here) {
                        if (!r.equals(region)) {
                            peers.put(r, Peer.local(r, hosted, region));
                        }
                    }
                    // the home Region keeps the keys it always had; each other one its own part
                    PluginState state =
                            home ? context.state() : new ScopedState(context.state(), "region." + region + ".");
                    Replicator opened =
                            new Replicator(host, peers, state, context.clock(), context.logger(), retentionMillis);
                    hosted.add(region, opened);
                    if (home) {
                        try {
                            for (String r : localRegions) {
                                if (!r.equals(region) && host.otherRegion(r) == null) {
                                    throw new IllegalArgumentException("plugin." + NAME + ".peer." + r + "="
                                            + Peer.LOCAL + ": this database hosts one Region only");
                                }
                            }
                        } catch (RuntimeException e) {
                            hosted.all().forEach(Replicator::close);
                            hosted.clear();
                            throw e;
                        }
                    }
                    return opened;
                }
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
                        return hosted.call(operation, request);
                    }

                    @Override
                    public List<WireAccess> access(String service, String operation, Map<String, Object> request) {
                        return ReplicationAccess.of(operation, request, hosted.home());
                    }

                    @Override
                    public List<String> statusLines() {
                        List<String> lines = new ArrayList<>();
                        hosted.all().forEach(r -> lines.addAll(r.statusLines()));
                        return lines;
                    }

                    @Override
                    public void close() {}
                };
            }
        });
    }

    /**
     * The signer of each peer's requests: with the access key of its credentials file, or unsigned.
     *
     * @throws IllegalArgumentException for credentials of a Region with no peer, or of a Region of
     *     this server, or a file that cannot be read
     */
    private static Map<String, PeerSigner> signers(
            Map<String, String> peerUrls,
            Set<String> localRegions,
            Map<String, String> files,
            Map<String, String> profiles,
            PluginContext context) {
        for (String r : profiles.keySet()) {
            if (!files.containsKey(r)) {
                throw new IllegalArgumentException("plugin." + NAME + ".peer." + r + ".profile names a profile of no"
                        + " credentials file: set plugin." + NAME + ".peer." + r + ".credentials=<file>");
            }
        }
        Map<String, PeerSigner> out = new TreeMap<>();
        for (String r : peerUrls.keySet()) {
            out.put(r, PeerSigner.UNSIGNED);
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            String r = e.getKey();
            if (localRegions.contains(r)) {
                throw new IllegalArgumentException("plugin." + NAME + ".peer." + r + ".credentials: " + r
                        + " is a Region of this server (" + Peer.LOCAL + "), called without HTTP nor credentials");
            }
            if (!peerUrls.containsKey(r)) {
                throw new IllegalArgumentException("plugin." + NAME + ".peer." + r + ".credentials: no peer "
                        + "endpoint plugin." + NAME + ".peer." + r + "=<url> for that Region");
            }
            PeerCredentials c =
                    PeerCredentials.open(Path.of(e.getValue()), profiles.getOrDefault(r, "default"), context.logger());
            out.put(r, new PeerSigner(c));
        }
        return out;
    }

    @Override
    public void stop() {
        hosted.clear();
    }
}
