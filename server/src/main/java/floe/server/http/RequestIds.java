package floe.server.http;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids in DynamoDB's shape: 52 characters of upper-case letters and digits. */
final class RequestIds {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private RequestIds() {}

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[52];
        for (int i = 0; i < id.length; i += 12) {
            long bits = random.nextLong() >>> 1;
            for (int j = i; j < Math.min(i + 12, id.length); j++) {
                id[j] = ALPHABET[(int) (bits % 36)];
                bits /= 36;
            }
        }
        return new String(id);
    }
}
