package floe.benchmarks;

import org.openjdk.jmh.infra.Blackhole;

/** One store under test, used by one thread. Every read copies what it returns into byte arrays, as the SPI does. */
public interface Target extends AutoCloseable {
    /** Loads the dataset. */
    void load(Dataset data);

    /** The value of entry (p, s), copied. */
    byte[] get(int p, int s);

    /** Writes entry (p, s) in a transaction of its own and commits. */
    void put(int p, int s, byte[] value);

    /** Reads the whole partition p (100 entries) in order, copying sorts and values; returns how many. */
    int range(int p, Blackhole bh);

    /** Reads every entry (in 8 segments for the backends), copying keys and values; returns how many. */
    int scanAll(Blackhole bh);

    @Override
    void close();
}
