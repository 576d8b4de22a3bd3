package floe.backend.lmdb.buffer;

import java.nio.ByteBuffer;

/**
 * Native memory for the keys one transaction passes to LMDB: a direct buffer,
 * reused for every call (LMDB reads a key only during the call it is passed to).
 * Its address comes from JNI ({@code GetDirectBufferAddress}), which needs no JVM flags.
 */
public final class KeyBuffer {
    /** LMDB's default (and compiled-in) maximum key size. */
    public static final int MAX_KEY = 511;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_KEY + 1);
    private final long address = NativeSlice.IO.getDirectBufferAddress(buffer);
    private final NativeSlice slice = new NativeSlice();

    /** {@code key[0, len)} as a slice LMDB can read, valid until the next call. */
    public NativeSlice of(byte[] key, int len) {
        if (len > MAX_KEY) {
            throw new IllegalStateException("key of " + len + " bytes");
        }
        buffer.put(0, key, 0, len);
        slice.address = address;
        slice.size = len;
        return slice;
    }
}
