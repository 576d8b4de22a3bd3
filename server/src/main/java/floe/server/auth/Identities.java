package floe.server.auth;

import floe.server.auth.policy.Policy;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The accounts, users, groups, roles, policies and access keys a server with
 * authentication on knows, as read from an identities file. The file is a Java
 * properties file:
 *
 * <pre>
 * # a user and the account it belongs to (a 12-digit id)
 * user.alice.account=111122223333
 * # optional: its unique id (aws:userid; one is made up from the account and name otherwise),
 * # its groups and its own policies (names of policies declared below), comma-separated
 * user.alice.id=AIDAALICE0000000001
 * user.alice.groups=readers
 * user.alice.policies=own-items
 * # a group's policies
 * group.readers.policies=read-only
 * # a role, assumed for temporary credentials (see key.*.role)
 * role.auditor.account=111122223333
 * role.auditor.policies=read-only
 * # optional: who may assume it with STS AssumeRole (its trust policy: a policy declared below,
 * # whose statements name principals), and its longest session in seconds (3600 to 43200; 3600)
 * role.auditor.trust=auditor-trust
 * role.auditor.maxSession=7200
 * policy.auditor-trust={"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}}
 * # a policy: the JSON document on one line, or a file beside this one
 * policy.read-only={"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:Get*","Resource":"*"}}
 * policy.own-items.file=own-items.json
 * # an access key: its user and secret; status active (the default) or inactive
 * key.AKIAALICE00000000001.user=alice
 * key.AKIAALICE00000000001.secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
 * key.AKIAALICE00000000002.user=alice
 * key.AKIAALICE00000000002.secret=...
 * key.AKIAALICE00000000002.status=inactive
 * # optional: when a user or key was made (IAM's CreateDate; IAM's calls write it)
 * key.AKIAALICE00000000002.created=2026-01-01T00:00:00Z
 * # temporary credentials: a key with a session token, valid until an instant
 * key.ASIAALICE00000000003.user=alice
 * key.ASIAALICE00000000003.secret=...
 * key.ASIAALICE00000000003.token=...
 * key.ASIAALICE00000000003.expires=2027-01-01T00:00:00Z
 * # a role's session: temporary credentials of a role (session name: the key's session, or its id)
 * key.ASIAAUDIT00000000004.role=auditor
 * key.ASIAAUDIT00000000004.session=audit-42
 * key.ASIAAUDIT00000000004.secret=...
 * key.ASIAAUDIT00000000004.token=...
 * </pre>
 *
 * A user may have any number of keys. Access key ids are letters and digits. An identity
 * with no policy may do nothing: IAM allows only what a policy allows.
 *
 * <p>STS's AssumeRole lets a caller assume a role when both sides allow it, in the same account
 * as across accounts: the role's trust policy ({@code role.<name>.trust}, evaluated as a
 * resource-based policy with the caller as principal) and the caller's identity-based policies
 * must each allow {@code sts:AssumeRole} on the role's ARN, and neither may deny it. A role with
 * no trust policy is assumed by nobody through STS (its keys in this file still work).
 * Temporary credentials STS issues are kept beside this file, in its grammar (see
 * {@link IdentityFile}). IAM's calls on the server's port write this file in its grammar: a
 * user's inline policy is {@code policy.<user>/<name>}, attached in {@code user.<user>.policies}. Any other key of
 * the file is refused, by its name. Secrets appear in no message and no {@code toString}.
 */
public final class Identities {
    private final Map<String, Key> keys;
    private final Map<String, Identity> users;
    private final Map<String, Role> roles;

    private Identities(Map<String, Key> keys, Map<String, Identity> users, Map<String, Role> roles) {
        this.keys = keys;
        this.users = users;
        this.roles = roles;
    }

    /** The longest session a role allows when its file says nothing, as IAM's default (one hour). */
    public static final int DEFAULT_MAX_SESSION = 3600;

    /**
     * A role that callers assume for temporary credentials.
     *
     * @param name the role's name
     * @param account its account's 12-digit id
     * @param arn {@code arn:aws:iam::<account>:role/<name>}
     * @param roleId its unique id ({@code AROA...})
     * @param policies its identity-based policies, which its sessions have
     * @param trust its trust policy (who may assume it), or null when nobody may through STS
     * @param maxSessionSeconds the longest session STS issues for it
     */
    public record Role(
            String name,
            String account,
            String arn,
            String roleId,
            List<Policy> policies,
            Policy trust,
            int maxSessionSeconds) {
        public Role {
            policies = List.copyOf(policies);
        }
    }

    /**
     * The role of this name.
     *
     * @param name the role's name
     * @return the role, or null
     */
    public Role role(String name) {
        return roles.get(name);
    }

    /**
     * Whether an access key is temporary credentials (it has a session token).
     *
     * @param accessKeyId the key's id
     * @return true for temporary credentials, false for a long-term key or an unknown one
     */
    public boolean temporary(String accessKeyId) {
        Key k = keys.get(accessKeyId);
        return k != null && k.token() != null;
    }

    /**
     * The user of this name.
     *
     * @param name the user's name
     * @return the user, or null
     */
    public Identity user(String name) {
        return users.get(name);
    }

    /**
     * The identity an access key signs for.
     *
     * @param accessKeyId the key's id
     * @return the user or role session, or null
     */
    public Identity identityOf(String accessKeyId) {
        Key k = keys.get(accessKeyId);
        return k == null ? null : k.identity();
    }

    /** @return the roles' names, sorted */
    public List<String> roleNames() {
        return new ArrayList<>(new TreeMap<>(roles).keySet());
    }

    /** @return the users' names, sorted */
    public List<String> userNames() {
        return new ArrayList<>(new TreeMap<>(users).keySet());
    }

    /**
     * One access key.
     *
     * @param id the access key id
     * @param identity the user or role session it signs for
     * @param secret the secret access key
     * @param active whether requests signed with it are accepted
     * @param token the session token of temporary credentials, or null for a long-term key
     * @param expires when temporary credentials expire, or null
     */
    record Key(String id, Identity identity, String secret, boolean active, String token, Instant expires) {
        /** The user's name; null for a role's session. */
        String user() {
            return identity.username();
        }

        @Override
        public String toString() {
            // Never the secret or the token.
            return "Key[" + id + " of " + identity.arn() + (active ? "" : ", inactive") + "]";
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
        return read(file, null);
    }

    /**
     * Reads an identities file whose secrets may be sealed ({@link SecretSeal}).
     *
     * @param file the file
     * @param seal what opens sealed secrets, or null when nothing can (a sealed secret is then an error)
     * @return what it declares
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the file and what is wrong in it
     */
    public static Identities read(Path file, SecretSeal seal) throws IOException {
        return read(file, seal, new Properties());
    }

    /**
     * Reads an identities file together with the temporary credentials STS issued, which are
     * kept apart in the file's grammar ({@code key.<id>.*} lines only).
     *
     * @param file the file
     * @param seal what opens sealed secrets, or null
     * @param sessions the issued credentials' lines; a key the file declares too is an error
     */
    static Identities read(Path file, SecretSeal seal, Properties sessions) throws IOException {
        return read(file, properties(file), seal, sessions);
    }

    /** Reads identities from a file's properties (as read, or as about to be written) and the issued credentials. */
    static Identities read(Path file, Properties declared, SecretSeal seal, Properties sessions) {
        Properties p = new Properties();
        p.putAll(declared);
        for (String name : sessions.stringPropertyNames()) {
            if (p.putIfAbsent(name, sessions.getProperty(name)) != null) {
                throw new IllegalArgumentException(
                        file + ": " + name + " is declared both here and by the credentials STS issued");
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            return parse(p, dir, seal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The file's properties, as read. */
    static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return p;
    }

    /**
     * Reads identities from properties, as the file holds them.
     *
     * @param p the properties
     * @return what they declare
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Identities parse(Properties p) {
        return parse(p, Path.of(""));
    }

    private static final String KNOWN = "known: user.<name>.account|id|groups|policies|created, group.<name>.policies, "
            + "role.<name>.account|id|policies|trust|maxSession|created, policy.<name>, policy.<name>.file, "
            + "key.<id>.user|role|session|secret|status|token|expires|created";

    /**
     * Reads identities from properties, as the file holds them.
     *
     * @param p the properties
     * @param dir where policy files named relatively are
     * @return what they declare
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Identities parse(Properties p, Path dir) {
        return parse(p, dir, null);
    }

    private static Identities parse(Properties p, Path dir, SecretSeal seal) {
        Map<String, Map<String, String>> users = new TreeMap<>();
        Map<String, Map<String, String>> groups = new TreeMap<>();
        Map<String, Map<String, String>> roles = new TreeMap<>();
        Map<String, Policy> policies = new HashMap<>();
        Map<String, Map<String, String>> keyFields = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            String value = p.getProperty(name).trim();
            if (name.startsWith("policy.") && name.length() > 7) {
                boolean file = name.endsWith(".file") && name.length() > 12;
                String policy = file ? name.substring(7, name.length() - 5) : name.substring(7);
                String document = value;
                if (file) {
                    try {
                        document = Files.readString(dir.resolve(value), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new IllegalArgumentException("policy '" + policy + "': cannot read " + value + ": " + e);
                    }
                }
                if (policies.put(policy, Policy.parse("policy '" + policy + "'", document)) != null) {
                    throw new IllegalArgumentException("policy '" + policy + "' is declared twice");
                }
                continue;
            }
            int dot = name.lastIndexOf('.');
            int first = name.indexOf('.');
            String kind = first < 0 ? name : name.substring(0, first);
            String who = dot > first ? name.substring(first + 1, dot) : "";
            String field = dot > first ? name.substring(dot + 1) : "";
            Map<String, Map<String, String>> into =
                    switch (kind) {
                        case "user" ->
                            Set.of("account", "id", "groups", "policies", "created")
                                            .contains(field)
                                    ? users
                                    : null;
                        case "group" -> field.equals("policies") ? groups : null;
                        case "role" ->
                            Set.of("account", "id", "policies", "trust", "maxSession", "created")
                                            .contains(field)
                                    ? roles
                                    : null;
                        case "key" ->
                            who.matches("[A-Za-z0-9]+")
                                            && Set.of(
                                                            "user", "role", "session", "secret", "status", "token",
                                                            "expires", "created")
                                                    .contains(field)
                                    ? keyFields
                                    : null;
                        default -> null;
                    };
            if (into == null || who.isEmpty()) {
                throw new IllegalArgumentException("unknown key '" + name + "' (" + KNOWN + ")");
            }
            into.computeIfAbsent(who, k -> new HashMap<>()).put(field, value);
        }
        Map<String, Identity> userIdentities = new HashMap<>();
        users.forEach((user, f) -> {
            String account = account(f.get("account"), "user '" + user + "'", "user." + user + ".account");
            List<Policy> attached = new ArrayList<>(policies(f.get("policies"), policies, "user." + user));
            for (String g : list(f.get("groups"))) {
                Map<String, String> group = groups.get(g);
                if (group == null) {
                    throw new IllegalArgumentException(
                            "user '" + user + "' is in group '" + g + "', which has no group." + g + ".policies");
                }
                attached.addAll(policies(group.get("policies"), policies, "group." + g));
            }
            String arn = "arn:aws:iam::" + account + ":user/" + user;
            userIdentities.put(
                    user,
                    new Identity(
                            account, user, f.getOrDefault("id", uniqueId("AIDA", arn)), arn, arn, "User", attached));
        });
        Map<String, String[]> roleFacts = new HashMap<>();
        Map<String, List<Policy>> rolePolicies = new HashMap<>();
        Map<String, Role> roleRecords = new HashMap<>();
        roles.forEach((role, f) -> {
            String account = account(f.get("account"), "role '" + role + "'", "role." + role + ".account");
            String arn = "arn:aws:iam::" + account + ":role/" + role;
            String roleId = f.getOrDefault("id", uniqueId("AROA", arn));
            roleFacts.put(role, new String[] {account, arn, roleId});
            List<Policy> own = policies(f.get("policies"), policies, "role." + role);
            rolePolicies.put(role, own);
            Policy trust = null;
            String trustName = f.get("trust");
            if (trustName != null) {
                trust = policies.get(trustName);
                if (trust == null) {
                    throw new IllegalArgumentException("role." + role + ".trust names policy '" + trustName
                            + "', which no policy." + trustName + " declares");
                }
            }
            int maxSession = DEFAULT_MAX_SESSION;
            String max = f.get("maxSession");
            if (max != null) {
                // IAM's bounds of a role's maximum session duration: one to twelve hours.
                try {
                    maxSession = Integer.parseInt(max);
                } catch (NumberFormatException e) {
                    maxSession = -1;
                }
                if (maxSession < 3600 || maxSession > 43200) {
                    throw new IllegalArgumentException(
                            "role." + role + ".maxSession must be seconds from 3600 to 43200, not '" + max + "'");
                }
            }
            roleRecords.put(role, new Role(role, account, arn, roleId, own, trust, maxSession));
        });
        Map<String, Key> keys = new HashMap<>();
        keyFields.forEach((id, f) -> {
            String user = f.get("user");
            String role = f.get("role");
            String secret = f.get("secret");
            if ((user == null) == (role == null) || secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("access key " + id + " needs key." + id + ".user (or key." + id
                        + ".role) and key." + id + ".secret");
            }
            if (SecretSeal.sealed(secret)) {
                if (seal == null) {
                    throw new IllegalArgumentException("key." + id + ".secret is sealed: only a server with the "
                            + "encryption plugin that sealed it installed opens it");
                }
                secret = seal.open(id, secret);
            }
            String token = f.get("token");
            if (token != null && SecretSeal.sealed(token)) {
                if (seal == null) {
                    throw new IllegalArgumentException("key." + id + ".token is sealed: only a server with the "
                            + "encryption plugin that sealed it installed opens it");
                }
                token = seal.openToken(id, token);
            }
            Identity identity;
            if (user != null) {
                if (f.containsKey("session")) {
                    throw new IllegalArgumentException("key." + id + ".session is for a role's keys");
                }
                identity = userIdentities.get(user);
                if (identity == null) {
                    throw new IllegalArgumentException("access key " + id + " belongs to user '" + user
                            + "', who has no user." + user + ".account");
                }
            } else {
                String[] r = roleFacts.get(role);
                if (r == null) {
                    throw new IllegalArgumentException(
                            "access key " + id + " is for role '" + role + "', which has no role." + role + ".account");
                }
                if (token == null) {
                    throw new IllegalArgumentException(
                            "access key " + id + " is a role's: temporary credentials need key." + id + ".token");
                }
                String session = f.getOrDefault("session", id);
                identity = new Identity(
                        r[0],
                        null,
                        r[2] + ":" + session,
                        "arn:aws:sts::" + r[0] + ":assumed-role/" + role + "/" + session,
                        r[1],
                        "AssumedRole",
                        rolePolicies.get(role));
            }
            String status = f.getOrDefault("status", "active");
            if (!status.equalsIgnoreCase("active") && !status.equalsIgnoreCase("inactive")) {
                throw new IllegalArgumentException(
                        "key." + id + ".status must be active or inactive, not '" + status + "'");
            }
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
            keys.put(id, new Key(id, identity, secret, status.equalsIgnoreCase("active"), token, expires));
        });
        return new Identities(Map.copyOf(keys), Map.copyOf(userIdentities), Map.copyOf(roleRecords));
    }

    private static String account(String value, String who, String key) {
        if (value == null) {
            throw new IllegalArgumentException(who + " needs " + key);
        }
        if (!value.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("the account of " + who + " must be a 12-digit id, not '" + value + "'");
        }
        return value;
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String s : value.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    private static List<Policy> policies(String names, Map<String, Policy> declared, String owner) {
        List<Policy> out = new ArrayList<>();
        for (String n : list(names)) {
            Policy policy = declared.get(n);
            if (policy == null) {
                throw new IllegalArgumentException(
                        owner + ".policies names policy '" + n + "', which no policy." + n + " declares");
            }
            out.add(policy);
        }
        return out;
    }

    /** An id shaped as IAM's (a prefix and 17 capitals and digits), the same for the same ARN. */
    public static String uniqueId(String prefix, String arn) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < 17; i++) {
            b.append(alphabet.charAt((hash[i] & 0xff) % 32));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "Identities[" + keys.size() + " access keys]";
    }
}
