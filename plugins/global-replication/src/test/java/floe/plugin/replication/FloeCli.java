package floe.plugin.replication;

import floe.server.cli.FloeTool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The {@code floe} command as a user runs it: in this JVM (as the launcher runs its tool), or as a process of its own. */
final class FloeCli {
    private FloeCli() {}

    /** What a run printed, and its exit status. */
    record Result(int status, String out, String err) {
        /** The printed lines. */
        List<String> lines() {
            return out.lines().toList();
        }
    }

    /** Runs {@code floe args...} in this JVM, the environment's credentials being whatever this JVM has. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new FloeTool().run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(status, out.toString(), err.toString());
    }

    /**
     * A {@code floe} process with {@code env} added to its environment (credentials), its output
     * not a terminal; read its lines with {@link Running#awaitLine}.
     */
    static Running start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "floe.server.cli.FloeCommand"));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().remove("AWS_ACCESS_KEY_ID");
        b.environment().remove("AWS_SECRET_ACCESS_KEY");
        b.environment().remove("AWS_SESSION_TOKEN");
        b.environment().putAll(env);
        return new Running(b.start());
    }

    /** A running {@code floe} process; closing it destroys it. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> all = new ArrayList<>();

        Running(Process process) {
            this.process = process;
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader r = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line = r.readLine(); line != null; line = r.readLine()) {
                                lines.add(line);
                            }
                        } catch (IOException e) {
                            // the process was destroyed
                        }
                    },
                    "floe-cli-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for a line that {@code matches}, for at most {@code timeout}; fails with what it printed. */
        String awaitLine(String what, Duration timeout, Predicate<String> matches) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("timed out waiting for " + what + "; floe printed:\n"
                            + String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size())));
                }
                all.add(line);
                if (matches.test(line)) {
                    return line;
                }
            }
        }

        /** Everything read so far. */
        List<String> printed() {
            return List.copyOf(all);
        }

        /** Waits for the process to end by itself; returns its status. */
        int waitFor(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("floe did not end");
            }
            // let the reader drain what was printed
            Thread.sleep(100);
            lines.drainTo(all);
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
