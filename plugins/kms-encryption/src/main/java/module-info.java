/**
 * Encryption at rest for FloeDB with key management that behaves like AWS KMS: the value
 * sealer every stored item image passes through, and the KMS JSON API served on FloeDB's port.
 */
module floe.plugin.kms {
    requires floe.spi;

    provides floe.spi.plugin.FloePlugin with
            floe.plugin.kms.KmsPlugin;
}
