package floe.plugin.kms;

import floe.spi.extension.KeyInaccessibleException;
import floe.spi.plugin.PluginState;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

/**
 * Every key the plugin keeps: the KMS keys with their versions, the aliases, the AWS owned key,
 * and each table's data keys (envelope encryption: a table's values are sealed with its data
 * keys, which are kept wrapped under the table's KMS key). Durable in the plugin's state as one
 * entry, encrypted under the root key, rewritten whole on each change, so that a crash keeps
 * either the old key store or the new one: a key switch or a rotation, which re-wraps data keys
 * and never touches a table's values, is all or nothing.
 *
 * <p>The sealing path reads only concurrent maps of unwrapped data keys; every change takes
 * this object's lock.
 */
final class KeyStore {
    static final String STATE = "keystore";
    private static final byte[] STORE_AAD = "floe kms key store v1".getBytes(StandardCharsets.UTF_8);
    /** The table id of FloeDB's own records. */
    static final String OWN = "";

    static final String MANAGED_ALIAS = "alias/aws/dynamodb";

    private final PluginState state;
    private final SecretKey root;
    private final Clock clock;
    final String region;
    final String account;
    final int defaultRotationDays;

    private byte[] owned;
    private final Map<String, Cmk> keys = new TreeMap<>();
    private final Map<String, Alias> aliases = new TreeMap<>();
    /**
     * Each table's KMS key id; {@link #OWN}'s and unbound tables use the owned key. Changed
     * under this object's lock, read without it on the sealing path.
     */
    private final Map<String, String> tableKeys = new ConcurrentHashMap<>();

    private final Map<Long, DataKey> dataKeys = new LinkedHashMap<>();

    /** Unwrapped data keys, for the sealing path. */
    private final Map<Long, Unwrapped> unwrapped = new ConcurrentHashMap<>();
    /** The data key that seals each table's new values. */
    private final Map<String, Unwrapped> sealing = new ConcurrentHashMap<>();
    /** The KMS keys that cannot be used now, with since when. */
    private final Map<String, Instant> blocked = new ConcurrentHashMap<>();

    record Alias(String keyId, Instant created, Instant updated) {}

    /**
     * A table's data key, wrapped under a version of a KMS key (or the owned key).
     *
     * @param cmk the KMS key's id, or null for the owned key
     * @param version the index of the version it is wrapped under
     */
    record DataKey(long id, String table, String cmk, int version, byte[] wrapped) {}

    /** An unwrapped data key and what it belongs to. */
    record Unwrapped(long id, String table, SecretKey key) {}

    private KeyStore(PluginState state, SecretKey root, Clock clock, String region, String account, int rotationDays) {
        this.state = state;
        this.root = root;
        this.clock = clock;
        this.region = region;
        this.account = account;
        this.defaultRotationDays = rotationDays;
    }

    /**
     * Opens the key store in {@code state}, or creates it there.
     *
     * @throws IllegalStateException if {@code root} is not the key it was created with
     */
    static KeyStore open(
            PluginState state, RootKey.Loaded root, Clock clock, String region, String account, int rotationDays) {
        KeyStore ks = new KeyStore(state, root.key(), clock, region, account, rotationDays);
        String stored = state.get(STATE).orElse(null);
        if (stored == null) {
            ks.owned = Aead.random(Aead.KEY_BYTES);
            if (root.newSalt() != null) {
                state.put(RootKey.SALT, Base64.getEncoder().encodeToString(root.newSalt()));
            }
            ks.save();
        } else {
            byte[] plain;
            try {
                plain = Aead.open(root.key(), Base64.getDecoder().decode(stored), 0, STORE_AAD);
            } catch (AEADBadTagException e) {
                throw new IllegalStateException("the key store cannot be opened with " + root.source()
                        + ": it is not the root key the key store was created with (nothing was changed)");
            }
            ks.load(new String(plain, StandardCharsets.UTF_8));
        }
        synchronized (ks) {
            ks.upkeep();
        }
        return ks;
    }

    // ------------------------------------------------------------------ names

    String keyArn(String id) {
        return "arn:aws:kms:" + region + ":" + account + ":key/" + id;
    }

    String aliasArn(String alias) {
        return "arn:aws:kms:" + region + ":" + account + ":" + alias;
    }

    /**
     * The key a key id, key ARN, alias name or alias ARN names, after upkeep.
     *
     * @throws KmsException NotFoundException
     */
    synchronized Cmk resolve(String keyId) {
        upkeep();
        return find(keyId);
    }

    /**
     * The ARN authorization asks about for a key id, key ARN, alias name or alias ARN: the
     * key's ARN (an alias's target's); for what names no key, the ARN of what it names. Changes
     * nothing (the managed key is not created).
     */
    synchronized String keyArnOf(String keyId) {
        if (keyId == null || keyId.isEmpty()) {
            return "*";
        }
        String prefix = "arn:aws:kms:" + region + ":" + account + ":";
        String name = keyId.startsWith(prefix) ? keyId.substring(prefix.length()) : keyId;
        if (name.startsWith("arn:")) {
            return name; // another Region's or account's: asked as named
        }
        if (name.startsWith("alias/")) {
            Alias a = aliases.get(name);
            return a == null ? aliasArn(name) : keyArn(a.keyId());
        }
        return keyArn(name.startsWith("key/") ? name.substring(4) : name);
    }

    /** The ARN of the key an alias points at, or null when there is no such alias. */
    synchronized String aliasTargetArn(String alias) {
        Alias a = aliases.get(alias);
        return a == null ? null : keyArn(a.keyId());
    }

    private Cmk find(String keyId) {
        if (keyId == null || keyId.isEmpty()) {
            throw KmsException.validation(
                    "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
        }
        String prefix = "arn:aws:kms:" + region + ":" + account + ":";
        String name = keyId;
        if (keyId.startsWith("arn:")) {
            if (!keyId.startsWith(prefix)) {
                // guessed: KMS's wording for an ARN of another Region or account
                throw KmsException.notFound("Invalid arn " + keyId);
            }
            name = keyId.substring(prefix.length());
            if (name.startsWith("key/")) {
                name = name.substring(4);
            }
        }
        if (name.startsWith("alias/")) {
            if (name.equals(MANAGED_ALIAS) && !aliases.containsKey(MANAGED_ALIAS)) {
                createManaged();
            }
            Alias a = aliases.get(name);
            if (a == null) {
                throw KmsException.notFound("Alias " + aliasArn(name) + " is not found.");
            }
            return keys.get(a.keyId());
        }
        Cmk k = keys.get(name);
        if (k == null) {
            throw KmsException.notFound("Key '" + keyArn(name) + "' does not exist");
        }
        return k;
    }

    private Cmk createManaged() {
        Instant now = clock.instant();
        Cmk k = new Cmk(
                UUID.randomUUID().toString(),
                Cmk.AWS,
                now,
                "Default key that protects my DynamoDB data when no other key is defined");
        k.versions.add(new Cmk.Version(Aead.random(Aead.KEY_BYTES), now, null));
        // AWS managed keys rotate every year, always
        k.rotationEnabled = true;
        k.rotationPeriodDays = 365;
        k.nextRotation = now.plus(Duration.ofDays(365));
        keys.put(k.id, k);
        aliases.put(MANAGED_ALIAS, new Alias(k.id, now, now));
        return k;
    }

    // ------------------------------------------------------------------ changes of keys

    synchronized Cmk createKey(String description) {
        upkeep();
        Instant now = clock.instant();
        Cmk k = new Cmk(UUID.randomUUID().toString(), Cmk.CUSTOMER, now, description == null ? "" : description);
        k.versions.add(new Cmk.Version(Aead.random(Aead.KEY_BYTES), now, null));
        k.rotationPeriodDays = defaultRotationDays;
        keys.put(k.id, k);
        save();
        return k;
    }

    /** Runs {@code change} on the key {@code keyId} names, then saves. */
    synchronized Cmk change(String keyId, java.util.function.Consumer<Cmk> change) {
        upkeep();
        Cmk k = find(keyId);
        change.accept(k);
        refreshBlocked(k);
        save();
        return k;
    }

    /** Adds a version to {@code k} and re-wraps every data key wrapped under {@code k} with it; saved by the caller. */
    void rotate(Cmk k, String type, Instant at) {
        k.versions.add(new Cmk.Version(Aead.random(Aead.KEY_BYTES), at, type));
        int version = k.versions.size() - 1;
        for (DataKey d : List.copyOf(dataKeys.values())) {
            if (k.id.equals(d.cmk())) {
                byte[] material = unwrap(d);
                dataKeys.put(d.id(), wrap(d.id(), d.table(), k.id, version, material));
            }
        }
    }

    synchronized Map<String, Alias> aliases() {
        upkeep();
        return new TreeMap<>(aliases);
    }

    synchronized List<Cmk> keys() {
        upkeep();
        return new ArrayList<>(keys.values());
    }

    synchronized void putAlias(String name, String keyId, boolean create) {
        upkeep();
        Cmk k = find(keyId);
        Instant now = clock.instant();
        Alias old = aliases.get(name);
        if (create && old != null) {
            throw new KmsException(
                    "AlreadyExistsException", "An alias with the name " + aliasArn(name) + " already exists");
        }
        if (!create && old == null) {
            throw KmsException.notFound("Alias " + aliasArn(name) + " is not found.");
        }
        aliases.put(name, new Alias(k.id, old == null ? now : old.created(), now));
        save();
    }

    synchronized void deleteAlias(String name) {
        upkeep();
        if (aliases.remove(name) == null) {
            throw KmsException.notFound("Alias " + aliasArn(name) + " is not found.");
        }
        save();
    }

    // ------------------------------------------------------------------ tables

    /** The id of the KMS key of {@code table} (which may have been deleted since), or null for the owned key. */
    synchronized String tableKeyId(String table) {
        return tableKeys.get(table);
    }

    /**
     * Binds {@code table} to {@code k} (null: the owned key): its data keys are re-wrapped under
     * the key's newest version, or its first data key made. One durable change.
     */
    synchronized void bind(String table, Cmk k) {
        upkeep();
        String cmk = k == null ? null : k.id;
        int version = k == null ? 0 : k.versions.size() - 1;
        boolean any = false;
        for (DataKey d : List.copyOf(dataKeys.values())) {
            if (d.table().equals(table)) {
                any = true;
                dataKeys.put(d.id(), wrap(d.id(), table, cmk, version, unwrap(d)));
            }
        }
        if (!any) {
            newDataKey(table, cmk, version);
        }
        if (cmk == null) {
            tableKeys.remove(table);
        } else {
            tableKeys.put(table, cmk);
        }
        save();
    }

    private void newDataKey(String table, String cmk, int version) {
        long id;
        do {
            id = ByteBuffer.wrap(Aead.random(8)).getLong();
        } while (id == 0 || dataKeys.containsKey(id));
        byte[] material = Aead.random(Aead.KEY_BYTES);
        dataKeys.put(id, wrap(id, table, cmk, version, material));
        Unwrapped u = new Unwrapped(id, table, Aead.key(material));
        unwrapped.put(id, u);
        sealing.put(table, u);
    }

    /** The data key that seals {@code table}'s values, made (under the owned key) the first time. */
    Unwrapped sealingKey(String table) {
        Unwrapped u = sealing.get(table);
        if (u != null) {
            return u;
        }
        synchronized (this) {
            u = sealing.get(table);
            if (u == null) {
                newDataKey(table, null, 0);
                save();
                u = sealing.get(table);
            }
            return u;
        }
    }

    /** The unwrapped data key {@code id}, or null. */
    Unwrapped dataKey(long id) {
        return unwrapped.get(id);
    }

    /**
     * Checks that {@code table}'s key can be used now.
     *
     * @throws KeyInaccessibleException if it is disabled, pending deletion or deleted
     */
    void checkUsable(String table) {
        if (blocked.isEmpty()) {
            return;
        }
        // no lock: this runs for every value sealed or opened
        String id = tableKeys.get(table);
        if (id == null) {
            return;
        }
        Instant since = blocked.get(id);
        if (since != null) {
            throw new KeyInaccessibleException(inaccessibleMessage(id), since);
        }
    }

    /** Since when {@code table}'s key cannot be used, or null. */
    Instant inaccessibleSince(String table) {
        String id;
        synchronized (this) {
            upkeep();
            id = tableKeys.get(table);
        }
        return id == null ? null : blocked.get(id);
    }

    private synchronized String inaccessibleMessage(String id) {
        Cmk k = keys.get(id);
        if (k == null) {
            return "Key '" + keyArn(id) + "' does not exist";
        }
        return keyArn(id) + (Cmk.PENDING_DELETION.equals(k.state) ? " is pending deletion." : " is disabled.");
    }

    private void refreshBlocked(Cmk k) {
        if (Cmk.ENABLED.equals(k.state)) {
            k.inaccessibleSince = null;
            blocked.remove(k.id);
        } else {
            if (k.inaccessibleSince == null) {
                k.inaccessibleSince = clock.instant();
            }
            blocked.put(k.id, k.inaccessibleSince);
        }
    }

    // ------------------------------------------------------------------ upkeep

    /**
     * What time does to keys: automatic rotations that are due, and deletions whose waiting
     * period is over. Saved when anything changed.
     */
    void upkeep() {
        Instant now = clock.instant();
        boolean changed = false;
        for (Cmk k : List.copyOf(keys.values())) {
            if (Cmk.PENDING_DELETION.equals(k.state) && k.deletionDate != null && !now.isBefore(k.deletionDate)) {
                keys.remove(k.id);
                aliases.values().removeIf(a -> a.keyId().equals(k.id));
                // the tables it protected stay inaccessible for good: their data keys cannot be unwrapped again
                blocked.put(k.id, k.inaccessibleSince == null ? now : k.inaccessibleSince);
                changed = true;
                continue;
            }
            while (k.rotationEnabled
                    && k.nextRotation != null
                    && !now.isBefore(k.nextRotation)
                    && Cmk.ENABLED.equals(k.state)) {
                rotate(k, "AUTOMATIC", k.nextRotation);
                k.nextRotation = k.nextRotation.plus(Duration.ofDays(k.rotationPeriodDays));
                changed = true;
            }
        }
        if (changed) {
            save();
        }
    }

    // ------------------------------------------------------------------ wrapping

    private byte[] wrappingKey(String cmk, int version) {
        if (cmk == null) {
            return owned;
        }
        Cmk k = keys.get(cmk);
        if (k == null) {
            return null;
        }
        return k.versions.get(version).material();
    }

    private static byte[] wrapAad(long id, String table) {
        return ("floe data key " + id + " " + table).getBytes(StandardCharsets.UTF_8);
    }

    private DataKey wrap(long id, String table, String cmk, int version, byte[] material) {
        byte[] wrapped = Aead.seal(Aead.key(wrappingKey(cmk, version)), new byte[0], material, wrapAad(id, table));
        return new DataKey(id, table, cmk, version, wrapped);
    }

    private byte[] unwrap(DataKey d) {
        Unwrapped u = unwrapped.get(d.id());
        if (u != null) {
            return u.key().getEncoded();
        }
        byte[] wrapping = wrappingKey(d.cmk(), d.version());
        if (wrapping == null) {
            return null;
        }
        try {
            return Aead.open(Aead.key(wrapping), d.wrapped(), 0, wrapAad(d.id(), d.table()));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("the data key " + d.id() + " of table " + d.table() + " is damaged", e);
        }
    }

    /** Encrypts a KMS Encrypt request's plaintext with the key's newest version. */
    synchronized byte[] encrypt(Cmk k, byte[] plaintext, byte[] context) {
        int version = k.versions.size() - 1;
        byte[] id = k.id.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer prefix = ByteBuffer.allocate(2 + 1 + id.length + 4);
        prefix.put((byte) 'F').put((byte) 'K').put((byte) id.length).put(id).putInt(version);
        byte[] p = prefix.array();
        return Aead.seal(Aead.key(k.current().material()), p, plaintext, concat(p, context));
    }

    /**
     * Decrypts what {@link #encrypt} made.
     *
     * @return the key and the plaintext
     * @throws KmsException InvalidCiphertextException, or the key's state errors
     */
    synchronized Map.Entry<Cmk, byte[]> decrypt(byte[] blob, byte[] context) {
        upkeep();
        if (blob.length < 8 || blob[0] != 'F' || blob[1] != 'K') {
            throw invalidCiphertext();
        }
        int idLength = blob[2] & 0xFF;
        if (blob.length < 3 + idLength + 4 + Aead.OVERHEAD) {
            throw invalidCiphertext();
        }
        String id = new String(blob, 3, idLength, StandardCharsets.US_ASCII);
        int version = ByteBuffer.wrap(blob, 3 + idLength, 4).getInt();
        Cmk k = keys.get(id);
        if (k == null || version < 0 || version >= k.versions.size()) {
            throw invalidCiphertext();
        }
        byte[] prefix = java.util.Arrays.copyOf(blob, 3 + idLength + 4);
        try {
            return Map.entry(
                    k,
                    Aead.open(
                            Aead.key(k.versions.get(version).material()),
                            blob,
                            prefix.length,
                            concat(prefix, context)));
        } catch (AEADBadTagException e) {
            throw invalidCiphertext();
        }
    }

    private static KmsException invalidCiphertext() {
        // KMS answers InvalidCiphertextException with no message of its own; this wording is a guess
        return new KmsException("InvalidCiphertextException", "The ciphertext is invalid.");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ------------------------------------------------------------------ durability

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] unb64(String s) {
        return Base64.getDecoder().decode(s);
    }

    /** Writes the whole key store, encrypted, as one durable change of the plugin's state. */
    private void save() {
        Properties p = new Properties();
        p.setProperty("owned", b64(owned));
        for (Cmk k : keys.values()) {
            String at = "key." + k.id + ".";
            p.setProperty(at + "manager", k.manager);
            p.setProperty(at + "created", Long.toString(k.created.toEpochMilli()));
            p.setProperty(at + "description", k.description);
            p.setProperty(at + "state", k.state);
            if (k.deletionDate != null) {
                p.setProperty(at + "deletion", Long.toString(k.deletionDate.toEpochMilli()));
                p.setProperty(at + "window", Integer.toString(k.pendingWindowDays));
            }
            p.setProperty(at + "rotation", Boolean.toString(k.rotationEnabled));
            p.setProperty(at + "period", Integer.toString(k.rotationPeriodDays));
            if (k.nextRotation != null) {
                p.setProperty(at + "next", Long.toString(k.nextRotation.toEpochMilli()));
            }
            if (k.inaccessibleSince != null) {
                p.setProperty(at + "inaccessible", Long.toString(k.inaccessibleSince.toEpochMilli()));
            }
            p.setProperty(at + "versions", Integer.toString(k.versions.size()));
            for (int i = 0; i < k.versions.size(); i++) {
                Cmk.Version v = k.versions.get(i);
                p.setProperty(at + "v." + i, b64(v.material()));
                p.setProperty(
                        at + "v." + i + ".created", Long.toString(v.created().toEpochMilli()));
                if (v.rotation() != null) {
                    p.setProperty(at + "v." + i + ".rotation", v.rotation());
                }
            }
        }
        aliases.forEach((name, a) -> p.setProperty(
                "alias." + name,
                a.keyId() + " " + a.created().toEpochMilli() + " " + a.updated().toEpochMilli()));
        tableKeys.forEach((table, cmk) -> p.setProperty("table." + table, cmk));
        for (DataKey d : dataKeys.values()) {
            p.setProperty(
                    "dk." + d.id(),
                    (d.cmk() == null ? "-" : d.cmk()) + " " + d.version() + " " + b64(d.wrapped()) + " " + d.table());
        }
        StringWriter text = new StringWriter();
        try {
            p.store(text, null);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        byte[] plain = text.toString().getBytes(StandardCharsets.UTF_8);
        state.put(STATE, b64(Aead.seal(root, new byte[0], plain, STORE_AAD)));
    }

    private void load(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        owned = unb64(p.getProperty("owned"));
        for (String name : new java.util.TreeSet<>(p.stringPropertyNames())) {
            if (name.startsWith("key.") && name.endsWith(".manager")) {
                String id = name.substring(4, name.length() - ".manager".length());
                String at = "key." + id + ".";
                Cmk k = new Cmk(
                        id,
                        p.getProperty(at + "manager"),
                        Instant.ofEpochMilli(Long.parseLong(p.getProperty(at + "created"))),
                        p.getProperty(at + "description"));
                k.state = p.getProperty(at + "state");
                if (p.getProperty(at + "deletion") != null) {
                    k.deletionDate = Instant.ofEpochMilli(Long.parseLong(p.getProperty(at + "deletion")));
                    k.pendingWindowDays = Integer.parseInt(p.getProperty(at + "window"));
                }
                k.rotationEnabled = Boolean.parseBoolean(p.getProperty(at + "rotation"));
                k.rotationPeriodDays = Integer.parseInt(p.getProperty(at + "period"));
                if (p.getProperty(at + "next") != null) {
                    k.nextRotation = Instant.ofEpochMilli(Long.parseLong(p.getProperty(at + "next")));
                }
                if (p.getProperty(at + "inaccessible") != null) {
                    k.inaccessibleSince = Instant.ofEpochMilli(Long.parseLong(p.getProperty(at + "inaccessible")));
                }
                int n = Integer.parseInt(p.getProperty(at + "versions"));
                for (int i = 0; i < n; i++) {
                    k.versions.add(new Cmk.Version(
                            unb64(p.getProperty(at + "v." + i)),
                            Instant.ofEpochMilli(Long.parseLong(p.getProperty(at + "v." + i + ".created"))),
                            p.getProperty(at + "v." + i + ".rotation")));
                }
                keys.put(id, k);
                if (!Cmk.ENABLED.equals(k.state)) {
                    blocked.put(id, k.inaccessibleSince == null ? k.created : k.inaccessibleSince);
                }
            } else if (name.startsWith("alias.")) {
                String[] v = p.getProperty(name).split(" ");
                aliases.put(
                        name.substring(6),
                        new Alias(
                                v[0],
                                Instant.ofEpochMilli(Long.parseLong(v[1])),
                                Instant.ofEpochMilli(Long.parseLong(v[2]))));
            } else if (name.startsWith("table.")) {
                tableKeys.put(name.substring(6), p.getProperty(name));
            } else if (name.startsWith("dk.")) {
                String[] v = p.getProperty(name).split(" ", 4);
                long id = Long.parseLong(name.substring(3));
                dataKeys.put(
                        id,
                        new DataKey(
                                id,
                                v.length > 3 ? v[3] : OWN,
                                "-".equals(v[0]) ? null : v[0],
                                Integer.parseInt(v[1]),
                                unb64(v[2])));
            }
        }
        // tables whose key was deleted while FloeDB was stopped stay inaccessible
        for (String cmk : tableKeys.values()) {
            if (!keys.containsKey(cmk)) {
                blocked.putIfAbsent(cmk, clock.instant());
            }
        }
        for (DataKey d : dataKeys.values()) {
            byte[] material = unwrap(d);
            if (material != null) {
                Unwrapped u = new Unwrapped(d.id(), d.table(), Aead.key(material));
                unwrapped.put(d.id(), u);
                // the newest data key of a table seals (ids are kept in the order they were made)
                sealing.put(d.table(), u);
            }
        }
    }
}
