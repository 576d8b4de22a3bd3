package floe.plugin.kms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A KMS key (a customer master key): its metadata and its versions of key material, the
 * newest of which encrypts, every one of which decrypts. Guarded by the {@link KeyStore}.
 */
final class Cmk {
    static final String ENABLED = "Enabled";
    static final String DISABLED = "Disabled";
    static final String PENDING_DELETION = "PendingDeletion";
    static final String CUSTOMER = "CUSTOMER";
    static final String AWS = "AWS";

    final String id;
    final String manager;
    final Instant created;
    String description;
    String state = ENABLED;
    Instant deletionDate;
    int pendingWindowDays;
    boolean rotationEnabled;
    int rotationPeriodDays;
    Instant nextRotation;
    /** When the key stopped being usable (disabled or scheduled for deletion), else null. */
    Instant inaccessibleSince;

    final List<Version> versions = new ArrayList<>();

    Cmk(String id, String manager, Instant created, String description) {
        this.id = id;
        this.manager = manager;
        this.created = created;
        this.description = description;
    }

    /** The version that encrypts. */
    Version current() {
        return versions.get(versions.size() - 1);
    }

    /**
     * One version of a key's material.
     *
     * @param material 32 bytes
     * @param created when it was made
     * @param rotation null for the key's first material, else AUTOMATIC or ON_DEMAND
     */
    record Version(byte[] material, Instant created, String rotation) {}
}
