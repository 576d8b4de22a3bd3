package floe.engine;

import floe.api.model.BatchWriteItemRequest;
import floe.api.model.BatchWriteItemResponse;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DeleteItemResponse;
import floe.api.model.PutItemRequest;
import floe.api.model.PutItemResponse;
import floe.api.model.UpdateItemRequest;
import floe.api.model.UpdateItemResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The item writes of a database, started without waiting for their commit: for a caller that
 * must not block, such as a server's I/O thread. Each validates its request on the calling
 * thread and hands the write to the database's committer, whose threads commit it (and sync it,
 * on a durable backend) with others'; the future completes on one of those threads with the
 * response the synchronous operation of {@link floe.api.FloeDb} would return, or fails with the
 * exception it would throw. The write is the same: the same checks, conditions, indexes,
 * streams and throttling, committed in the same groups.
 */
public interface AsyncWrites {
    /**
     * A committed write's response, and the hidden last-writer-wins stamp it stored, as
     * {@code <hlc> <region>} (null when it stored none: no global tables open, a write that
     * changed nothing, or a batch), which the server names in the response.
     */
    record Committed<R>(R response, String stamp) {}
    /** PutItem; see {@link floe.api.FloeDb#putItem}. */
    CompletableFuture<Committed<PutItemResponse>> putItemAsync(PutItemRequest request);

    /** UpdateItem; see {@link floe.api.FloeDb#updateItem}. */
    CompletableFuture<Committed<UpdateItemResponse>> updateItemAsync(UpdateItemRequest request);

    /** DeleteItem; see {@link floe.api.FloeDb#deleteItem}. */
    CompletableFuture<Committed<DeleteItemResponse>> deleteItemAsync(DeleteItemRequest request);

    /** BatchWriteItem; see {@link floe.api.FloeDb#batchWriteItem}. */
    CompletableFuture<Committed<BatchWriteItemResponse>> batchWriteItemAsync(BatchWriteItemRequest request);
}
