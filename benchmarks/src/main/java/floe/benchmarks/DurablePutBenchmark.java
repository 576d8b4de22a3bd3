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

/** Single-entry write transactions with sync=true (fsync per commit): raw lmdbjava against the LMDB backend. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED"
        })
public class DurablePutBenchmark {
    @Param({"raw", "lmdb"})
    public String target;

    private Path dir;
    private Dataset data;
    private Target store;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        dir = Targets.tempDirectory();
        data = new Dataset();
        store = Targets.create(target, dir, true);
        store.load(data);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        Targets.delete(dir);
    }

    @Benchmark
    public void syncedPut() {
        int r = (i++ * 7919) & Integer.MAX_VALUE;
        store.put(r % Dataset.PARTITIONS, (r / Dataset.PARTITIONS) % Dataset.SORTS, data.values[r & 15]);
    }
}
