package floe.plugin.kms;

import floe.spi.extension.WireAccess;
import floe.spi.extension.WireService;
import floe.spi.extension.WireServiceException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS KMS's JSON API ({@code X-Amz-Target: TrentService.<Operation>}) over the key store: the
 * key, alias, rotation and cryptographic operations FloeDB's users manage their keys with.
 * Errors are KMS's types, all HTTP 400; messages follow KMS's where they are known, and say so
 * where they are guessed.
 */
final class KmsApi implements WireService {
    private final KeyStore store;
    private final Clock clock;

    KmsApi(KeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> call(String operation, Map<String, Object> r) throws WireServiceException {
        try {
            return switch (operation) {
                case "CreateKey" -> createKey(r);
                case "DescribeKey" -> Map.of("KeyMetadata", metadata(store.resolve(str(r, "KeyId", true))));
                case "ListKeys" -> listKeys(r);
                case "CreateAlias" -> alias(r, true);
                case "UpdateAlias" -> alias(r, false);
                case "DeleteAlias" -> deleteAlias(r);
                case "ListAliases" -> listAliases(r);
                case "EnableKey" -> setState(r, true);
                case "DisableKey" -> setState(r, false);
                case "ScheduleKeyDeletion" -> scheduleDeletion(r);
                case "CancelKeyDeletion" -> cancelDeletion(r);
                case "EnableKeyRotation" -> rotation(r, true);
                case "DisableKeyRotation" -> rotation(r, false);
                case "GetKeyRotationStatus" -> rotationStatus(r);
                case "RotateKeyOnDemand" -> rotateNow(r);
                case "ListKeyRotations" -> listRotations(r);
                case "Encrypt" -> encrypt(r);
                case "Decrypt" -> decrypt(r);
                case "ReEncrypt" -> reEncrypt(r);
                case "GenerateDataKey" -> dataKey(r, true);
                case "GenerateDataKeyWithoutPlaintext" -> dataKey(r, false);
                default -> throw new KmsException("UnknownOperationException", null);
            };
        } catch (KmsException e) {
            throw new WireServiceException(e.type(), 400, e.getMessage());
        }
    }

    /**
     * Each operation's IAM action and resources, as KMS's permissions reference lists them: the
     * key's ARN (an alias resolved to its key's), {@code *} for CreateKey, ListKeys and ListAliases;
     * the alias operations ask on the alias's ARN and on every key they touch (UpdateAlias: the
     * key it pointed at and the new one); ReEncrypt asks {@code kms:ReEncryptFrom} on the source
     * key and {@code kms:ReEncryptTo} on the destination. Decrypt's key is the one the ciphertext
     * names.
     */
    @Override
    public List<WireAccess> access(String service, String operation, Map<String, Object> r) {
        String action = "kms:" + operation;
        return switch (operation) {
            case "CreateKey", "ListKeys", "ListAliases" -> List.of(new WireAccess(action, "*"));
            case "CreateAlias", "UpdateAlias", "DeleteAlias" -> aliasAccess(action, operation, r);
            case "Decrypt" -> List.of(new WireAccess(action, ciphertextKeyArn(r, "CiphertextBlob", "KeyId")));
            case "ReEncrypt" ->
                List.of(
                        new WireAccess("kms:ReEncryptFrom", ciphertextKeyArn(r, "CiphertextBlob", "SourceKeyId")),
                        new WireAccess("kms:ReEncryptTo", store.keyArnOf(text(r, "DestinationKeyId"))));
            default -> List.of(new WireAccess(action, store.keyArnOf(text(r, "KeyId"))));
        };
    }

    private List<WireAccess> aliasAccess(String action, String operation, Map<String, Object> r) {
        String alias = text(r, "AliasName");
        List<WireAccess> out = new ArrayList<>();
        out.add(new WireAccess(action, alias == null ? "*" : store.aliasArn(alias)));
        String current = alias == null || operation.equals("CreateAlias") ? null : store.aliasTargetArn(alias);
        if (current != null) {
            out.add(new WireAccess(action, current));
        }
        String target = text(r, "TargetKeyId");
        if (target != null && !operation.equals("DeleteAlias")) {
            String arn = store.keyArnOf(target);
            if (!arn.equals(current)) {
                out.add(new WireAccess(action, arn));
            }
        }
        return out;
    }

    /** The ARN of the key a ciphertext names, else of the key the request names, else {@code *}. */
    private String ciphertextKeyArn(Map<String, Object> r, String blobName, String keyName) {
        if (r.get(blobName) instanceof String s) {
            try {
                byte[] blob = Base64.getDecoder().decode(s);
                if (blob.length > 3 && blob[0] == 'F' && blob[1] == 'K' && blob.length >= 3 + (blob[2] & 0xFF)) {
                    return store.keyArn(new String(blob, 3, blob[2] & 0xFF, StandardCharsets.US_ASCII));
                }
            } catch (IllegalArgumentException e) {
                // not base64: the call answers its error, once authorized on what the request names
            }
        }
        return store.keyArnOf(text(r, keyName));
    }

    private static String text(Map<String, Object> r, String name) {
        return r.get(name) instanceof String s ? s : null;
    }

    @Override
    public void close() {}

    // ------------------------------------------------------------------ keys

    private Map<String, Object> createKey(Map<String, Object> r) {
        String usage = str(r, "KeyUsage", false);
        if (usage != null && !usage.equals("ENCRYPT_DECRYPT")) {
            throw unsupported("KeyUsage " + usage);
        }
        String spec = str(r, "KeySpec", false);
        if (spec == null) {
            spec = str(r, "CustomerMasterKeySpec", false);
        }
        if (spec != null && !spec.equals("SYMMETRIC_DEFAULT")) {
            throw unsupported("KeySpec " + spec);
        }
        String origin = str(r, "Origin", false);
        if (origin != null && !origin.equals("AWS_KMS")) {
            throw unsupported("Origin " + origin);
        }
        String description = str(r, "Description", false);
        if (description != null && description.length() > 8192) {
            throw lengthError(description, "description", 8192);
        }
        return Map.of("KeyMetadata", metadata(store.createKey(description)));
    }

    private Map<String, Object> metadata(Cmk k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("AWSAccountId", store.account);
        m.put("KeyId", k.id);
        m.put("Arn", store.keyArn(k.id));
        m.put("CreationDate", time(k.created));
        m.put("Enabled", Cmk.ENABLED.equals(k.state));
        m.put("Description", k.description);
        m.put("KeyUsage", "ENCRYPT_DECRYPT");
        m.put("KeyState", k.state);
        if (k.deletionDate != null) {
            m.put("DeletionDate", time(k.deletionDate));
            m.put("PendingDeletionWindowInDays", k.pendingWindowDays);
        }
        m.put("Origin", "AWS_KMS");
        m.put("KeyManager", k.manager);
        m.put("CustomerMasterKeySpec", "SYMMETRIC_DEFAULT");
        m.put("KeySpec", "SYMMETRIC_DEFAULT");
        m.put("EncryptionAlgorithms", List.of("SYMMETRIC_DEFAULT"));
        m.put("MultiRegion", false);
        return m;
    }

    private Map<String, Object> listKeys(Map<String, Object> r) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Cmk k : store.keys()) {
            all.add(Map.of("KeyId", k.id, "KeyArn", store.keyArn(k.id)));
        }
        return page(r, all, "Keys");
    }

    private Map<String, Object> setState(Map<String, Object> r, boolean enable) {
        store.change(str(r, "KeyId", true), k -> {
            requireCustomer(k);
            if (Cmk.PENDING_DELETION.equals(k.state)) {
                throw KmsException.invalidState(store.keyArn(k.id) + " is pending deletion.");
            }
            k.state = enable ? Cmk.ENABLED : Cmk.DISABLED;
        });
        return Map.of();
    }

    private Map<String, Object> scheduleDeletion(Map<String, Object> r) {
        int days = integer(r, "PendingWindowInDays", 30);
        if (days < 7 || days > 30) {
            throw KmsException.validation("1 validation error detected: Value '" + days
                    + "' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value "
                    + (days < 7 ? "greater than or equal to 7" : "less than or equal to 30"));
        }
        Cmk k = store.change(str(r, "KeyId", true), c -> {
            requireCustomer(c);
            if (Cmk.PENDING_DELETION.equals(c.state)) {
                throw KmsException.invalidState(store.keyArn(c.id) + " is pending deletion.");
            }
            c.state = Cmk.PENDING_DELETION;
            c.pendingWindowDays = days;
            c.deletionDate = clock.instant().plus(Duration.ofDays(days));
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("KeyId", store.keyArn(k.id));
        m.put("DeletionDate", time(k.deletionDate));
        m.put("KeyState", k.state);
        m.put("PendingWindowInDays", days);
        return m;
    }

    private Map<String, Object> cancelDeletion(Map<String, Object> r) {
        Cmk k = store.change(str(r, "KeyId", true), c -> {
            if (!Cmk.PENDING_DELETION.equals(c.state)) {
                throw KmsException.invalidState(store.keyArn(c.id) + " is not pending deletion.");
            }
            // as in KMS: a key whose deletion is cancelled is disabled
            c.state = Cmk.DISABLED;
            c.deletionDate = null;
            c.pendingWindowDays = 0;
        });
        return Map.of("KeyId", store.keyArn(k.id));
    }

    // ------------------------------------------------------------------ rotation

    private Map<String, Object> rotation(Map<String, Object> r, boolean enable) {
        Integer period = r.containsKey("RotationPeriodInDays") ? integer(r, "RotationPeriodInDays", 365) : null;
        if (period != null && (period < 90 || period > 2560)) {
            throw KmsException.validation("1 validation error detected: Value '" + period
                    + "' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value "
                    + (period < 90 ? "greater than or equal to 90" : "less than or equal to 2560"));
        }
        store.change(str(r, "KeyId", true), k -> {
            requireCustomer(k);
            requireUsable(k);
            k.rotationEnabled = enable;
            if (enable) {
                k.rotationPeriodDays = period != null ? period : store.defaultRotationDays;
                k.nextRotation = clock.instant().plus(Duration.ofDays(k.rotationPeriodDays));
            } else {
                k.nextRotation = null;
            }
        });
        return Map.of();
    }

    private Map<String, Object> rotationStatus(Map<String, Object> r) {
        Cmk k = store.resolve(str(r, "KeyId", true));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("KeyRotationEnabled", k.rotationEnabled);
        m.put("KeyId", store.keyArn(k.id));
        if (k.rotationEnabled) {
            m.put("RotationPeriodInDays", k.rotationPeriodDays);
            m.put("NextRotationDate", time(k.nextRotation));
        }
        return m;
    }

    private Map<String, Object> rotateNow(Map<String, Object> r) {
        Cmk k = store.change(str(r, "KeyId", true), c -> {
            requireCustomer(c);
            requireUsable(c);
            long onDemand = c.versions.stream()
                    .filter(v -> "ON_DEMAND".equals(v.rotation()))
                    .count();
            if (onDemand >= 10) {
                // KMS allows ten on-demand rotations per key; the wording is a guess
                throw new KmsException(
                        "LimitExceededException", "The on-demand rotations limit has been reached for this key.");
            }
            store.rotate(c, "ON_DEMAND", clock.instant());
        });
        return Map.of("KeyId", store.keyArn(k.id));
    }

    private Map<String, Object> listRotations(Map<String, Object> r) {
        Cmk k = store.resolve(str(r, "KeyId", true));
        List<Map<String, Object>> all = new ArrayList<>();
        for (Cmk.Version v : k.versions) {
            if (v.rotation() != null) {
                all.add(Map.of(
                        "KeyId", store.keyArn(k.id), "RotationDate", time(v.created()), "RotationType", v.rotation()));
            }
        }
        return page(r, all, "Rotations");
    }

    // ------------------------------------------------------------------ aliases

    private Map<String, Object> alias(Map<String, Object> r, boolean create) {
        String name = aliasName(r);
        String target = str(r, "TargetKeyId", true);
        if (target.startsWith("alias/") || target.contains(":alias/")) {
            // guessed wording: an alias must point at a key, never at another alias
            throw KmsException.validation("Aliases must refer to keys. Not aliases");
        }
        store.putAlias(name, target, create);
        return Map.of();
    }

    private Map<String, Object> deleteAlias(Map<String, Object> r) {
        store.deleteAlias(aliasName(r));
        return Map.of();
    }

    private String aliasName(Map<String, Object> r) {
        String name = str(r, "AliasName", true);
        if (!name.matches("alias/[a-zA-Z0-9:/_-]{1,250}")) {
            throw KmsException.validation("1 validation error detected: Value '" + name
                    + "' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                    + " ^alias/[a-zA-Z0-9:/_-]+$");
        }
        if (name.startsWith("alias/aws/")) {
            // KMS reserves the prefix for AWS managed keys
            throw new KmsException("NotAuthorizedException", null);
        }
        return name;
    }

    private Map<String, Object> listAliases(Map<String, Object> r) {
        String keyId = str(r, "KeyId", false);
        String only = keyId == null ? null : store.resolve(keyId).id;
        List<Map<String, Object>> all = new ArrayList<>();
        for (Map.Entry<String, KeyStore.Alias> e : store.aliases().entrySet()) {
            KeyStore.Alias a = e.getValue();
            if (only != null && !only.equals(a.keyId())) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("AliasName", e.getKey());
            m.put("AliasArn", store.aliasArn(e.getKey()));
            m.put("TargetKeyId", a.keyId());
            m.put("CreationDate", time(a.created()));
            m.put("LastUpdatedDate", time(a.updated()));
            all.add(m);
        }
        return page(r, all, "Aliases");
    }

    // ------------------------------------------------------------------ cryptography

    private Map<String, Object> encrypt(Map<String, Object> r) {
        Cmk k = usable(str(r, "KeyId", true));
        byte[] plaintext = blob(r, "Plaintext", true);
        if (plaintext.length > 4096) {
            throw lengthError(null, "plaintext", 4096);
        }
        algorithm(r, "EncryptionAlgorithm");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("CiphertextBlob", b64(store.encrypt(k, plaintext, context(r, "EncryptionContext"))));
        m.put("KeyId", store.keyArn(k.id));
        m.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        return m;
    }

    private Map<String, Object> decrypt(Map<String, Object> r) {
        algorithm(r, "EncryptionAlgorithm");
        Map.Entry<Cmk, byte[]> d = open(r, "CiphertextBlob", "KeyId", "EncryptionContext");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("KeyId", store.keyArn(d.getKey().id));
        m.put("Plaintext", b64(d.getValue()));
        m.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        return m;
    }

    private Map<String, Object> reEncrypt(Map<String, Object> r) {
        Map.Entry<Cmk, byte[]> d = open(r, "CiphertextBlob", "SourceKeyId", "SourceEncryptionContext");
        Cmk to = usable(str(r, "DestinationKeyId", true));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("CiphertextBlob", b64(store.encrypt(to, d.getValue(), context(r, "DestinationEncryptionContext"))));
        m.put("SourceKeyId", store.keyArn(d.getKey().id));
        m.put("KeyId", store.keyArn(to.id));
        m.put("SourceEncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        m.put("DestinationEncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        return m;
    }

    private Map.Entry<Cmk, byte[]> open(Map<String, Object> r, String blobName, String keyName, String contextName) {
        byte[] blob = blob(r, blobName, true);
        String keyId = str(r, keyName, false);
        Map.Entry<Cmk, byte[]> d = store.decrypt(blob, context(r, contextName));
        if (keyId != null && !store.resolve(keyId).id.equals(d.getKey().id)) {
            throw new KmsException(
                    "IncorrectKeyException",
                    "The key ID in the request does not identify a CMK that can perform this operation.");
        }
        requireUsable(d.getKey());
        return d;
    }

    private Map<String, Object> dataKey(Map<String, Object> r, boolean withPlaintext) {
        Cmk k = usable(str(r, "KeyId", true));
        String spec = str(r, "KeySpec", false);
        Integer bytes = r.containsKey("NumberOfBytes") ? integer(r, "NumberOfBytes", 0) : null;
        if (spec != null && bytes != null) {
            throw KmsException.validation("Please specify either number of bytes or key spec.");
        }
        int n;
        if (spec != null) {
            n = switch (spec) {
                case "AES_256" -> 32;
                case "AES_128" -> 16;
                default ->
                    throw KmsException.validation(
                            "1 validation error detected: Value '" + spec
                                    + "' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]");
            };
        } else if (bytes != null) {
            if (bytes < 1 || bytes > 1024) {
                throw KmsException.validation("1 validation error detected: Value '" + bytes
                        + "' at 'numberOfBytes' failed to satisfy constraint: Member must have value "
                        + (bytes < 1 ? "greater than or equal to 1" : "less than or equal to 1024"));
            }
            n = bytes;
        } else {
            throw KmsException.validation("Please specify either number of bytes or key spec.");
        }
        byte[] plaintext = Aead.random(n);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("CiphertextBlob", b64(store.encrypt(k, plaintext, context(r, "EncryptionContext"))));
        if (withPlaintext) {
            m.put("Plaintext", b64(plaintext));
        }
        m.put("KeyId", store.keyArn(k.id));
        return m;
    }

    // ------------------------------------------------------------------ checks

    private Cmk usable(String keyId) {
        Cmk k = store.resolve(keyId);
        requireUsable(k);
        return k;
    }

    private void requireUsable(Cmk k) {
        if (Cmk.DISABLED.equals(k.state)) {
            throw new KmsException("DisabledException", store.keyArn(k.id) + " is disabled.");
        }
        if (Cmk.PENDING_DELETION.equals(k.state)) {
            throw KmsException.invalidState(store.keyArn(k.id) + " is pending deletion.");
        }
    }

    private void requireCustomer(Cmk k) {
        if (!Cmk.CUSTOMER.equals(k.manager)) {
            // guessed wording: AWS managed keys are managed by AWS only
            throw new KmsException(
                    "AccessDeniedException", "You cannot manage the AWS managed key " + store.keyArn(k.id));
        }
    }

    private static KmsException unsupported(String what) {
        return new KmsException("UnsupportedOperationException", what + " is not supported by FloeDB's KMS");
    }

    private static KmsException lengthError(String value, String member, int max) {
        return KmsException.validation("1 validation error detected: Value "
                + (value == null ? "at '" : "'" + value + "' at '") + member
                + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
    }

    private static void algorithm(Map<String, Object> r, String name) {
        Object a = r.get(name);
        if (a != null && !"SYMMETRIC_DEFAULT".equals(a)) {
            throw new KmsException(
                    "InvalidKeyUsageException",
                    "The encryption algorithm " + a + " is not supported for symmetric keys.");
        }
    }

    private static String str(Map<String, Object> r, String name, boolean required) {
        Object v = r.get(name);
        if (v == null) {
            if (required) {
                throw KmsException.validation("1 validation error detected: Value null at '"
                        + Character.toLowerCase(name.charAt(0)) + name.substring(1)
                        + "' failed to satisfy constraint: Member must not be null");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw new KmsException("SerializationException", "Start of structure or map found where not expected.");
        }
        return s;
    }

    private static int integer(Map<String, Object> r, String name, int dflt) {
        Object v = r.get(name);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof BigDecimal d)) {
            throw new KmsException("SerializationException", "NUMBER_VALUE can not be converted to an Integer");
        }
        return d.intValue();
    }

    private static byte[] blob(Map<String, Object> r, String name, boolean required) {
        String s = str(r, name, required);
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new KmsException("SerializationException", "Invalid base64: " + name);
        }
    }

    /** An encryption context in one canonical form: its pairs sorted by key. */
    private static byte[] context(Map<String, Object> r, String name) {
        Object v = r.get(name);
        if (v == null) {
            return new byte[0];
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new KmsException("SerializationException", "Start of list found where not expected");
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
            String k = String.valueOf(e.getKey());
            String val = String.valueOf(e.getValue());
            b.append(k.length())
                    .append(':')
                    .append(k)
                    .append(val.length())
                    .append(':')
                    .append(val);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A page of {@code all}: {@code Limit} (1 to 1000, 100 by default) entries after {@code Marker}. */
    private static Map<String, Object> page(Map<String, Object> r, List<Map<String, Object>> all, String member) {
        int limit = integer(r, "Limit", 100);
        if (limit < 1 || limit > 1000) {
            throw KmsException.validation("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value "
                    + (limit < 1 ? "greater than or equal to 1" : "less than or equal to 1000"));
        }
        String marker = str(r, "Marker", false);
        int from = 0;
        if (marker != null) {
            try {
                from = Integer.parseInt(new String(Base64.getDecoder().decode(marker), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new KmsException("InvalidMarkerException", "Could not deserialize marker '" + marker + "'");
            }
        }
        int to = Math.min(all.size(), from + limit);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(member, all.subList(Math.min(from, to), to));
        m.put("Truncated", to < all.size());
        if (to < all.size()) {
            m.put(
                    "NextMarker",
                    Base64.getEncoder().encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)));
        }
        return m;
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    /** A timestamp as AWS's JSON 1.1 protocol writes it: seconds since the epoch. */
    private static BigDecimal time(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3);
    }
}
