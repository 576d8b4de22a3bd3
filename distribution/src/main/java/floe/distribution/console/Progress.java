package floe.distribution.console;

import java.io.PrintWriter;

/**
 * Progress of a long step on a command's output: a bar redrawn in place on a terminal,
 * plain lines otherwise (a log, a pipe, a build), one when the step starts and one when it
 * ends. Not thread-safe: one step at a time, from one thread.
 */
public final class Progress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private String step;
    private int total;
    private int done;
    private long drawn;

    private Progress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Progress on {@code out}, drawn as a bar when this process runs on a terminal. */
    public static Progress on(PrintWriter out) {
        return new Progress(out, System.console() != null);
    }

    /** Starts step {@code what} of {@code total} units (0 when unknown). */
    public void start(String what, int total) {
        this.step = what;
        this.total = total;
        this.done = 0;
        this.drawn = 0;
        if (terminal) {
            draw();
        } else {
            out.println(what + (total > 0 ? " (" + total + ")" : "") + " ...");
            out.flush();
        }
    }

    /** One more unit of the step done. */
    public void advance() {
        done++;
        if (terminal && System.nanoTime() - drawn > REDRAW_NANOS) {
            draw();
        }
    }

    /** A line about the step, above its bar on a terminal. */
    public void line(String text) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(text);
        if (terminal) {
            draw();
        }
        out.flush();
    }

    /** The step is done; {@code result} says how it went, in a few words. */
    public void finish(String result) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(step + ": " + result);
        out.flush();
    }

    private void draw() {
        drawn = System.nanoTime();
        StringBuilder line = new StringBuilder("\r").append(step).append(" [");
        int filled = total > 0 ? Math.min(WIDTH, done * WIDTH / total) : 0;
        line.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        line.append(done);
        if (total > 0) {
            line.append('/').append(total);
        }
        out.print(line);
        out.flush();
    }
}
