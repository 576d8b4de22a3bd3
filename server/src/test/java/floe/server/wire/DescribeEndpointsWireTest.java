package floe.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.DescribeEndpointsRequest;
import floe.api.model.Endpoint;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import floe.tck.wire.SdkFloeDb;
import floe.tck.wire.WireEndpoint;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DescribeEndpoints over the wire answers with the address the client used, so that a
 * client following it (endpoint discovery) stays on this server; in process, the
 * engine answers DynamoDB's regional address.
 */
class DescribeEndpointsWireTest {
    @Test
    void theServerAnswersWithTheAddressItWasReachedAt() {
        try (FloeDb local = FloeDb.open(FloeConfig.inMemory())) {
            assertEquals(
                    List.of(new Endpoint("dynamodb.us-east-1.amazonaws.com", 1440L)),
                    local.describeEndpoints(new DescribeEndpointsRequest()).endpoints());
            FloeServer server =
                    FloeServer.start(local, ServerConfig.of("127.0.0.1", 0), new Log(Log.Level.ERROR, System.err));
            URI uri = URI.create("http://127.0.0.1:" + server.port());
            try (FloeDb remote = new SdkFloeDb(WireEndpoint.syncClient(uri), WireEndpoint.syncStreamsClient(uri))) {
                assertEquals(
                        List.of(new Endpoint("127.0.0.1:" + server.port(), 1440L)),
                        remote.describeEndpoints(new DescribeEndpointsRequest()).endpoints());
            } finally {
                server.close();
            }
        }
    }
}
