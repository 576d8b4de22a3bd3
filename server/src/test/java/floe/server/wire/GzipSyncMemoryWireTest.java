package floe.server.wire;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.server.http.ServerConfig;
import floe.tck.behaviour.FloeBehaviourTck;
import floe.tck.wire.SdkFloeDb;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The behaviour suites through the AWS SDK's synchronous client asking for gzip
 * ({@code Accept-Encoding: gzip}), against an in-memory server that compresses every
 * answer it can: the SDK checks the CRC32 of the compressed bytes, then inflates them.
 */
class GzipSyncMemoryWireTest extends FloeBehaviourTck {
    private static final ClientOverrideConfiguration GZIP = ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .putHeader("Accept-Encoding", "gzip")
            .build();
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("floe-tck", "floe-tck"));

    @Override
    protected FloeConfig config(Path directory) {
        return FloeConfig.inMemory();
    }

    @Override
    protected FloeDb open(FloeConfig config) {
        return Served.over(
                FloeDb.open(config),
                ServerConfig.of("127.0.0.1", 0).withCompressAbove(0),
                GzipSyncMemoryWireTest::client);
    }

    private static FloeDb client(URI uri) {
        return new SdkFloeDb(
                DynamoDbClient.builder()
                        .endpointOverride(uri)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS)
                        .overrideConfiguration(GZIP)
                        .httpClientBuilder(ApacheHttpClient.builder())
                        .build(),
                DynamoDbStreamsClient.builder()
                        .endpointOverride(uri)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS)
                        .overrideConfiguration(GZIP)
                        .httpClientBuilder(ApacheHttpClient.builder())
                        .build());
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
