package floe.engine.stamp;

import floe.engine.table.TableDefinition;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.WriteTransaction;
import java.time.Clock;

/**
 * Keeps every item's {@link Stamp} in its table's stamps keyspace, under the item's own key, in
 * the write transaction that writes the item: a local write is stamped with the next value of
 * the engine's clock and the local Region, a replicated one with the stamp it came with.
 */
public final class Stamps {
    private final Hlc hlc;
    private final String region;
    private final Clock clock;
    /** Off until global tables open: without them a stamp is a write (and a tombstone) for nothing. */
    private volatile boolean kept;

    public Stamps(Hlc hlc, String region, Clock clock) {
        this.hlc = hlc;
        this.region = region;
        this.clock = clock;
    }

    /** Stamps local writes from now on (an item written before has none, and loses to any stamp). */
    public void keepFromNowOn() {
        kept = true;
    }

    /** Whether local writes are stamped. */
    public boolean kept() {
        return kept;
    }

    /** The local Region. */
    public String region() {
        return region;
    }

    /** The clock stamps come from. */
    public Hlc hlc() {
        return hlc;
    }

    /** A stamp for a local write made now over an item stamped {@code stored} (null: none): later than it. */
    public Stamp localAfter(Stamp stored, boolean tombstone) {
        if (stored != null) {
            hlc.observe(stored.hlc());
        }
        return new Stamp(hlc.next(), region, tombstone, clock.millis());
    }

    /** A stamp for a replicated write, stored now. */
    public Stamp replicated(long stamp, String origin, boolean tombstone) {
        return new Stamp(stamp, origin, tombstone, clock.millis());
    }

    /** The item's stamp, or null if it has none (never written since stamps were kept). */
    public static Stamp read(ReadTransaction t, TableDefinition table, byte[] partition, byte[] sort) {
        byte[] v = t.get(table.stampsKeyspace(), partition, sort);
        return v == null ? null : Stamp.decode(v);
    }

    /** Decodes a stored stamp. */
    public static Stamp decode(byte[] v) {
        return Stamp.decode(v);
    }

    /** Stores the item's stamp. */
    public static void write(WriteTransaction w, TableDefinition table, byte[] partition, byte[] sort, Stamp stamp) {
        w.put(table.stampsKeyspace(), partition, sort, stamp.encode());
    }
}
