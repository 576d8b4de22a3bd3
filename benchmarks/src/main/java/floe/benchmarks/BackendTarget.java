package floe.benchmarks;

import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import org.openjdk.jmh.infra.Blackhole;

/** A FloeDB storage backend through the SPI. */
final class BackendTarget implements Target {
    private static final String KS = Dataset.KEYSPACE;
    private final StorageBackend backend;
    private Dataset data;

    BackendTarget(StorageBackend backend) {
        this.backend = backend;
    }

    @Override
    public void load(Dataset d) {
        this.data = d;
        backend.createKeyspace(KS);
        for (int p = 0; p < Dataset.PARTITIONS; p++) {
            try (WriteTransaction w = backend.beginWrite()) {
                for (int s = 0; s < Dataset.SORTS; s++) {
                    w.put(KS, d.partitions[p], d.sorts[s], d.value(p, s));
                }
                w.commit();
            }
        }
    }

    @Override
    public byte[] get(int p, int s) {
        try (ReadTransaction r = backend.beginRead()) {
            return r.get(KS, data.partitions[p], data.sorts[s]);
        }
    }

    @Override
    public void put(int p, int s, byte[] value) {
        try (WriteTransaction w = backend.beginWrite()) {
            w.put(KS, data.partitions[p], data.sorts[s], value);
            w.commit();
        }
    }

    @Override
    public int range(int p, Blackhole bh) {
        try (ReadTransaction r = backend.beginRead()) {
            return r.range(KS, data.partitions[p], SortRange.all(), false, Integer.MAX_VALUE, (pp, s, v) -> {
                bh.consume(s);
                bh.consume(v);
                return true;
            });
        }
    }

    @Override
    public int scanAll(Blackhole bh) {
        int n = 0;
        try (ReadTransaction r = backend.beginRead()) {
            for (int segment = 0; segment < 8; segment++) {
                n += r.scan(KS, segment, 8, null, (p, s, v) -> {
                    bh.consume(p);
                    bh.consume(s);
                    bh.consume(v);
                    return true;
                });
            }
        }
        return n;
    }

    @Override
    public void close() {
        backend.close();
    }
}
