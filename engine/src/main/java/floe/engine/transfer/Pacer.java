package floe.engine.transfer;

/**
 * Paces one transfer to at most a number of items per second, so that a big export or
 * import leaves the table's own traffic its share of the machine; between steps it also
 * yields, since transfers run on low-priority threads beside request threads.
 */
final class Pacer {
    private static final int STEP = 1024;

    private final long itemsPerSecond;
    private final long start = System.nanoTime();
    private long items;

    Pacer(long itemsPerSecond) {
        this.itemsPerSecond = itemsPerSecond;
    }

    /** Counts one item, pausing when ahead of the pace. */
    void item() {
        items++;
        if (items % STEP != 0) {
            return;
        }
        Thread.yield();
        if (itemsPerSecond <= 0) {
            return;
        }
        long due = start + items * 1_000_000_000L / itemsPerSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
