package floe.spi.storage.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionHashingTest {
    @Test
    void murmur3MatchesReferenceVectors() {
        // Published MurmurHash3_x86_32 values, seed 0.
        assertEquals(0, PartitionHashing.murmur3(new byte[0], 0, 0));
        assertEquals(0x248bfa47, PartitionHashing.murmur3(bytes("hello"), 0, 5));
        assertEquals(0x149bbb7f, PartitionHashing.murmur3(bytes("hello, world"), 0, 12));
        assertEquals(0x2e4ff723, PartitionHashing.murmur3(bytes("The quick brown fox jumps over the lazy dog"), 0, 43));
    }

    @Test
    void segmentsTileTheHashSpaceExactly() {
        Random random = new Random(7);
        for (int n : new int[] {1, 2, 3, 7, 1000, 65_537, 1_000_000}) {
            long expectedStart = 0;
            for (int s = 0; s < Math.min(n, 50); s++) {
                assertEquals(expectedStart, PartitionHashing.firstHash(s, n));
                expectedStart = PartitionHashing.endHash(s, n);
            }
            assertEquals(1L << 32, PartitionHashing.endHash(n - 1, n));
            for (int i = 0; i < 1000; i++) {
                long h = random.nextLong() >>> 32;
                int s = PartitionHashing.segmentOf(h, n);
                assertTrue(
                        h >= PartitionHashing.firstHash(s, n) && h < PartitionHashing.endHash(s, n),
                        "hash " + h + " in segment " + s + " of " + n);
            }
        }
    }

    @Test
    void rejectsSegmentsOutsideTheTotal() {
        assertThrows(IllegalArgumentException.class, () -> PartitionHashing.firstHash(3, 3));
        assertThrows(IllegalArgumentException.class, () -> PartitionHashing.firstHash(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> PartitionHashing.endHash(0, 0));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
