package floe.engine.partiql;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.engine.codec.ItemCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SELECT's NextToken: the key where its next page starts, bound to the statement and
 * parameters it came from (a fingerprint of both), so that a token of another statement
 * is refused rather than misread.
 */
final class NextTokens {
    private static final int FINGERPRINT_BYTES = 16;

    private NextTokens() {}

    static byte[] fingerprint(String statement, List<AttributeValue> parameters) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(statement.getBytes(StandardCharsets.UTF_8));
            if (parameters != null) {
                Map<String, AttributeValue> byPosition = new LinkedHashMap<>();
                for (int i = 0; i < parameters.size(); i++) {
                    byPosition.put(Integer.toString(i), parameters.get(i));
                }
                sha.update((byte) 0);
                sha.update(ItemCodec.encode(Item.of(byPosition)));
            }
            return Arrays.copyOf(sha.digest(), FINGERPRINT_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String encode(Map<String, AttributeValue> key, byte[] fingerprint) {
        byte[] item = ItemCodec.encode(Item.of(key));
        byte[] token = Arrays.copyOf(fingerprint, FINGERPRINT_BYTES + item.length);
        System.arraycopy(item, 0, token, FINGERPRINT_BYTES, item.length);
        return Base64.getEncoder().encodeToString(token);
    }

    static Map<String, AttributeValue> decode(String token, byte[] fingerprint) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw Errors.invalid("Invalid NextToken");
        }
        if (bytes.length <= FINGERPRINT_BYTES) {
            throw Errors.invalid("Invalid NextToken");
        }
        if (!Arrays.equals(bytes, 0, FINGERPRINT_BYTES, fingerprint, 0, FINGERPRINT_BYTES)) {
            throw Errors.invalid("NextToken does not match request");
        }
        try {
            return ItemCodec.decode(bytes, FINGERPRINT_BYTES, bytes.length - FINGERPRINT_BYTES)
                    .attributes();
        } catch (RuntimeException e) {
            throw Errors.invalid("Invalid NextToken");
        }
    }
}
