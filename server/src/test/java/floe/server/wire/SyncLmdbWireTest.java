package floe.server.wire;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.BatchTransactionBehaviourTck;
import floe.tck.behaviour.ControlPlaneBehaviourTck;
import floe.tck.behaviour.IndexBehaviourTck;
import floe.tck.behaviour.ItemBehaviourTck;
import floe.tck.behaviour.QueryScanBehaviourTck;
import floe.tck.behaviour.StreamBehaviourTck;
import floe.tck.behaviour.TableBehaviourTck;
import floe.tck.behaviour.ThrottlingBehaviourTck;
import floe.tck.behaviour.TimeToLiveBehaviourTck;
import floe.tck.wire.SdkFloeDb;
import floe.tck.wire.WireEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The behaviour suites through the AWS SDK's synchronous client, over HTTP, against a server on LMDB (without fsync, to keep them fast; durability is tested with kill -9 elsewhere). */
class SyncLmdbWireTest {
    @Nested
    class Tables extends TableBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false"))),
                    uri -> new SdkFloeDb(WireEndpoint.syncClient(uri), WireEndpoint.syncStreamsClient(uri)));
        }
    }

    @Nested
    class Items extends ItemBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false"))),
                    uri -> new SdkFloeDb(WireEndpoint.syncClient(uri), WireEndpoint.syncStreamsClient(uri)));
        }
    }

    @Nested
    class QueryScan extends QueryScanBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false"))),
                    uri -> new SdkFloeDb(WireEndpoint.syncClient(uri), WireEndpoint.syncStreamsClient(uri)));
        }
    }

    @Nested
    class BatchesAndTransactions extends BatchTransactionBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false"))),
                    uri -> new SdkFloeDb(WireEndpoint.syncClient(uri), WireEndpoint.syncStreamsClient(uri)));
        }
    }

    @Nested
    class Indexes extends IndexBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false"))),
                    uri -> new SdkFloeDb(WireEndpoint.syncClient(uri), WireEndpoint.syncStreamsClient(uri)));
        }
    }

    @Nested
    class Streams extends StreamBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false"))
                    .withClock(clock)), uri -> new SdkFloeDb(WireEndpoint.syncClient(uri), WireEndpoint.syncStreamsClient(uri)));
        }
    }

    @Nested
    class TimeToLive extends TimeToLiveBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false"))
                    .withEngineOptions(ENGINE_OPTIONS)), uri -> new SdkFloeDb(WireEndpoint.syncClient(uri), WireEndpoint.syncStreamsClient(uri)));
        }
    }

    @Nested
    class ControlPlane extends ControlPlaneBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false"))),
                    uri -> new SdkFloeDb(WireEndpoint.syncClient(uri), WireEndpoint.syncStreamsClient(uri)));
        }
    }

    /** Over the wire too: the server's database reads the test's clock. */
    @Nested
    class Throttling extends ThrottlingBehaviourTck {
        @Override
        protected FloeDb open(Path directory, Clock clock, Map<String, String> engineOptions) {
            return Served.over(FloeDb.open(FloeConfig.lmdb(directory).withBackend("lmdb", Map.of("path", directory.toString(), "sync", "false"))
                    .withClock(clock).withEngineOptions(engineOptions)), uri -> new SdkFloeDb(WireEndpoint.syncClient(uri), WireEndpoint.syncStreamsClient(uri)));
        }
    }
}
