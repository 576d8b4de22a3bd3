package floe.backend.etcd;

import floe.spi.storage.StorageException;
import floe.spi.storage.StorageFullException;
import io.etcd.jetcd.common.exception.EtcdException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for the cluster's answers and says what went wrong in the SPI's terms. */
final class Errors {
    private Errors() {}

    /** The answer within {@code timeoutMillis}, or the failure as a {@link StorageException}. */
    static <T> T await(CompletableFuture<T> future, long timeoutMillis, String what) {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new StorageException("interrupted while waiting for etcd to " + what, e);
        } catch (TimeoutException e) {
            future.cancel(true);
            // Unknown outcome: a commit may have applied. Never a ConflictException, which says "nothing written".
            throw new StorageException("etcd did not answer within " + timeoutMillis + " ms to " + what, e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), what);
        }
    }

    static StorageException translate(Throwable cause, String what) {
        if (cause instanceof EtcdException etcd) {
            String message = String.valueOf(etcd.getMessage());
            if (message.contains("database space exceeded")) {
                return new StorageFullException("etcd's space quota is exhausted (" + message + ")", etcd);
            }
            if (message.contains("too many operations in txn")) {
                return new StorageException(
                        "a transaction had more operations than the cluster's --max-txn-ops allows; start etcd"
                                + " with a larger one (see the etcd backend's README): " + message,
                        etcd);
            }
            if (message.contains("request is too large")) {
                return new StorageException(
                        "a transaction was larger than the cluster's --max-request-bytes allows; start etcd with"
                                + " a larger one (see the etcd backend's README): " + message,
                        etcd);
            }
            return new StorageException("etcd failed to " + what + ": " + etcd.getErrorCode() + " " + message, etcd);
        }
        return new StorageException("etcd failed to " + what + ": " + cause, cause);
    }
}
