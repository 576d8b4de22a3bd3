package floe.server.http;

import floe.api.error.FloeException;
import floe.server.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Whether writes are failing on the server's side (InternalServerError from a write,
 * as when the store is full). The first failure of an episode is logged, with the
 * data directory and its free space; the next successful write ends the episode
 * (logged too), so that space freed while the server runs is noticed without a
 * restart. The health check shows an episode in progress.
 */
final class WriteHealth {
    private final Log log;
    private final Path dataDirectory;
    private volatile Episode episode;

    private record Episode(Instant since, String operation, String cause) {}

    WriteHealth(Log log, Path dataDirectory) {
        this.log = log;
        this.dataDirectory = dataDirectory;
    }

    /** A write answered InternalServerError. */
    void failed(String operation, FloeException e) {
        if (episode != null) {
            return;
        }
        synchronized (this) {
            if (episode != null) {
                return;
            }
            String cause = e.getCause() != null ? e.getCause().toString() : e.getMessage();
            episode = new Episode(Instant.now(), operation, cause);
            log.warn("writes are failing: " + operation + " answered InternalServerError (" + cause + "); " + where()
                    + ". Reads and deletes are still served; writes succeed again once the cause is gone.");
        }
    }

    /** A write succeeded: any episode is over. */
    void succeeded() {
        if (episode == null) {
            return;
        }
        synchronized (this) {
            Episode e = episode;
            if (e != null) {
                episode = null;
                log.info("writes succeed again (failing since " + e.since() + "); " + where());
            }
        }
    }

    /** The health check's line about writes, or null while they work. */
    String status() {
        Episode e = episode;
        return e == null
                ? null
                : "writes failing since " + e.since() + " (" + e.operation() + ": " + e.cause() + "); " + where();
    }

    private String where() {
        if (dataDirectory == null) {
            return "no data directory";
        }
        try {
            return "data directory " + dataDirectory.toAbsolutePath() + ", "
                    + Files.getFileStore(dataDirectory).getUsableSpace() + " bytes free";
        } catch (IOException | RuntimeException e) {
            return "data directory " + dataDirectory.toAbsolutePath() + " (free space unknown: " + e.getMessage() + ")";
        }
    }
}
