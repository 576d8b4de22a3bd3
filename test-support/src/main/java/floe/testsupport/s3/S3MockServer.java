package floe.testsupport.s3;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for the tests: Adobe's S3Mock, started as a process of its own
 * serving plain HTTP on 127.0.0.1, and stopped by {@link #close()}. The build of the module
 * whose tests use it copies S3Mock's runnable jar to {@code target/s3mock/s3mock.jar} (in
 * generate-test-resources), so the jar never rides on a class path.
 */
public final class S3MockServer implements AutoCloseable {
    /** The id of the one KMS key the server knows (S3Mock refuses SSE-KMS with any other, and takes ids only). */
    public static final String KMS_KEY = "0b1e6e9c-5f3a-4e55-9d0a-2c6f0f1e7a11";

    private final Process process;
    private final Path log;
    private final int port;

    private S3MockServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts a server keeping its objects under {@code dir}, with {@code buckets} created, and waits until it serves. */
    public static S3MockServer start(Path dir, String... buckets) throws IOException, InterruptedException {
        Path jar = Path.of("target/s3mock/s3mock.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it in generate-test-resources");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("store"));
        Path log = dir.resolve("s3mock.log");
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-jar",
                        jar.toString(),
                        "--server.address=127.0.0.1",
                        "--server.port=" + port,
                        "--server.ssl.enabled=false",
                        // S3Mock always adds a second, plain HTTP connector; 0 gives it a free port, unused here
                        "--com.adobe.testing.s3mock.httpPort=0",
                        "--com.adobe.testing.s3mock.store.root=" + dir.resolve("store"),
                        "--com.adobe.testing.s3mock.store.initialBuckets=" + String.join(",", buckets),
                        "--com.adobe.testing.s3mock.store.validKmsKeys=arn:aws:kms:eu-west-1:123456789012:key/"
                                + KMS_KEY,
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3MockServer server = new S3MockServer(p, log, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("S3Mock ended: " + server.log());
            }
            try {
                HttpURLConnection c = (HttpURLConnection)
                        URI.create(server.endpoint() + "/").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    c.disconnect();
                    return server;
                }
                c.disconnect();
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("S3Mock did not start in 120 s: " + server.log());
            }
            Thread.sleep(200);
        }
    }

    /** The server's endpoint URL, {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** What the server has written to its log so far. */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
