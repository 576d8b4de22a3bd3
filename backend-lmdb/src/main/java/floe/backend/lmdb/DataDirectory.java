package floe.backend.lmdb;

import floe.spi.storage.FormatVersionException;
import floe.spi.storage.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data directory, held exclusively while the backend is open: an OS file lock on
 * {@value #LOCK_FILE} refuses a second opening from this JVM or any other process (LMDB
 * itself would allow it, and two FloeDB instances on one directory would each believe
 * they are the only writer of their caches). The lock dies with the process, so a crash
 * leaves nothing to clean up.
 *
 * <p>It also carries the format marker {@value #MARKER_FILE}, written before any LMDB file
 * exists, so a directory with LMDB files but no marker is not ours to touch.
 */
final class DataDirectory implements AutoCloseable {
    static final String MARKER_FILE = "floe-lmdb.format";
    static final String LOCK_FILE = "floe-lmdb.lock";
    static final String DATA_FILE = "data.mdb";
    static final String FORMAT_NAME = "floe-lmdb";
    /** The storage format this version writes and reads. */
    static final int FORMAT_VERSION = 1;

    static final String FORMAT = FORMAT_NAME + " " + FORMAT_VERSION;
    private static final Pattern MARKER = Pattern.compile(Pattern.quote(FORMAT_NAME) + " (\\d{1,9})");

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    Path path() {
        return path;
    }

    /** Locks the directory (creating it if needed) and checks or writes its format marker. */
    static DataDirectory open(Path path) {
        try {
            Files.createDirectories(path);
        } catch (FileAlreadyExistsException e) {
            throw new StorageException("the LMDB data path " + path + " exists and is not a directory", e);
        } catch (IOException e) {
            throw new StorageException("cannot create the LMDB data directory " + path + ": " + e, e);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageException("cannot open the lock file in " + path + ": " + e, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StorageException(
                    "the data directory " + path + " is already open in this JVM; close that"
                            + " backend first or use another directory",
                    e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException("cannot lock the data directory " + path + ": " + e, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new StorageException("the data directory " + path + " is in use by another process (it holds "
                    + LOCK_FILE + "); stop it first or use another directory");
        }
        DataDirectory dir = new DataDirectory(path, channel, lock);
        try {
            dir.checkOrWriteMarker();
            return dir;
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private void checkOrWriteMarker() {
        Path marker = path.resolve(MARKER_FILE);
        if (Files.exists(marker)) {
            String found;
            try {
                byte[] bytes = Files.readAllBytes(marker);
                found = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new StorageException("cannot read the format marker " + marker + ": " + e, e);
            }
            checkFormat(found);
            return;
        }
        if (Files.exists(path.resolve(DATA_FILE))) {
            String found = "LMDB files without a " + MARKER_FILE + " marker";
            throw new FormatVersionException(
                    "the data directory " + path + " holds LMDB files but no FloeDB format"
                            + " marker (" + MARKER_FILE
                            + "), so it was not written by FloeDB's LMDB backend (or the marker was"
                            + " deleted); this version reads format '" + FORMAT
                            + "'. Use another data directory, or restore"
                            + " the marker if you are sure the files are FloeDB's.",
                    found,
                    FORMAT);
        }
        writeMarker(marker);
    }

    private void checkFormat(String found) {
        Matcher m = MARKER.matcher(found);
        if (m.matches()) {
            int version = Integer.parseInt(m.group(1));
            if (version == FORMAT_VERSION) {
                return;
            }
            if (version > FORMAT_VERSION) {
                throw new FormatVersionException(
                        "the data directory " + path + " is in format '" + found + "', written"
                                + " by a newer FloeDB; this version reads only '" + FORMAT
                                + "'. Use a FloeDB version that"
                                + " reads '" + found + "', or another data directory.",
                        found,
                        FORMAT);
            }
            throw new FormatVersionException(
                    "the data directory " + path + " is in format '" + found + "', which this"
                            + " version no longer reads (it reads '" + FORMAT
                            + "'). Export the data with the FloeDB version"
                            + " that wrote it, or use another data directory.",
                    found,
                    FORMAT);
        }
        throw new FormatVersionException(
                "the data directory " + path + " has an unrecognised format marker "
                        + MARKER_FILE + " ('" + found + "'); this version reads '" + FORMAT
                        + "'. Use another data directory,"
                        + " or the FloeDB backend that wrote it.",
                found,
                FORMAT);
    }

    /** Writes the marker durably: a temporary file, synced, renamed into place, the directory synced. */
    private void writeMarker(Path marker) {
        Path tmp = path.resolve(MARKER_FILE + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap((FORMAT + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            try {
                Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory();
        } catch (IOException e) {
            throw new StorageException("cannot write the format marker " + marker + ": " + e, e);
        }
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(path, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some platforms (Windows) cannot open or sync a directory; the rename is durable there anyway
        }
    }

    /** The size of the LMDB data file, or 0 if there is none yet. */
    long dataFileSize() {
        try {
            Path data = path.resolve(DATA_FILE);
            return Files.exists(data) ? Files.size(data) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Releases the lock. Idempotent. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
