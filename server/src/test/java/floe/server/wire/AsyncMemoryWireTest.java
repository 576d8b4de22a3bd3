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
import floe.tck.wire.AsyncSdkFloeDb;
import floe.tck.wire.WireEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

/** The behaviour suites through the AWS SDK's asynchronous (Netty) client, over HTTP, against an in-memory server. */
class AsyncMemoryWireTest {
    /** One Netty HTTP client for every test: each closing its own would cost seconds. */
    private static final SdkAsyncHttpClient HTTP = NettyNioAsyncHttpClient.create();

    @AfterAll
    static void closeHttp() {
        HTTP.close();
    }

    @Nested
    class Tables extends TableBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.inMemory()), uri -> new AsyncSdkFloeDb(WireEndpoint.asyncClient(uri, HTTP), WireEndpoint.asyncStreamsClient(uri, HTTP)));
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    @Nested
    class Items extends ItemBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.inMemory()), uri -> new AsyncSdkFloeDb(WireEndpoint.asyncClient(uri, HTTP), WireEndpoint.asyncStreamsClient(uri, HTTP)));
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    @Nested
    class QueryScan extends QueryScanBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.inMemory()), uri -> new AsyncSdkFloeDb(WireEndpoint.asyncClient(uri, HTTP), WireEndpoint.asyncStreamsClient(uri, HTTP)));
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    @Nested
    class BatchesAndTransactions extends BatchTransactionBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.inMemory()), uri -> new AsyncSdkFloeDb(WireEndpoint.asyncClient(uri, HTTP), WireEndpoint.asyncStreamsClient(uri, HTTP)));
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    @Nested
    class Indexes extends IndexBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.inMemory()), uri -> new AsyncSdkFloeDb(WireEndpoint.asyncClient(uri, HTTP), WireEndpoint.asyncStreamsClient(uri, HTTP)));
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    @Nested
    class Streams extends StreamBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.inMemory().withClock(clock)),
                    uri -> new AsyncSdkFloeDb(WireEndpoint.asyncClient(uri, HTTP), WireEndpoint.asyncStreamsClient(uri, HTTP)));
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    @Nested
    class TimeToLive extends TimeToLiveBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.inMemory().withEngineOptions(ENGINE_OPTIONS)),
                    uri -> new AsyncSdkFloeDb(WireEndpoint.asyncClient(uri, HTTP), WireEndpoint.asyncStreamsClient(uri, HTTP)));
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    @Nested
    class ControlPlane extends ControlPlaneBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return Served.over(FloeDb.open(FloeConfig.inMemory()), uri -> new AsyncSdkFloeDb(WireEndpoint.asyncClient(uri, HTTP), WireEndpoint.asyncStreamsClient(uri, HTTP)));
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    /** Over the wire too: the server's database reads the test's clock. */
    @Nested
    class Throttling extends ThrottlingBehaviourTck {
        @Override
        protected FloeDb open(Path directory, Clock clock, Map<String, String> engineOptions) {
            return Served.over(FloeDb.open(FloeConfig.inMemory().withClock(clock).withEngineOptions(engineOptions)),
                    uri -> new AsyncSdkFloeDb(WireEndpoint.asyncClient(uri, HTTP), WireEndpoint.asyncStreamsClient(uri, HTTP)));
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }
}
