package floe.server.http;

/**
 * How the server listens.
 *
 * @param host the address to bind, such as 127.0.0.1
 * @param port the port, or 0 for any free port
 * @param region the region the server answers as (health check, ARNs come from the database)
 * @param maxBodyBytes the largest request body accepted, after decompression
 * @param ioThreads threads serving connections (0 for one per processor)
 * @param blockingThreads threads running operations that can block on a write
 */
public record ServerConfig(String host, int port, String region, int maxBodyBytes, int ioThreads, int blockingThreads) {
    /** DynamoDB's request size limit: 16 MB. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    /**
     * The defaults for a host and port: region us-east-1, 16 MB bodies, one I/O
     * thread per processor, 64 threads for writes (so that concurrent writes can
     * share a commit).
     *
     * @param host the address to bind
     * @param port the port, or 0 for any free port
     * @return the configuration
     */
    public static ServerConfig of(String host, int port) {
        return new ServerConfig(host, port, "us-east-1", MAX_BODY_BYTES, 0, 64);
    }

    /**
     * @param region the region to answer as
     * @return a copy with that region
     */
    public ServerConfig withRegion(String region) {
        return new ServerConfig(host, port, region, maxBodyBytes, ioThreads, blockingThreads);
    }
}
