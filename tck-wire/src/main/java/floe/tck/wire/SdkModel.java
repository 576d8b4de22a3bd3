package floe.tck.wire;

import floe.api.Bytes;
import floe.api.Item;
import floe.api.Stability;
import floe.api.error.AccessDeniedException;
import floe.api.error.BackupInUseException;
import floe.api.error.BackupNotFoundException;
import floe.api.error.ContinuousBackupsUnavailableException;
import floe.api.error.DuplicateItemException;
import floe.api.error.ExpiredIteratorException;
import floe.api.error.ExpiredTokenException;
import floe.api.error.ExportConflictException;
import floe.api.error.ExportNotFoundException;
import floe.api.error.FloeException;
import floe.api.error.GlobalTableAlreadyExistsException;
import floe.api.error.GlobalTableNotFoundException;
import floe.api.error.IdempotentParameterMismatchException;
import floe.api.error.ImportConflictException;
import floe.api.error.ImportNotFoundException;
import floe.api.error.IncompleteSignatureException;
import floe.api.error.IndexNotFoundException;
import floe.api.error.InternalServerError;
import floe.api.error.InvalidExportTimeException;
import floe.api.error.InvalidRestoreTimeException;
import floe.api.error.InvalidSignatureException;
import floe.api.error.ItemCollectionSizeLimitExceededException;
import floe.api.error.LimitExceededException;
import floe.api.error.MissingAuthenticationTokenException;
import floe.api.error.PointInTimeRecoveryUnavailableException;
import floe.api.error.PolicyNotFoundException;
import floe.api.error.ReplicaAlreadyExistsException;
import floe.api.error.ReplicaNotFoundException;
import floe.api.error.ReplicatedWriteConflictException;
import floe.api.error.RequestLimitExceeded;
import floe.api.error.ResourceInUseException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.SerializationException;
import floe.api.error.ServiceUnavailableException;
import floe.api.error.TableAlreadyExistsException;
import floe.api.error.TableInUseException;
import floe.api.error.TableNotFoundException;
import floe.api.error.ThrottlingException;
import floe.api.error.TransactionConflictException;
import floe.api.error.TransactionInProgressException;
import floe.api.error.TrimmedDataAccessException;
import floe.api.error.UnknownOperationException;
import floe.api.error.UnrecognizedClientException;
import floe.api.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementError;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.SequenceNumberRange;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardFilter;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The one translation between FloeDB's model ({@code floe.api}) and the DynamoDB model of the
 * AWS SDK for Java v2, both ways, for every request, response and attribute value of
 * {@link floe.api.FloeDb} and {@link floe.api.FloeStreams}, and from the SDK's service errors to
 * FloeDB's exceptions. (The SDK's DynamoDB Streams client shares the DynamoDB client's model.)
 *
 * <p>{@code toSdk} turns a FloeDB record into the SDK's; {@code fromSdk} turns an SDK object
 * into FloeDB's. Both map null to null. On the way back, a collection the SDK reports as absent
 * (its auto-constructed empty list or map) becomes null, so "not sent" and "sent empty" stay
 * apart as they do on the wire. Enumerated values travel as DynamoDB's strings, unchecked, so
 * that the endpoint validates them as it would for any client.
 *
 * <p>Numbers travel as their canonical text; a FloeDB number keeps only its value, so a request
 * can never carry a non-canonical spelling such as {@code 1.50}.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class SdkModel {

    /** FloeDB's exceptions that carry just a message, by their DynamoDB error code. */
    private static final Map<String, Function<String, FloeException>> ERRORS = byErrorName(List.of(
            AccessDeniedException::new,
            BackupInUseException::new,
            BackupNotFoundException::new,
            ContinuousBackupsUnavailableException::new,
            DuplicateItemException::new,
            ExpiredIteratorException::new,
            ExpiredTokenException::new,
            ExportConflictException::new,
            ExportNotFoundException::new,
            GlobalTableAlreadyExistsException::new,
            GlobalTableNotFoundException::new,
            IdempotentParameterMismatchException::new,
            ImportConflictException::new,
            ImportNotFoundException::new,
            IncompleteSignatureException::new,
            IndexNotFoundException::new,
            InternalServerError::new,
            InvalidExportTimeException::new,
            InvalidRestoreTimeException::new,
            InvalidSignatureException::new,
            ItemCollectionSizeLimitExceededException::new,
            LimitExceededException::new,
            MissingAuthenticationTokenException::new,
            PointInTimeRecoveryUnavailableException::new,
            PolicyNotFoundException::new,
            ReplicaAlreadyExistsException::new,
            ReplicaNotFoundException::new,
            ReplicatedWriteConflictException::new,
            RequestLimitExceeded::new,
            ResourceInUseException::new,
            ResourceNotFoundException::new,
            SerializationException::new,
            ServiceUnavailableException::new,
            TableAlreadyExistsException::new,
            TableInUseException::new,
            TableNotFoundException::new,
            ThrottlingException::new,
            TransactionConflictException::new,
            TransactionInProgressException::new,
            TrimmedDataAccessException::new,
            UnknownOperationException::new,
            UnrecognizedClientException::new,
            ValidationException::new));

    private SdkModel() {}

    // ------------------------------------------------------------------ errors

    /**
     * The FloeDB exception for an error the endpoint answered with, carrying the endpoint's
     * message. Returns an {@link IllegalStateException} instead, so that it fails loudly and is
     * never mistaken for an answer, when the error code has no FloeDB exception, or when the
     * endpoint's message or HTTP status differs from what that exception fixes (the
     * conditional-check and cancellation messages, every error's status).
     */
    public static RuntimeException fromSdk(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        String message = details == null ? null : details.errorMessage();
        FloeException floe;
        if ("ConditionalCheckFailedException".equals(code)) {
            floe = new floe.api.error.ConditionalCheckFailedException(
                    e instanceof ConditionalCheckFailedException c ? itemOrNull(c.item()) : null);
        } else if ("TransactionCanceledException".equals(code)) {
            List<floe.api.error.CancellationReason> reasons = new ArrayList<>();
            if (e instanceof TransactionCanceledException t && t.hasCancellationReasons()) {
                for (CancellationReason r : t.cancellationReasons()) {
                    reasons.add(new floe.api.error.CancellationReason(r.code(), r.message(), itemOrNull(r.item())));
                }
            }
            floe = new floe.api.error.TransactionCanceledException(reasons);
        } else if ("ProvisionedThroughputExceededException".equals(code)) {
            List<floe.api.error.ThrottlingReason> reasons = new ArrayList<>();
            if (e instanceof ProvisionedThroughputExceededException p && p.hasThrottlingReasons()) {
                for (ThrottlingReason r : p.throttlingReasons()) {
                    reasons.add(new floe.api.error.ThrottlingReason(r.reason(), r.resource()));
                }
            }
            floe = new floe.api.error.ProvisionedThroughputExceededException(message, reasons);
        } else if ("ThrottlingException".equals(code)) {
            List<floe.api.error.ThrottlingReason> reasons = new ArrayList<>();
            if (e instanceof software.amazon.awssdk.services.dynamodb.model.ThrottlingException t
                    && t.hasThrottlingReasons()) {
                for (ThrottlingReason r : t.throttlingReasons()) {
                    reasons.add(new floe.api.error.ThrottlingReason(r.reason(), r.resource()));
                }
            }
            floe = new floe.api.error.ThrottlingException(message, reasons);
        } else {
            Function<String, FloeException> make = code == null ? null : ERRORS.get(code);
            if (make == null) {
                return new IllegalStateException(
                        "the endpoint answered with error code " + code
                                + ", for which FloeDB has no exception; message: " + message,
                        e);
            }
            floe = make.apply(message);
        }
        if (!Objects.equals(floe.getMessage(), message)) {
            return new IllegalStateException(
                    "the endpoint answered " + code + " with the message <" + message + ">, but DynamoDB's is <"
                            + floe.getMessage() + ">",
                    e);
        }
        if (floe.httpStatus() != e.statusCode()) {
            return new IllegalStateException(
                    "the endpoint answered " + code + " with HTTP status " + e.statusCode() + ", but DynamoDB's is "
                            + floe.httpStatus(),
                    e);
        }
        return floe;
    }

    private static Item itemOrNull(Map<String, AttributeValue> sdk) {
        Map<String, floe.api.AttributeValue> item = fromSdkItem(sdk);
        return item == null ? null : Item.of(item);
    }

    private static Map<String, Function<String, FloeException>> byErrorName(
            List<Function<String, FloeException>> makers) {
        Map<String, Function<String, FloeException>> out = new LinkedHashMap<>();
        for (Function<String, FloeException> make : makers) {
            out.put(make.apply("").errorName(), make);
        }
        return Map.copyOf(out);
    }

    // ------------------------------------------------------------------ attribute values

    /** A FloeDB attribute value as the SDK's; numbers as their canonical text. */
    public static AttributeValue toSdk(floe.api.AttributeValue v) {
        if (v == null) {
            return null;
        }
        return switch (v.type()) {
            case S -> AttributeValue.fromS(((floe.api.AttributeValue.S) v).value());
            case N -> AttributeValue.fromN(((floe.api.AttributeValue.N) v).text());
            case B -> AttributeValue.fromB(sdkBytes(((floe.api.AttributeValue.B) v).value()));
            case BOOL -> AttributeValue.fromBool(((floe.api.AttributeValue.Bool) v).value());
            case NULL -> AttributeValue.fromNul(true);
            case L -> AttributeValue.fromL(list(((floe.api.AttributeValue.L) v).values(), SdkModel::toSdk));
            case M -> AttributeValue.fromM(toSdkItem(((floe.api.AttributeValue.M) v).values()));
            case SS -> AttributeValue.fromSs(new ArrayList<>(((floe.api.AttributeValue.SS) v).values()));
            case NS -> AttributeValue.fromNs(((floe.api.AttributeValue.NS) v).texts());
            case BS ->
                AttributeValue.fromBs(
                        list(new ArrayList<>(((floe.api.AttributeValue.BS) v).values()), SdkModel::sdkBytes));
        };
    }

    /**
     * An SDK attribute value as FloeDB's.
     *
     * @throws IllegalStateException if FloeDB's model refuses the value (a bad number, an empty or
     *     duplicated set, {@code NULL: false}, no type at all): an endpoint must never send one
     */
    public static floe.api.AttributeValue fromSdk(AttributeValue v) {
        if (v == null) {
            return null;
        }
        try {
            return value(v);
        } catch (FloeException e) {
            throw new IllegalStateException("an attribute value FloeDB refuses: " + v + ": " + e.getMessage(), e);
        }
    }

    private static floe.api.AttributeValue value(AttributeValue v) {
        if (v.type() == null) {
            throw new IllegalStateException("an attribute value without a type: " + v);
        }
        return switch (v.type()) {
            case S -> floe.api.AttributeValue.s(v.s());
            case N -> floe.api.AttributeValue.n(v.n());
            case B -> new floe.api.AttributeValue.B(Bytes.of(v.b().asByteArrayUnsafe()));
            case BOOL -> floe.api.AttributeValue.bool(v.bool());
            case NUL -> {
                if (!Boolean.TRUE.equals(v.nul())) {
                    throw new IllegalStateException("an attribute value NULL that is not true: " + v);
                }
                yield floe.api.AttributeValue.nul();
            }
            case L -> new floe.api.AttributeValue.L(list(v.l(), SdkModel::value));
            case M -> new floe.api.AttributeValue.M(map(v.m(), SdkModel::value));
            case SS -> floe.api.AttributeValue.SS.of(v.ss());
            case NS -> floe.api.AttributeValue.NS.of(v.ns());
            case BS -> floe.api.AttributeValue.BS.of(list(v.bs(), b -> Bytes.of(b.asByteArrayUnsafe())));
            case UNKNOWN_TO_SDK_VERSION ->
                throw new IllegalStateException("an attribute value of a type the SDK does not know: " + v);
        };
    }

    /** An item, key or placeholder map as the SDK's. */
    public static Map<String, AttributeValue> toSdkItem(Map<String, floe.api.AttributeValue> item) {
        return map(item, SdkModel::toSdk);
    }

    /** An SDK item, key or placeholder map as FloeDB's; null if the SDK reports it absent. */
    public static Map<String, floe.api.AttributeValue> fromSdkItem(Map<String, AttributeValue> item) {
        return map(item, SdkModel::fromSdk);
    }

    private static SdkBytes sdkBytes(Bytes b) {
        return SdkBytes.fromByteArrayUnsafe(b.toByteArray()); // toByteArray already copies
    }

    private static List<Map<String, AttributeValue>> toSdkItems(List<Map<String, floe.api.AttributeValue>> items) {
        return list(items, SdkModel::toSdkItem);
    }

    private static List<Map<String, floe.api.AttributeValue>> fromSdkItems(List<Map<String, AttributeValue>> items) {
        return list(items, SdkModel::fromSdkItem);
    }

    private static List<AttributeValue> toSdkValues(List<floe.api.AttributeValue> values) {
        return list(values, SdkModel::toSdk);
    }

    private static List<floe.api.AttributeValue> fromSdkValues(List<AttributeValue> values) {
        return list(values, SdkModel::fromSdk);
    }

    // ------------------------------------------------------------------ collections

    /** Maps each element; null for null or the SDK's "absent" list. */
    private static <A, B> List<B> list(List<A> in, Function<? super A, ? extends B> f) {
        if (in == null || in instanceof SdkAutoConstructList) {
            return null;
        }
        List<B> out = new ArrayList<>(in.size());
        for (A a : in) {
            out.add(f.apply(a));
        }
        return out;
    }

    /** Maps each value, keeping the order; null for null or the SDK's "absent" map. */
    private static <A, B> Map<String, B> map(Map<String, A> in, Function<? super A, ? extends B> f) {
        if (in == null || in instanceof SdkAutoConstructMap) {
            return null;
        }
        Map<String, B> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, f.apply(v)));
        return out;
    }

    private static <T> List<T> copyList(List<T> in) {
        return list(in, Function.identity());
    }

    private static <T> Map<String, T> copyMap(Map<String, T> in) {
        return map(in, Function.identity());
    }

    // ------------------------------------------------------------------ tables

    /** @return the SDK's form of {@code k} */
    public static KeySchemaElement toSdk(floe.api.model.KeySchemaElement k) {
        return k == null
                ? null
                : KeySchemaElement.builder()
                        .attributeName(k.attributeName())
                        .keyType(k.keyType())
                        .build();
    }

    /** @return FloeDB's form of {@code k} */
    public static floe.api.model.KeySchemaElement fromSdk(KeySchemaElement k) {
        return k == null ? null : new floe.api.model.KeySchemaElement(k.attributeName(), k.keyTypeAsString());
    }

    /** @return the SDK's form of {@code d} */
    public static AttributeDefinition toSdk(floe.api.model.AttributeDefinition d) {
        return d == null
                ? null
                : AttributeDefinition.builder()
                        .attributeName(d.attributeName())
                        .attributeType(d.attributeType())
                        .build();
    }

    /** @return FloeDB's form of {@code d} */
    public static floe.api.model.AttributeDefinition fromSdk(AttributeDefinition d) {
        return d == null ? null : new floe.api.model.AttributeDefinition(d.attributeName(), d.attributeTypeAsString());
    }

    /** @return the SDK's form of {@code p} */
    public static ProvisionedThroughput toSdk(floe.api.model.ProvisionedThroughput p) {
        return p == null
                ? null
                : ProvisionedThroughput.builder()
                        .readCapacityUnits(p.readCapacityUnits())
                        .writeCapacityUnits(p.writeCapacityUnits())
                        .build();
    }

    /** @return FloeDB's form of {@code p} */
    public static floe.api.model.ProvisionedThroughput fromSdk(ProvisionedThroughput p) {
        return p == null
                ? null
                : new floe.api.model.ProvisionedThroughput(p.readCapacityUnits(), p.writeCapacityUnits());
    }

    /** @return the SDK's form of {@code p} */
    public static ProvisionedThroughputDescription toSdk(floe.api.model.ProvisionedThroughputDescription p) {
        return p == null
                ? null
                : ProvisionedThroughputDescription.builder()
                        .lastIncreaseDateTime(p.lastIncreaseDateTime())
                        .lastDecreaseDateTime(p.lastDecreaseDateTime())
                        .numberOfDecreasesToday(p.numberOfDecreasesToday())
                        .readCapacityUnits(p.readCapacityUnits())
                        .writeCapacityUnits(p.writeCapacityUnits())
                        .build();
    }

    /** @return FloeDB's form of {@code p} */
    public static floe.api.model.ProvisionedThroughputDescription fromSdk(ProvisionedThroughputDescription p) {
        return p == null
                ? null
                : new floe.api.model.ProvisionedThroughputDescription(
                        p.lastIncreaseDateTime(),
                        p.lastDecreaseDateTime(),
                        p.numberOfDecreasesToday(),
                        p.readCapacityUnits(),
                        p.writeCapacityUnits());
    }

    /** @return the SDK's form of {@code b} */
    public static BillingModeSummary toSdk(floe.api.model.BillingModeSummary b) {
        return b == null
                ? null
                : BillingModeSummary.builder()
                        .billingMode(b.billingMode())
                        .lastUpdateToPayPerRequestDateTime(b.lastUpdateToPayPerRequestDateTime())
                        .build();
    }

    /** @return FloeDB's form of {@code b} */
    public static floe.api.model.BillingModeSummary fromSdk(BillingModeSummary b) {
        return b == null
                ? null
                : new floe.api.model.BillingModeSummary(b.billingModeAsString(), b.lastUpdateToPayPerRequestDateTime());
    }

    /** @return the SDK's form of {@code p} */
    public static Projection toSdk(floe.api.model.Projection p) {
        return p == null
                ? null
                : Projection.builder()
                        .projectionType(p.projectionType())
                        .nonKeyAttributes(p.nonKeyAttributes())
                        .build();
    }

    /** @return FloeDB's form of {@code p} */
    public static floe.api.model.Projection fromSdk(Projection p) {
        return p == null
                ? null
                : new floe.api.model.Projection(p.projectionTypeAsString(), copyList(p.nonKeyAttributes()));
    }

    /** @return the SDK's form of {@code i} */
    public static GlobalSecondaryIndex toSdk(floe.api.model.GlobalSecondaryIndex i) {
        return i == null
                ? null
                : GlobalSecondaryIndex.builder()
                        .indexName(i.indexName())
                        .keySchema(list(i.keySchema(), SdkModel::toSdk))
                        .projection(toSdk(i.projection()))
                        .provisionedThroughput(toSdk(i.provisionedThroughput()))
                        .onDemandThroughput(toSdk(i.onDemandThroughput()))
                        .warmThroughput(toSdk(i.warmThroughput()))
                        .build();
    }

    /** @return FloeDB's form of {@code i} */
    public static floe.api.model.GlobalSecondaryIndex fromSdk(GlobalSecondaryIndex i) {
        return i == null
                ? null
                : new floe.api.model.GlobalSecondaryIndex(
                        i.indexName(),
                        list(i.keySchema(), SdkModel::fromSdk),
                        fromSdk(i.projection()),
                        fromSdk(i.provisionedThroughput()),
                        fromSdk(i.onDemandThroughput()),
                        fromSdk(i.warmThroughput()));
    }

    /** @return the SDK's form of {@code i} */
    public static LocalSecondaryIndex toSdk(floe.api.model.LocalSecondaryIndex i) {
        return i == null
                ? null
                : LocalSecondaryIndex.builder()
                        .indexName(i.indexName())
                        .keySchema(list(i.keySchema(), SdkModel::toSdk))
                        .projection(toSdk(i.projection()))
                        .build();
    }

    /** @return FloeDB's form of {@code i} */
    public static floe.api.model.LocalSecondaryIndex fromSdk(LocalSecondaryIndex i) {
        return i == null
                ? null
                : new floe.api.model.LocalSecondaryIndex(
                        i.indexName(), list(i.keySchema(), SdkModel::fromSdk), fromSdk(i.projection()));
    }

    /** @return the SDK's form of {@code d} */
    public static GlobalSecondaryIndexDescription toSdk(floe.api.model.GlobalSecondaryIndexDescription d) {
        return d == null
                ? null
                : GlobalSecondaryIndexDescription.builder()
                        .indexName(d.indexName())
                        .keySchema(list(d.keySchema(), SdkModel::toSdk))
                        .projection(toSdk(d.projection()))
                        .indexStatus(d.indexStatus())
                        .backfilling(d.backfilling())
                        .provisionedThroughput(toSdk(d.provisionedThroughput()))
                        .indexSizeBytes(d.indexSizeBytes())
                        .itemCount(d.itemCount())
                        .indexArn(d.indexArn())
                        .onDemandThroughput(toSdk(d.onDemandThroughput()))
                        .warmThroughput(toSdk(d.warmThroughput()))
                        .build();
    }

    /** @return FloeDB's form of {@code d} */
    public static floe.api.model.GlobalSecondaryIndexDescription fromSdk(GlobalSecondaryIndexDescription d) {
        return d == null
                ? null
                : new floe.api.model.GlobalSecondaryIndexDescription(
                        d.indexName(),
                        list(d.keySchema(), SdkModel::fromSdk),
                        fromSdk(d.projection()),
                        d.indexStatusAsString(),
                        d.backfilling(),
                        fromSdk(d.provisionedThroughput()),
                        d.indexSizeBytes(),
                        d.itemCount(),
                        d.indexArn(),
                        fromSdk(d.onDemandThroughput()),
                        fromSdk(d.warmThroughput()));
    }

    /** @return the SDK's form of {@code d} */
    public static LocalSecondaryIndexDescription toSdk(floe.api.model.LocalSecondaryIndexDescription d) {
        return d == null
                ? null
                : LocalSecondaryIndexDescription.builder()
                        .indexName(d.indexName())
                        .keySchema(list(d.keySchema(), SdkModel::toSdk))
                        .projection(toSdk(d.projection()))
                        .indexSizeBytes(d.indexSizeBytes())
                        .itemCount(d.itemCount())
                        .indexArn(d.indexArn())
                        .build();
    }

    /** @return FloeDB's form of {@code d} */
    public static floe.api.model.LocalSecondaryIndexDescription fromSdk(LocalSecondaryIndexDescription d) {
        return d == null
                ? null
                : new floe.api.model.LocalSecondaryIndexDescription(
                        d.indexName(),
                        list(d.keySchema(), SdkModel::fromSdk),
                        fromSdk(d.projection()),
                        d.indexSizeBytes(),
                        d.itemCount(),
                        d.indexArn());
    }

    /** @return the SDK's form of {@code u} */
    public static GlobalSecondaryIndexUpdate toSdk(floe.api.model.GlobalSecondaryIndexUpdate u) {
        if (u == null) {
            return null;
        }
        var update = u.update() == null
                ? null
                : UpdateGlobalSecondaryIndexAction.builder()
                        .indexName(u.update().indexName())
                        .provisionedThroughput(toSdk(u.update().provisionedThroughput()))
                        .onDemandThroughput(toSdk(u.update().onDemandThroughput()))
                        .warmThroughput(toSdk(u.update().warmThroughput()))
                        .build();
        var create = u.create() == null
                ? null
                : CreateGlobalSecondaryIndexAction.builder()
                        .indexName(u.create().indexName())
                        .keySchema(list(u.create().keySchema(), SdkModel::toSdk))
                        .projection(toSdk(u.create().projection()))
                        .provisionedThroughput(toSdk(u.create().provisionedThroughput()))
                        .onDemandThroughput(toSdk(u.create().onDemandThroughput()))
                        .warmThroughput(toSdk(u.create().warmThroughput()))
                        .build();
        var delete = u.delete() == null
                ? null
                : DeleteGlobalSecondaryIndexAction.builder()
                        .indexName(u.delete().indexName())
                        .build();
        return GlobalSecondaryIndexUpdate.builder()
                .update(update)
                .create(create)
                .delete(delete)
                .build();
    }

    /** @return FloeDB's form of {@code u} */
    public static floe.api.model.GlobalSecondaryIndexUpdate fromSdk(GlobalSecondaryIndexUpdate u) {
        if (u == null) {
            return null;
        }
        var update = u.update() == null
                ? null
                : new floe.api.model.UpdateGlobalSecondaryIndexAction(
                        u.update().indexName(),
                        fromSdk(u.update().provisionedThroughput()),
                        fromSdk(u.update().onDemandThroughput()),
                        fromSdk(u.update().warmThroughput()));
        var create = u.create() == null
                ? null
                : new floe.api.model.CreateGlobalSecondaryIndexAction(
                        u.create().indexName(),
                        list(u.create().keySchema(), SdkModel::fromSdk),
                        fromSdk(u.create().projection()),
                        fromSdk(u.create().provisionedThroughput()),
                        fromSdk(u.create().onDemandThroughput()),
                        fromSdk(u.create().warmThroughput()));
        var delete = u.delete() == null
                ? null
                : new floe.api.model.DeleteGlobalSecondaryIndexAction(u.delete().indexName());
        return new floe.api.model.GlobalSecondaryIndexUpdate(update, create, delete);
    }

    /** @return the SDK's form of {@code t} */
    public static TableDescription toSdk(floe.api.model.TableDescription t) {
        return t == null
                ? null
                : TableDescription.builder()
                        .tableName(t.tableName())
                        .tableArn(t.tableArn())
                        .tableId(t.tableId())
                        .tableStatus(t.tableStatus())
                        .creationDateTime(t.creationDateTime())
                        .keySchema(list(t.keySchema(), SdkModel::toSdk))
                        .attributeDefinitions(list(t.attributeDefinitions(), SdkModel::toSdk))
                        .itemCount(t.itemCount())
                        .tableSizeBytes(t.tableSizeBytes())
                        .billingModeSummary(toSdk(t.billingModeSummary()))
                        .provisionedThroughput(toSdk(t.provisionedThroughput()))
                        .localSecondaryIndexes(list(t.localSecondaryIndexes(), SdkModel::toSdk))
                        .globalSecondaryIndexes(list(t.globalSecondaryIndexes(), SdkModel::toSdk))
                        .streamSpecification(toSdk(t.streamSpecification()))
                        .latestStreamLabel(t.latestStreamLabel())
                        .latestStreamArn(t.latestStreamArn())
                        .tableClassSummary(toSdk(t.tableClassSummary()))
                        .sseDescription(toSdk(t.sseDescription()))
                        .deletionProtectionEnabled(t.deletionProtectionEnabled())
                        .onDemandThroughput(toSdk(t.onDemandThroughput()))
                        .warmThroughput(toSdk(t.warmThroughput()))
                        .restoreSummary(toSdk(t.restoreSummary()))
                        .replicas(list(t.replicas(), SdkModel::toSdk))
                        .globalTableVersion(t.globalTableVersion())
                        .build();
    }

    /** @return FloeDB's form of {@code t} */
    public static floe.api.model.TableDescription fromSdk(TableDescription t) {
        return t == null
                ? null
                : new floe.api.model.TableDescription(
                        t.tableName(),
                        t.tableArn(),
                        t.tableId(),
                        t.tableStatusAsString(),
                        t.creationDateTime(),
                        list(t.keySchema(), SdkModel::fromSdk),
                        list(t.attributeDefinitions(), SdkModel::fromSdk),
                        t.itemCount(),
                        t.tableSizeBytes(),
                        fromSdk(t.billingModeSummary()),
                        fromSdk(t.provisionedThroughput()),
                        list(t.localSecondaryIndexes(), SdkModel::fromSdk),
                        list(t.globalSecondaryIndexes(), SdkModel::fromSdk),
                        fromSdk(t.streamSpecification()),
                        t.latestStreamLabel(),
                        t.latestStreamArn(),
                        fromSdk(t.tableClassSummary()),
                        fromSdk(t.sseDescription()),
                        t.deletionProtectionEnabled(),
                        fromSdk(t.onDemandThroughput()),
                        fromSdk(t.warmThroughput()),
                        fromSdk(t.restoreSummary()),
                        list(t.replicas(), SdkModel::fromSdk),
                        t.globalTableVersion());
    }

    /** @return the SDK's form of {@code r} */
    public static CreateTableRequest toSdk(floe.api.model.CreateTableRequest r) {
        return CreateTableRequest.builder()
                .tableName(r.tableName())
                .keySchema(list(r.keySchema(), SdkModel::toSdk))
                .attributeDefinitions(list(r.attributeDefinitions(), SdkModel::toSdk))
                .billingMode(r.billingMode())
                .provisionedThroughput(toSdk(r.provisionedThroughput()))
                .localSecondaryIndexes(list(r.localSecondaryIndexes(), SdkModel::toSdk))
                .globalSecondaryIndexes(list(r.globalSecondaryIndexes(), SdkModel::toSdk))
                .streamSpecification(toSdk(r.streamSpecification()))
                .tags(list(r.tags(), SdkModel::toSdk))
                .sseSpecification(toSdk(r.sseSpecification()))
                .tableClass(r.tableClass())
                .deletionProtectionEnabled(r.deletionProtectionEnabled())
                .onDemandThroughput(toSdk(r.onDemandThroughput()))
                .warmThroughput(toSdk(r.warmThroughput()))
                .resourcePolicy(r.resourcePolicy())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.CreateTableRequest fromSdk(CreateTableRequest r) {
        return new floe.api.model.CreateTableRequest(
                r.tableName(),
                list(r.keySchema(), SdkModel::fromSdk),
                list(r.attributeDefinitions(), SdkModel::fromSdk),
                r.billingModeAsString(),
                fromSdk(r.provisionedThroughput()),
                list(r.localSecondaryIndexes(), SdkModel::fromSdk),
                list(r.globalSecondaryIndexes(), SdkModel::fromSdk),
                fromSdk(r.streamSpecification()),
                list(r.tags(), SdkModel::fromSdk),
                fromSdk(r.sseSpecification()),
                r.tableClassAsString(),
                r.deletionProtectionEnabled(),
                fromSdk(r.onDemandThroughput()),
                fromSdk(r.warmThroughput()),
                r.resourcePolicy());
    }

    /** @return the SDK's form of {@code r} */
    public static CreateTableResponse toSdk(floe.api.model.CreateTableResponse r) {
        return CreateTableResponse.builder()
                .tableDescription(toSdk(r.tableDescription()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.CreateTableResponse fromSdk(CreateTableResponse r) {
        return new floe.api.model.CreateTableResponse(fromSdk(r.tableDescription()));
    }

    /** @return the SDK's form of {@code r} */
    public static DescribeTableRequest toSdk(floe.api.model.DescribeTableRequest r) {
        return DescribeTableRequest.builder().tableName(r.tableName()).build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.DescribeTableRequest fromSdk(DescribeTableRequest r) {
        return new floe.api.model.DescribeTableRequest(r.tableName());
    }

    /** @return the SDK's form of {@code r} */
    public static DescribeTableResponse toSdk(floe.api.model.DescribeTableResponse r) {
        return DescribeTableResponse.builder().table(toSdk(r.table())).build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.DescribeTableResponse fromSdk(DescribeTableResponse r) {
        return new floe.api.model.DescribeTableResponse(fromSdk(r.table()));
    }

    /** @return the SDK's form of {@code r} */
    public static ListTablesRequest toSdk(floe.api.model.ListTablesRequest r) {
        return ListTablesRequest.builder()
                .exclusiveStartTableName(r.exclusiveStartTableName())
                .limit(r.limit())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.ListTablesRequest fromSdk(ListTablesRequest r) {
        return new floe.api.model.ListTablesRequest(r.exclusiveStartTableName(), r.limit());
    }

    /** @return the SDK's form of {@code r} */
    public static ListTablesResponse toSdk(floe.api.model.ListTablesResponse r) {
        return ListTablesResponse.builder()
                .tableNames(r.tableNames())
                .lastEvaluatedTableName(r.lastEvaluatedTableName())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.ListTablesResponse fromSdk(ListTablesResponse r) {
        return new floe.api.model.ListTablesResponse(copyList(r.tableNames()), r.lastEvaluatedTableName());
    }

    /** @return the SDK's form of {@code t} */
    public static TimeToLiveSpecification toSdk(floe.api.model.TimeToLiveSpecification t) {
        return t == null
                ? null
                : TimeToLiveSpecification.builder()
                        .enabled(t.enabled())
                        .attributeName(t.attributeName())
                        .build();
    }

    /** @return FloeDB's form of {@code t} */
    public static floe.api.model.TimeToLiveSpecification fromSdk(TimeToLiveSpecification t) {
        return t == null ? null : new floe.api.model.TimeToLiveSpecification(t.enabled(), t.attributeName());
    }

    /** @return the SDK's form of {@code t} */
    public static TimeToLiveDescription toSdk(floe.api.model.TimeToLiveDescription t) {
        return t == null
                ? null
                : TimeToLiveDescription.builder()
                        .timeToLiveStatus(t.timeToLiveStatus())
                        .attributeName(t.attributeName())
                        .build();
    }

    /** @return FloeDB's form of {@code t} */
    public static floe.api.model.TimeToLiveDescription fromSdk(TimeToLiveDescription t) {
        return t == null
                ? null
                : new floe.api.model.TimeToLiveDescription(t.timeToLiveStatusAsString(), t.attributeName());
    }

    /** @return the SDK's form of {@code r} */
    public static UpdateTimeToLiveRequest toSdk(floe.api.model.UpdateTimeToLiveRequest r) {
        return UpdateTimeToLiveRequest.builder()
                .tableName(r.tableName())
                .timeToLiveSpecification(toSdk(r.timeToLiveSpecification()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.UpdateTimeToLiveRequest fromSdk(UpdateTimeToLiveRequest r) {
        return new floe.api.model.UpdateTimeToLiveRequest(r.tableName(), fromSdk(r.timeToLiveSpecification()));
    }

    /** @return the SDK's form of {@code r} */
    public static UpdateTimeToLiveResponse toSdk(floe.api.model.UpdateTimeToLiveResponse r) {
        return UpdateTimeToLiveResponse.builder()
                .timeToLiveSpecification(toSdk(r.timeToLiveSpecification()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.UpdateTimeToLiveResponse fromSdk(UpdateTimeToLiveResponse r) {
        return new floe.api.model.UpdateTimeToLiveResponse(fromSdk(r.timeToLiveSpecification()));
    }

    /** @return the SDK's form of {@code r} */
    public static DescribeTimeToLiveRequest toSdk(floe.api.model.DescribeTimeToLiveRequest r) {
        return DescribeTimeToLiveRequest.builder().tableName(r.tableName()).build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.DescribeTimeToLiveRequest fromSdk(DescribeTimeToLiveRequest r) {
        return new floe.api.model.DescribeTimeToLiveRequest(r.tableName());
    }

    /** @return the SDK's form of {@code r} */
    public static DescribeTimeToLiveResponse toSdk(floe.api.model.DescribeTimeToLiveResponse r) {
        return DescribeTimeToLiveResponse.builder()
                .timeToLiveDescription(toSdk(r.timeToLiveDescription()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.DescribeTimeToLiveResponse fromSdk(DescribeTimeToLiveResponse r) {
        return new floe.api.model.DescribeTimeToLiveResponse(fromSdk(r.timeToLiveDescription()));
    }

    /** @return the SDK's form of {@code r} */
    public static DeleteTableRequest toSdk(floe.api.model.DeleteTableRequest r) {
        return DeleteTableRequest.builder().tableName(r.tableName()).build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.DeleteTableRequest fromSdk(DeleteTableRequest r) {
        return new floe.api.model.DeleteTableRequest(r.tableName());
    }

    /** @return the SDK's form of {@code r} */
    public static DeleteTableResponse toSdk(floe.api.model.DeleteTableResponse r) {
        return DeleteTableResponse.builder()
                .tableDescription(toSdk(r.tableDescription()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.DeleteTableResponse fromSdk(DeleteTableResponse r) {
        return new floe.api.model.DeleteTableResponse(fromSdk(r.tableDescription()));
    }

    /** @return the SDK's form of {@code r} */
    public static UpdateTableRequest toSdk(floe.api.model.UpdateTableRequest r) {
        return UpdateTableRequest.builder()
                .tableName(r.tableName())
                .attributeDefinitions(list(r.attributeDefinitions(), SdkModel::toSdk))
                .billingMode(r.billingMode())
                .provisionedThroughput(toSdk(r.provisionedThroughput()))
                .globalSecondaryIndexUpdates(list(r.globalSecondaryIndexUpdates(), SdkModel::toSdk))
                .streamSpecification(toSdk(r.streamSpecification()))
                .sseSpecification(toSdk(r.sseSpecification()))
                .tableClass(r.tableClass())
                .deletionProtectionEnabled(r.deletionProtectionEnabled())
                .onDemandThroughput(toSdk(r.onDemandThroughput()))
                .warmThroughput(toSdk(r.warmThroughput()))
                .replicaUpdates(list(r.replicaUpdates(), SdkModel::toSdk))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.UpdateTableRequest fromSdk(UpdateTableRequest r) {
        return new floe.api.model.UpdateTableRequest(
                r.tableName(),
                list(r.attributeDefinitions(), SdkModel::fromSdk),
                r.billingModeAsString(),
                fromSdk(r.provisionedThroughput()),
                list(r.globalSecondaryIndexUpdates(), SdkModel::fromSdk),
                fromSdk(r.streamSpecification()),
                fromSdk(r.sseSpecification()),
                r.tableClassAsString(),
                r.deletionProtectionEnabled(),
                fromSdk(r.onDemandThroughput()),
                fromSdk(r.warmThroughput()),
                list(r.replicaUpdates(), SdkModel::fromSdk));
    }

    /** @return the SDK's form of {@code r} */
    public static UpdateTableResponse toSdk(floe.api.model.UpdateTableResponse r) {
        return UpdateTableResponse.builder()
                .tableDescription(toSdk(r.tableDescription()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.UpdateTableResponse fromSdk(UpdateTableResponse r) {
        return new floe.api.model.UpdateTableResponse(fromSdk(r.tableDescription()));
    }

    // ------------------------------------------------------------------ table options, tags, backups, limits,
    // endpoints, policies

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.Tag toSdk(floe.api.model.Tag x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.Tag.builder()
                        .key(x.key())
                        .value(x.value())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.Tag fromSdk(software.amazon.awssdk.services.dynamodb.model.Tag x) {
        return x == null ? null : new floe.api.model.Tag(x.key(), x.value());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.SSESpecification toSdk(
            floe.api.model.SseSpecification x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.SSESpecification.builder()
                        .enabled(x.enabled())
                        .sseType(x.sseType())
                        .kmsMasterKeyId(x.kmsMasterKeyId())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.SseSpecification fromSdk(
            software.amazon.awssdk.services.dynamodb.model.SSESpecification x) {
        return x == null
                ? null
                : new floe.api.model.SseSpecification(x.enabled(), x.sseTypeAsString(), x.kmsMasterKeyId());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.SSEDescription toSdk(floe.api.model.SseDescription x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.SSEDescription.builder()
                        .status(x.status())
                        .sseType(x.sseType())
                        .kmsMasterKeyArn(x.kmsMasterKeyArn())
                        .inaccessibleEncryptionDateTime(x.inaccessibleEncryptionDateTime())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.SseDescription fromSdk(
            software.amazon.awssdk.services.dynamodb.model.SSEDescription x) {
        return x == null
                ? null
                : new floe.api.model.SseDescription(
                        x.statusAsString(),
                        x.sseTypeAsString(),
                        x.kmsMasterKeyArn(),
                        x.inaccessibleEncryptionDateTime());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.TableClassSummary toSdk(
            floe.api.model.TableClassSummary x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.TableClassSummary.builder()
                        .tableClass(x.tableClass())
                        .lastUpdateDateTime(x.lastUpdateDateTime())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.TableClassSummary fromSdk(
            software.amazon.awssdk.services.dynamodb.model.TableClassSummary x) {
        return x == null ? null : new floe.api.model.TableClassSummary(x.tableClassAsString(), x.lastUpdateDateTime());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput toSdk(
            floe.api.model.OnDemandThroughput x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput.builder()
                        .maxReadRequestUnits(x.maxReadRequestUnits())
                        .maxWriteRequestUnits(x.maxWriteRequestUnits())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.OnDemandThroughput fromSdk(
            software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput x) {
        return x == null
                ? null
                : new floe.api.model.OnDemandThroughput(x.maxReadRequestUnits(), x.maxWriteRequestUnits());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.WarmThroughput toSdk(floe.api.model.WarmThroughput x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.WarmThroughput.builder()
                        .readUnitsPerSecond(x.readUnitsPerSecond())
                        .writeUnitsPerSecond(x.writeUnitsPerSecond())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.WarmThroughput fromSdk(
            software.amazon.awssdk.services.dynamodb.model.WarmThroughput x) {
        return x == null ? null : new floe.api.model.WarmThroughput(x.readUnitsPerSecond(), x.writeUnitsPerSecond());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.TableWarmThroughputDescription toSdk(
            floe.api.model.TableWarmThroughputDescription x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.TableWarmThroughputDescription.builder()
                        .readUnitsPerSecond(x.readUnitsPerSecond())
                        .writeUnitsPerSecond(x.writeUnitsPerSecond())
                        .status(x.status())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.TableWarmThroughputDescription fromSdk(
            software.amazon.awssdk.services.dynamodb.model.TableWarmThroughputDescription x) {
        return x == null
                ? null
                : new floe.api.model.TableWarmThroughputDescription(
                        x.readUnitsPerSecond(), x.writeUnitsPerSecond(), x.statusAsString());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexWarmThroughputDescription toSdk(
            floe.api.model.GlobalSecondaryIndexWarmThroughputDescription x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexWarmThroughputDescription.builder()
                        .readUnitsPerSecond(x.readUnitsPerSecond())
                        .writeUnitsPerSecond(x.writeUnitsPerSecond())
                        .status(x.status())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.GlobalSecondaryIndexWarmThroughputDescription fromSdk(
            software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexWarmThroughputDescription x) {
        return x == null
                ? null
                : new floe.api.model.GlobalSecondaryIndexWarmThroughputDescription(
                        x.readUnitsPerSecond(), x.writeUnitsPerSecond(), x.statusAsString());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoverySpecification toSdk(
            floe.api.model.PointInTimeRecoverySpecification x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(x.pointInTimeRecoveryEnabled())
                        .recoveryPeriodInDays(x.recoveryPeriodInDays())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.PointInTimeRecoverySpecification fromSdk(
            software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoverySpecification x) {
        return x == null
                ? null
                : new floe.api.model.PointInTimeRecoverySpecification(
                        x.pointInTimeRecoveryEnabled(), x.recoveryPeriodInDays());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription toSdk(
            floe.api.model.PointInTimeRecoveryDescription x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription.builder()
                        .pointInTimeRecoveryStatus(x.pointInTimeRecoveryStatus())
                        .recoveryPeriodInDays(x.recoveryPeriodInDays())
                        .earliestRestorableDateTime(x.earliestRestorableDateTime())
                        .latestRestorableDateTime(x.latestRestorableDateTime())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.PointInTimeRecoveryDescription fromSdk(
            software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription x) {
        return x == null
                ? null
                : new floe.api.model.PointInTimeRecoveryDescription(
                        x.pointInTimeRecoveryStatusAsString(),
                        x.recoveryPeriodInDays(),
                        x.earliestRestorableDateTime(),
                        x.latestRestorableDateTime());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription toSdk(
            floe.api.model.ContinuousBackupsDescription x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription.builder()
                        .continuousBackupsStatus(x.continuousBackupsStatus())
                        .pointInTimeRecoveryDescription(toSdk(x.pointInTimeRecoveryDescription()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ContinuousBackupsDescription fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription x) {
        return x == null
                ? null
                : new floe.api.model.ContinuousBackupsDescription(
                        x.continuousBackupsStatusAsString(), fromSdk(x.pointInTimeRecoveryDescription()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.Endpoint toSdk(floe.api.model.Endpoint x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.Endpoint.builder()
                        .address(x.address())
                        .cachePeriodInMinutes(x.cachePeriodInMinutes())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.Endpoint fromSdk(software.amazon.awssdk.services.dynamodb.model.Endpoint x) {
        return x == null ? null : new floe.api.model.Endpoint(x.address(), x.cachePeriodInMinutes());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.TagResourceRequest toSdk(
            floe.api.model.TagResourceRequest x) {
        return software.amazon.awssdk.services.dynamodb.model.TagResourceRequest.builder()
                .resourceArn(x.resourceArn())
                .tags(list(x.tags(), SdkModel::toSdk))
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.TagResourceRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.TagResourceRequest x) {
        return new floe.api.model.TagResourceRequest(x.resourceArn(), list(x.tags(), SdkModel::fromSdk));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.TagResourceResponse toSdk(
            floe.api.model.TagResourceResponse x) {
        return software.amazon.awssdk.services.dynamodb.model.TagResourceResponse.builder()
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.TagResourceResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.TagResourceResponse x) {
        return new floe.api.model.TagResourceResponse();
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest toSdk(
            floe.api.model.UntagResourceRequest x) {
        return software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest.builder()
                .resourceArn(x.resourceArn())
                .tagKeys(x.tagKeys())
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.UntagResourceRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest x) {
        return new floe.api.model.UntagResourceRequest(x.resourceArn(), copyList(x.tagKeys()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.UntagResourceResponse toSdk(
            floe.api.model.UntagResourceResponse x) {
        return software.amazon.awssdk.services.dynamodb.model.UntagResourceResponse.builder()
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.UntagResourceResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.UntagResourceResponse x) {
        return new floe.api.model.UntagResourceResponse();
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest toSdk(
            floe.api.model.ListTagsOfResourceRequest x) {
        return software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest.builder()
                .resourceArn(x.resourceArn())
                .nextToken(x.nextToken())
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ListTagsOfResourceRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest x) {
        return new floe.api.model.ListTagsOfResourceRequest(x.resourceArn(), x.nextToken());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse toSdk(
            floe.api.model.ListTagsOfResourceResponse x) {
        return software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse.builder()
                .tags(list(x.tags(), SdkModel::toSdk))
                .nextToken(x.nextToken())
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ListTagsOfResourceResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse x) {
        return new floe.api.model.ListTagsOfResourceResponse(list(x.tags(), SdkModel::fromSdk), x.nextToken());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest toSdk(
            floe.api.model.DescribeContinuousBackupsRequest x) {
        return software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest.builder()
                .tableName(x.tableName())
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DescribeContinuousBackupsRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest x) {
        return new floe.api.model.DescribeContinuousBackupsRequest(x.tableName());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse toSdk(
            floe.api.model.DescribeContinuousBackupsResponse x) {
        return software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse.builder()
                .continuousBackupsDescription(toSdk(x.continuousBackupsDescription()))
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DescribeContinuousBackupsResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse x) {
        return new floe.api.model.DescribeContinuousBackupsResponse(fromSdk(x.continuousBackupsDescription()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest toSdk(
            floe.api.model.UpdateContinuousBackupsRequest x) {
        return software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest.builder()
                .tableName(x.tableName())
                .pointInTimeRecoverySpecification(toSdk(x.pointInTimeRecoverySpecification()))
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.UpdateContinuousBackupsRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest x) {
        return new floe.api.model.UpdateContinuousBackupsRequest(
                x.tableName(), fromSdk(x.pointInTimeRecoverySpecification()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsResponse toSdk(
            floe.api.model.UpdateContinuousBackupsResponse x) {
        return software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsResponse.builder()
                .continuousBackupsDescription(toSdk(x.continuousBackupsDescription()))
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.UpdateContinuousBackupsResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsResponse x) {
        return new floe.api.model.UpdateContinuousBackupsResponse(fromSdk(x.continuousBackupsDescription()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DescribeLimitsRequest toSdk(
            floe.api.model.DescribeLimitsRequest x) {
        return software.amazon.awssdk.services.dynamodb.model.DescribeLimitsRequest.builder()
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DescribeLimitsRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DescribeLimitsRequest x) {
        return new floe.api.model.DescribeLimitsRequest();
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse toSdk(
            floe.api.model.DescribeLimitsResponse x) {
        return software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse.builder()
                .accountMaxReadCapacityUnits(x.accountMaxReadCapacityUnits())
                .accountMaxWriteCapacityUnits(x.accountMaxWriteCapacityUnits())
                .tableMaxReadCapacityUnits(x.tableMaxReadCapacityUnits())
                .tableMaxWriteCapacityUnits(x.tableMaxWriteCapacityUnits())
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DescribeLimitsResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse x) {
        return new floe.api.model.DescribeLimitsResponse(
                x.accountMaxReadCapacityUnits(),
                x.accountMaxWriteCapacityUnits(),
                x.tableMaxReadCapacityUnits(),
                x.tableMaxWriteCapacityUnits());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsRequest toSdk(
            floe.api.model.DescribeEndpointsRequest x) {
        return software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsRequest.builder()
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DescribeEndpointsRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsRequest x) {
        return new floe.api.model.DescribeEndpointsRequest();
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsResponse toSdk(
            floe.api.model.DescribeEndpointsResponse x) {
        return software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsResponse.builder()
                .endpoints(list(x.endpoints(), SdkModel::toSdk))
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DescribeEndpointsResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsResponse x) {
        return new floe.api.model.DescribeEndpointsResponse(list(x.endpoints(), SdkModel::fromSdk));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyRequest toSdk(
            floe.api.model.PutResourcePolicyRequest x) {
        return software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyRequest.builder()
                .resourceArn(x.resourceArn())
                .policy(x.policy())
                .expectedRevisionId(x.expectedRevisionId())
                .confirmRemoveSelfResourceAccess(x.confirmRemoveSelfResourceAccess())
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.PutResourcePolicyRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyRequest x) {
        return new floe.api.model.PutResourcePolicyRequest(
                x.resourceArn(), x.policy(), x.expectedRevisionId(), x.confirmRemoveSelfResourceAccess());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyResponse toSdk(
            floe.api.model.PutResourcePolicyResponse x) {
        return software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyResponse.builder()
                .revisionId(x.revisionId())
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.PutResourcePolicyResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyResponse x) {
        return new floe.api.model.PutResourcePolicyResponse(x.revisionId());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyRequest toSdk(
            floe.api.model.GetResourcePolicyRequest x) {
        return software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyRequest.builder()
                .resourceArn(x.resourceArn())
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.GetResourcePolicyRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyRequest x) {
        return new floe.api.model.GetResourcePolicyRequest(x.resourceArn());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyResponse toSdk(
            floe.api.model.GetResourcePolicyResponse x) {
        return software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyResponse.builder()
                .policy(x.policy())
                .revisionId(x.revisionId())
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.GetResourcePolicyResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyResponse x) {
        return new floe.api.model.GetResourcePolicyResponse(x.policy(), x.revisionId());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyRequest toSdk(
            floe.api.model.DeleteResourcePolicyRequest x) {
        return software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyRequest.builder()
                .resourceArn(x.resourceArn())
                .expectedRevisionId(x.expectedRevisionId())
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DeleteResourcePolicyRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyRequest x) {
        return new floe.api.model.DeleteResourcePolicyRequest(x.resourceArn(), x.expectedRevisionId());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyResponse toSdk(
            floe.api.model.DeleteResourcePolicyResponse x) {
        return software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyResponse.builder()
                .revisionId(x.revisionId())
                .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DeleteResourcePolicyResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyResponse x) {
        return new floe.api.model.DeleteResourcePolicyResponse(x.revisionId());
    }

    // ------------------------------------------------------------------ capacity and metrics

    /** @return the SDK's form of {@code c} */
    public static Capacity toSdk(floe.api.model.Capacity c) {
        return c == null
                ? null
                : Capacity.builder()
                        .readCapacityUnits(c.readCapacityUnits())
                        .writeCapacityUnits(c.writeCapacityUnits())
                        .capacityUnits(c.capacityUnits())
                        .build();
    }

    /** @return FloeDB's form of {@code c} */
    public static floe.api.model.Capacity fromSdk(Capacity c) {
        return c == null
                ? null
                : new floe.api.model.Capacity(c.readCapacityUnits(), c.writeCapacityUnits(), c.capacityUnits());
    }

    /** @return the SDK's form of {@code c} */
    public static ConsumedCapacity toSdk(floe.api.model.ConsumedCapacity c) {
        return c == null
                ? null
                : ConsumedCapacity.builder()
                        .tableName(c.tableName())
                        .capacityUnits(c.capacityUnits())
                        .readCapacityUnits(c.readCapacityUnits())
                        .writeCapacityUnits(c.writeCapacityUnits())
                        .table(toSdk(c.table()))
                        .localSecondaryIndexes(map(c.localSecondaryIndexes(), SdkModel::toSdk))
                        .globalSecondaryIndexes(map(c.globalSecondaryIndexes(), SdkModel::toSdk))
                        .build();
    }

    /** @return FloeDB's form of {@code c} */
    public static floe.api.model.ConsumedCapacity fromSdk(ConsumedCapacity c) {
        return c == null
                ? null
                : new floe.api.model.ConsumedCapacity(
                        c.tableName(),
                        c.capacityUnits(),
                        c.readCapacityUnits(),
                        c.writeCapacityUnits(),
                        fromSdk(c.table()),
                        map(c.localSecondaryIndexes(), SdkModel::fromSdk),
                        map(c.globalSecondaryIndexes(), SdkModel::fromSdk));
    }

    private static List<ConsumedCapacity> toSdkCapacities(List<floe.api.model.ConsumedCapacity> c) {
        return list(c, SdkModel::toSdk);
    }

    private static List<floe.api.model.ConsumedCapacity> fromSdkCapacities(List<ConsumedCapacity> c) {
        return list(c, SdkModel::fromSdk);
    }

    /** @return the SDK's form of {@code m} */
    public static ItemCollectionMetrics toSdk(floe.api.model.ItemCollectionMetrics m) {
        return m == null
                ? null
                : ItemCollectionMetrics.builder()
                        .itemCollectionKey(toSdkItem(m.itemCollectionKey()))
                        .sizeEstimateRangeGB(m.sizeEstimateRangeGB())
                        .build();
    }

    /** @return FloeDB's form of {@code m} */
    public static floe.api.model.ItemCollectionMetrics fromSdk(ItemCollectionMetrics m) {
        return m == null
                ? null
                : new floe.api.model.ItemCollectionMetrics(
                        fromSdkItem(m.itemCollectionKey()), copyList(m.sizeEstimateRangeGB()));
    }

    private static Map<String, List<ItemCollectionMetrics>> toSdkMetrics(
            Map<String, List<floe.api.model.ItemCollectionMetrics>> m) {
        return map(m, l -> list(l, SdkModel::toSdk));
    }

    private static Map<String, List<floe.api.model.ItemCollectionMetrics>> fromSdkMetrics(
            Map<String, List<ItemCollectionMetrics>> m) {
        return map(m, l -> list(l, SdkModel::fromSdk));
    }

    // ------------------------------------------------------------------ legacy parameters

    /** @return the SDK's form of {@code e} */
    public static ExpectedAttributeValue toSdk(floe.api.model.ExpectedAttributeValue e) {
        return e == null
                ? null
                : ExpectedAttributeValue.builder()
                        .value(toSdk(e.value()))
                        .exists(e.exists())
                        .comparisonOperator(e.comparisonOperator())
                        .attributeValueList(toSdkValues(e.attributeValueList()))
                        .build();
    }

    /** @return FloeDB's form of {@code e} */
    public static floe.api.model.ExpectedAttributeValue fromSdk(ExpectedAttributeValue e) {
        return e == null
                ? null
                : new floe.api.model.ExpectedAttributeValue(
                        fromSdk(e.value()),
                        e.exists(),
                        e.comparisonOperatorAsString(),
                        fromSdkValues(e.attributeValueList()));
    }

    /** @return the SDK's form of {@code u} */
    public static AttributeValueUpdate toSdk(floe.api.model.AttributeValueUpdate u) {
        return u == null
                ? null
                : AttributeValueUpdate.builder()
                        .value(toSdk(u.value()))
                        .action(u.action())
                        .build();
    }

    /** @return FloeDB's form of {@code u} */
    public static floe.api.model.AttributeValueUpdate fromSdk(AttributeValueUpdate u) {
        return u == null ? null : new floe.api.model.AttributeValueUpdate(fromSdk(u.value()), u.actionAsString());
    }

    /** @return the SDK's form of {@code c} */
    public static Condition toSdk(floe.api.model.Condition c) {
        return c == null
                ? null
                : Condition.builder()
                        .comparisonOperator(c.comparisonOperator())
                        .attributeValueList(toSdkValues(c.attributeValueList()))
                        .build();
    }

    /** @return FloeDB's form of {@code c} */
    public static floe.api.model.Condition fromSdk(Condition c) {
        return c == null
                ? null
                : new floe.api.model.Condition(c.comparisonOperatorAsString(), fromSdkValues(c.attributeValueList()));
    }

    // ------------------------------------------------------------------ single items

    /** @return the SDK's form of {@code r} */
    public static PutItemRequest toSdk(floe.api.model.PutItemRequest r) {
        return PutItemRequest.builder()
                .tableName(r.tableName())
                .item(toSdkItem(r.item()))
                .conditionExpression(r.conditionExpression())
                .expressionAttributeNames(r.expressionAttributeNames())
                .expressionAttributeValues(toSdkItem(r.expressionAttributeValues()))
                .returnValues(r.returnValues())
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .returnItemCollectionMetrics(r.returnItemCollectionMetrics())
                .returnValuesOnConditionCheckFailure(r.returnValuesOnConditionCheckFailure())
                .expected(map(r.expected(), SdkModel::toSdk))
                .conditionalOperator(r.conditionalOperator())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.PutItemRequest fromSdk(PutItemRequest r) {
        return new floe.api.model.PutItemRequest(
                r.tableName(),
                fromSdkItem(r.item()),
                r.conditionExpression(),
                copyMap(r.expressionAttributeNames()),
                fromSdkItem(r.expressionAttributeValues()),
                r.returnValuesAsString(),
                r.returnConsumedCapacityAsString(),
                r.returnItemCollectionMetricsAsString(),
                r.returnValuesOnConditionCheckFailureAsString(),
                map(r.expected(), SdkModel::fromSdk),
                r.conditionalOperatorAsString());
    }

    /** @return the SDK's form of {@code r} */
    public static PutItemResponse toSdk(floe.api.model.PutItemResponse r) {
        return PutItemResponse.builder()
                .attributes(toSdkItem(r.attributes()))
                .consumedCapacity(toSdk(r.consumedCapacity()))
                .itemCollectionMetrics(toSdk(r.itemCollectionMetrics()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.PutItemResponse fromSdk(PutItemResponse r) {
        return new floe.api.model.PutItemResponse(
                fromSdkItem(r.attributes()), fromSdk(r.consumedCapacity()), fromSdk(r.itemCollectionMetrics()));
    }

    /** @return the SDK's form of {@code r} */
    public static GetItemRequest toSdk(floe.api.model.GetItemRequest r) {
        return GetItemRequest.builder()
                .tableName(r.tableName())
                .key(toSdkItem(r.key()))
                .projectionExpression(r.projectionExpression())
                .expressionAttributeNames(r.expressionAttributeNames())
                .attributesToGet(r.attributesToGet())
                .consistentRead(r.consistentRead())
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.GetItemRequest fromSdk(GetItemRequest r) {
        return new floe.api.model.GetItemRequest(
                r.tableName(),
                fromSdkItem(r.key()),
                r.projectionExpression(),
                copyMap(r.expressionAttributeNames()),
                copyList(r.attributesToGet()),
                r.consistentRead(),
                r.returnConsumedCapacityAsString());
    }

    /** @return the SDK's form of {@code r} */
    public static GetItemResponse toSdk(floe.api.model.GetItemResponse r) {
        return GetItemResponse.builder()
                .item(toSdkItem(r.item()))
                .consumedCapacity(toSdk(r.consumedCapacity()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.GetItemResponse fromSdk(GetItemResponse r) {
        return new floe.api.model.GetItemResponse(fromSdkItem(r.item()), fromSdk(r.consumedCapacity()));
    }

    /** @return the SDK's form of {@code r} */
    public static UpdateItemRequest toSdk(floe.api.model.UpdateItemRequest r) {
        return UpdateItemRequest.builder()
                .tableName(r.tableName())
                .key(toSdkItem(r.key()))
                .updateExpression(r.updateExpression())
                .conditionExpression(r.conditionExpression())
                .expressionAttributeNames(r.expressionAttributeNames())
                .expressionAttributeValues(toSdkItem(r.expressionAttributeValues()))
                .returnValues(r.returnValues())
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .returnItemCollectionMetrics(r.returnItemCollectionMetrics())
                .returnValuesOnConditionCheckFailure(r.returnValuesOnConditionCheckFailure())
                .attributeUpdates(map(r.attributeUpdates(), SdkModel::toSdk))
                .expected(map(r.expected(), SdkModel::toSdk))
                .conditionalOperator(r.conditionalOperator())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.UpdateItemRequest fromSdk(UpdateItemRequest r) {
        return new floe.api.model.UpdateItemRequest(
                r.tableName(),
                fromSdkItem(r.key()),
                r.updateExpression(),
                r.conditionExpression(),
                copyMap(r.expressionAttributeNames()),
                fromSdkItem(r.expressionAttributeValues()),
                r.returnValuesAsString(),
                r.returnConsumedCapacityAsString(),
                r.returnItemCollectionMetricsAsString(),
                r.returnValuesOnConditionCheckFailureAsString(),
                map(r.attributeUpdates(), SdkModel::fromSdk),
                map(r.expected(), SdkModel::fromSdk),
                r.conditionalOperatorAsString());
    }

    /** @return the SDK's form of {@code r} */
    public static UpdateItemResponse toSdk(floe.api.model.UpdateItemResponse r) {
        return UpdateItemResponse.builder()
                .attributes(toSdkItem(r.attributes()))
                .consumedCapacity(toSdk(r.consumedCapacity()))
                .itemCollectionMetrics(toSdk(r.itemCollectionMetrics()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.UpdateItemResponse fromSdk(UpdateItemResponse r) {
        return new floe.api.model.UpdateItemResponse(
                fromSdkItem(r.attributes()), fromSdk(r.consumedCapacity()), fromSdk(r.itemCollectionMetrics()));
    }

    /** @return the SDK's form of {@code r} */
    public static DeleteItemRequest toSdk(floe.api.model.DeleteItemRequest r) {
        return DeleteItemRequest.builder()
                .tableName(r.tableName())
                .key(toSdkItem(r.key()))
                .conditionExpression(r.conditionExpression())
                .expressionAttributeNames(r.expressionAttributeNames())
                .expressionAttributeValues(toSdkItem(r.expressionAttributeValues()))
                .returnValues(r.returnValues())
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .returnItemCollectionMetrics(r.returnItemCollectionMetrics())
                .returnValuesOnConditionCheckFailure(r.returnValuesOnConditionCheckFailure())
                .expected(map(r.expected(), SdkModel::toSdk))
                .conditionalOperator(r.conditionalOperator())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.DeleteItemRequest fromSdk(DeleteItemRequest r) {
        return new floe.api.model.DeleteItemRequest(
                r.tableName(),
                fromSdkItem(r.key()),
                r.conditionExpression(),
                copyMap(r.expressionAttributeNames()),
                fromSdkItem(r.expressionAttributeValues()),
                r.returnValuesAsString(),
                r.returnConsumedCapacityAsString(),
                r.returnItemCollectionMetricsAsString(),
                r.returnValuesOnConditionCheckFailureAsString(),
                map(r.expected(), SdkModel::fromSdk),
                r.conditionalOperatorAsString());
    }

    /** @return the SDK's form of {@code r} */
    public static DeleteItemResponse toSdk(floe.api.model.DeleteItemResponse r) {
        return DeleteItemResponse.builder()
                .attributes(toSdkItem(r.attributes()))
                .consumedCapacity(toSdk(r.consumedCapacity()))
                .itemCollectionMetrics(toSdk(r.itemCollectionMetrics()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.DeleteItemResponse fromSdk(DeleteItemResponse r) {
        return new floe.api.model.DeleteItemResponse(
                fromSdkItem(r.attributes()), fromSdk(r.consumedCapacity()), fromSdk(r.itemCollectionMetrics()));
    }

    // ------------------------------------------------------------------ query and scan

    /** @return the SDK's form of {@code r} */
    public static QueryRequest toSdk(floe.api.model.QueryRequest r) {
        return QueryRequest.builder()
                .tableName(r.tableName())
                .indexName(r.indexName())
                .select(r.select())
                .attributesToGet(r.attributesToGet())
                .limit(r.limit())
                .consistentRead(r.consistentRead())
                .keyConditions(map(r.keyConditions(), SdkModel::toSdk))
                .queryFilter(map(r.queryFilter(), SdkModel::toSdk))
                .conditionalOperator(r.conditionalOperator())
                .scanIndexForward(r.scanIndexForward())
                .exclusiveStartKey(toSdkItem(r.exclusiveStartKey()))
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .projectionExpression(r.projectionExpression())
                .filterExpression(r.filterExpression())
                .keyConditionExpression(r.keyConditionExpression())
                .expressionAttributeNames(r.expressionAttributeNames())
                .expressionAttributeValues(toSdkItem(r.expressionAttributeValues()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.QueryRequest fromSdk(QueryRequest r) {
        return new floe.api.model.QueryRequest(
                r.tableName(),
                r.indexName(),
                r.selectAsString(),
                copyList(r.attributesToGet()),
                r.limit(),
                r.consistentRead(),
                map(r.keyConditions(), SdkModel::fromSdk),
                map(r.queryFilter(), SdkModel::fromSdk),
                r.conditionalOperatorAsString(),
                r.scanIndexForward(),
                fromSdkItem(r.exclusiveStartKey()),
                r.returnConsumedCapacityAsString(),
                r.projectionExpression(),
                r.filterExpression(),
                r.keyConditionExpression(),
                copyMap(r.expressionAttributeNames()),
                fromSdkItem(r.expressionAttributeValues()));
    }

    /** @return the SDK's form of {@code r} */
    public static QueryResponse toSdk(floe.api.model.QueryResponse r) {
        return QueryResponse.builder()
                .items(toSdkItems(r.items()))
                .count(r.count())
                .scannedCount(r.scannedCount())
                .lastEvaluatedKey(toSdkItem(r.lastEvaluatedKey()))
                .consumedCapacity(toSdk(r.consumedCapacity()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.QueryResponse fromSdk(QueryResponse r) {
        return new floe.api.model.QueryResponse(
                fromSdkItems(r.items()),
                r.count(),
                r.scannedCount(),
                fromSdkItem(r.lastEvaluatedKey()),
                fromSdk(r.consumedCapacity()));
    }

    /** @return the SDK's form of {@code r} */
    public static ScanRequest toSdk(floe.api.model.ScanRequest r) {
        return ScanRequest.builder()
                .tableName(r.tableName())
                .indexName(r.indexName())
                .attributesToGet(r.attributesToGet())
                .limit(r.limit())
                .select(r.select())
                .scanFilter(map(r.scanFilter(), SdkModel::toSdk))
                .conditionalOperator(r.conditionalOperator())
                .exclusiveStartKey(toSdkItem(r.exclusiveStartKey()))
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .totalSegments(r.totalSegments())
                .segment(r.segment())
                .projectionExpression(r.projectionExpression())
                .filterExpression(r.filterExpression())
                .expressionAttributeNames(r.expressionAttributeNames())
                .expressionAttributeValues(toSdkItem(r.expressionAttributeValues()))
                .consistentRead(r.consistentRead())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.ScanRequest fromSdk(ScanRequest r) {
        return new floe.api.model.ScanRequest(
                r.tableName(),
                r.indexName(),
                copyList(r.attributesToGet()),
                r.limit(),
                r.selectAsString(),
                map(r.scanFilter(), SdkModel::fromSdk),
                r.conditionalOperatorAsString(),
                fromSdkItem(r.exclusiveStartKey()),
                r.returnConsumedCapacityAsString(),
                r.totalSegments(),
                r.segment(),
                r.projectionExpression(),
                r.filterExpression(),
                copyMap(r.expressionAttributeNames()),
                fromSdkItem(r.expressionAttributeValues()),
                r.consistentRead());
    }

    /** @return the SDK's form of {@code r} */
    public static ScanResponse toSdk(floe.api.model.ScanResponse r) {
        return ScanResponse.builder()
                .items(toSdkItems(r.items()))
                .count(r.count())
                .scannedCount(r.scannedCount())
                .lastEvaluatedKey(toSdkItem(r.lastEvaluatedKey()))
                .consumedCapacity(toSdk(r.consumedCapacity()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.ScanResponse fromSdk(ScanResponse r) {
        return new floe.api.model.ScanResponse(
                fromSdkItems(r.items()),
                r.count(),
                r.scannedCount(),
                fromSdkItem(r.lastEvaluatedKey()),
                fromSdk(r.consumedCapacity()));
    }

    // ------------------------------------------------------------------ batches

    /** @return the SDK's form of {@code k} */
    public static KeysAndAttributes toSdk(floe.api.model.KeysAndAttributes k) {
        return k == null
                ? null
                : KeysAndAttributes.builder()
                        .keys(toSdkItems(k.keys()))
                        .attributesToGet(k.attributesToGet())
                        .consistentRead(k.consistentRead())
                        .projectionExpression(k.projectionExpression())
                        .expressionAttributeNames(k.expressionAttributeNames())
                        .build();
    }

    /** @return FloeDB's form of {@code k} */
    public static floe.api.model.KeysAndAttributes fromSdk(KeysAndAttributes k) {
        return k == null
                ? null
                : new floe.api.model.KeysAndAttributes(
                        fromSdkItems(k.keys()),
                        copyList(k.attributesToGet()),
                        k.consistentRead(),
                        k.projectionExpression(),
                        copyMap(k.expressionAttributeNames()));
    }

    /** @return the SDK's form of {@code r} */
    public static BatchGetItemRequest toSdk(floe.api.model.BatchGetItemRequest r) {
        return BatchGetItemRequest.builder()
                .requestItems(map(r.requestItems(), SdkModel::toSdk))
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.BatchGetItemRequest fromSdk(BatchGetItemRequest r) {
        return new floe.api.model.BatchGetItemRequest(
                map(r.requestItems(), SdkModel::fromSdk), r.returnConsumedCapacityAsString());
    }

    /** @return the SDK's form of {@code r} */
    public static BatchGetItemResponse toSdk(floe.api.model.BatchGetItemResponse r) {
        return BatchGetItemResponse.builder()
                .responses(map(r.responses(), SdkModel::toSdkItems))
                .unprocessedKeys(map(r.unprocessedKeys(), SdkModel::toSdk))
                .consumedCapacity(toSdkCapacities(r.consumedCapacity()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.BatchGetItemResponse fromSdk(BatchGetItemResponse r) {
        return new floe.api.model.BatchGetItemResponse(
                map(r.responses(), SdkModel::fromSdkItems),
                map(r.unprocessedKeys(), SdkModel::fromSdk),
                fromSdkCapacities(r.consumedCapacity()));
    }

    /** @return the SDK's form of {@code w} */
    public static WriteRequest toSdk(floe.api.model.WriteRequest w) {
        if (w == null) {
            return null;
        }
        WriteRequest.Builder b = WriteRequest.builder();
        if (w.putRequest() != null) {
            b.putRequest(
                    PutRequest.builder().item(toSdkItem(w.putRequest().item())).build());
        }
        if (w.deleteRequest() != null) {
            b.deleteRequest(DeleteRequest.builder()
                    .key(toSdkItem(w.deleteRequest().key()))
                    .build());
        }
        return b.build();
    }

    /** @return FloeDB's form of {@code w} */
    public static floe.api.model.WriteRequest fromSdk(WriteRequest w) {
        if (w == null) {
            return null;
        }
        return new floe.api.model.WriteRequest(
                w.putRequest() == null
                        ? null
                        : new floe.api.model.PutRequest(
                                fromSdkItem(w.putRequest().item())),
                w.deleteRequest() == null
                        ? null
                        : new floe.api.model.DeleteRequest(
                                fromSdkItem(w.deleteRequest().key())));
    }

    private static List<WriteRequest> toSdkWrites(List<floe.api.model.WriteRequest> writes) {
        return list(writes, SdkModel::toSdk);
    }

    private static List<floe.api.model.WriteRequest> fromSdkWrites(List<WriteRequest> writes) {
        return list(writes, SdkModel::fromSdk);
    }

    /** @return the SDK's form of {@code r} */
    public static BatchWriteItemRequest toSdk(floe.api.model.BatchWriteItemRequest r) {
        return BatchWriteItemRequest.builder()
                .requestItems(map(r.requestItems(), SdkModel::toSdkWrites))
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .returnItemCollectionMetrics(r.returnItemCollectionMetrics())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.BatchWriteItemRequest fromSdk(BatchWriteItemRequest r) {
        return new floe.api.model.BatchWriteItemRequest(
                map(r.requestItems(), SdkModel::fromSdkWrites),
                r.returnConsumedCapacityAsString(),
                r.returnItemCollectionMetricsAsString());
    }

    /** @return the SDK's form of {@code r} */
    public static BatchWriteItemResponse toSdk(floe.api.model.BatchWriteItemResponse r) {
        return BatchWriteItemResponse.builder()
                .unprocessedItems(map(r.unprocessedItems(), SdkModel::toSdkWrites))
                .consumedCapacity(toSdkCapacities(r.consumedCapacity()))
                .itemCollectionMetrics(toSdkMetrics(r.itemCollectionMetrics()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.BatchWriteItemResponse fromSdk(BatchWriteItemResponse r) {
        return new floe.api.model.BatchWriteItemResponse(
                map(r.unprocessedItems(), SdkModel::fromSdkWrites),
                fromSdkCapacities(r.consumedCapacity()),
                fromSdkMetrics(r.itemCollectionMetrics()));
    }

    // ------------------------------------------------------------------ transactions

    /** @return the SDK's form of {@code c} */
    public static ConditionCheck toSdk(floe.api.model.ConditionCheck c) {
        return c == null
                ? null
                : ConditionCheck.builder()
                        .key(toSdkItem(c.key()))
                        .tableName(c.tableName())
                        .conditionExpression(c.conditionExpression())
                        .expressionAttributeNames(c.expressionAttributeNames())
                        .expressionAttributeValues(toSdkItem(c.expressionAttributeValues()))
                        .returnValuesOnConditionCheckFailure(c.returnValuesOnConditionCheckFailure())
                        .build();
    }

    /** @return FloeDB's form of {@code c} */
    public static floe.api.model.ConditionCheck fromSdk(ConditionCheck c) {
        return c == null
                ? null
                : new floe.api.model.ConditionCheck(
                        fromSdkItem(c.key()),
                        c.tableName(),
                        c.conditionExpression(),
                        copyMap(c.expressionAttributeNames()),
                        fromSdkItem(c.expressionAttributeValues()),
                        c.returnValuesOnConditionCheckFailureAsString());
    }

    /** @return the SDK's form of {@code p} */
    public static Put toSdk(floe.api.model.Put p) {
        return p == null
                ? null
                : Put.builder()
                        .item(toSdkItem(p.item()))
                        .tableName(p.tableName())
                        .conditionExpression(p.conditionExpression())
                        .expressionAttributeNames(p.expressionAttributeNames())
                        .expressionAttributeValues(toSdkItem(p.expressionAttributeValues()))
                        .returnValuesOnConditionCheckFailure(p.returnValuesOnConditionCheckFailure())
                        .build();
    }

    /** @return FloeDB's form of {@code p} */
    public static floe.api.model.Put fromSdk(Put p) {
        return p == null
                ? null
                : new floe.api.model.Put(
                        fromSdkItem(p.item()),
                        p.tableName(),
                        p.conditionExpression(),
                        copyMap(p.expressionAttributeNames()),
                        fromSdkItem(p.expressionAttributeValues()),
                        p.returnValuesOnConditionCheckFailureAsString());
    }

    /** @return the SDK's form of {@code d} */
    public static Delete toSdk(floe.api.model.Delete d) {
        return d == null
                ? null
                : Delete.builder()
                        .key(toSdkItem(d.key()))
                        .tableName(d.tableName())
                        .conditionExpression(d.conditionExpression())
                        .expressionAttributeNames(d.expressionAttributeNames())
                        .expressionAttributeValues(toSdkItem(d.expressionAttributeValues()))
                        .returnValuesOnConditionCheckFailure(d.returnValuesOnConditionCheckFailure())
                        .build();
    }

    /** @return FloeDB's form of {@code d} */
    public static floe.api.model.Delete fromSdk(Delete d) {
        return d == null
                ? null
                : new floe.api.model.Delete(
                        fromSdkItem(d.key()),
                        d.tableName(),
                        d.conditionExpression(),
                        copyMap(d.expressionAttributeNames()),
                        fromSdkItem(d.expressionAttributeValues()),
                        d.returnValuesOnConditionCheckFailureAsString());
    }

    /** @return the SDK's form of {@code u} */
    public static Update toSdk(floe.api.model.Update u) {
        return u == null
                ? null
                : Update.builder()
                        .key(toSdkItem(u.key()))
                        .updateExpression(u.updateExpression())
                        .tableName(u.tableName())
                        .conditionExpression(u.conditionExpression())
                        .expressionAttributeNames(u.expressionAttributeNames())
                        .expressionAttributeValues(toSdkItem(u.expressionAttributeValues()))
                        .returnValuesOnConditionCheckFailure(u.returnValuesOnConditionCheckFailure())
                        .build();
    }

    /** @return FloeDB's form of {@code u} */
    public static floe.api.model.Update fromSdk(Update u) {
        return u == null
                ? null
                : new floe.api.model.Update(
                        fromSdkItem(u.key()),
                        u.updateExpression(),
                        u.tableName(),
                        u.conditionExpression(),
                        copyMap(u.expressionAttributeNames()),
                        fromSdkItem(u.expressionAttributeValues()),
                        u.returnValuesOnConditionCheckFailureAsString());
    }

    /** @return the SDK's form of {@code t}, every action it holds included */
    public static TransactWriteItem toSdk(floe.api.model.TransactWriteItem t) {
        return t == null
                ? null
                : TransactWriteItem.builder()
                        .conditionCheck(toSdk(t.conditionCheck()))
                        .put(toSdk(t.put()))
                        .delete(toSdk(t.delete()))
                        .update(toSdk(t.update()))
                        .build();
    }

    /** @return FloeDB's form of {@code t} */
    public static floe.api.model.TransactWriteItem fromSdk(TransactWriteItem t) {
        return t == null
                ? null
                : new floe.api.model.TransactWriteItem(
                        fromSdk(t.conditionCheck()), fromSdk(t.put()), fromSdk(t.delete()), fromSdk(t.update()));
    }

    /**
     * The SDK's form of {@code r}. Without a client request token the SDK makes one up when it
     * sends the request, as it does for every caller.
     */
    public static TransactWriteItemsRequest toSdk(floe.api.model.TransactWriteItemsRequest r) {
        return TransactWriteItemsRequest.builder()
                .transactItems(list(r.transactItems(), SdkModel::toSdk))
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .returnItemCollectionMetrics(r.returnItemCollectionMetrics())
                .clientRequestToken(r.clientRequestToken())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.TransactWriteItemsRequest fromSdk(TransactWriteItemsRequest r) {
        return new floe.api.model.TransactWriteItemsRequest(
                list(r.transactItems(), SdkModel::fromSdk),
                r.returnConsumedCapacityAsString(),
                r.returnItemCollectionMetricsAsString(),
                r.clientRequestToken());
    }

    /** @return the SDK's form of {@code r} */
    public static TransactWriteItemsResponse toSdk(floe.api.model.TransactWriteItemsResponse r) {
        return TransactWriteItemsResponse.builder()
                .consumedCapacity(toSdkCapacities(r.consumedCapacity()))
                .itemCollectionMetrics(toSdkMetrics(r.itemCollectionMetrics()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.TransactWriteItemsResponse fromSdk(TransactWriteItemsResponse r) {
        return new floe.api.model.TransactWriteItemsResponse(
                fromSdkCapacities(r.consumedCapacity()), fromSdkMetrics(r.itemCollectionMetrics()));
    }

    /** @return the SDK's form of {@code g} */
    public static Get toSdk(floe.api.model.Get g) {
        return g == null
                ? null
                : Get.builder()
                        .key(toSdkItem(g.key()))
                        .tableName(g.tableName())
                        .projectionExpression(g.projectionExpression())
                        .expressionAttributeNames(g.expressionAttributeNames())
                        .build();
    }

    /** @return FloeDB's form of {@code g} */
    public static floe.api.model.Get fromSdk(Get g) {
        return g == null
                ? null
                : new floe.api.model.Get(
                        fromSdkItem(g.key()),
                        g.tableName(),
                        g.projectionExpression(),
                        copyMap(g.expressionAttributeNames()));
    }

    /** @return the SDK's form of {@code t} */
    public static TransactGetItem toSdk(floe.api.model.TransactGetItem t) {
        return t == null ? null : TransactGetItem.builder().get(toSdk(t.get())).build();
    }

    /** @return FloeDB's form of {@code t} */
    public static floe.api.model.TransactGetItem fromSdk(TransactGetItem t) {
        return t == null ? null : new floe.api.model.TransactGetItem(fromSdk(t.get()));
    }

    /** @return the SDK's form of {@code r} */
    public static TransactGetItemsRequest toSdk(floe.api.model.TransactGetItemsRequest r) {
        return TransactGetItemsRequest.builder()
                .transactItems(list(r.transactItems(), SdkModel::toSdk))
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.TransactGetItemsRequest fromSdk(TransactGetItemsRequest r) {
        return new floe.api.model.TransactGetItemsRequest(
                list(r.transactItems(), SdkModel::fromSdk), r.returnConsumedCapacityAsString());
    }

    /** @return the SDK's form of {@code i} */
    public static ItemResponse toSdk(floe.api.model.ItemResponse i) {
        return i == null
                ? null
                : ItemResponse.builder().item(toSdkItem(i.item())).build();
    }

    /** @return FloeDB's form of {@code i}; a read that found nothing has a null item */
    public static floe.api.model.ItemResponse fromSdk(ItemResponse i) {
        return i == null ? null : new floe.api.model.ItemResponse(fromSdkItem(i.item()));
    }

    /** @return the SDK's form of {@code r} */
    public static TransactGetItemsResponse toSdk(floe.api.model.TransactGetItemsResponse r) {
        return TransactGetItemsResponse.builder()
                .consumedCapacity(toSdkCapacities(r.consumedCapacity()))
                .responses(list(r.responses(), SdkModel::toSdk))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.TransactGetItemsResponse fromSdk(TransactGetItemsResponse r) {
        return new floe.api.model.TransactGetItemsResponse(
                fromSdkCapacities(r.consumedCapacity()), list(r.responses(), SdkModel::fromSdk));
    }

    // ------------------------------------------------------------------ PartiQL

    /** @return the SDK's form of {@code r} */
    public static ExecuteStatementRequest toSdk(floe.api.model.ExecuteStatementRequest r) {
        return ExecuteStatementRequest.builder()
                .statement(r.statement())
                .parameters(toSdkValues(r.parameters()))
                .consistentRead(r.consistentRead())
                .nextToken(r.nextToken())
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .limit(r.limit())
                .returnValuesOnConditionCheckFailure(r.returnValuesOnConditionCheckFailure())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.ExecuteStatementRequest fromSdk(ExecuteStatementRequest r) {
        return new floe.api.model.ExecuteStatementRequest(
                r.statement(),
                fromSdkValues(r.parameters()),
                r.consistentRead(),
                r.nextToken(),
                r.returnConsumedCapacityAsString(),
                r.limit(),
                r.returnValuesOnConditionCheckFailureAsString());
    }

    /** @return the SDK's form of {@code r} */
    public static ExecuteStatementResponse toSdk(floe.api.model.ExecuteStatementResponse r) {
        return ExecuteStatementResponse.builder()
                .items(toSdkItems(r.items()))
                .nextToken(r.nextToken())
                .consumedCapacity(toSdk(r.consumedCapacity()))
                .lastEvaluatedKey(toSdkItem(r.lastEvaluatedKey()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.ExecuteStatementResponse fromSdk(ExecuteStatementResponse r) {
        return new floe.api.model.ExecuteStatementResponse(
                fromSdkItems(r.items()),
                r.nextToken(),
                fromSdk(r.consumedCapacity()),
                fromSdkItem(r.lastEvaluatedKey()));
    }

    /** @return the SDK's form of {@code s} */
    public static BatchStatementRequest toSdk(floe.api.model.BatchStatementRequest s) {
        return s == null
                ? null
                : BatchStatementRequest.builder()
                        .statement(s.statement())
                        .parameters(toSdkValues(s.parameters()))
                        .consistentRead(s.consistentRead())
                        .returnValuesOnConditionCheckFailure(s.returnValuesOnConditionCheckFailure())
                        .build();
    }

    /** @return FloeDB's form of {@code s} */
    public static floe.api.model.BatchStatementRequest fromSdk(BatchStatementRequest s) {
        return s == null
                ? null
                : new floe.api.model.BatchStatementRequest(
                        s.statement(),
                        fromSdkValues(s.parameters()),
                        s.consistentRead(),
                        s.returnValuesOnConditionCheckFailureAsString());
    }

    /** @return the SDK's form of {@code r} */
    public static BatchExecuteStatementRequest toSdk(floe.api.model.BatchExecuteStatementRequest r) {
        return BatchExecuteStatementRequest.builder()
                .statements(list(r.statements(), SdkModel::toSdk))
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.BatchExecuteStatementRequest fromSdk(BatchExecuteStatementRequest r) {
        return new floe.api.model.BatchExecuteStatementRequest(
                list(r.statements(), SdkModel::fromSdk), r.returnConsumedCapacityAsString());
    }

    /** @return the SDK's form of {@code e} */
    public static BatchStatementError toSdk(floe.api.model.BatchStatementError e) {
        return e == null
                ? null
                : BatchStatementError.builder()
                        .code(e.code())
                        .message(e.message())
                        .item(toSdkItem(e.item()))
                        .build();
    }

    /** @return FloeDB's form of {@code e} */
    public static floe.api.model.BatchStatementError fromSdk(BatchStatementError e) {
        return e == null
                ? null
                : new floe.api.model.BatchStatementError(e.codeAsString(), e.message(), fromSdkItem(e.item()));
    }

    /** @return the SDK's form of {@code r} */
    public static BatchStatementResponse toSdk(floe.api.model.BatchStatementResponse r) {
        return r == null
                ? null
                : BatchStatementResponse.builder()
                        .error(toSdk(r.error()))
                        .tableName(r.tableName())
                        .item(toSdkItem(r.item()))
                        .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.BatchStatementResponse fromSdk(BatchStatementResponse r) {
        return r == null
                ? null
                : new floe.api.model.BatchStatementResponse(fromSdk(r.error()), r.tableName(), fromSdkItem(r.item()));
    }

    /** @return the SDK's form of {@code r} */
    public static BatchExecuteStatementResponse toSdk(floe.api.model.BatchExecuteStatementResponse r) {
        return BatchExecuteStatementResponse.builder()
                .responses(list(r.responses(), SdkModel::toSdk))
                .consumedCapacity(toSdkCapacities(r.consumedCapacity()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.BatchExecuteStatementResponse fromSdk(BatchExecuteStatementResponse r) {
        return new floe.api.model.BatchExecuteStatementResponse(
                list(r.responses(), SdkModel::fromSdk), fromSdkCapacities(r.consumedCapacity()));
    }

    /** @return the SDK's form of {@code s} */
    public static ParameterizedStatement toSdk(floe.api.model.ParameterizedStatement s) {
        return s == null
                ? null
                : ParameterizedStatement.builder()
                        .statement(s.statement())
                        .parameters(toSdkValues(s.parameters()))
                        .returnValuesOnConditionCheckFailure(s.returnValuesOnConditionCheckFailure())
                        .build();
    }

    /** @return FloeDB's form of {@code s} */
    public static floe.api.model.ParameterizedStatement fromSdk(ParameterizedStatement s) {
        return s == null
                ? null
                : new floe.api.model.ParameterizedStatement(
                        s.statement(), fromSdkValues(s.parameters()), s.returnValuesOnConditionCheckFailureAsString());
    }

    /** @return the SDK's form of {@code r} */
    public static ExecuteTransactionRequest toSdk(floe.api.model.ExecuteTransactionRequest r) {
        return ExecuteTransactionRequest.builder()
                .transactStatements(list(r.transactStatements(), SdkModel::toSdk))
                .clientRequestToken(r.clientRequestToken())
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.ExecuteTransactionRequest fromSdk(ExecuteTransactionRequest r) {
        return new floe.api.model.ExecuteTransactionRequest(
                list(r.transactStatements(), SdkModel::fromSdk),
                r.clientRequestToken(),
                r.returnConsumedCapacityAsString());
    }

    /** @return the SDK's form of {@code r} */
    public static ExecuteTransactionResponse toSdk(floe.api.model.ExecuteTransactionResponse r) {
        return ExecuteTransactionResponse.builder()
                .responses(list(r.responses(), SdkModel::toSdk))
                .consumedCapacity(toSdkCapacities(r.consumedCapacity()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.ExecuteTransactionResponse fromSdk(ExecuteTransactionResponse r) {
        return new floe.api.model.ExecuteTransactionResponse(
                list(r.responses(), SdkModel::fromSdk), fromSdkCapacities(r.consumedCapacity()));
    }

    // ------------------------------------------------------------------ streams

    /** @return the SDK's form of {@code s} */
    public static StreamSpecification toSdk(floe.api.model.StreamSpecification s) {
        return s == null
                ? null
                : StreamSpecification.builder()
                        .streamEnabled(s.streamEnabled())
                        .streamViewType(s.streamViewType())
                        .build();
    }

    /** @return FloeDB's form of {@code s} */
    public static floe.api.model.StreamSpecification fromSdk(StreamSpecification s) {
        return s == null ? null : new floe.api.model.StreamSpecification(s.streamEnabled(), s.streamViewTypeAsString());
    }

    /** @return the SDK's form of {@code s} */
    public static Stream toSdk(floe.api.model.Stream s) {
        return s == null
                ? null
                : Stream.builder()
                        .streamArn(s.streamArn())
                        .tableName(s.tableName())
                        .streamLabel(s.streamLabel())
                        .build();
    }

    /** @return FloeDB's form of {@code s} */
    public static floe.api.model.Stream fromSdk(Stream s) {
        return s == null ? null : new floe.api.model.Stream(s.streamArn(), s.tableName(), s.streamLabel());
    }

    /** @return the SDK's form of {@code r} */
    public static ListStreamsRequest toSdk(floe.api.model.ListStreamsRequest r) {
        return ListStreamsRequest.builder()
                .tableName(r.tableName())
                .limit(r.limit())
                .exclusiveStartStreamArn(r.exclusiveStartStreamArn())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.ListStreamsRequest fromSdk(ListStreamsRequest r) {
        return new floe.api.model.ListStreamsRequest(r.tableName(), r.limit(), r.exclusiveStartStreamArn());
    }

    /** @return the SDK's form of {@code r} */
    public static ListStreamsResponse toSdk(floe.api.model.ListStreamsResponse r) {
        return ListStreamsResponse.builder()
                .streams(list(r.streams(), SdkModel::toSdk))
                .lastEvaluatedStreamArn(r.lastEvaluatedStreamArn())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.ListStreamsResponse fromSdk(ListStreamsResponse r) {
        return new floe.api.model.ListStreamsResponse(list(r.streams(), SdkModel::fromSdk), r.lastEvaluatedStreamArn());
    }

    /** @return the SDK's form of {@code r} */
    public static SequenceNumberRange toSdk(floe.api.model.SequenceNumberRange r) {
        return r == null
                ? null
                : SequenceNumberRange.builder()
                        .startingSequenceNumber(r.startingSequenceNumber())
                        .endingSequenceNumber(r.endingSequenceNumber())
                        .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.SequenceNumberRange fromSdk(SequenceNumberRange r) {
        return r == null
                ? null
                : new floe.api.model.SequenceNumberRange(r.startingSequenceNumber(), r.endingSequenceNumber());
    }

    /** @return the SDK's form of {@code s} */
    public static Shard toSdk(floe.api.model.Shard s) {
        return s == null
                ? null
                : Shard.builder()
                        .shardId(s.shardId())
                        .sequenceNumberRange(toSdk(s.sequenceNumberRange()))
                        .parentShardId(s.parentShardId())
                        .build();
    }

    /** @return FloeDB's form of {@code s} */
    public static floe.api.model.Shard fromSdk(Shard s) {
        return s == null
                ? null
                : new floe.api.model.Shard(s.shardId(), fromSdk(s.sequenceNumberRange()), s.parentShardId());
    }

    /** @return the SDK's form of {@code f} */
    public static ShardFilter toSdk(floe.api.model.ShardFilter f) {
        return f == null
                ? null
                : ShardFilter.builder().type(f.type()).shardId(f.shardId()).build();
    }

    /** @return FloeDB's form of {@code f} */
    public static floe.api.model.ShardFilter fromSdk(ShardFilter f) {
        return f == null ? null : new floe.api.model.ShardFilter(f.typeAsString(), f.shardId());
    }

    /** @return the SDK's form of {@code r} */
    public static DescribeStreamRequest toSdk(floe.api.model.DescribeStreamRequest r) {
        return DescribeStreamRequest.builder()
                .streamArn(r.streamArn())
                .limit(r.limit())
                .exclusiveStartShardId(r.exclusiveStartShardId())
                .shardFilter(toSdk(r.shardFilter()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.DescribeStreamRequest fromSdk(DescribeStreamRequest r) {
        return new floe.api.model.DescribeStreamRequest(
                r.streamArn(), r.limit(), r.exclusiveStartShardId(), fromSdk(r.shardFilter()));
    }

    /** @return the SDK's form of {@code d} */
    public static StreamDescription toSdk(floe.api.model.StreamDescription d) {
        return d == null
                ? null
                : StreamDescription.builder()
                        .streamArn(d.streamArn())
                        .streamLabel(d.streamLabel())
                        .streamStatus(d.streamStatus())
                        .streamViewType(d.streamViewType())
                        .creationRequestDateTime(d.creationRequestDateTime())
                        .tableName(d.tableName())
                        .keySchema(list(d.keySchema(), SdkModel::toSdk))
                        .shards(list(d.shards(), SdkModel::toSdk))
                        .lastEvaluatedShardId(d.lastEvaluatedShardId())
                        .build();
    }

    /** @return FloeDB's form of {@code d} */
    public static floe.api.model.StreamDescription fromSdk(StreamDescription d) {
        return d == null
                ? null
                : new floe.api.model.StreamDescription(
                        d.streamArn(),
                        d.streamLabel(),
                        d.streamStatusAsString(),
                        d.streamViewTypeAsString(),
                        d.creationRequestDateTime(),
                        d.tableName(),
                        list(d.keySchema(), SdkModel::fromSdk),
                        list(d.shards(), SdkModel::fromSdk),
                        d.lastEvaluatedShardId());
    }

    /** @return the SDK's form of {@code r} */
    public static DescribeStreamResponse toSdk(floe.api.model.DescribeStreamResponse r) {
        return DescribeStreamResponse.builder()
                .streamDescription(toSdk(r.streamDescription()))
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.DescribeStreamResponse fromSdk(DescribeStreamResponse r) {
        return new floe.api.model.DescribeStreamResponse(fromSdk(r.streamDescription()));
    }

    /** @return the SDK's form of {@code r} */
    public static GetShardIteratorRequest toSdk(floe.api.model.GetShardIteratorRequest r) {
        return GetShardIteratorRequest.builder()
                .streamArn(r.streamArn())
                .shardId(r.shardId())
                .shardIteratorType(r.shardIteratorType())
                .sequenceNumber(r.sequenceNumber())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.GetShardIteratorRequest fromSdk(GetShardIteratorRequest r) {
        return new floe.api.model.GetShardIteratorRequest(
                r.streamArn(), r.shardId(), r.shardIteratorTypeAsString(), r.sequenceNumber());
    }

    /** @return the SDK's form of {@code r} */
    public static GetShardIteratorResponse toSdk(floe.api.model.GetShardIteratorResponse r) {
        return GetShardIteratorResponse.builder()
                .shardIterator(r.shardIterator())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.GetShardIteratorResponse fromSdk(GetShardIteratorResponse r) {
        return new floe.api.model.GetShardIteratorResponse(r.shardIterator());
    }

    /** @return the SDK's form of {@code i} */
    public static Identity toSdk(floe.api.model.Identity i) {
        return i == null
                ? null
                : Identity.builder().principalId(i.principalId()).type(i.type()).build();
    }

    /** @return FloeDB's form of {@code i} */
    public static floe.api.model.Identity fromSdk(Identity i) {
        return i == null ? null : new floe.api.model.Identity(i.principalId(), i.type());
    }

    /** @return the SDK's form of {@code r} */
    public static StreamRecord toSdk(floe.api.model.StreamRecord r) {
        return r == null
                ? null
                : StreamRecord.builder()
                        .approximateCreationDateTime(r.approximateCreationDateTime())
                        .keys(toSdkItem(r.keys()))
                        .newImage(toSdkItem(r.newImage()))
                        .oldImage(toSdkItem(r.oldImage()))
                        .sequenceNumber(r.sequenceNumber())
                        .sizeBytes(r.sizeBytes())
                        .streamViewType(r.streamViewType())
                        .build();
    }

    /** @return FloeDB's form of {@code r}; an image the record does not hold is null */
    public static floe.api.model.StreamRecord fromSdk(StreamRecord r) {
        return r == null
                ? null
                : new floe.api.model.StreamRecord(
                        r.approximateCreationDateTime(),
                        fromSdkItem(r.keys()),
                        fromSdkItem(r.newImage()),
                        fromSdkItem(r.oldImage()),
                        r.sequenceNumber(),
                        r.sizeBytes(),
                        r.streamViewTypeAsString());
    }

    /** @return the SDK's form of {@code r} */
    public static Record toSdk(floe.api.model.Record r) {
        return r == null
                ? null
                : Record.builder()
                        .eventID(r.eventID())
                        .eventName(r.eventName())
                        .eventVersion(r.eventVersion())
                        .eventSource(r.eventSource())
                        .awsRegion(r.awsRegion())
                        .dynamodb(toSdk(r.dynamodb()))
                        .userIdentity(toSdk(r.userIdentity()))
                        .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.Record fromSdk(Record r) {
        return r == null
                ? null
                : new floe.api.model.Record(
                        r.eventID(),
                        r.eventNameAsString(),
                        r.eventVersion(),
                        r.eventSource(),
                        r.awsRegion(),
                        fromSdk(r.dynamodb()),
                        fromSdk(r.userIdentity()));
    }

    /** @return the SDK's form of {@code r} */
    public static GetRecordsRequest toSdk(floe.api.model.GetRecordsRequest r) {
        return GetRecordsRequest.builder()
                .shardIterator(r.shardIterator())
                .limit(r.limit())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.GetRecordsRequest fromSdk(GetRecordsRequest r) {
        return new floe.api.model.GetRecordsRequest(r.shardIterator(), r.limit());
    }

    /** @return the SDK's form of {@code r} */
    public static GetRecordsResponse toSdk(floe.api.model.GetRecordsResponse r) {
        return GetRecordsResponse.builder()
                .records(list(r.records(), SdkModel::toSdk))
                .nextShardIterator(r.nextShardIterator())
                .build();
    }

    /** @return FloeDB's form of {@code r} */
    public static floe.api.model.GetRecordsResponse fromSdk(GetRecordsResponse r) {
        return new floe.api.model.GetRecordsResponse(list(r.records(), SdkModel::fromSdk), r.nextShardIterator());
    }

    // ------------------------------------------------------------------ backups

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.BackupDetails toSdk(floe.api.model.BackupDetails x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.BackupDetails.builder()
                        .backupArn(x.backupArn())
                        .backupName(x.backupName())
                        .backupSizeBytes(x.backupSizeBytes())
                        .backupStatus(x.backupStatus())
                        .backupType(x.backupType())
                        .backupCreationDateTime(x.backupCreationDateTime())
                        .backupExpiryDateTime(x.backupExpiryDateTime())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.BackupDetails fromSdk(software.amazon.awssdk.services.dynamodb.model.BackupDetails x) {
        return x == null
                ? null
                : new floe.api.model.BackupDetails(
                        x.backupArn(),
                        x.backupName(),
                        x.backupSizeBytes(),
                        x.backupStatusAsString(),
                        x.backupTypeAsString(),
                        x.backupCreationDateTime(),
                        x.backupExpiryDateTime());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.SourceTableDetails toSdk(
            floe.api.model.SourceTableDetails x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.SourceTableDetails.builder()
                        .tableName(x.tableName())
                        .tableId(x.tableId())
                        .tableArn(x.tableArn())
                        .tableSizeBytes(x.tableSizeBytes())
                        .keySchema(list(x.keySchema(), SdkModel::toSdk))
                        .tableCreationDateTime(x.tableCreationDateTime())
                        .provisionedThroughput(toSdk(x.provisionedThroughput()))
                        .onDemandThroughput(toSdk(x.onDemandThroughput()))
                        .itemCount(x.itemCount())
                        .billingMode(x.billingMode())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.SourceTableDetails fromSdk(
            software.amazon.awssdk.services.dynamodb.model.SourceTableDetails x) {
        return x == null
                ? null
                : new floe.api.model.SourceTableDetails(
                        x.tableName(),
                        x.tableId(),
                        x.tableArn(),
                        x.tableSizeBytes(),
                        list(x.keySchema(), SdkModel::fromSdk),
                        x.tableCreationDateTime(),
                        fromSdk(x.provisionedThroughput()),
                        fromSdk(x.onDemandThroughput()),
                        x.itemCount(),
                        x.billingModeAsString());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexInfo toSdk(
            floe.api.model.LocalSecondaryIndexInfo x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexInfo.builder()
                        .indexName(x.indexName())
                        .keySchema(list(x.keySchema(), SdkModel::toSdk))
                        .projection(toSdk(x.projection()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.LocalSecondaryIndexInfo fromSdk(
            software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexInfo x) {
        return x == null
                ? null
                : new floe.api.model.LocalSecondaryIndexInfo(
                        x.indexName(), list(x.keySchema(), SdkModel::fromSdk), fromSdk(x.projection()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexInfo toSdk(
            floe.api.model.GlobalSecondaryIndexInfo x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexInfo.builder()
                        .indexName(x.indexName())
                        .keySchema(list(x.keySchema(), SdkModel::toSdk))
                        .projection(toSdk(x.projection()))
                        .provisionedThroughput(toSdk(x.provisionedThroughput()))
                        .onDemandThroughput(toSdk(x.onDemandThroughput()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.GlobalSecondaryIndexInfo fromSdk(
            software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexInfo x) {
        return x == null
                ? null
                : new floe.api.model.GlobalSecondaryIndexInfo(
                        x.indexName(),
                        list(x.keySchema(), SdkModel::fromSdk),
                        fromSdk(x.projection()),
                        fromSdk(x.provisionedThroughput()),
                        fromSdk(x.onDemandThroughput()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.SourceTableFeatureDetails toSdk(
            floe.api.model.SourceTableFeatureDetails x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.SourceTableFeatureDetails.builder()
                        .localSecondaryIndexes(list(x.localSecondaryIndexes(), SdkModel::toSdk))
                        .globalSecondaryIndexes(list(x.globalSecondaryIndexes(), SdkModel::toSdk))
                        .streamDescription(toSdk(x.streamDescription()))
                        .timeToLiveDescription(toSdk(x.timeToLiveDescription()))
                        .sseDescription(toSdk(x.sseDescription()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.SourceTableFeatureDetails fromSdk(
            software.amazon.awssdk.services.dynamodb.model.SourceTableFeatureDetails x) {
        return x == null
                ? null
                : new floe.api.model.SourceTableFeatureDetails(
                        list(x.localSecondaryIndexes(), SdkModel::fromSdk),
                        list(x.globalSecondaryIndexes(), SdkModel::fromSdk),
                        fromSdk(x.streamDescription()),
                        fromSdk(x.timeToLiveDescription()),
                        fromSdk(x.sseDescription()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.BackupDescription toSdk(
            floe.api.model.BackupDescription x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.BackupDescription.builder()
                        .backupDetails(toSdk(x.backupDetails()))
                        .sourceTableDetails(toSdk(x.sourceTableDetails()))
                        .sourceTableFeatureDetails(toSdk(x.sourceTableFeatureDetails()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.BackupDescription fromSdk(
            software.amazon.awssdk.services.dynamodb.model.BackupDescription x) {
        return x == null
                ? null
                : new floe.api.model.BackupDescription(
                        fromSdk(x.backupDetails()),
                        fromSdk(x.sourceTableDetails()),
                        fromSdk(x.sourceTableFeatureDetails()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.BackupSummary toSdk(floe.api.model.BackupSummary x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.BackupSummary.builder()
                        .tableName(x.tableName())
                        .tableId(x.tableId())
                        .tableArn(x.tableArn())
                        .backupArn(x.backupArn())
                        .backupName(x.backupName())
                        .backupCreationDateTime(x.backupCreationDateTime())
                        .backupExpiryDateTime(x.backupExpiryDateTime())
                        .backupStatus(x.backupStatus())
                        .backupType(x.backupType())
                        .backupSizeBytes(x.backupSizeBytes())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.BackupSummary fromSdk(software.amazon.awssdk.services.dynamodb.model.BackupSummary x) {
        return x == null
                ? null
                : new floe.api.model.BackupSummary(
                        x.tableName(),
                        x.tableId(),
                        x.tableArn(),
                        x.backupArn(),
                        x.backupName(),
                        x.backupCreationDateTime(),
                        x.backupExpiryDateTime(),
                        x.backupStatusAsString(),
                        x.backupTypeAsString(),
                        x.backupSizeBytes());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ReplicaDescription toSdk(
            floe.api.model.ReplicaDescription x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ReplicaDescription.builder()
                        .regionName(x.regionName())
                        .replicaStatus(x.replicaStatus())
                        .replicaStatusDescription(x.replicaStatusDescription())
                        .replicaStatusPercentProgress(x.replicaStatusPercentProgress())
                        .kmsMasterKeyId(x.kmsMasterKeyId())
                        .provisionedThroughputOverride(toSdk(x.provisionedThroughputOverride()))
                        .onDemandThroughputOverride(toSdk(x.onDemandThroughputOverride()))
                        .globalSecondaryIndexes(
                                x.globalSecondaryIndexes() == null
                                        ? null
                                        : x.globalSecondaryIndexes().stream()
                                                .map(g -> software.amazon.awssdk.services.dynamodb.model
                                                        .ReplicaGlobalSecondaryIndexDescription.builder()
                                                        .indexName(g.indexName())
                                                        .provisionedThroughputOverride(
                                                                toSdk(g.provisionedThroughputOverride()))
                                                        .onDemandThroughputOverride(
                                                                toSdk(g.onDemandThroughputOverride()))
                                                        .build())
                                                .toList())
                        .replicaInaccessibleDateTime(x.replicaInaccessibleDateTime())
                        .replicaTableClassSummary(toSdk(x.replicaTableClassSummary()))
                        .build();
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputOverride toSdk(
            floe.api.model.ProvisionedThroughputOverride x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputOverride.builder()
                        .readCapacityUnits(x.readCapacityUnits())
                        .build();
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.OnDemandThroughputOverride toSdk(
            floe.api.model.OnDemandThroughputOverride x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.OnDemandThroughputOverride.builder()
                        .maxReadRequestUnits(x.maxReadRequestUnits())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ProvisionedThroughputOverride fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputOverride x) {
        return x == null ? null : new floe.api.model.ProvisionedThroughputOverride(x.readCapacityUnits());
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.OnDemandThroughputOverride fromSdk(
            software.amazon.awssdk.services.dynamodb.model.OnDemandThroughputOverride x) {
        return x == null ? null : new floe.api.model.OnDemandThroughputOverride(x.maxReadRequestUnits());
    }

    private static java.util.List<software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndex>
            toSdkReplicaIndexes(java.util.List<floe.api.model.ReplicaGlobalSecondaryIndex> x) {
        return x == null
                ? null
                : x.stream()
                        .map(g -> software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndex.builder()
                                .indexName(g.indexName())
                                .provisionedThroughputOverride(toSdk(g.provisionedThroughputOverride()))
                                .onDemandThroughputOverride(toSdk(g.onDemandThroughputOverride()))
                                .build())
                        .toList();
    }

    private static java.util.List<floe.api.model.ReplicaGlobalSecondaryIndex> fromSdkReplicaIndexes(
            boolean present,
            java.util.List<software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndex> x) {
        return !present
                ? null
                : x.stream()
                        .map(g -> new floe.api.model.ReplicaGlobalSecondaryIndex(
                                g.indexName(),
                                fromSdk(g.provisionedThroughputOverride()),
                                fromSdk(g.onDemandThroughputOverride())))
                        .toList();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ReplicaDescription fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ReplicaDescription x) {
        return x == null
                ? null
                : new floe.api.model.ReplicaDescription(
                        x.regionName(),
                        x.replicaStatusAsString(),
                        x.replicaStatusDescription(),
                        x.replicaStatusPercentProgress(),
                        x.kmsMasterKeyId(),
                        fromSdk(x.provisionedThroughputOverride()),
                        fromSdk(x.onDemandThroughputOverride()),
                        !x.hasGlobalSecondaryIndexes()
                                ? null
                                : x.globalSecondaryIndexes().stream()
                                        .map(g -> new floe.api.model.ReplicaGlobalSecondaryIndexDescription(
                                                g.indexName(),
                                                fromSdk(g.provisionedThroughputOverride()),
                                                fromSdk(g.onDemandThroughputOverride())))
                                        .toList(),
                        x.replicaInaccessibleDateTime(),
                        fromSdk(x.replicaTableClassSummary()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate toSdk(
            floe.api.model.ReplicationGroupUpdate x) {
        if (x == null) {
            return null;
        }
        software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate.Builder b =
                software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate.builder();
        if (x.create() != null) {
            b.create(software.amazon.awssdk.services.dynamodb.model.CreateReplicationGroupMemberAction.builder()
                    .regionName(x.create().regionName())
                    .kmsMasterKeyId(x.create().kmsMasterKeyId())
                    .provisionedThroughputOverride(toSdk(x.create().provisionedThroughputOverride()))
                    .onDemandThroughputOverride(toSdk(x.create().onDemandThroughputOverride()))
                    .globalSecondaryIndexes(toSdkReplicaIndexes(x.create().globalSecondaryIndexes()))
                    .tableClassOverride(x.create().tableClassOverride())
                    .build());
        }
        if (x.update() != null) {
            b.update(software.amazon.awssdk.services.dynamodb.model.UpdateReplicationGroupMemberAction.builder()
                    .regionName(x.update().regionName())
                    .kmsMasterKeyId(x.update().kmsMasterKeyId())
                    .provisionedThroughputOverride(toSdk(x.update().provisionedThroughputOverride()))
                    .onDemandThroughputOverride(toSdk(x.update().onDemandThroughputOverride()))
                    .globalSecondaryIndexes(toSdkReplicaIndexes(x.update().globalSecondaryIndexes()))
                    .tableClassOverride(x.update().tableClassOverride())
                    .build());
        }
        if (x.delete() != null) {
            b.delete(software.amazon.awssdk.services.dynamodb.model.DeleteReplicationGroupMemberAction.builder()
                    .regionName(x.delete().regionName())
                    .build());
        }
        return b.build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ReplicationGroupUpdate fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate x) {
        return x == null
                ? null
                : new floe.api.model.ReplicationGroupUpdate(
                        x.create() == null
                                ? null
                                : new floe.api.model.CreateReplicationGroupMemberAction(
                                        x.create().regionName(),
                                        x.create().kmsMasterKeyId(),
                                        fromSdk(x.create().provisionedThroughputOverride()),
                                        fromSdk(x.create().onDemandThroughputOverride()),
                                        fromSdkReplicaIndexes(
                                                x.create().hasGlobalSecondaryIndexes(),
                                                x.create().globalSecondaryIndexes()),
                                        x.create().tableClassOverrideAsString()),
                        x.update() == null
                                ? null
                                : new floe.api.model.UpdateReplicationGroupMemberAction(
                                        x.update().regionName(),
                                        x.update().kmsMasterKeyId(),
                                        fromSdk(x.update().provisionedThroughputOverride()),
                                        fromSdk(x.update().onDemandThroughputOverride()),
                                        fromSdkReplicaIndexes(
                                                x.update().hasGlobalSecondaryIndexes(),
                                                x.update().globalSecondaryIndexes()),
                                        x.update().tableClassOverrideAsString()),
                        x.delete() == null
                                ? null
                                : new floe.api.model.DeleteReplicationGroupMemberAction(
                                        x.delete().regionName()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.RestoreSummary toSdk(floe.api.model.RestoreSummary x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.RestoreSummary.builder()
                        .sourceBackupArn(x.sourceBackupArn())
                        .sourceTableArn(x.sourceTableArn())
                        .restoreDateTime(x.restoreDateTime())
                        .restoreInProgress(x.restoreInProgress())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.RestoreSummary fromSdk(
            software.amazon.awssdk.services.dynamodb.model.RestoreSummary x) {
        return x == null
                ? null
                : new floe.api.model.RestoreSummary(
                        x.sourceBackupArn(), x.sourceTableArn(), x.restoreDateTime(), x.restoreInProgress());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest toSdk(
            floe.api.model.CreateBackupRequest x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest.builder()
                        .tableName(x.tableName())
                        .backupName(x.backupName())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.CreateBackupRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest x) {
        return x == null ? null : new floe.api.model.CreateBackupRequest(x.tableName(), x.backupName());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.CreateBackupResponse toSdk(
            floe.api.model.CreateBackupResponse x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.CreateBackupResponse.builder()
                        .backupDetails(toSdk(x.backupDetails()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.CreateBackupResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.CreateBackupResponse x) {
        return x == null ? null : new floe.api.model.CreateBackupResponse(fromSdk(x.backupDetails()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DescribeBackupRequest toSdk(
            floe.api.model.DescribeBackupRequest x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.DescribeBackupRequest.builder()
                        .backupArn(x.backupArn())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DescribeBackupRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DescribeBackupRequest x) {
        return x == null ? null : new floe.api.model.DescribeBackupRequest(x.backupArn());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DescribeBackupResponse toSdk(
            floe.api.model.DescribeBackupResponse x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.DescribeBackupResponse.builder()
                        .backupDescription(toSdk(x.backupDescription()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DescribeBackupResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DescribeBackupResponse x) {
        return x == null ? null : new floe.api.model.DescribeBackupResponse(fromSdk(x.backupDescription()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DeleteBackupRequest toSdk(
            floe.api.model.DeleteBackupRequest x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.DeleteBackupRequest.builder()
                        .backupArn(x.backupArn())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DeleteBackupRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DeleteBackupRequest x) {
        return x == null ? null : new floe.api.model.DeleteBackupRequest(x.backupArn());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DeleteBackupResponse toSdk(
            floe.api.model.DeleteBackupResponse x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.DeleteBackupResponse.builder()
                        .backupDescription(toSdk(x.backupDescription()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DeleteBackupResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DeleteBackupResponse x) {
        return x == null ? null : new floe.api.model.DeleteBackupResponse(fromSdk(x.backupDescription()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest toSdk(
            floe.api.model.ListBackupsRequest x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest.builder()
                        .tableName(x.tableName())
                        .limit(x.limit())
                        .timeRangeLowerBound(x.timeRangeLowerBound())
                        .timeRangeUpperBound(x.timeRangeUpperBound())
                        .exclusiveStartBackupArn(x.exclusiveStartBackupArn())
                        .backupType(x.backupType())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ListBackupsRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest x) {
        return x == null
                ? null
                : new floe.api.model.ListBackupsRequest(
                        x.tableName(),
                        x.limit(),
                        x.timeRangeLowerBound(),
                        x.timeRangeUpperBound(),
                        x.exclusiveStartBackupArn(),
                        x.backupTypeAsString());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse toSdk(
            floe.api.model.ListBackupsResponse x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse.builder()
                        .backupSummaries(list(x.backupSummaries(), SdkModel::toSdk))
                        .lastEvaluatedBackupArn(x.lastEvaluatedBackupArn())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ListBackupsResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse x) {
        return x == null
                ? null
                : new floe.api.model.ListBackupsResponse(
                        list(x.backupSummaries(), SdkModel::fromSdk), x.lastEvaluatedBackupArn());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest toSdk(
            floe.api.model.RestoreTableFromBackupRequest x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest.builder()
                        .targetTableName(x.targetTableName())
                        .backupArn(x.backupArn())
                        .billingModeOverride(x.billingModeOverride())
                        .globalSecondaryIndexOverride(list(x.globalSecondaryIndexOverride(), SdkModel::toSdk))
                        .localSecondaryIndexOverride(list(x.localSecondaryIndexOverride(), SdkModel::toSdk))
                        .provisionedThroughputOverride(toSdk(x.provisionedThroughputOverride()))
                        .onDemandThroughputOverride(toSdk(x.onDemandThroughputOverride()))
                        .sseSpecificationOverride(toSdk(x.sseSpecificationOverride()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.RestoreTableFromBackupRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest x) {
        return x == null
                ? null
                : new floe.api.model.RestoreTableFromBackupRequest(
                        x.targetTableName(),
                        x.backupArn(),
                        x.billingModeOverrideAsString(),
                        list(x.globalSecondaryIndexOverride(), SdkModel::fromSdk),
                        list(x.localSecondaryIndexOverride(), SdkModel::fromSdk),
                        fromSdk(x.provisionedThroughputOverride()),
                        fromSdk(x.onDemandThroughputOverride()),
                        fromSdk(x.sseSpecificationOverride()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupResponse toSdk(
            floe.api.model.RestoreTableFromBackupResponse x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupResponse.builder()
                        .tableDescription(toSdk(x.tableDescription()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.RestoreTableFromBackupResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupResponse x) {
        return x == null ? null : new floe.api.model.RestoreTableFromBackupResponse(fromSdk(x.tableDescription()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeRequest toSdk(
            floe.api.model.RestoreTableToPointInTimeRequest x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeRequest.builder()
                        .sourceTableArn(x.sourceTableArn())
                        .sourceTableName(x.sourceTableName())
                        .targetTableName(x.targetTableName())
                        .useLatestRestorableTime(x.useLatestRestorableTime())
                        .restoreDateTime(x.restoreDateTime())
                        .billingModeOverride(x.billingModeOverride())
                        .globalSecondaryIndexOverride(list(x.globalSecondaryIndexOverride(), SdkModel::toSdk))
                        .localSecondaryIndexOverride(list(x.localSecondaryIndexOverride(), SdkModel::toSdk))
                        .provisionedThroughputOverride(toSdk(x.provisionedThroughputOverride()))
                        .onDemandThroughputOverride(toSdk(x.onDemandThroughputOverride()))
                        .sseSpecificationOverride(toSdk(x.sseSpecificationOverride()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.RestoreTableToPointInTimeRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeRequest x) {
        return x == null
                ? null
                : new floe.api.model.RestoreTableToPointInTimeRequest(
                        x.sourceTableArn(),
                        x.sourceTableName(),
                        x.targetTableName(),
                        x.useLatestRestorableTime(),
                        x.restoreDateTime(),
                        x.billingModeOverrideAsString(),
                        list(x.globalSecondaryIndexOverride(), SdkModel::fromSdk),
                        list(x.localSecondaryIndexOverride(), SdkModel::fromSdk),
                        fromSdk(x.provisionedThroughputOverride()),
                        fromSdk(x.onDemandThroughputOverride()),
                        fromSdk(x.sseSpecificationOverride()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeResponse toSdk(
            floe.api.model.RestoreTableToPointInTimeResponse x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeResponse.builder()
                        .tableDescription(toSdk(x.tableDescription()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.RestoreTableToPointInTimeResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeResponse x) {
        return x == null ? null : new floe.api.model.RestoreTableToPointInTimeResponse(fromSdk(x.tableDescription()));
    }

    // ------------------------------------------------------------------ exports and imports

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.IncrementalExportSpecification toSdk(
            floe.api.model.IncrementalExportSpecification x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.IncrementalExportSpecification.builder()
                        .exportFromTime(x.exportFromTime())
                        .exportToTime(x.exportToTime())
                        .exportViewType(x.exportViewType())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.IncrementalExportSpecification fromSdk(
            software.amazon.awssdk.services.dynamodb.model.IncrementalExportSpecification x) {
        return x == null
                ? null
                : new floe.api.model.IncrementalExportSpecification(
                        x.exportFromTime(), x.exportToTime(), x.exportViewTypeAsString());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ExportDescription toSdk(
            floe.api.model.ExportDescription x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ExportDescription.builder()
                        .exportArn(x.exportArn())
                        .exportStatus(x.exportStatus())
                        .startTime(x.startTime())
                        .endTime(x.endTime())
                        .exportManifest(x.exportManifest())
                        .tableArn(x.tableArn())
                        .tableId(x.tableId())
                        .exportTime(x.exportTime())
                        .clientToken(x.clientToken())
                        .s3Bucket(x.s3Bucket())
                        .s3BucketOwner(x.s3BucketOwner())
                        .s3Prefix(x.s3Prefix())
                        .s3SseAlgorithm(x.s3SseAlgorithm())
                        .s3SseKmsKeyId(x.s3SseKmsKeyId())
                        .failureCode(x.failureCode())
                        .failureMessage(x.failureMessage())
                        .exportFormat(x.exportFormat())
                        .billedSizeBytes(x.billedSizeBytes())
                        .itemCount(x.itemCount())
                        .exportType(x.exportType())
                        .incrementalExportSpecification(toSdk(x.incrementalExportSpecification()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ExportDescription fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ExportDescription x) {
        return x == null
                ? null
                : new floe.api.model.ExportDescription(
                        x.exportArn(),
                        x.exportStatusAsString(),
                        x.startTime(),
                        x.endTime(),
                        x.exportManifest(),
                        x.tableArn(),
                        x.tableId(),
                        x.exportTime(),
                        x.clientToken(),
                        x.s3Bucket(),
                        x.s3BucketOwner(),
                        x.s3Prefix(),
                        x.s3SseAlgorithmAsString(),
                        x.s3SseKmsKeyId(),
                        x.failureCode(),
                        x.failureMessage(),
                        x.exportFormatAsString(),
                        x.billedSizeBytes(),
                        x.itemCount(),
                        x.exportTypeAsString(),
                        fromSdk(x.incrementalExportSpecification()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ExportSummary toSdk(floe.api.model.ExportSummary x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ExportSummary.builder()
                        .exportArn(x.exportArn())
                        .exportStatus(x.exportStatus())
                        .exportType(x.exportType())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ExportSummary fromSdk(software.amazon.awssdk.services.dynamodb.model.ExportSummary x) {
        return x == null
                ? null
                : new floe.api.model.ExportSummary(x.exportArn(), x.exportStatusAsString(), x.exportTypeAsString());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest toSdk(
            floe.api.model.ExportTableToPointInTimeRequest x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest.builder()
                        .tableArn(x.tableArn())
                        .exportTime(x.exportTime())
                        .clientToken(x.clientToken())
                        .s3Bucket(x.s3Bucket())
                        .s3BucketOwner(x.s3BucketOwner())
                        .s3Prefix(x.s3Prefix())
                        .s3SseAlgorithm(x.s3SseAlgorithm())
                        .s3SseKmsKeyId(x.s3SseKmsKeyId())
                        .exportFormat(x.exportFormat())
                        .exportType(x.exportType())
                        .incrementalExportSpecification(toSdk(x.incrementalExportSpecification()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ExportTableToPointInTimeRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest x) {
        return x == null
                ? null
                : new floe.api.model.ExportTableToPointInTimeRequest(
                        x.tableArn(),
                        x.exportTime(),
                        x.clientToken(),
                        x.s3Bucket(),
                        x.s3BucketOwner(),
                        x.s3Prefix(),
                        x.s3SseAlgorithmAsString(),
                        x.s3SseKmsKeyId(),
                        x.exportFormatAsString(),
                        x.exportTypeAsString(),
                        fromSdk(x.incrementalExportSpecification()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeResponse toSdk(
            floe.api.model.ExportTableToPointInTimeResponse x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeResponse.builder()
                        .exportDescription(toSdk(x.exportDescription()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ExportTableToPointInTimeResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeResponse x) {
        return x == null ? null : new floe.api.model.ExportTableToPointInTimeResponse(fromSdk(x.exportDescription()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DescribeExportRequest toSdk(
            floe.api.model.DescribeExportRequest x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.DescribeExportRequest.builder()
                        .exportArn(x.exportArn())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DescribeExportRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DescribeExportRequest x) {
        return x == null ? null : new floe.api.model.DescribeExportRequest(x.exportArn());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DescribeExportResponse toSdk(
            floe.api.model.DescribeExportResponse x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.DescribeExportResponse.builder()
                        .exportDescription(toSdk(x.exportDescription()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DescribeExportResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DescribeExportResponse x) {
        return x == null ? null : new floe.api.model.DescribeExportResponse(fromSdk(x.exportDescription()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ListExportsRequest toSdk(
            floe.api.model.ListExportsRequest x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ListExportsRequest.builder()
                        .tableArn(x.tableArn())
                        .maxResults(x.maxResults())
                        .nextToken(x.nextToken())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ListExportsRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ListExportsRequest x) {
        return x == null ? null : new floe.api.model.ListExportsRequest(x.tableArn(), x.maxResults(), x.nextToken());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ListExportsResponse toSdk(
            floe.api.model.ListExportsResponse x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ListExportsResponse.builder()
                        .exportSummaries(list(x.exportSummaries(), SdkModel::toSdk))
                        .nextToken(x.nextToken())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ListExportsResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ListExportsResponse x) {
        return x == null
                ? null
                : new floe.api.model.ListExportsResponse(list(x.exportSummaries(), SdkModel::fromSdk), x.nextToken());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.S3BucketSource toSdk(floe.api.model.S3BucketSource x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.S3BucketSource.builder()
                        .s3BucketOwner(x.s3BucketOwner())
                        .s3Bucket(x.s3Bucket())
                        .s3KeyPrefix(x.s3KeyPrefix())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.S3BucketSource fromSdk(
            software.amazon.awssdk.services.dynamodb.model.S3BucketSource x) {
        return x == null ? null : new floe.api.model.S3BucketSource(x.s3BucketOwner(), x.s3Bucket(), x.s3KeyPrefix());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.CsvOptions toSdk(floe.api.model.CsvOptions x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.CsvOptions.builder()
                        .delimiter(x.delimiter())
                        .headerList(copyList(x.headerList()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.CsvOptions fromSdk(software.amazon.awssdk.services.dynamodb.model.CsvOptions x) {
        return x == null ? null : new floe.api.model.CsvOptions(x.delimiter(), copyList(x.headerList()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.InputFormatOptions toSdk(
            floe.api.model.InputFormatOptions x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.InputFormatOptions.builder()
                        .csv(toSdk(x.csv()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.InputFormatOptions fromSdk(
            software.amazon.awssdk.services.dynamodb.model.InputFormatOptions x) {
        return x == null ? null : new floe.api.model.InputFormatOptions(fromSdk(x.csv()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.TableCreationParameters toSdk(
            floe.api.model.TableCreationParameters x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.TableCreationParameters.builder()
                        .tableName(x.tableName())
                        .attributeDefinitions(list(x.attributeDefinitions(), SdkModel::toSdk))
                        .keySchema(list(x.keySchema(), SdkModel::toSdk))
                        .billingMode(x.billingMode())
                        .provisionedThroughput(toSdk(x.provisionedThroughput()))
                        .onDemandThroughput(toSdk(x.onDemandThroughput()))
                        .sseSpecification(toSdk(x.sseSpecification()))
                        .globalSecondaryIndexes(list(x.globalSecondaryIndexes(), SdkModel::toSdk))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.TableCreationParameters fromSdk(
            software.amazon.awssdk.services.dynamodb.model.TableCreationParameters x) {
        return x == null
                ? null
                : new floe.api.model.TableCreationParameters(
                        x.tableName(),
                        list(x.attributeDefinitions(), SdkModel::fromSdk),
                        list(x.keySchema(), SdkModel::fromSdk),
                        x.billingModeAsString(),
                        fromSdk(x.provisionedThroughput()),
                        fromSdk(x.onDemandThroughput()),
                        fromSdk(x.sseSpecification()),
                        list(x.globalSecondaryIndexes(), SdkModel::fromSdk));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ImportTableDescription toSdk(
            floe.api.model.ImportTableDescription x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ImportTableDescription.builder()
                        .importArn(x.importArn())
                        .importStatus(x.importStatus())
                        .tableArn(x.tableArn())
                        .tableId(x.tableId())
                        .clientToken(x.clientToken())
                        .s3BucketSource(toSdk(x.s3BucketSource()))
                        .errorCount(x.errorCount())
                        .cloudWatchLogGroupArn(x.cloudWatchLogGroupArn())
                        .inputFormat(x.inputFormat())
                        .inputFormatOptions(toSdk(x.inputFormatOptions()))
                        .inputCompressionType(x.inputCompressionType())
                        .tableCreationParameters(toSdk(x.tableCreationParameters()))
                        .startTime(x.startTime())
                        .endTime(x.endTime())
                        .processedSizeBytes(x.processedSizeBytes())
                        .processedItemCount(x.processedItemCount())
                        .importedItemCount(x.importedItemCount())
                        .failureCode(x.failureCode())
                        .failureMessage(x.failureMessage())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ImportTableDescription fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ImportTableDescription x) {
        return x == null
                ? null
                : new floe.api.model.ImportTableDescription(
                        x.importArn(),
                        x.importStatusAsString(),
                        x.tableArn(),
                        x.tableId(),
                        x.clientToken(),
                        fromSdk(x.s3BucketSource()),
                        x.errorCount(),
                        x.cloudWatchLogGroupArn(),
                        x.inputFormatAsString(),
                        fromSdk(x.inputFormatOptions()),
                        x.inputCompressionTypeAsString(),
                        fromSdk(x.tableCreationParameters()),
                        x.startTime(),
                        x.endTime(),
                        x.processedSizeBytes(),
                        x.processedItemCount(),
                        x.importedItemCount(),
                        x.failureCode(),
                        x.failureMessage());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ImportSummary toSdk(floe.api.model.ImportSummary x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ImportSummary.builder()
                        .importArn(x.importArn())
                        .importStatus(x.importStatus())
                        .tableArn(x.tableArn())
                        .s3BucketSource(toSdk(x.s3BucketSource()))
                        .cloudWatchLogGroupArn(x.cloudWatchLogGroupArn())
                        .inputFormat(x.inputFormat())
                        .startTime(x.startTime())
                        .endTime(x.endTime())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ImportSummary fromSdk(software.amazon.awssdk.services.dynamodb.model.ImportSummary x) {
        return x == null
                ? null
                : new floe.api.model.ImportSummary(
                        x.importArn(),
                        x.importStatusAsString(),
                        x.tableArn(),
                        fromSdk(x.s3BucketSource()),
                        x.cloudWatchLogGroupArn(),
                        x.inputFormatAsString(),
                        x.startTime(),
                        x.endTime());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ImportTableRequest toSdk(
            floe.api.model.ImportTableRequest x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ImportTableRequest.builder()
                        .clientToken(x.clientToken())
                        .s3BucketSource(toSdk(x.s3BucketSource()))
                        .inputFormat(x.inputFormat())
                        .inputFormatOptions(toSdk(x.inputFormatOptions()))
                        .inputCompressionType(x.inputCompressionType())
                        .tableCreationParameters(toSdk(x.tableCreationParameters()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ImportTableRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ImportTableRequest x) {
        return x == null
                ? null
                : new floe.api.model.ImportTableRequest(
                        x.clientToken(),
                        fromSdk(x.s3BucketSource()),
                        x.inputFormatAsString(),
                        fromSdk(x.inputFormatOptions()),
                        x.inputCompressionTypeAsString(),
                        fromSdk(x.tableCreationParameters()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ImportTableResponse toSdk(
            floe.api.model.ImportTableResponse x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ImportTableResponse.builder()
                        .importTableDescription(toSdk(x.importTableDescription()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ImportTableResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ImportTableResponse x) {
        return x == null ? null : new floe.api.model.ImportTableResponse(fromSdk(x.importTableDescription()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DescribeImportRequest toSdk(
            floe.api.model.DescribeImportRequest x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.DescribeImportRequest.builder()
                        .importArn(x.importArn())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DescribeImportRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DescribeImportRequest x) {
        return x == null ? null : new floe.api.model.DescribeImportRequest(x.importArn());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.DescribeImportResponse toSdk(
            floe.api.model.DescribeImportResponse x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.DescribeImportResponse.builder()
                        .importTableDescription(toSdk(x.importTableDescription()))
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.DescribeImportResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.DescribeImportResponse x) {
        return x == null ? null : new floe.api.model.DescribeImportResponse(fromSdk(x.importTableDescription()));
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ListImportsRequest toSdk(
            floe.api.model.ListImportsRequest x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ListImportsRequest.builder()
                        .tableArn(x.tableArn())
                        .pageSize(x.pageSize())
                        .nextToken(x.nextToken())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ListImportsRequest fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ListImportsRequest x) {
        return x == null ? null : new floe.api.model.ListImportsRequest(x.tableArn(), x.pageSize(), x.nextToken());
    }

    /** @return the SDK's form of {@code x} */
    public static software.amazon.awssdk.services.dynamodb.model.ListImportsResponse toSdk(
            floe.api.model.ListImportsResponse x) {
        return x == null
                ? null
                : software.amazon.awssdk.services.dynamodb.model.ListImportsResponse.builder()
                        .importSummaryList(list(x.importSummaryList(), SdkModel::toSdk))
                        .nextToken(x.nextToken())
                        .build();
    }

    /** @return FloeDB's form of {@code x} */
    public static floe.api.model.ListImportsResponse fromSdk(
            software.amazon.awssdk.services.dynamodb.model.ListImportsResponse x) {
        return x == null
                ? null
                : new floe.api.model.ListImportsResponse(list(x.importSummaryList(), SdkModel::fromSdk), x.nextToken());
    }
}
