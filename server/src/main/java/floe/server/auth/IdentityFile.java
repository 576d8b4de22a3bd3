package floe.server.auth;

import floe.server.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An identities file ({@link Identities} describes its form), read when the server starts
 * and read again when it changes: its modification time and size are looked at no more
 * than once a second, on the next request. A change that does not parse is reported and
 * the identities before it stay in force.
 */
public final class IdentityFile implements Supplier<Identities> {
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final Path file;
    private final Log log;
    private volatile Identities current;
    private volatile long checkedAt;
    private FileTime modified;
    private long size;

    private IdentityFile(Path file, Log log) {
        this.file = file;
        this.log = log;
    }

    /**
     * Reads an identities file.
     *
     * @param file the file
     * @param log where reloads and warnings go (never a secret)
     * @return the file, read
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the file and what is wrong in it
     */
    public static IdentityFile open(Path file, Log log) throws IOException {
        IdentityFile f = new IdentityFile(file, log);
        f.modified = Files.getLastModifiedTime(file);
        f.size = Files.size(file);
        f.current = Identities.read(file);
        f.checkedAt = System.nanoTime();
        warnIfShared(file, log);
        log.info("authentication on: " + f.current.size() + " access keys from " + file);
        return f;
    }

    /** Secrets belong in a file only the server's user can read. */
    private static void warnIfShared(Path file, Log log) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn(file + " holds secret keys but others can read it: chmod 600 it");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }

    @Override
    public Identities get() {
        long now = System.nanoTime();
        if (now - checkedAt >= CHECK_EVERY_NANOS) {
            reloadIfChanged(now);
        }
        return current;
    }

    private synchronized void reloadIfChanged(long now) {
        if (now - checkedAt < CHECK_EVERY_NANOS) {
            return; // another thread just looked
        }
        checkedAt = now;
        try {
            FileTime m = Files.getLastModifiedTime(file);
            long s = Files.size(file);
            if (m.equals(modified) && s == size) {
                return;
            }
            modified = m;
            size = s;
            current = Identities.read(file);
            warnIfShared(file, log);
            log.info("identities reloaded: " + current.size() + " access keys from " + file);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("identities not reloaded, the previous ones stay in force: " + e.getMessage());
        }
    }
}
