package floe.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs FloeDB's commands as a user does, each a process of its own: the source tree's
 * {@code floe} script (on the parts this build laid out, never building), or a composed
 * distribution's {@code bin/floe}. Stops every process it started on {@link #close()}.
 */
final class Floe {
    /** The source tree. */
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    /** The home the server module lays out, which floe dist composes from. */
    static final Path BUILT_HOME = ROOT.resolve("server/target/floe-home");

    private final Path logs;
    private final List<Process> started = new ArrayList<>();
    private int count;

    Floe(Path logs) {
        this.logs = logs;
    }

    /** What a finished command printed (out and err together) and its exit status. */
    record Result(int status, String output) {}

    /** Runs the source tree's floe script with {@code args} to its end. */
    Result script(String... args) throws IOException, InterruptedException {
        return finish(start(ROOT.resolve("floe"), Map.of(), args));
    }

    /** Runs {@code <dist>/bin/floe} with {@code args} to its end. */
    Result dist(Path dist, String... args) throws IOException, InterruptedException {
        return finish(start(dist.resolve("bin/floe"), Map.of(), args));
    }

    /** Runs {@code <dist>/bin/floe} with {@code args} to its end, with {@code env} added to its environment. */
    Result dist(Path dist, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return finish(start(dist.resolve("bin/floe"), env, args));
    }

    /** A running command and where its output goes. */
    record Running(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
    }

    /** Starts {@code command} with {@code args}. */
    Running start(Path command, String... args) throws IOException {
        return start(command, Map.of(), args);
    }

    /** Starts {@code command} with {@code args}, with {@code env} added to its environment. */
    Running start(Path command, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(command.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // the tests run on what the build laid out; the class-data archive stays the build's home's
        pb.environment().put("FLOE_NO_BUILD", "1");
        pb.environment().put("FLOE_CDS", "0");
        pb.environment().remove("FLOE_HOME");
        pb.environment().putAll(env);
        Path log = logs.resolve("floe-" + (++count) + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        started.add(p);
        return new Running(p, log);
    }

    private static Result finish(Running r) throws IOException, InterruptedException {
        if (!r.process().waitFor(5, TimeUnit.MINUTES)) {
            r.process().destroyForcibly();
            fail("no end in 5 minutes; it printed:\n" + r.output());
        }
        return new Result(r.process().exitValue(), r.output());
    }

    /** A free port of 127.0.0.1. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits for a server started as {@code r} to answer its health check on {@code port}. */
    static void awaitHealthy(Running r, int port) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        while (!healthy(port)) {
            if (!r.process().isAlive() || System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
                fail("floe serve did not answer; it printed:\n" + r.output());
            }
            Thread.sleep(20);
        }
        assertTrue(r.process().isAlive());
    }

    private static boolean healthy(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops every process started, and their children. */
    void close() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
