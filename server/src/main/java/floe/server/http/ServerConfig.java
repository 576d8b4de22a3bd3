package floe.server.http;

import java.nio.file.Path;

/**
 * How the server listens.
 *
 * @param host the address to bind, such as 127.0.0.1
 * @param port the port, or 0 for any free port
 * @param region the region the server answers as (health check, ARNs come from the database)
 * @param maxBodyBytes the largest request body accepted, after decompression
 * @param ioThreads threads serving connections (0 for one per processor)
 * @param blockingThreads threads running operations that can block on a write
 * @param timeouts how long a connection may stay idle or half-sent, and how many may be open
 * @param compressAbove the smallest response body compressed for a client that accepts gzip or deflate
 * @param dataDirectory the store's directory, named (with its free space) when writes fail; null if none
 * @param identities the identities file whose access keys SigV4 signatures are verified against; null to accept
 *     any well-formed credentials (authentication off, the default)
 */
public record ServerConfig(
        String host,
        int port,
        String region,
        int maxBodyBytes,
        int ioThreads,
        int blockingThreads,
        Timeouts timeouts,
        int compressAbove,
        Path dataDirectory,
        Path identities) {
    /** DynamoDB's request size limit: 16 MB. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    /** Responses from this size up are compressed when the client asks for it. */
    public static final int COMPRESS_ABOVE = 4096; // DynamoDB's own threshold is not documented: best guess

    /** Fills in the default timeouts when none are given. */
    public ServerConfig {
        if (timeouts == null) {
            timeouts = Timeouts.DEFAULT;
        }
    }

    /**
     * How long connections may be held, and how many.
     *
     * @param headerMillis the longest a request's line and headers may take to arrive, from its first byte
     * @param readMillis the longest a partly received request may go without a byte arriving
     * @param idleMillis the longest a connection may stay open with no request on it
     * @param maxConnections the most connections open at once; further ones are closed at once
     */
    public record Timeouts(long headerMillis, long readMillis, long idleMillis, int maxConnections) {
        /**
         * The defaults: 20 s for the headers, 60 s without a byte mid-request, 120 s idle
         * (longer than the SDKs keep an idle pooled connection, 60 s, so that a client
         * retires its connections before the server closes them), 10,000 connections.
         */
        public static final Timeouts DEFAULT = new Timeouts(20_000, 60_000, 120_000, 10_000);

        /** Checks the values. */
        public Timeouts {
            if (headerMillis < 1 || readMillis < 1 || idleMillis < 1 || maxConnections < 1) {
                throw new IllegalArgumentException("timeouts and the connection limit must be positive");
            }
        }
    }

    /**
     * The configuration before timeouts, compression and the data directory were configurable: those take their defaults.
     *
     * @param host the address to bind
     * @param port the port, or 0 for any free port
     * @param region the region to answer as
     * @param maxBodyBytes the largest request body accepted
     * @param ioThreads threads serving connections (0 for one per processor)
     * @param blockingThreads threads running operations that can block on a write
     */
    public ServerConfig(String host, int port, String region, int maxBodyBytes, int ioThreads, int blockingThreads) {
        this(
                host,
                port,
                region,
                maxBodyBytes,
                ioThreads,
                blockingThreads,
                Timeouts.DEFAULT,
                COMPRESS_ABOVE,
                null,
                null);
    }

    /**
     * The defaults for a host and port: region us-east-1, 16 MB bodies, one I/O
     * thread per processor, 64 threads for writes (so that concurrent writes can
     * share a commit), the default timeouts, compression from 4 KB.
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
        return new ServerConfig(
                host,
                port,
                region,
                maxBodyBytes,
                ioThreads,
                blockingThreads,
                timeouts,
                compressAbove,
                dataDirectory,
                identities);
    }

    /**
     * @param timeouts the connection timeouts and limit
     * @return a copy with those
     */
    public ServerConfig withTimeouts(Timeouts timeouts) {
        return new ServerConfig(
                host,
                port,
                region,
                maxBodyBytes,
                ioThreads,
                blockingThreads,
                timeouts,
                compressAbove,
                dataDirectory,
                identities);
    }

    /**
     * @param bytes the smallest response body compressed
     * @return a copy with that threshold
     */
    public ServerConfig withCompressAbove(int bytes) {
        return new ServerConfig(
                host,
                port,
                region,
                maxBodyBytes,
                ioThreads,
                blockingThreads,
                timeouts,
                bytes,
                dataDirectory,
                identities);
    }

    /**
     * @param directory the store's directory
     * @return a copy naming it
     */
    public ServerConfig withDataDirectory(Path directory) {
        return new ServerConfig(
                host,
                port,
                region,
                maxBodyBytes,
                ioThreads,
                blockingThreads,
                timeouts,
                compressAbove,
                directory,
                identities);
    }

    /**
     * @param file the identities file to verify signatures against, or null for authentication off
     * @return a copy with authentication on (or off)
     */
    public ServerConfig withIdentities(Path file) {
        return new ServerConfig(
                host,
                port,
                region,
                maxBodyBytes,
                ioThreads,
                blockingThreads,
                timeouts,
                compressAbove,
                dataDirectory,
                file);
    }
}
