package floe.benchmarks;

import java.io.File;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Raw lmdbjava with {@code ByteArrayProxy}, the flag-free proxy it ships: keys are
 * copied into freshly allocated native memory per call, and every key and value a
 * cursor lands on is copied into a new array.
 */
final class RawByteArrayTarget implements Target {
    private final Env<byte[]> env;
    private final Dbi<byte[]> db;
    private final Txn<byte[]> read;
    private final Cursor<byte[]> cursor;
    private Dataset data;

    RawByteArrayTarget(File dir) {
        env = Env.create(ByteArrayProxy.PROXY_BA)
                .setMapSize(1L << 30)
                .setMaxDbs(1)
                .open(dir, EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC, EnvFlags.MDB_NOMETASYNC);
        db = env.openDbi("data", DbiFlags.MDB_CREATE);
        read = env.txnRead();
        cursor = db.openCursor(read);
        read.reset();
    }

    @Override
    public void load(Dataset d) {
        this.data = d;
        for (int p = 0; p < Dataset.PARTITIONS; p++) {
            try (Txn<byte[]> w = env.txnWrite()) {
                for (int s = 0; s < Dataset.SORTS; s++) {
                    db.put(w, d.rawKey(p, s), d.value(p, s));
                }
                w.commit();
            }
        }
    }

    @Override
    public byte[] get(int p, int s) {
        read.renew();
        try {
            return db.get(read, data.rawKey(p, s));
        } finally {
            read.reset();
        }
    }

    @Override
    public void put(int p, int s, byte[] value) {
        try (Txn<byte[]> w = env.txnWrite()) {
            db.put(w, data.rawKey(p, s), value);
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
            for (boolean on = cursor.get(partition, GetOp.MDB_SET_RANGE); on; on = cursor.next()) {
                byte[] k = cursor.key();
                if (k.length < partition.length
                        || !java.util.Arrays.equals(k, 0, partition.length, partition, 0, partition.length)) {
                    break;
                }
                bh.consume(k);
                bh.consume(cursor.val());
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
                bh.consume(cursor.key());
                bh.consume(cursor.val());
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
