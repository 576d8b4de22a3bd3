package floe.backend.etcd;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A 3-member etcd cluster on 127.0.0.1 for the tests: each member its own {@code etcd} process (from
 * the PATH: Debian's etcd-server), on free ports, with its data under the build's target directory.
 * Members can be killed ({@code kill -9}) and restarted. Everything is stopped by {@link #close()}
 * and, should the JVM end first, by a shutdown hook.
 */
final class EtcdCluster implements AutoCloseable {
    private static EtcdCluster shared;

    private final Path directory;
    private final int[] clientPorts;
    private final int[] peerPorts;
    private final Process[] members;
    private final String token;

    private EtcdCluster(Path directory, int size) throws IOException {
        this.directory = directory;
        this.clientPorts = new int[size];
        this.peerPorts = new int[size];
        this.members = new Process[size];
        this.token = "floe-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                clientPorts[i] = freePort(held);
                peerPorts[i] = freePort(held);
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /** One cluster for the whole test JVM, started at the first call. */
    static synchronized EtcdCluster shared() throws Exception {
        if (shared == null) {
            shared = start(
                    Path.of(
                            "target",
                            "etcd-clusters",
                            "shared-" + ProcessHandle.current().pid()),
                    3);
        }
        return shared;
    }

    /** Starts a new cluster of {@code size} members in {@code directory} and waits until it serves. */
    static EtcdCluster start(Path directory, int size) throws Exception {
        EtcdCluster cluster = new EtcdCluster(directory.toAbsolutePath(), size);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "etcd-cluster-stop"));
        try {
            for (int i = 0; i < size; i++) {
                cluster.startMember(i, "new");
            }
            cluster.awaitServing(Duration.ofSeconds(60));
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** The client URLs, comma-separated, as the backend's {@code endpoints} option takes them. */
    String endpoints() {
        List<String> urls = new ArrayList<>();
        for (int port : clientPorts) {
            urls.add("http://127.0.0.1:" + port);
        }
        return String.join(",", urls);
    }

    int size() {
        return members.length;
    }

    /** Kills member {@code i} with SIGKILL, as {@code kill -9} does, and waits for it to be gone. */
    void kill(int i) throws InterruptedException {
        Process p = members[i];
        if (p != null) {
            p.destroyForcibly();
            p.waitFor();
            members[i] = null;
        }
    }

    /** Restarts member {@code i} on its data, rejoining the cluster. */
    void restart(int i) throws IOException {
        startMember(i, "existing");
    }

    boolean alive(int i) {
        return members[i] != null && members[i].isAlive();
    }

    private void startMember(int i, String state) throws IOException {
        Path data = directory.resolve("m" + i);
        Files.createDirectories(data);
        String cluster = java.util.stream.IntStream.range(0, members.length)
                .mapToObj(j -> "m" + j + "=http://127.0.0.1:" + peerPorts[j])
                .collect(Collectors.joining(","));
        List<String> command = List.of(
                "etcd",
                "--name",
                "m" + i,
                "--data-dir",
                data.resolve("data").toString(),
                "--listen-client-urls",
                "http://127.0.0.1:" + clientPorts[i],
                "--advertise-client-urls",
                "http://127.0.0.1:" + clientPorts[i],
                "--listen-peer-urls",
                "http://127.0.0.1:" + peerPorts[i],
                "--initial-advertise-peer-urls",
                "http://127.0.0.1:" + peerPorts[i],
                "--initial-cluster",
                cluster,
                "--initial-cluster-token",
                token,
                "--initial-cluster-state",
                state,
                // FloeDB's transactions: up to 100 DynamoDB actions, each with its index and stream entries
                "--max-txn-ops",
                "10000",
                "--max-request-bytes",
                String.valueOf(32 << 20),
                "--quota-backend-bytes",
                String.valueOf(2L << 30),
                "--heartbeat-interval",
                "50",
                "--election-timeout",
                "500",
                "--log-level",
                "warn",
                "--logger",
                "zap");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("m" + i + ".log").toFile()));
        members[i] = builder.start();
    }

    private void awaitServing(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        for (int i = 0; i < members.length; i++) {
            while (!accepts(clientPorts[i])) {
                if (!members[i].isAlive()) {
                    throw new IllegalStateException(
                            "etcd member m" + i + " exited; see " + directory.resolve("m" + i + ".log"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("etcd member m" + i + " did not listen within " + within);
                }
                Thread.sleep(50);
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return s.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort(List<ServerSocket> held) throws IOException {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        return s.getLocalPort();
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < members.length; i++) {
            Process p = members[i];
            if (p != null) {
                p.destroyForcibly();
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                members[i] = null;
            }
        }
    }
}
