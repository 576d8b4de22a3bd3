package floe.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Point reads, single-entry write transactions, partition range reads and full
 * segment scans over 100k preloaded DynamoDB-like entries (see {@link Dataset}), for:
 * <ul>
 *   <li>{@code raw}: lmdbjava at its fastest (PROXY_OPTIMAL, needs JVM flags), the baseline;
 *   <li>{@code raw-bytearray}, {@code raw-slice}: the same with lmdbjava's flag-free
 *       ByteArrayProxy and with the LMDB backend's own proxy, to compare proxies;
 *   <li>{@code lmdb}: the LMDB backend through the SPI (sync=false);
 *   <li>{@code memory}: the memory backend.
 * </ul>
 * Single-threaded; every read copies what it returns into arrays, as the SPI must.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {
            // for the raw PROXY_OPTIMAL baseline only; the backend needs none of these
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED"
        })
public class StorageBenchmark {
    @Param({"raw", "raw-bytearray", "raw-slice", "lmdb", "memory"})
    public String target;

    private Path dir;
    private Dataset data;
    private Target store;
    private int seed = 12345;

    @Setup(Level.Trial)
    public void setUp() {
        dir = Targets.tempDirectory();
        data = new Dataset();
        store = Targets.create(target, dir, false);
        store.load(data);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        Targets.delete(dir);
    }

    /** A cheap pseudo-random number (xorshift), so that picking keys costs next to nothing. */
    private int next() {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return x & Integer.MAX_VALUE;
    }

    @Benchmark
    public byte[] get() {
        int r = next();
        return store.get(r % Dataset.PARTITIONS, (r >>> 10) % Dataset.SORTS);
    }

    @Benchmark
    public void put() {
        int r = next();
        store.put(r % Dataset.PARTITIONS, (r >>> 10) % Dataset.SORTS, data.values[r & 15]);
    }

    @Benchmark
    public int range(Blackhole bh) {
        return store.range(next() % Dataset.PARTITIONS, bh);
    }

    @Benchmark
    public int scan(Blackhole bh) {
        return store.scanAll(bh);
    }
}
