/**
 * FloeDB's compatibility test kit: suites any storage backend, and any DynamoDB endpoint
 * over the wire, runs to prove it behaves as FloeDB and DynamoDB require.
 */
module floe.tck {
    requires transitive floe.api;
    requires transitive floe.spi;
    requires transitive org.junit.jupiter.api;
    // The wire suites: the AWS SDK for Java v2, as users reach DynamoDB.
    requires transitive software.amazon.awssdk.awscore;
    requires transitive software.amazon.awssdk.enhanced.dynamodb;
    requires transitive software.amazon.awssdk.services.dynamodb;
    requires java.net.http;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.apache;
    requires software.amazon.awssdk.http.nio.netty;
    requires software.amazon.awssdk.regions;

    exports floe.tck.behaviour;
    exports floe.tck.storage;
    exports floe.tck.wire;

    opens floe.tck.behaviour to org.junit.platform.commons;

    provides floe.spi.extension.ChangeListenerProvider with floe.tck.behaviour.RecordingChangeListener.Provider;
    opens floe.tck.storage to org.junit.platform.commons;
    // the enhanced client reads the test bean reflectively
    opens floe.tck.wire to org.junit.platform.commons, software.amazon.awssdk.enhanced.dynamodb;
}
