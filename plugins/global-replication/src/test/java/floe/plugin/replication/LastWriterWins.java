package floe.plugin.replication;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The convergence test's oracle: every write the writers made, each with the stamp its response
 * named ({@code x-floe-replication-stamp}), and from them, per key, the final states last writer
 * wins allows.
 *
 * <p>A write whose request failed other than by a refused connection may or may not have
 * committed (the server was killed under it): its stamp is unknown but bounded, since a hybrid
 * logical clock value is at least the wall clock's milliseconds when it is made and, on one
 * machine, the others' values are too: it lies between the request's start and its failure. Its
 * effect is allowed only where such a stamp could have been the greatest. Time to Live deletes
 * are made by the sweeping Region with a stamp later than the expired item's, unknown too: an
 * item a later write replaced may still have been swept where that write had not arrived yet, so
 * absence is allowed where an expiring put came before the winner, unless the winner, or a write
 * between the two, was made in the sweeping Region itself: there the expiring item stopped being
 * current when that write committed, so its sweep, if any, came before and is stamped earlier.
 */
final class LastWriterWins {
    /** What a write leaves: an item image, or none (a delete, or a put that expires). */
    record Write(
            String key,
            Map<String, AttributeValue> image,
            long expiresAtSeconds,
            String region,
            long hlc,
            long startMillis,
            long failedMillis) {
        /** Whether the response named the write's stamp (acknowledged and changed the item). */
        boolean stamped() {
            return hlc != 0;
        }

        /** Whether the request failed after it may have reached the server. */
        boolean cut() {
            return failedMillis != 0;
        }

        /** The least stamp the write can have. */
        long low() {
            return stamped() ? hlc : startMillis << 16;
        }

        /** The greatest stamp the write can have (the counter's whole range in its last millisecond). */
        long high() {
            return stamped() ? hlc : ((failedMillis + 1) << 16) | 0xFFFF;
        }

        /** Whether the item expires (a Time to Live put). */
        boolean expires() {
            return image != null && expiresAtSeconds > 0;
        }

        /** Whether the write is known to win over {@code other}, both stamped. */
        boolean beats(Write other) {
            return ReplicatedOrder.wins(hlc, region, other.hlc, other.region);
        }

        /** The item every replica should hold if this write won, once Time to Live swept: null for none. */
        Map<String, AttributeValue> outcome() {
            return expires() ? null : image;
        }
    }

    /** Equal to floe.spi.extension.ReplicatedChange.wins, restated so the oracle does not trust the code it tests. */
    static final class ReplicatedOrder {
        private ReplicatedOrder() {}

        static boolean wins(long stamp, String origin, long otherStamp, String otherOrigin) {
            if (stamp != otherStamp) {
                return Long.compareUnsigned(stamp, otherStamp) > 0;
            }
            return origin.compareTo(otherOrigin) > 0;
        }
    }

    private final Map<String, ConcurrentLinkedQueue<Write>> writes = new ConcurrentHashMap<>();
    private final String sweeper;

    /** An oracle for a table whose expired items only the Region {@code sweeper} deletes. */
    LastWriterWins(String sweeper) {
        this.sweeper = sweeper;
    }

    void add(Write w) {
        writes.computeIfAbsent(w.key(), k -> new ConcurrentLinkedQueue<>()).add(w);
    }

    /** The keys written to. */
    Set<String> keys() {
        return writes.keySet();
    }

    /** How many acknowledged writes named their stamp. */
    long stamped() {
        return writes.values().stream()
                .flatMap(q -> q.stream())
                .filter(Write::stamped)
                .count();
    }

    /** How many writes were cut (may or may not have committed). */
    long cut() {
        return writes.values().stream()
                .flatMap(q -> q.stream())
                .filter(Write::cut)
                .count();
    }

    /** How many keys last writer wins allows exactly one final state for: what makes the check strict. */
    long determined() {
        return keys().stream().filter(k -> allowed(k).size() == 1).count();
    }

    /**
     * Every final state of {@code key} last writer wins allows (null: no item), given that every
     * Time to Live put has expired and been swept.
     */
    List<Map<String, AttributeValue>> allowed(String key) {
        List<Write> all = new ArrayList<>(writes.getOrDefault(key, new ConcurrentLinkedQueue<>()));
        Write winner = null;
        for (Write w : all) {
            if (w.stamped() && (winner == null || w.beats(winner))) {
                winner = w;
            }
        }
        List<Write> candidates = new ArrayList<>();
        if (winner != null) {
            candidates.add(winner);
        }
        for (Write w : all) {
            // a cut write could be last if its greatest possible stamp beats the acknowledged winner
            if (w.cut() && (winner == null || Long.compareUnsigned(w.high(), winner.hlc()) > 0)) {
                candidates.add(w);
            }
        }
        Set<Map<String, AttributeValue>> out = new HashSet<>();
        if (winner == null) {
            out.add(null); // nothing acknowledged changed the key: it may never have existed
        }
        for (Write c : candidates) {
            out.add(c.outcome());
            if (c.outcome() != null && !c.region().equals(sweeper)) {
                for (Write e : all) {
                    // an expiring put that came before c may have been swept by a delete stamped after c
                    if (e.expires()
                            && (e.stamped() || e.cut())
                            && e != c
                            && Long.compareUnsigned(e.low(), c.high()) < 0
                            && !replacedInSweeper(all, e, c)) {
                        out.add(null);
                        break;
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Whether a write the sweeping Region itself made, stamped after every stamp {@code e} can
     * have and no later than {@code c}'s least, rules out a sweep of {@code e} that wins over
     * {@code c}: the sweeper could delete {@code e} only while it held it, so before that write
     * committed there, with a stamp earlier than the write's (a Region's stamps grow, and a write
     * is stamped later than the item it replaces); once the write committed, {@code e} could no
     * longer become current there (it is stamped earlier).
     */
    private boolean replacedInSweeper(List<Write> all, Write e, Write c) {
        for (Write w : all) {
            if (w.stamped()
                    && w != e
                    && w.region().equals(sweeper)
                    && Long.compareUnsigned(e.high(), w.hlc()) < 0
                    && Long.compareUnsigned(w.hlc(), c.low()) <= 0) {
                return true;
            }
        }
        return false;
    }

    /** The keys whose state in {@code items} (by key) last writer wins does not allow, with what it allows. */
    Map<String, String> violations(Map<String, Map<String, AttributeValue>> items) {
        Set<String> keys = new HashSet<>(keys());
        keys.addAll(items.keySet());
        Map<String, String> out = new TreeMap<>();
        for (String k : keys) {
            List<Map<String, AttributeValue>> allowed = allowed(k);
            Map<String, AttributeValue> found = items.get(k);
            if (!allowed.contains(found)) {
                out.put(
                        k,
                        "holds " + show(found) + ", allowed "
                                + allowed.stream().map(LastWriterWins::show).toList());
            }
        }
        return out;
    }

    static String show(Map<String, AttributeValue> item) {
        if (item == null) {
            return "(none)";
        }
        AttributeValue e = item.get("expiresAt");
        return item.get("v").s() + (e == null ? "" : "@" + e.n());
    }
}
