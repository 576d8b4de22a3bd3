package floe.plugin.replication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ReplicaNode} in a process of its own, which a test can kill with SIGKILL, stop with
 * SIGSTOP and start again over the same data directory and port.
 */
final class NodeProcess {
    private final String region;
    private final int port;
    private final Path data;
    private final long ttlSweepMillis;
    private final Map<String, String> peers;
    private volatile Process process;

    /**
     * A node serving {@code region} on {@code port} with its data in {@code data}, sweeping expired
     * items every {@code ttlSweepMillis}, with {@code peers} (Region to endpoint URL, or
     * {@code local}); not started yet.
     */
    NodeProcess(String region, int port, Path data, long ttlSweepMillis, Map<String, String> peers) {
        this.region = region;
        this.port = port;
        this.data = data;
        this.ttlSweepMillis = ttlSweepMillis;
        this.peers = Map.copyOf(peers);
    }

    /** Starts the process and waits until it serves. */
    void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-D" + ReplicaNode.TTL_SWEEP_PROPERTY + "=" + ttlSweepMillis,
                "-cp",
                System.getProperty("java.class.path"),
                ReplicaNode.class.getName(),
                region,
                String.valueOf(port),
                data.toString()));
        peers.forEach((r, url) -> command.add(r + "=" + url));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .start();
        process = p;
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("ready")) {
            seen.append(line).append('\n');
        }
        if (line == null) {
            throw new AssertionError("the server of " + region + " did not start:\n" + seen);
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe from filling
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    /** Kills the process with SIGKILL (no shutdown hook runs) and waits for it to end. */
    void kill() throws InterruptedException {
        Process p = process;
        process = null;
        if (p != null) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Stops the process (SIGSTOP): it keeps its sockets but answers nothing. */
    void suspend() throws InterruptedException {
        signal("STOP");
    }

    /** Lets a stopped process run again (SIGCONT). */
    void resume() throws InterruptedException {
        signal("CONT");
    }

    /** Sends the process a signal with kill(1): Java has no call for SIGSTOP and SIGCONT. */
    private void signal(String signal) throws InterruptedException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .redirectErrorStream(true)
                    .start();
            kill.getInputStream().readAllBytes();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new AssertionError("kill -" + signal + " " + p.pid() + ": " + e, e);
        }
    }

    /** Ends the process if it runs (a stopped one is let run first: some systems hold SIGKILL until then). */
    void close() throws InterruptedException {
        resume();
        kill();
    }
}
