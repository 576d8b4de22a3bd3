package floe.server.wire;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.FloeBehaviourTck;
import floe.tck.wire.SdkFloeDb;
import floe.tck.wire.WireEndpoint;
import java.nio.file.Path;
import java.util.Map;

/** The behaviour suites through the AWS SDK's synchronous client, over HTTP, against a server on LMDB (without fsync, to keep them fast; durability is tested with kill -9 elsewhere). */
class SyncLmdbWireTest extends FloeBehaviourTck {
    @Override
    protected FloeConfig config(Path directory) {
        return FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false"));
    }

    /** Over the wire too: the server's database reads the test's clock and engine options. */
    @Override
    protected FloeDb open(FloeConfig config) {
        return Served.over(
                FloeDb.open(config),
                uri -> new SdkFloeDb(WireEndpoint.syncClient(uri), WireEndpoint.syncStreamsClient(uri)));
    }
}
