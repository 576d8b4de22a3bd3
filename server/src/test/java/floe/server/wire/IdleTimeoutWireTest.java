package floe.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SDKs' pooled keep-alive connections across the server's idle timeout: a
 * connection the server closed while it sat in the pool costs the client nothing it
 * can see (with the SDKs' default settings, a request is never lost to it).
 */
class IdleTimeoutWireTest {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("floe", "floe"));

    @Test
    void pooledConnectionsClosedWhileIdleAreNotNoticed() throws Exception {
        try (FloeDb db = FloeDb.open(FloeConfig.inMemory())) {
            FloeServer server = FloeServer.start(
                    db,
                    ServerConfig.of("127.0.0.1", 0).withTimeouts(new ServerConfig.Timeouts(2_000, 2_000, 300, 100)),
                    new Log(Log.Level.ERROR, System.err));
            URI uri = URI.create("http://127.0.0.1:" + server.port());
            try (DynamoDbClient sync = DynamoDbClient.builder()
                            .endpointOverride(uri)
                            .region(Region.US_EAST_1)
                            .credentialsProvider(CREDENTIALS)
                            .httpClientBuilder(ApacheHttpClient.builder())
                            .build();
                    DynamoDbAsyncClient async = DynamoDbAsyncClient.builder()
                            .endpointOverride(uri)
                            .region(Region.US_EAST_1)
                            .credentialsProvider(CREDENTIALS)
                            .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                            .build()) {
                for (int i = 0; i < 4; i++) {
                    assertEquals(0, sync.listTables().tableNames().size());
                    assertEquals(0, async.listTables().get().tableNames().size());
                    Thread.sleep(
                            600); // past the server's idle timeout: the pooled connections are closed under the clients
                }
            } finally {
                server.close();
            }
        }
    }
}
