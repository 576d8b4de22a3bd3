package floe.engine.write;

import static floe.engine.write.WriteFixture.TABLE;
import static floe.engine.write.WriteFixture.item;
import static floe.engine.write.WriteFixture.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.error.TransactionInProgressException;
import floe.api.model.Put;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.TransactWriteItemsResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client request token used again while its first request still runs: TransactionInProgressException. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RequestTokenTest {
    private final WriteFixture f = new WriteFixture(false);

    @AfterEach
    void close() {
        f.close();
    }

    private static TransactWriteItemsRequest transaction(String token) {
        return TransactWriteItemsRequest.builder()
                .clientRequestToken(token)
                .transactItems(List.of(new TransactWriteItem(
                        null, Put.builder().tableName(TABLE).item(item("t")).build(), null, null)))
                .build();
    }

    @Test
    void aTokenInUseIsInProgressThenIdempotent() {
        CountDownLatch release = new CountDownLatch(1);
        Future<TransactWriteItemsResponse> first =
                f.startBlocked(() -> f.db.transactWriteItems(transaction("tok")), release);
        TransactionInProgressException e =
                assertThrows(TransactionInProgressException.class, () -> f.db.transactWriteItems(transaction("tok")));
        assertEquals("The transaction with the given request token is already in progress.", e.getMessage());
        assertEquals(400, e.httpStatus());
        release.countDown();
        assertInstanceOf(TransactWriteItemsResponse.class, outcome(first));
        // once done, the same request with the token succeeds again without writing anything new
        f.db.transactWriteItems(transaction("tok"));
        assertEquals(1L, f.describe().itemCount());
    }
}
