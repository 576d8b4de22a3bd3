package floe.engine.namespace;

import java.util.Objects;

/**
 * Where a request's resources live: an account and a Region, as in DynamoDB, where a table
 * name means a different table in each. One storage backend holds every namespace; each
 * one's keyspaces carry its {@link #prefix()}, except the database's default namespace
 * (its configured account and Region), whose keyspaces keep the names they had before
 * namespaces existed, so that an existing data directory opens unchanged.
 *
 * @param accountId the twelve-digit account id
 * @param region the Region's name: ASCII letters, digits and hyphens
 */
public record Namespace(String accountId, String region) {
    /** What begins the keyspace names of every namespace but the default one. */
    public static final String PREFIX = "ns:";

    /**
     * Checks the names.
     *
     * @throws IllegalArgumentException if either is not a valid name
     */
    public Namespace {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        if (accountId.isEmpty() || accountId.length() > 32 || !accountId.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("an account id is digits: " + accountId);
        }
        if (region.isEmpty() || region.length() > 64 || !region.chars().allMatch(Namespace::regionChar)) {
            throw new IllegalArgumentException("a Region name is ASCII letters, digits and hyphens: " + region);
        }
    }

    private static boolean regionChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-';
    }

    /** The prefix of this namespace's keyspace names when it is not the default one: {@code ns:<account>:<region>:}. */
    public String prefix() {
        return PREFIX + accountId + ":" + region + ":";
    }

    /**
     * The namespace whose prefix begins a keyspace name, or null if the name belongs to the
     * default namespace (or is no valid prefixed name).
     */
    public static Namespace ofKeyspace(String keyspace) {
        if (!keyspace.startsWith(PREFIX)) {
            return null;
        }
        int account = keyspace.indexOf(':', PREFIX.length());
        int region = account < 0 ? -1 : keyspace.indexOf(':', account + 1);
        if (region < 0) {
            return null;
        }
        try {
            return new Namespace(keyspace.substring(PREFIX.length(), account), keyspace.substring(account + 1, region));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return accountId + "/" + region;
    }
}
