package floe.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import floe.api.FloeDb;
import floe.api.model.DescribeEndpointsResponse;
import floe.api.model.Endpoint;
import floe.engine.AsyncWrites;
import floe.engine.DeclaredConstraints;
import floe.server.PluginRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * DynamoDB's operations as the JSON protocol names them, each bound to the
 * {@link FloeDb} method it calls and to the generated codec of its request and
 * response.
 */
public final class WireOperations {
    private WireOperations() {}

    /** One operation: reads its request, calls the database, writes its response. */
    public interface Operation {
        /**
         * Runs the operation. The parser is positioned on the request body's first token.
         *
         * @param target what the server answers from
         * @param request the request body
         * @param response where the response body goes
         * @throws IOException if the body cannot be read or written
         */
        void call(WireTarget target, JsonParser request, JsonGenerator response) throws IOException;

        /**
         * Runs the operation for a client that addressed the server as {@code host}: only
         * DescribeEndpoints answers differently (with that address, not DynamoDB's, so that
         * a client following its answer stays on this server).
         *
         * @param host the request's {@code Host} header, or null
         */
        default void call(WireTarget target, JsonParser request, JsonGenerator response, String host)
                throws IOException {
            call(target, request, response);
        }

        /**
         * Runs the operation with a guard, which sees the request once it is read and may refuse it.
         * Operations that read no parameters ask it before anything else.
         *
         * @param guard what asks whether the request may run
         */
        default void call(WireTarget target, JsonParser request, JsonGenerator response, String host, Guard guard)
                throws IOException {
            guard.check(null);
            call(target, request, response, host);
        }

        /** Whether the operation can block on a write (a sync), and so must not run on an I/O thread. */
        boolean blocking();

        /**
         * Whether {@link #start} can run the operation against {@code target} without blocking: an
         * item write, over a database that commits writes on threads of its own ({@link AsyncWrites}).
         */
        default boolean starts(WireTarget target) {
            return false;
        }

        /**
         * Starts the operation without blocking (see {@link #starts}): reads the request, asks the
         * guard, and hands the write to the database; the future completes, on another thread, with
         * what writes the response, or fails with what {@link #call} would have thrown.
         *
         * @throws IOException if the body cannot be read
         */
        default CompletableFuture<Answer> start(WireTarget target, JsonParser request, Guard guard) throws IOException {
            throw new IllegalStateException("no asynchronous form");
        }
    }

    /** What writes a started operation's response. */
    @FunctionalInterface
    public interface Answer {
        /** Writes the response body. */
        void write(JsonGenerator response) throws IOException;

        /** The write's last-writer-wins stamp, {@code <hlc> <region>}, or null if it stored none. */
        default String stamp() {
            return null;
        }
    }

    private static final Map<String, Operation> DYNAMODB = Map.ofEntries(
            op("CreateTable", ModelJson::readCreateTableRequest, FloeDb::createTable, ModelJson::write, true),
            op("DescribeTable", ModelJson::readDescribeTableRequest, FloeDb::describeTable, ModelJson::write, false),
            op("ListTables", ModelJson::readListTablesRequest, FloeDb::listTables, ModelJson::write, false),
            op("DeleteTable", ModelJson::readDeleteTableRequest, FloeDb::deleteTable, ModelJson::write, true),
            op("UpdateTable", ModelJson::readUpdateTableRequest, FloeDb::updateTable, ModelJson::write, true),
            op(
                    "UpdateTimeToLive",
                    ModelJson::readUpdateTimeToLiveRequest,
                    FloeDb::updateTimeToLive,
                    ModelJson::write,
                    true),
            op(
                    "DescribeTimeToLive",
                    ModelJson::readDescribeTimeToLiveRequest,
                    FloeDb::describeTimeToLive,
                    ModelJson::write,
                    false),
            op(
                    "PutItem",
                    ModelJson::readPutItemRequest,
                    DeclaredConstraints::check,
                    RequestBody.ValueErrors.ENVELOPED,
                    FloeDb::putItem,
                    AsyncWrites::putItemAsync,
                    ModelJson::write,
                    true),
            op(
                    "GetItem",
                    ModelJson::readGetItemRequest,
                    DeclaredConstraints::check,
                    RequestBody.ValueErrors.BARE,
                    FloeDb::getItem,
                    ModelJson::write,
                    false),
            op(
                    "UpdateItem",
                    ModelJson::readUpdateItemRequest,
                    DeclaredConstraints::check,
                    RequestBody.ValueErrors.ENVELOPED,
                    FloeDb::updateItem,
                    AsyncWrites::updateItemAsync,
                    ModelJson::write,
                    true),
            op(
                    "DeleteItem",
                    ModelJson::readDeleteItemRequest,
                    DeclaredConstraints::check,
                    RequestBody.ValueErrors.ENVELOPED,
                    FloeDb::deleteItem,
                    AsyncWrites::deleteItemAsync,
                    ModelJson::write,
                    true),
            op(
                    "Query",
                    ModelJson::readQueryRequest,
                    DeclaredConstraints::check,
                    RequestBody.ValueErrors.BARE,
                    FloeDb::query,
                    ModelJson::write,
                    false),
            op(
                    "Scan",
                    ModelJson::readScanRequest,
                    DeclaredConstraints::check,
                    RequestBody.ValueErrors.IN_CONTEXT,
                    FloeDb::scan,
                    ModelJson::write,
                    false),
            op(
                    "BatchGetItem",
                    ModelJson::readBatchGetItemRequest,
                    DeclaredConstraints::check,
                    RequestBody.ValueErrors.BARE,
                    FloeDb::batchGetItem,
                    ModelJson::write,
                    false),
            op(
                    "BatchWriteItem",
                    ModelJson::readBatchWriteItemRequest,
                    DeclaredConstraints::check,
                    RequestBody.ValueErrors.IN_CONTEXT,
                    FloeDb::batchWriteItem,
                    AsyncWrites::batchWriteItemAsync,
                    ModelJson::write,
                    true),
            op(
                    "TransactWriteItems",
                    ModelJson::readTransactWriteItemsRequest,
                    DeclaredConstraints::check,
                    RequestBody.ValueErrors.IN_CONTEXT,
                    FloeDb::transactWriteItems,
                    ModelJson::write,
                    true),
            op(
                    "TransactGetItems",
                    ModelJson::readTransactGetItemsRequest,
                    DeclaredConstraints::check,
                    RequestBody.ValueErrors.IN_CONTEXT,
                    FloeDb::transactGetItems,
                    ModelJson::write,
                    false),
            op(
                    "ExecuteStatement",
                    ModelJson::readExecuteStatementRequest,
                    FloeDb::executeStatement,
                    ModelJson::write,
                    true),
            op(
                    "BatchExecuteStatement",
                    ModelJson::readBatchExecuteStatementRequest,
                    FloeDb::batchExecuteStatement,
                    ModelJson::write,
                    true),
            op(
                    "ExecuteTransaction",
                    ModelJson::readExecuteTransactionRequest,
                    FloeDb::executeTransaction,
                    ModelJson::write,
                    true),
            op("TagResource", ModelJson::readTagResourceRequest, FloeDb::tagResource, ModelJson::write, true),
            op("UntagResource", ModelJson::readUntagResourceRequest, FloeDb::untagResource, ModelJson::write, true),
            op(
                    "ListTagsOfResource",
                    ModelJson::readListTagsOfResourceRequest,
                    FloeDb::listTagsOfResource,
                    ModelJson::write,
                    false),
            op(
                    "DescribeContinuousBackups",
                    ModelJson::readDescribeContinuousBackupsRequest,
                    FloeDb::describeContinuousBackups,
                    ModelJson::write,
                    false),
            op(
                    "UpdateContinuousBackups",
                    ModelJson::readUpdateContinuousBackupsRequest,
                    FloeDb::updateContinuousBackups,
                    ModelJson::write,
                    true),
            op("DescribeLimits", ModelJson::readDescribeLimitsRequest, FloeDb::describeLimits, ModelJson::write, false),
            describeEndpoints(),
            op(
                    "PutResourcePolicy",
                    ModelJson::readPutResourcePolicyRequest,
                    FloeDb::putResourcePolicy,
                    ModelJson::write,
                    true),
            op(
                    "GetResourcePolicy",
                    ModelJson::readGetResourcePolicyRequest,
                    FloeDb::getResourcePolicy,
                    ModelJson::write,
                    false),
            op(
                    "DeleteResourcePolicy",
                    ModelJson::readDeleteResourcePolicyRequest,
                    FloeDb::deleteResourcePolicy,
                    ModelJson::write,
                    true));

    /**
     * DescribeEndpoints, answering with the address the client used: DynamoDB's own
     * regional address would send a client that follows the answer (endpoint
     * discovery) away from this server.
     */
    private static Map.Entry<String, Operation> describeEndpoints() {
        Map.Entry<String, Operation> plain = op(
                "DescribeEndpoints",
                ModelJson::readDescribeEndpointsRequest,
                FloeDb::describeEndpoints,
                ModelJson::write,
                false);
        return Map.entry(plain.getKey(), new Operation() {
            @Override
            public void call(WireTarget target, JsonParser request, JsonGenerator response) throws IOException {
                plain.getValue().call(target, request, response);
            }

            @Override
            public void call(WireTarget target, JsonParser request, JsonGenerator response, String host)
                    throws IOException {
                if (host == null || host.isBlank()) {
                    call(target, request, response);
                    return;
                }
                DescribeEndpointsResponse answer = target.db()
                        .describeEndpoints(RequestBody.read(request, ModelJson::readDescribeEndpointsRequest));
                List<Endpoint> here = new ArrayList<>();
                for (Endpoint e : answer.endpoints()) {
                    here.add(new Endpoint(host, e.cachePeriodInMinutes()));
                }
                ModelJson.write(response, new DescribeEndpointsResponse(here));
            }

            @Override
            public boolean blocking() {
                return false;
            }
        });
    }

    /** DynamoDB Streams' operations, on {@link FloeDb#streams()}: reads that never wait for a write. */
    private static final Map<String, Operation> STREAMS = Map.ofEntries(
            op(
                    "ListStreams",
                    ModelJson::readListStreamsRequest,
                    (db, q) -> db.streams().listStreams(q),
                    ModelJson::write,
                    false),
            op(
                    "DescribeStream",
                    ModelJson::readDescribeStreamRequest,
                    (db, q) -> db.streams().describeStream(q),
                    ModelJson::write,
                    false),
            op(
                    "GetShardIterator",
                    ModelJson::readGetShardIteratorRequest,
                    (db, q) -> db.streams().getShardIterator(q),
                    ModelJson::write,
                    false),
            op(
                    "GetRecords",
                    ModelJson::readGetRecordsRequest,
                    (db, q) -> db.streams().getRecords(q),
                    ModelJson::write,
                    false));

    /** DynamoDB's backup operations, on {@link FloeDb#backups()}; a restore or backup only starts its copy. */
    private static final Map<String, Operation> BACKUPS = Map.ofEntries(
            op(
                    "CreateBackup",
                    ModelJson::readCreateBackupRequest,
                    (db, q) -> db.backups().createBackup(q),
                    ModelJson::write,
                    true),
            op(
                    "DescribeBackup",
                    ModelJson::readDescribeBackupRequest,
                    (db, q) -> db.backups().describeBackup(q),
                    ModelJson::write,
                    false),
            op(
                    "ListBackups",
                    ModelJson::readListBackupsRequest,
                    (db, q) -> db.backups().listBackups(q),
                    ModelJson::write,
                    false),
            op(
                    "DeleteBackup",
                    ModelJson::readDeleteBackupRequest,
                    (db, q) -> db.backups().deleteBackup(q),
                    ModelJson::write,
                    true),
            op(
                    "RestoreTableFromBackup",
                    ModelJson::readRestoreTableFromBackupRequest,
                    (db, q) -> db.backups().restoreTableFromBackup(q),
                    ModelJson::write,
                    true),
            op(
                    "RestoreTableToPointInTime",
                    ModelJson::readRestoreTableToPointInTimeRequest,
                    (db, q) -> db.backups().restoreTableToPointInTime(q),
                    ModelJson::write,
                    true),
            op(
                    "ExportTableToPointInTime",
                    ModelJson::readExportTableToPointInTimeRequest,
                    (db, q) -> db.transfers().exportTableToPointInTime(q),
                    ModelJson::write,
                    true),
            op(
                    "DescribeExport",
                    ModelJson::readDescribeExportRequest,
                    (db, q) -> db.transfers().describeExport(q),
                    ModelJson::write,
                    false),
            op(
                    "ListExports",
                    ModelJson::readListExportsRequest,
                    (db, q) -> db.transfers().listExports(q),
                    ModelJson::write,
                    false),
            op(
                    "ImportTable",
                    ModelJson::readImportTableRequest,
                    (db, q) -> db.transfers().importTable(q),
                    ModelJson::write,
                    true),
            op(
                    "DescribeImport",
                    ModelJson::readDescribeImportRequest,
                    (db, q) -> db.transfers().describeImport(q),
                    ModelJson::write,
                    false),
            op(
                    "ListImports",
                    ModelJson::readListImportsRequest,
                    (db, q) -> db.transfers().listImports(q),
                    ModelJson::write,
                    false),
            // the legacy global tables (version 2017.11.29), on FloeDb#globalTables()
            op(
                    "CreateGlobalTable",
                    ModelJson::readCreateGlobalTableRequest,
                    (db, q) -> db.globalTables().createGlobalTable(q),
                    ModelJson::write,
                    true),
            op(
                    "DescribeGlobalTable",
                    ModelJson::readDescribeGlobalTableRequest,
                    (db, q) -> db.globalTables().describeGlobalTable(q),
                    ModelJson::write,
                    false),
            op(
                    "ListGlobalTables",
                    ModelJson::readListGlobalTablesRequest,
                    (db, q) -> db.globalTables().listGlobalTables(q),
                    ModelJson::write,
                    false),
            op(
                    "UpdateGlobalTable",
                    ModelJson::readUpdateGlobalTableRequest,
                    (db, q) -> db.globalTables().updateGlobalTable(q),
                    ModelJson::write,
                    true),
            op(
                    "DescribeGlobalTableSettings",
                    ModelJson::readDescribeGlobalTableSettingsRequest,
                    (db, q) -> db.globalTables().describeGlobalTableSettings(q),
                    ModelJson::write,
                    true),
            op(
                    "UpdateGlobalTableSettings",
                    ModelJson::readUpdateGlobalTableSettingsRequest,
                    (db, q) -> db.globalTables().updateGlobalTableSettings(q),
                    ModelJson::write,
                    true));

    /**
     * The target prefix of FloeDB's own operations ({@link floe.api.FloeAdmin}), beside
     * DynamoDB's: requests are shaped as DynamoDB's (POST, JSON 1.0, the same headers).
     */
    public static final String ADMIN_PREFIX = "FloeAdmin_20261121";

    /**
     * {@code SweepExpiredItems}: no parameters; answers {@code {"DeletedItemCount": n}}.
     * {@code DescribeImportProgress}: {@code {"ImportArn"}}, as DescribeImport's.
     */
    private static final Map<String, Operation> ADMIN = Map.ofEntries(
            op(
                    "SweepExpiredItems",
                    p -> {
                        p.skipChildren(); // no parameters; unknown ones are ignored, as DynamoDB ignores them
                        return Boolean.TRUE;
                    },
                    (db, none) -> db.admin().sweepExpiredItems(),
                    (g, deleted) -> {
                        g.writeStartObject();
                        g.writeNumberField("DeletedItemCount", deleted);
                        g.writeEndObject();
                    },
                    true),
            op(
                    "DescribeImportProgress",
                    ModelJson::readDescribeImportRequest,
                    (db, q) -> db.admin().importProgress(q.importArn()),
                    WireOperations::writeImportProgress,
                    false),
            listPlugins());

    /**
     * {@code DescribeImportProgress}'s answer: {@code {"SourceObjectCount", "SourceSizeBytes",
     * "SourceBytesRead"}} while the import loads, {@code {}} otherwise.
     */
    private static void writeImportProgress(JsonGenerator g, java.util.Optional<floe.api.ImportProgress> progress)
            throws IOException {
        g.writeStartObject();
        if (progress.isPresent()) {
            g.writeNumberField("SourceObjectCount", progress.get().objectCount());
            g.writeNumberField("SourceSizeBytes", progress.get().sizeBytes());
            g.writeNumberField("SourceBytesRead", progress.get().bytesRead());
        }
        g.writeEndObject();
    }

    /**
     * {@code ListPlugins}: no parameters; answers
     * {@code {"Plugins": [{"Name", "Kind", "Version", "SpiVersion", "State"}]}} from the target's
     * plugins, not the database's.
     */
    private static Map.Entry<String, Operation> listPlugins() {
        return Map.entry("ListPlugins", new Operation() {
            @Override
            public void call(WireTarget target, JsonParser request, JsonGenerator g) throws IOException {
                RequestBody.read(request, p -> {
                    p.skipChildren(); // no parameters; unknown ones are ignored, as DynamoDB ignores them
                    return Boolean.TRUE;
                });
                List<PluginRow> rows = target.plugins().get();
                g.writeStartObject();
                g.writeArrayFieldStart("Plugins");
                for (PluginRow row : rows) {
                    g.writeStartObject();
                    g.writeStringField("Name", row.name());
                    g.writeStringField("Kind", row.kind());
                    g.writeStringField("Version", row.version());
                    g.writeStringField("SpiVersion", row.spiVersion());
                    g.writeStringField("State", row.state());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }

            @Override
            public boolean blocking() {
                return false;
            }
        });
    }

    /**
     * Every operation's {@code X-Amz-Target}, for the tables that must cover them all.
     *
     * @return the targets
     */
    public static java.util.Set<String> targets() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        DYNAMODB.keySet().forEach(n -> out.add("DynamoDB_20120810." + n));
        BACKUPS.keySet().forEach(n -> out.add("DynamoDB_20120810." + n));
        STREAMS.keySet().forEach(n -> out.add("DynamoDBStreams_20120810." + n));
        ADMIN.keySet().forEach(n -> out.add(ADMIN_PREFIX + "." + n));
        return out;
    }

    /**
     * The operation an {@code X-Amz-Target} header names, or null if there is none.
     *
     * @param target the header's value, such as {@code DynamoDB_20120810.PutItem} or
     *     {@code DynamoDBStreams_20120810.GetRecords}
     * @return the operation, or null
     */
    public static Operation find(String target) {
        if (target == null) {
            return null;
        }
        int dot = target.indexOf('.');
        if (dot < 0) {
            return null;
        }
        return switch (target.substring(0, dot)) {
            case "DynamoDB_20120810" ->
                DYNAMODB.getOrDefault(target.substring(dot + 1), BACKUPS.get(target.substring(dot + 1)));
            case "DynamoDBStreams_20120810" -> STREAMS.get(target.substring(dot + 1));
            case ADMIN_PREFIX -> ADMIN.get(target.substring(dot + 1));
            default -> null;
        };
    }

    private static <Q, R> Map.Entry<String, Operation> op(
            String name,
            Json.Reader<Q> reader,
            BiFunction<FloeDb, Q, R> call,
            Json.Writer<R> writer,
            boolean blocking) {
        // a request with no attribute values has no value error to report after its constraints
        return op(name, reader, q -> {}, RequestBody.ValueErrors.IN_CONTEXT, call, writer, blocking);
    }

    /**
     * An operation whose request carries attribute values: {@code constraints} is its
     * declared-constraint stage, which DynamoDB runs before it looks at the values, and
     * {@code wording} how it words an invalid value.
     */
    private static <Q, R> Map.Entry<String, Operation> op(
            String name,
            Json.Reader<Q> reader,
            Consumer<Q> constraints,
            RequestBody.ValueErrors wording,
            BiFunction<FloeDb, Q, R> call,
            Json.Writer<R> writer,
            boolean blocking) {
        return op(name, reader, constraints, wording, call, null, writer, blocking);
    }

    /** An operation with a form that does not block, {@code started}, where the database has one. */
    private static <Q, R> Map.Entry<String, Operation> op(
            String name,
            Json.Reader<Q> reader,
            Consumer<Q> constraints,
            RequestBody.ValueErrors wording,
            BiFunction<FloeDb, Q, R> call,
            BiFunction<AsyncWrites, Q, CompletableFuture<AsyncWrites.Committed<R>>> started,
            Json.Writer<R> writer,
            boolean blocking) {
        return Map.entry(name, new Operation() {
            @Override
            public void call(WireTarget target, JsonParser request, JsonGenerator response) throws IOException {
                call(target, request, response, null, Guard.NONE);
            }

            @Override
            public void call(WireTarget target, JsonParser request, JsonGenerator response, String host, Guard guard)
                    throws IOException {
                Q q = RequestBody.read(request, reader, constraints, wording);
                WireTarget on = guard.route(q, target);
                writer.write(response, call.apply(on.db(), q));
            }

            @Override
            public boolean starts(WireTarget target) {
                return started != null && target.db() instanceof AsyncWrites;
            }

            @Override
            public CompletableFuture<Answer> start(WireTarget target, JsonParser request, Guard guard)
                    throws IOException {
                Q q = RequestBody.read(request, reader, constraints, wording);
                // every namespace is an engine, so the owner's namespace starts writes as the asked one does
                WireTarget on = guard.route(q, target);
                return started.apply((AsyncWrites) on.db(), q).thenApply(c -> new Answer() {
                    @Override
                    public void write(JsonGenerator g) throws IOException {
                        writer.write(g, c.response());
                    }

                    @Override
                    public String stamp() {
                        return c.stamp();
                    }
                });
            }

            @Override
            public boolean blocking() {
                return blocking;
            }
        });
    }
}
