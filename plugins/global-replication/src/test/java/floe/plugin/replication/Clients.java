package floe.plugin.replication;

import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SDK clients of test servers, and waiting for what replication makes true. */
final class Clients {
    private Clients() {}

    /** A client of the server on {@code port}, signing for {@code region}, without retries. */
    static DynamoDbClient dynamo(int port, String region) {
        return dynamo(port, region, "AKIDREPLTEST", "secret");
    }

    /** A client of the server on {@code port}, signing for {@code region} with the access key {@code id}, without retries. */
    static DynamoDbClient dynamo(int port, String region, String id, String secret) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(b -> b.maxAttempts(1))
                        .apiCallTimeout(Duration.ofSeconds(20))
                        .build())
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** Waits until {@code condition} holds, for at most {@code seconds}; fails naming {@code what}. */
    static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
