package floe.benchmarks.load;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The AWS SDK for Java v2 client the loader and the SDK load client use. */
final class Sdk {
    private Sdk() {}

    /**
     * @param endpoint such as {@code http://127.0.0.1:8000}
     * @param connections the connection pool's size
     * @param retries whether to retry throttling and server errors (the loader does; the load client does not,
     *     so that what it measures is one request each)
     * @return a synchronous client on the Apache HTTP client
     */
    static DynamoDbClient client(String endpoint, int connections, boolean retries) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(Shape.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(Shape.ACCESS_KEY, Shape.SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(connections)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o.retryStrategy(
                        retries ? AwsRetryStrategy.standardRetryStrategy() : AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
