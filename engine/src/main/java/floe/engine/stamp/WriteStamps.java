package floe.engine.stamp;

/**
 * The stamp of the last single-item write a thread made, for the server to name in the
 * write's response: a write runs on its caller's thread (the group committer only batches the
 * commit), so the stamp it got is handed back there without widening the public response
 * records. Only set when the write was stamped (global tables open and the item changed).
 */
public final class WriteStamps {
    private static final ThreadLocal<Stamp> LAST = new ThreadLocal<>();

    private WriteStamps() {}

    /** Forgets the thread's last stamp: called before a write, so a failed one names none. */
    public static void clear() {
        LAST.remove();
    }

    /** Records the stamp of the write the thread just made (null: it was not stamped). */
    public static void set(Stamp stamp) {
        if (stamp == null) {
            LAST.remove();
        } else {
            LAST.set(stamp);
        }
    }

    /** The stamp of the thread's last write as {@code <hlc> <region>}, or null; forgets it. */
    public static String take() {
        Stamp s = LAST.get();
        if (s == null) {
            return null;
        }
        LAST.remove();
        return Long.toUnsignedString(s.hlc()) + " " + s.region();
    }
}
