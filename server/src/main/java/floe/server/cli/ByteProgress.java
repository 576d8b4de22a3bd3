package floe.server.cli;

import java.io.PrintWriter;

/**
 * A progress display measured in bytes against a known total (an import's source objects,
 * as stored): a bar, the items so far, the bytes read of the total, the rate and the time
 * left on a terminal; a plain line a second otherwise, for whoever watches a log.
 */
final class ByteProgress {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastLine;

    ByteProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Shows one state.
     *
     * @param items the items so far
     * @param read the bytes read so far
     * @param total the bytes to read in all, or a negative number while unknown
     * @param done whether it has ended
     */
    void show(String what, long items, long read, long total, boolean done) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        double rate = read / seconds;
        String left = done
                ? "done"
                : total > 0 && rate > 0 && read < total ? String.format("%.0fs left", (total - read) / rate) : "";
        String numbers = String.format(
                "%s %d items, %s of %s read, %s/s, %s",
                what, items, bytes(read), total >= 0 ? bytes(total) : "?", bytes((long) rate), left);
        if (terminal) {
            int filled = total > 0 ? (int) Math.min(WIDTH, WIDTH * read / total) : done ? WIDTH : 0;
            out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + numbers + "   ");
            if (done) {
                out.println();
            }
            out.flush();
        } else if (done || System.nanoTime() - lastLine > 1_000_000_000L) {
            lastLine = System.nanoTime();
            out.println(numbers);
            out.flush();
        }
    }

    static String bytes(long b) {
        return b < 1024 ? b + " B" : b < 1 << 20 ? (b >> 10) + " KB" : String.format("%.1f MB", b / 1048576.0);
    }
}
