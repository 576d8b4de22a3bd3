package floe.engine.transfer;

import floe.api.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The paging tokens of ListExports and ListImports: the last ARN listed, as DynamoDB's
 * tokens look ({@code ([0-9a-f]{16})+}, at least 112 characters): its UTF-8 bytes in hex,
 * padded with zero bytes to a whole number of 8-byte blocks and to at least 56 bytes.
 */
final class Tokens {
    private Tokens() {}

    static String encode(String arn) {
        byte[] b = arn.getBytes(StandardCharsets.UTF_8);
        int n = Math.max(56, (b.length + 7) / 8 * 8);
        return HexFormat.of().formatHex(Arrays.copyOf(b, n));
    }

    static String decode(String token) {
        try {
            if (!token.matches("([0-9a-f]{16})+")) {
                throw new IllegalArgumentException();
            }
            byte[] b = HexFormat.of().parseHex(token);
            int end = b.length;
            while (end > 0 && b[end - 1] == 0) {
                end--;
            }
            return new String(b, 0, end, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // message not known: a guess
            throw new ValidationException("Invalid NextToken: " + token);
        }
    }
}
