package floe.server.auth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The accounts, users and access keys a server with authentication on knows, as read
 * from an identities file. The file is a Java properties file:
 *
 * <pre>
 * # a user and the account it belongs to (a 12-digit id)
 * user.alice.account=111122223333
 * # an access key: its user and secret; status active (the default) or inactive
 * key.AKIAALICE00000000001.user=alice
 * key.AKIAALICE00000000001.secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
 * key.AKIAALICE00000000002.user=alice
 * key.AKIAALICE00000000002.secret=...
 * key.AKIAALICE00000000002.status=inactive
 * # temporary credentials: a key with a session token, valid until an instant
 * key.ASIAALICE00000000003.user=alice
 * key.ASIAALICE00000000003.secret=...
 * key.ASIAALICE00000000003.token=...
 * key.ASIAALICE00000000003.expires=2027-01-01T00:00:00Z
 * </pre>
 *
 * A user may have any number of keys. Access key ids are letters and digits. Any other
 * key of the file is refused, by its name. Secrets appear in no message and no
 * {@code toString}.
 */
public final class Identities {
    private final Map<String, Key> keys;

    private Identities(Map<String, Key> keys) {
        this.keys = keys;
    }

    /**
     * One access key.
     *
     * @param id the access key id
     * @param account the account of its user
     * @param user its user's name
     * @param secret the secret access key
     * @param active whether requests signed with it are accepted
     * @param token the session token of temporary credentials, or null for a long-term key
     * @param expires when temporary credentials expire, or null
     */
    record Key(String id, String account, String user, String secret, boolean active, String token, Instant expires) {
        @Override
        public String toString() {
            // Never the secret or the token.
            return "Key[" + id + " of " + user + " in " + account + (active ? "" : ", inactive") + "]";
        }
    }

    /** The key with this id, or null. */
    Key key(String accessKeyId) {
        return keys.get(accessKeyId);
    }

    /** @return how many access keys there are */
    public int size() {
        return keys.size();
    }

    /**
     * Reads an identities file.
     *
     * @param file the file
     * @return what it declares
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the file and what is wrong in it
     */
    public static Identities read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        try {
            return parse(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads identities from properties, as the file holds them.
     *
     * @param p the properties
     * @return what they declare
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Identities parse(Properties p) {
        Map<String, String> accounts = new HashMap<>();
        Map<String, Map<String, String>> keyFields = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            String value = p.getProperty(name).trim();
            if (name.startsWith("user.") && name.endsWith(".account") && name.length() > 13) {
                String user = name.substring(5, name.length() - 8);
                if (!value.matches("[0-9]{12}")) {
                    throw new IllegalArgumentException(
                            "the account of user '" + user + "' must be a 12-digit id, not '" + value + "'");
                }
                accounts.put(user, value);
                continue;
            }
            int dot = name.lastIndexOf('.');
            if (name.startsWith("key.") && dot > 4) {
                String id = name.substring(4, dot);
                String field = name.substring(dot + 1);
                if (id.matches("[A-Za-z0-9]+")
                        && (field.equals("user")
                                || field.equals("secret")
                                || field.equals("status")
                                || field.equals("token")
                                || field.equals("expires"))) {
                    keyFields.computeIfAbsent(id, k -> new HashMap<>()).put(field, value);
                    continue;
                }
            }
            throw new IllegalArgumentException("unknown key '" + name + "' (known: user.<name>.account, "
                    + "key.<id>.user, key.<id>.secret, key.<id>.status, key.<id>.token, key.<id>.expires)");
        }
        Map<String, Key> keys = new HashMap<>();
        keyFields.forEach((id, f) -> {
            String user = f.get("user");
            String secret = f.get("secret");
            if (user == null || secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException(
                        "access key " + id + " needs key." + id + ".user and key." + id + ".secret");
            }
            String account = accounts.get(user);
            if (account == null) {
                throw new IllegalArgumentException(
                        "access key " + id + " belongs to user '" + user + "', who has no user." + user + ".account");
            }
            String status = f.getOrDefault("status", "active");
            if (!status.equalsIgnoreCase("active") && !status.equalsIgnoreCase("inactive")) {
                throw new IllegalArgumentException(
                        "key." + id + ".status must be active or inactive, not '" + status + "'");
            }
            String token = f.get("token");
            Instant expires = null;
            if (f.containsKey("expires")) {
                if (token == null) {
                    throw new IllegalArgumentException("key." + id + ".expires is for temporary credentials: " + "key."
                            + id + ".token is missing");
                }
                try {
                    expires = Instant.parse(f.get("expires"));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(
                            "key." + id + ".expires must be an instant such as 2027-01-01T00:00:00Z, not '"
                                    + f.get("expires") + "'");
                }
            }
            keys.put(id, new Key(id, account, user, secret, status.equalsIgnoreCase("active"), token, expires));
        });
        return new Identities(Map.copyOf(keys));
    }

    @Override
    public String toString() {
        return "Identities[" + keys.size() + " access keys]";
    }
}
