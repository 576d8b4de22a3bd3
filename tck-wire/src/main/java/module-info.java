/**
 * FloeDB's compatibility test kit over the wire: the behaviour suites of {@code floe.tck}
 * through the AWS SDK for Java v2, against a FloeDB server or any DynamoDB endpoint.
 */
module floe.tck.wire {
    requires transitive floe.tck;
    // The wire suites: the AWS SDK for Java v2, as users reach DynamoDB.
    requires transitive software.amazon.awssdk.awscore;
    requires transitive software.amazon.awssdk.enhanced.dynamodb;
    requires transitive software.amazon.awssdk.services.dynamodb;
    requires transitive software.amazon.awssdk.services.kms; // WireEndpoint makes KMS clients
    requires java.net.http;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.core;
    requires transitive software.amazon.awssdk.http; // WireEndpoint takes an SdkAsyncHttpClient
    requires software.amazon.awssdk.http.apache;
    requires software.amazon.awssdk.http.nio.netty;
    requires software.amazon.awssdk.regions;

    exports floe.tck.wire;

    // the enhanced client reads the test bean reflectively
    opens floe.tck.wire to
            org.junit.platform.commons,
            software.amazon.awssdk.enhanced.dynamodb;
}
