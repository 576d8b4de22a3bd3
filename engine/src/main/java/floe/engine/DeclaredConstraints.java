package floe.engine;

import floe.api.model.BatchGetItemRequest;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.DeleteItemRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.PutItemRequest;
import floe.api.model.QueryRequest;
import floe.api.model.ScanRequest;
import floe.api.model.TransactGetItemsRequest;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.UpdateItemRequest;
import floe.engine.batch.Batches;
import floe.engine.item.ItemOperations;
import floe.engine.query.Queries;
import floe.engine.transaction.Transactions;

/**
 * The declared-constraint stage of the operations whose requests carry attribute
 * values, on its own: each method throws the request's "N validation errors
 * detected: ..." and does nothing else. The operations run the same checks first.
 * The server calls these when it has read an invalid attribute value, which DynamoDB
 * reports only after the request's constraints; in process, a value is checked when
 * it is made, before any request holds it.
 */
public final class DeclaredConstraints {
    private DeclaredConstraints() {}

    public static void check(PutItemRequest r) {
        ItemOperations.constraints(r);
    }

    public static void check(GetItemRequest r) {
        ItemOperations.constraints(r);
    }

    public static void check(UpdateItemRequest r) {
        ItemOperations.constraints(r);
    }

    public static void check(DeleteItemRequest r) {
        ItemOperations.constraints(r);
    }

    public static void check(QueryRequest r) {
        Queries.constraints(r);
    }

    public static void check(ScanRequest r) {
        Queries.constraints(r);
    }

    public static void check(BatchGetItemRequest r) {
        Batches.constraints(r);
    }

    public static void check(BatchWriteItemRequest r) {
        Batches.constraints(r);
    }

    public static void check(TransactWriteItemsRequest r) {
        Transactions.allConstraints(r);
    }

    public static void check(TransactGetItemsRequest r) {
        Transactions.allConstraints(r);
    }
}
