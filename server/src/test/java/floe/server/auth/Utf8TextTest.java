package floe.server.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bytes a {@link Utf8Text} holds are those {@code String.getBytes(UTF_8)} gives for the same text. */
class Utf8TextTest {
    private static byte[] written(Utf8Text t) {
        return Arrays.copyOf(t.bytes(), t.length());
    }

    @Test
    void everyFormOfCharacterIsEncodedAsTheJdkEncodesIt() {
        // ASCII, two-, three- and four-byte forms, and surrogates without their pair
        for (String s : new String[] {
            "", "POST\n/\n", "é", "ü-ß", "☃ snow", "😀", "a😀b", "\uD83D", "x\uDE00y", "\uDE00\uD83D", "end\uD83D"
        }) {
            Utf8Text t = new Utf8Text(1);
            t.append(s);
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), written(t), s);
        }
    }

    @Test
    void randomTextsInPiecesMatchTheWholeEncoded() {
        Random random = new Random(42);
        char[] alphabet = {'a', 'Z', '0', ' ', '\n', 'é', 'ÿ', 'Ā', '☃', '\uD83D', '\uDE00', '\uFFFF'};
        for (int round = 0; round < 500; round++) {
            char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(chars);
            Utf8Text t = new Utf8Text(1 + random.nextInt(8));
            // in two ranges, cut anywhere (a pair cut in two is two unpaired halves, as with substrings)
            int cut = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
            t.append(s, 0, cut).append(s, cut, s.length());
            byte[] head = s.substring(0, cut).getBytes(StandardCharsets.UTF_8);
            byte[] rest = s.substring(cut).getBytes(StandardCharsets.UTF_8);
            byte[] both = Arrays.copyOf(head, head.length + rest.length);
            System.arraycopy(rest, 0, both, head.length, rest.length);
            assertArrayEquals(both, written(t), s);
        }
    }

    @Test
    void hexAndAsciiAppendAfterText() {
        Utf8Text t = new Utf8Text(2);
        t.append("ü").ascii('\n').hex(new byte[] {0, (byte) 0xab, 0x7f}, 0, 3);
        assertArrayEquals("ü\n00ab7f".getBytes(StandardCharsets.UTF_8), written(t));
        t.clear();
        t.append("x");
        assertArrayEquals(new byte[] {'x'}, written(t));
    }
}
