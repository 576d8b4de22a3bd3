package floe.backend.lmdb.buffer;

import java.util.Arrays;
import java.util.Comparator;
import jnr.ffi.Pointer;
import org.lmdbjava.BufferProxy;

/**
 * lmdbjava's view of our buffers: {@link NativeSlice}s, plain (address, size) pairs.
 *
 * <p>Why not one of lmdbjava's proxies: its {@code ByteBuffer} proxies (both
 * {@code PROXY_OPTIMAL} and {@code PROXY_SAFE}) rewrite private fields of
 * {@code java.nio.Buffer} and call {@code sun.nio.ch.DirectBuffer}, so every JVM
 * embedding FloeDB would need {@code --add-opens java.base/java.nio=ALL-UNNAMED}
 * and {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}; its
 * {@code ByteArrayProxy} needs no flags but allocates native memory for every key
 * passed in and copies every key and value a cursor passes over. This proxy needs
 * no flags and allocates nothing per call: keys go in from a direct buffer the
 * transaction reuses, keys and values come out as addresses, and only the bytes
 * actually wanted are copied (one JNI copy each). The benchmark module compares it
 * with lmdbjava's proxies.
 */
public final class SliceProxy extends BufferProxy<NativeSlice> {
    public static final SliceProxy INSTANCE = new SliceProxy();

    /** LMDB's order: memcmp. Only lmdbjava's CursorIterable would use it; we do not. */
    private static final Comparator<NativeSlice> ORDER = (a, b) -> Arrays.compareUnsigned(a.bytes(), b.bytes());

    private SliceProxy() {}

    @Override
    protected NativeSlice allocate() {
        return new NativeSlice();
    }

    @Override
    protected void deallocate(NativeSlice buffer) {
        // nothing: a slice owns no memory
    }

    @Override
    protected byte[] getBytes(NativeSlice buffer) {
        return buffer.bytes();
    }

    @Override
    protected Comparator<NativeSlice> getSignedComparator() {
        return ORDER;
    }

    @Override
    protected Comparator<NativeSlice> getUnsignedComparator() {
        return ORDER;
    }

    @Override
    protected Pointer in(NativeSlice buffer, Pointer ptr) {
        long val = ptr.address();
        NativeSlice.IO.putLong(val + STRUCT_FIELD_OFFSET_SIZE, buffer.size);
        NativeSlice.IO.putAddress(val + STRUCT_FIELD_OFFSET_DATA, buffer.address);
        return null;
    }

    @Override
    protected Pointer in(NativeSlice buffer, int size, Pointer ptr) {
        // MDB_RESERVE: LMDB fills in the address
        long val = ptr.address();
        NativeSlice.IO.putLong(val + STRUCT_FIELD_OFFSET_SIZE, size);
        NativeSlice.IO.putAddress(val + STRUCT_FIELD_OFFSET_DATA, 0L);
        return null;
    }

    @Override
    protected NativeSlice out(NativeSlice buffer, Pointer ptr) {
        long val = ptr.address();
        buffer.address = NativeSlice.IO.getAddress(val + STRUCT_FIELD_OFFSET_DATA);
        buffer.size = (int) NativeSlice.IO.getLong(val + STRUCT_FIELD_OFFSET_SIZE);
        return buffer;
    }
}
