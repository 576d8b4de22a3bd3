package floe.benchmarks;

import java.io.File;
import java.nio.ByteBuffer;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Raw lmdbjava, its fastest way: {@code PROXY_OPTIMAL} (Unsafe on direct ByteBuffers;
 * needs --add-opens java.base/java.nio and --add-exports java.base/sun.nio.ch), one
 * database keyed by partition + sort, a reused key buffer, one read transaction and
 * cursor recycled with reset/renew, values written with MDB_RESERVE.
 */
final class RawByteBufferTarget implements Target {
    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> db;
    private final ByteBuffer key = ByteBuffer.allocateDirect(511);
    private final Txn<ByteBuffer> read;
    private final Cursor<ByteBuffer> cursor;
    private final byte[] prefix = new byte[20];
    private Dataset data;

    RawByteBufferTarget(File dir, boolean sync) {
        env = sync
                ? Env.create(ByteBufferProxy.PROXY_OPTIMAL)
                        .setMapSize(1L << 30)
                        .setMaxDbs(1)
                        .open(dir, EnvFlags.MDB_NOTLS)
                : Env.create(ByteBufferProxy.PROXY_OPTIMAL)
                        .setMapSize(1L << 30)
                        .setMaxDbs(1)
                        .open(dir, EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC, EnvFlags.MDB_NOMETASYNC);
        db = env.openDbi("data", DbiFlags.MDB_CREATE);
        read = env.txnRead();
        cursor = db.openCursor(read);
        read.reset();
    }

    private ByteBuffer key(int p, int s) {
        key.clear();
        key.put(data.partitions[p]).put(data.sorts[s]).flip();
        return key;
    }

    @Override
    public void load(Dataset d) {
        this.data = d;
        for (int p = 0; p < Dataset.PARTITIONS; p++) {
            try (Txn<ByteBuffer> w = env.txnWrite()) {
                for (int s = 0; s < Dataset.SORTS; s++) {
                    byte[] v = d.value(p, s);
                    db.reserve(w, key(p, s), v.length).put(v);
                }
                w.commit();
            }
        }
    }

    @Override
    public byte[] get(int p, int s) {
        read.renew();
        try {
            ByteBuffer v = db.get(read, key(p, s));
            byte[] out = new byte[v.remaining()];
            v.get(out);
            return out;
        } finally {
            read.reset();
        }
    }

    @Override
    public void put(int p, int s, byte[] value) {
        try (Txn<ByteBuffer> w = env.txnWrite()) {
            db.reserve(w, key(p, s), value.length).put(value);
            w.commit();
        }
    }

    @Override
    public int range(int p, Blackhole bh) {
        read.renew();
        try {
            cursor.renew(read);
            byte[] partition = data.partitions[p];
            key.clear();
            key.put(partition).flip();
            int n = 0;
            for (boolean on = cursor.get(key, GetOp.MDB_SET_RANGE); on; on = cursor.next()) {
                ByteBuffer k = cursor.key();
                if (k.remaining() < partition.length) {
                    break;
                }
                k.get(prefix, 0, partition.length);
                if (!java.util.Arrays.equals(prefix, 0, partition.length, partition, 0, partition.length)) {
                    break;
                }
                byte[] sort = new byte[k.remaining()];
                k.get(sort);
                ByteBuffer v = cursor.val();
                byte[] value = new byte[v.remaining()];
                v.get(value);
                bh.consume(sort);
                bh.consume(value);
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
                ByteBuffer k = cursor.key();
                byte[] keyBytes = new byte[k.remaining()];
                k.get(keyBytes);
                ByteBuffer v = cursor.val();
                byte[] value = new byte[v.remaining()];
                v.get(value);
                bh.consume(keyBytes);
                bh.consume(value);
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
