package floe.backend.lmdb.buffer;

import com.kenai.jffi.MemoryIO;
import floe.spi.storage.CorruptStorageException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A view of native memory: a key or value LMDB hands out (inside the memory map,
 * valid until the transaction ends or, in a write transaction, the next write) or a
 * key it takes in. Mutable, so that lmdbjava reuses one per cursor and transaction
 * instead of allocating a buffer object per call.
 */
public final class NativeSlice {
    static final MemoryIO IO = memoryIO();

    long address;
    int size;

    private static MemoryIO memoryIO() {
        Jffi.configure();
        return MemoryIO.getInstance();
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        byte[] out = new byte[size];
        if (size > 0) {
            IO.getByteArray(address, out, 0, size);
        }
        return out;
    }

    /** Copies the bytes into {@code dst} at 0 and returns their number. */
    public int copyTo(byte[] dst) {
        if (size > dst.length) {
            throw new CorruptStorageException("a key of " + size + " bytes, longer than LMDB allows");
        }
        if (size > 0) {
            IO.getByteArray(address, dst, 0, size);
        }
        return size;
    }

    /** The 8-byte big-endian number this slice holds (a trie node id). */
    public long readLong() {
        if (size != Long.BYTES) {
            throw new CorruptStorageException("a trie node reference of " + size + " bytes instead of 8");
        }
        byte[] b = new byte[Long.BYTES];
        IO.getByteArray(address, b, 0, Long.BYTES);
        return ByteBuffer.wrap(b).getLong();
    }

    /** Writes {@code src} into the memory this slice points at, which must have room (a reserved value). */
    public void write(byte[] src) {
        if (src.length != size) {
            throw new IllegalStateException("reserved " + size + " bytes for " + src.length);
        }
        if (src.length > 0) {
            IO.putByteArray(address, src, 0, src.length);
        }
    }

    @Override
    public String toString() {
        return "NativeSlice[" + size + " bytes: " + Arrays.toString(size <= 64 ? bytes() : new byte[0]) + "]";
    }
}
