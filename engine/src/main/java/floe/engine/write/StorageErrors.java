package floe.engine.write;

import floe.api.error.FloeException;
import floe.api.error.InternalServerError;
import floe.api.error.TransactionConflictException;
import floe.spi.storage.ConflictException;
import floe.spi.storage.StorageException;

/** How a storage failure of a write reaches the caller: as the DynamoDB error that fits it. */
public final class StorageErrors {
    /** DynamoDB's message for a write that collided with a transaction, and of the {@code TransactionConflict} reason. */
    public static final String CONFLICT = "Transaction is ongoing for the item";
    /** DynamoDB's message for a server-side failure. */
    public static final String INTERNAL = "Internal server error";

    private StorageErrors() {}

    /**
     * A conflict (only a backend with concurrent writers has them) is a
     * TransactionConflictException, which SDKs retry; any other storage failure is an
     * InternalServerError (HTTP 500) that carries the storage failure as its cause, for
     * the server's log (never on the wire): nothing was written, and a retry may succeed.
     */
    public static FloeException map(StorageException e) {
        if (e instanceof ConflictException) {
            return new TransactionConflictException(CONFLICT);
        }
        return new InternalServerError(INTERNAL, e);
    }
}
