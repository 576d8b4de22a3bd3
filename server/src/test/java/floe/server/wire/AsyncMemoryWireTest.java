package floe.server.wire;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.tck.behaviour.FloeBehaviourTck;
import floe.tck.wire.AsyncSdkFloeDb;
import floe.tck.wire.WireEndpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

/** The behaviour suites through the AWS SDK's asynchronous (Netty) client, over HTTP, against an in-memory server. */
class AsyncMemoryWireTest extends FloeBehaviourTck {
    /** One Netty HTTP client for every test: each closing its own would cost seconds. */
    private static final SdkAsyncHttpClient HTTP = NettyNioAsyncHttpClient.create();

    @AfterAll
    static void closeHttp() {
        HTTP.close();
    }

    @Override
    protected FloeConfig config(Path directory) {
        return FloeConfig.inMemory();
    }

    /** Over the wire too: the server's database reads the test's clock and engine options. */
    @Override
    protected FloeDb open(FloeConfig config) {
        return Served.over(
                FloeDb.open(config),
                uri -> new AsyncSdkFloeDb(
                        WireEndpoint.asyncClient(uri, HTTP), WireEndpoint.asyncStreamsClient(uri, HTTP)));
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
