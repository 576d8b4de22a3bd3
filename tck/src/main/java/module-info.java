/**
 * FloeDB's compatibility test kit: the suites any storage backend runs to prove it
 * behaves as FloeDB and DynamoDB require (the storage contract, and the whole database
 * over it), and what tests of backends and of the engine keep needing: a reference
 * in-memory backend, a manual clock, and wrapper backends that check the SPI's use and
 * inject faults. The wire suites, with the AWS SDK, are {@code floe.tck.wire}.
 */
module floe.tck {
    requires transitive floe.api;
    requires transitive floe.spi;
    requires transitive org.junit.jupiter.api;

    exports floe.tck.behaviour;
    exports floe.tck.storage;

    opens floe.tck.behaviour to
            org.junit.platform.commons;
    opens floe.tck.storage to
            org.junit.platform.commons;

    // the wrapper backends' providers open the backend they wrap by its name
    uses floe.spi.storage.StorageBackendProvider;

    provides floe.spi.extension.ChangeListenerProvider with
            floe.tck.behaviour.RecordingChangeListener.Provider;
    provides floe.spi.storage.StorageBackendProvider with
            floe.tck.storage.ReferenceBackend.Provider,
            floe.tck.storage.CheckingBackend.Provider,
            floe.tck.storage.FaultyBackend.Provider;
}
