/**
 * FloeDB's compatibility test kit: suites any storage backend (and, later, any
 * FloeDB endpoint) runs to prove it behaves as FloeDB and DynamoDB require.
 */
module floe.tck {
    requires transitive floe.api;
    requires transitive floe.spi;
    requires transitive org.junit.jupiter.api;

    exports floe.tck.behaviour;
    exports floe.tck.storage;

    opens floe.tck.behaviour to org.junit.platform.commons;
    opens floe.tck.storage to org.junit.platform.commons;
}
