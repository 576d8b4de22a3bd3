package floe.spi.storage;

import floe.api.Stability;

/** The sizes every backend must accept, and the keyspace name rule. */
@Stability(Stability.Level.STABLE)
public final class StorageLimits {
    /**
     * Longest partition part: room for DynamoDB's largest partition key value (2048
     * bytes) in the engine's self-delimiting encoding, which may escape bytes.
     */
    public static final int MAX_PARTITION_BYTES = 8192;
    /**
     * Longest sort part: room for an index key composed of the index sort key and
     * the table's key, each in the engine's self-delimiting encoding.
     */
    public static final int MAX_SORT_BYTES = 8192;
    /** Longest keyspace name. */
    public static final int MAX_KEYSPACE_NAME = 200;
    /** Every backend stores values of at least this size. */
    public static final int MIN_MAX_VALUE_SIZE = 1024 * 1024;

    private StorageLimits() {}

    /** Keyspace names: 1 to 200 characters of ASCII letters, digits, '.', '_', '-' and ':'. */
    public static boolean isValidKeyspaceName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_KEYSPACE_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-'
                    || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Checks key part lengths, as {@link WriteTransaction#put} must. */
    public static void checkKey(byte[] partition, byte[] sort) {
        if (partition.length > MAX_PARTITION_BYTES) {
            throw new IllegalArgumentException(
                    "partition part of " + partition.length + " bytes exceeds " + MAX_PARTITION_BYTES);
        }
        if (sort.length > MAX_SORT_BYTES) {
            throw new IllegalArgumentException("sort part of " + sort.length + " bytes exceeds " + MAX_SORT_BYTES);
        }
    }

    static String hex(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (int i = 0; i < Math.min(bytes.length, 32); i++) {
            sb.append(Character.forDigit((bytes[i] >> 4) & 0xF, 16)).append(Character.forDigit(bytes[i] & 0xF, 16));
        }
        if (bytes.length > 32) {
            sb.append("...(").append(bytes.length).append(')');
        }
        return sb.toString();
    }
}
