package floe.plugin.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.spi.extension.SealScope;
import floe.spi.extension.ValueSealer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin's sealer as the engine uses it: a value opens under the scope it was sealed for
 * only, whether its plaintext is still kept in memory (read again right after it was sealed or
 * opened) or not ({@code openCacheEntries=0}); a damaged value never opens.
 */
class SealerScopeTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "openCacheEntries={0}")
    @ValueSource(strings = {"65536", "0"})
    void aValueOpensUnderItsOwnScopeOnly(String cached) {
        KmsNode.Context context = KmsNode.startPlugin(
                dir.resolve("data"),
                Clock.systemUTC(),
                Map.of("rootKeyFile", dir.resolve("root.key").toString(), "openCacheEntries", cached));
        ValueSealer sealer = context.sealer.open(Map.of());
        sealer.useKey("t1", null);
        sealer.useKey("t2", null);
        byte[] plain = "an item image with a secret".getBytes(StandardCharsets.UTF_8);
        SealScope scope = scope("t1", "t.t1", "pk", "sk");

        byte[] sealed = sealer.seal(scope, plain, 5);
        assertEquals(5 + plain.length + 9 + Aead.OVERHEAD, sealed.length, "the headroom, then the sealed form");
        assertArrayEquals(plain, sealer.open(scope, sealed, 5));
        assertArrayEquals(plain, sealer.open(scope, sealed, 5), "read again");
        byte[] copy = Arrays.copyOfRange(sealed, 5, sealed.length);
        assertArrayEquals(plain, sealer.open(scope, copy), "without headroom");
        // each seal has a nonce of its own
        assertNotEquals(
                Arrays.toString(Arrays.copyOfRange(sealed, 5, sealed.length)),
                Arrays.toString(sealer.seal(scope, plain)));

        for (SealScope other : new SealScope[] {
            scope("t1", "t.t1", "pk", "other"),
            scope("t1", "t.t1", "other", "sk"),
            scope("t1", "i.x", "pk", "sk"),
            scope("t2", "t.t1", "pk", "sk")
        }) {
            assertThrows(IllegalArgumentException.class, () -> sealer.open(other, copy), other.toString());
        }
        byte[] damaged = copy.clone();
        damaged[damaged.length / 2] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> sealer.open(scope, damaged));
        // what the caller does with what it read does not change what is read next
        byte[] read = sealer.open(scope, copy);
        read[0] = 'X';
        assertArrayEquals(plain, sealer.open(scope, copy));
    }

    private static SealScope scope(String table, String kind, String partition, String sort) {
        return new SealScope(
                table, kind, partition.getBytes(StandardCharsets.UTF_8), sort.getBytes(StandardCharsets.UTF_8));
    }
}
