package floe.backend.lmdb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM running a main class of the test sources, with this JVM's java and class
 * path; its stdout lines are collected, its stderr goes to a file. Closing it kills it.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Thread reader;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Path stderr;

    ChildJvm(Path workDir, Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED",
                // lmdbjava extracts its native library per JVM and deletes it at exit: a killed child would leak it
                "-Dlmdbjava.extract.dir=" + workDir,
                main.getName()));
        command.addAll(List.of(args));
        stderr = workDir.resolve(main.getSimpleName() + "-" + System.nanoTime() + ".stderr");
        process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            all.add(line);
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        // the child died
                    }
                },
                "child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next stdout line, or null if none came within the timeout. */
    String nextLine(long timeout, TimeUnit unit) throws InterruptedException {
        return lines.poll(timeout, unit);
    }

    /** Waits for a line starting with {@code prefix}, skipping others; null on timeout or exit. */
    String awaitLine(String prefix, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (; ; ) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            String line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                return null;
            }
        }
    }

    /** Kills the child (SIGKILL) and waits for it and for the rest of its output; returns the remaining lines. */
    List<String> kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(TimeUnit.SECONDS.toMillis(30));
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        return rest;
    }

    /** Every stdout line so far. */
    List<String> allLines() {
        synchronized (all) {
            return new ArrayList<>(all);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stderr() {
        try {
            return java.nio.file.Files.readString(stderr);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
