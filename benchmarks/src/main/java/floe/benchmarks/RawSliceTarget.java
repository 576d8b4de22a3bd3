package floe.benchmarks;

import floe.backend.lmdb.buffer.KeyBuffer;
import floe.backend.lmdb.buffer.NativeSlice;
import floe.backend.lmdb.buffer.SliceProxy;
import java.io.File;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Raw lmdbjava with the LMDB backend's own buffer proxy ({@link SliceProxy}), used
 * exactly as {@code RawByteBufferTarget} uses PROXY_OPTIMAL: it isolates the proxy's
 * cost from the backend's. The proxy's package is public but not exported by
 * the backend's module: the benchmarks run on the class path.
 */
public final class RawSliceTarget implements Target {
    private final Env<NativeSlice> env;
    private final Dbi<NativeSlice> db;
    private final Txn<NativeSlice> read;
    private final Cursor<NativeSlice> cursor;
    private final KeyBuffer keyIn = new KeyBuffer();
    private final byte[] key = new byte[KeyBuffer.MAX_KEY + 1];
    private Dataset data;

    public RawSliceTarget(File dir) {
        env = Env.create(SliceProxy.INSTANCE)
                .setMapSize(1L << 30)
                .setMaxDbs(1)
                .open(dir, EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC, EnvFlags.MDB_NOMETASYNC);
        db = env.openDbi("data", DbiFlags.MDB_CREATE);
        read = env.txnRead();
        cursor = db.openCursor(read);
        read.reset();
    }

    private NativeSlice key(int p, int s) {
        byte[] pb = data.partitions[p];
        byte[] sb = data.sorts[s];
        System.arraycopy(pb, 0, key, 0, pb.length);
        System.arraycopy(sb, 0, key, pb.length, sb.length);
        return keyIn.of(key, pb.length + sb.length);
    }

    @Override
    public void load(Dataset d) {
        this.data = d;
        for (int p = 0; p < Dataset.PARTITIONS; p++) {
            try (Txn<NativeSlice> w = env.txnWrite()) {
                for (int s = 0; s < Dataset.SORTS; s++) {
                    byte[] v = d.value(p, s);
                    db.reserve(w, key(p, s), v.length).write(v);
                }
                w.commit();
            }
        }
    }

    @Override
    public byte[] get(int p, int s) {
        read.renew();
        try {
            return db.get(read, key(p, s)).bytes();
        } finally {
            read.reset();
        }
    }

    @Override
    public void put(int p, int s, byte[] value) {
        try (Txn<NativeSlice> w = env.txnWrite()) {
            db.reserve(w, key(p, s), value.length).write(value);
            w.commit();
        }
    }

    @Override
    public int range(int p, Blackhole bh) {
        read.renew();
        try {
            cursor.renew(read);
            byte[] partition = data.partitions[p];
            int n = 0;
            for (boolean on = cursor.get(keyIn.of(partition, partition.length), GetOp.MDB_SET_RANGE);
                    on;
                    on = cursor.next()) {
                int klen = cursor.key().copyTo(key);
                if (klen < partition.length
                        || !java.util.Arrays.equals(key, 0, partition.length, partition, 0, partition.length)) {
                    break;
                }
                bh.consume(java.util.Arrays.copyOfRange(key, partition.length, klen));
                bh.consume(cursor.val().bytes());
                n++;
            }
            return n;
        } finally {
            read.reset();
        }
    }

    @Override
    public int scanAll(Blackhole bh) {
        read.renew();
        try {
            cursor.renew(read);
            int n = 0;
            for (boolean on = cursor.first(); on; on = cursor.next()) {
                bh.consume(cursor.key().bytes());
                bh.consume(cursor.val().bytes());
                n++;
            }
            return n;
        } finally {
            read.reset();
        }
    }

    @Override
    public void close() {
        cursor.close();
        read.renew();
        read.close();
        env.close();
    }
}
