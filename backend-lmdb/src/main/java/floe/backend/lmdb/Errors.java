package floe.backend.lmdb;

import floe.spi.storage.CorruptStorageException;
import floe.spi.storage.StorageException;
import floe.spi.storage.StorageFullException;
import jnr.constants.platform.Errno;
import org.lmdbjava.LmdbException;
import org.lmdbjava.LmdbNativeException;

/** Maps lmdbjava's exceptions onto the SPI's. */
final class Errors {
    static final int MDB_MAP_FULL = -30792;
    static final int MDB_TXN_FULL = -30788;
    static final int MDB_READERS_FULL = -30790;
    static final int MDB_CORRUPTED = -30796;
    static final int MDB_PAGE_NOTFOUND = -30797;
    static final int MDB_PANIC = -30795;
    static final int MDB_INVALID = -30793;
    static final int MDB_VERSION_MISMATCH = -30794;

    private Errors() {}

    static StorageException map(LmdbException e) {
        if (e instanceof LmdbNativeException n) {
            return forCode(n.getResultCode(), e);
        }
        return new StorageException("LMDB failed: " + e.getMessage(), e);
    }

    /** The SPI exception for an LMDB or system error code. */
    static StorageException forCode(int rc, Throwable cause) {
        String detail = cause.getMessage();
        switch (rc) {
            case MDB_MAP_FULL:
                return new StorageFullException("the LMDB map is full (" + detail + "); nothing was written", cause);
            case MDB_TXN_FULL:
                return new StorageFullException(
                        "the transaction is too large for LMDB (" + detail + "); nothing was written", cause);
            case MDB_READERS_FULL:
                return new StorageException(
                        "too many LMDB read transactions are open (" + detail + "); raise the lmdb option maxReaders",
                        cause);
            case MDB_CORRUPTED:
            case MDB_PAGE_NOTFOUND:
            case MDB_PANIC:
            case MDB_INVALID:
                return new CorruptStorageException("LMDB reports damaged data: " + detail, cause);
            case MDB_VERSION_MISMATCH:
                return new StorageException(
                        "the LMDB lock file was made by an incompatible LMDB version (" + detail
                                + "); stop the other process using this directory",
                        cause);
            default:
                break;
        }
        if (rc > 0) {
            Errno errno = Errno.valueOf(rc);
            if (errno == Errno.ENOSPC || errno == Errno.EDQUOT || errno == Errno.EFBIG) {
                return new StorageFullException(
                        "no room on disk for LMDB (" + errno.name() + ": " + errno.description()
                                + "); nothing was written",
                        cause);
            }
        }
        return new StorageException("LMDB failed: " + detail, cause);
    }

    static boolean isMapFull(LmdbException e) {
        return e instanceof LmdbNativeException n && n.getResultCode() == MDB_MAP_FULL;
    }
}
