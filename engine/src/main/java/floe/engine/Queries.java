package floe.engine;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ValidationException;
import floe.api.model.Condition;
import floe.api.model.QueryRequest;
import floe.api.model.QueryResponse;
import floe.api.model.ScanRequest;
import floe.api.model.ScanResponse;
import floe.engine.codec.ItemCodec;
import floe.engine.codec.KeyCodec;
import floe.engine.expr.ConditionEvaluator;
import floe.engine.expr.ConditionNode;
import floe.engine.expr.ExpressionKind;
import floe.engine.expr.ExpressionParser;
import floe.engine.expr.KeyCondition;
import floe.engine.expr.KeySchema;
import floe.engine.expr.LegacyConditions;
import floe.engine.expr.Path;
import floe.engine.expr.Placeholders;
import floe.engine.expr.Projector;
import floe.engine.item.ItemKeys;
import floe.engine.item.ItemRules;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableNames;
import floe.engine.validate.Constraints;
import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Query and Scan. Both validate the whole request before looking the table up, read
 * one snapshot, stop after {@code Limit} items evaluated or 1 MB read (counted before
 * the filter), and return the key of the last item evaluated when they stopped early.
 */
final class Queries {
    /** DynamoDB's page size: 1 MB of items read. */
    static final long PAGE_BYTES = 1024 * 1024;
    static final List<String> SELECT = List.of("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES");
    private static final String INVALID_START = "The provided starting key is invalid: ";

    private final StorageBackend backend;
    private final TableCatalog catalog;

    Queries(StorageBackend backend, TableCatalog catalog) {
        this.backend = backend;
        this.catalog = catalog;
    }

    /** The parts of a Query or Scan that do not depend on the table. */
    private record Plan(ConditionNode filter, List<Path> projection, boolean countOnly) {}

    QueryResponse query(QueryRequest r) {
        Constraints c = new Constraints();
        String name = TableNames.check(r.tableName(), c);
        common(c, r.indexName(), r.limit(), r.select(), r.returnConsumedCapacity(), r.conditionalOperator());
        c.throwIfAny();
        boolean expressions = r.keyConditionExpression() != null || r.filterExpression() != null || r.projectionExpression() != null;
        boolean legacy = r.keyConditions() != null || r.queryFilter() != null || r.attributesToGet() != null;
        if (expressions && legacy) {
            throw Expressions.mixed(r.keyConditions() != null ? "KeyConditions" : r.queryFilter() != null ? "QueryFilter" : "AttributesToGet",
                    r.keyConditionExpression() != null ? "KeyConditionExpression"
                            : r.filterExpression() != null ? "FilterExpression" : "ProjectionExpression");
        }
        if (r.keyConditionExpression() == null && r.keyConditions() == null) {
            throw new ValidationException("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        Placeholders ph = placeholders(expressions, r.expressionAttributeNames(), r.expressionAttributeValues(),
                "KeyConditionExpression");
        ConditionNode keyExpression = r.keyConditionExpression() == null ? null
                : ExpressionParser.parseKeyConditionSyntax(r.keyConditionExpression(), ph);
        Plan plan = plan(ph, r.filterExpression(), r.queryFilter(), r.conditionalOperator(), "queryFilter",
                r.projectionExpression(), r.attributesToGet(), r.select(), r.indexName());
        TableDefinition table = table(name, r.indexName());
        KeySchema schema = schema(table);
        KeyCondition key = keyExpression != null ? ExpressionParser.keyCondition(keyExpression, schema)
                : LegacyConditions.keyConditions(r.keyConditions(), schema);
        checkFilterOnNonKeys(plan.filter(), table);
        byte[] partition = KeyCodec.encode(key.partitionValue());
        boolean forward = !Boolean.FALSE.equals(r.scanIndexForward());
        SortRange range = sortRange(key.sortCondition().orElse(null));
        if (r.exclusiveStartKey() != null) {
            ItemKeys start = startKey(table, r.exclusiveStartKey());
            if (!Arrays.equals(start.partition(), partition)) {
                throw new ValidationException("The provided starting key is outside query boundaries based on provided conditions");
            }
            range = forward ? new SortRange(start.sort(), false, range.upper(), range.upperInclusive())
                    : new SortRange(range.lower(), range.lowerInclusive(), start.sort(), false);
        }
        Page page = new Page(table, plan, r.limit());
        try (ReadTransaction t = backend.beginRead()) {
            if (!range.isEmpty()) {
                t.range(table.keyspace(), partition, range, !forward, Integer.MAX_VALUE, page);
            }
        }
        boolean consistent = Boolean.TRUE.equals(r.consistentRead());
        return new QueryResponse(plan.countOnly() ? null : page.items, page.count, page.scanned, page.lastEvaluatedKey(),
                Capacity.consumed(r.returnConsumedCapacity(), table.name(), Capacity.readUnits(page.bytes, consistent), false));
    }

    ScanResponse scan(ScanRequest r) {
        Constraints c = new Constraints();
        String name = TableNames.check(r.tableName(), c);
        common(c, r.indexName(), r.limit(), r.select(), r.returnConsumedCapacity(), r.conditionalOperator());
        if (r.segment() != null) {
            c.atLeast((long) r.segment(), 0, "segment").atMost((long) r.segment(), 999_999, "segment");
        }
        if (r.totalSegments() != null) {
            c.atLeast((long) r.totalSegments(), 1, "totalSegments").atMost((long) r.totalSegments(), 1_000_000, "totalSegments");
        }
        c.throwIfAny();
        if (r.segment() != null && r.totalSegments() == null) {
            throw new ValidationException("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
        }
        if (r.totalSegments() != null && r.segment() == null) {
            throw new ValidationException("The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
        }
        if (r.segment() != null && r.segment() >= r.totalSegments()) {
            throw new ValidationException("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
                    + r.segment() + " is not less than TotalSegments: " + r.totalSegments());
        }
        boolean expressions = r.filterExpression() != null || r.projectionExpression() != null;
        boolean legacy = r.scanFilter() != null || r.attributesToGet() != null;
        if (expressions && legacy) {
            throw Expressions.mixed(r.scanFilter() != null ? "ScanFilter" : "AttributesToGet",
                    r.filterExpression() != null ? "FilterExpression" : "ProjectionExpression");
        }
        Placeholders ph = placeholders(expressions, r.expressionAttributeNames(), r.expressionAttributeValues(),
                "FilterExpression");
        Plan plan = plan(ph, r.filterExpression(), r.scanFilter(), r.conditionalOperator(), "scanFilter",
                r.projectionExpression(), r.attributesToGet(), r.select(), r.indexName());
        TableDefinition table = table(name, r.indexName());
        int segment = r.segment() == null ? 0 : r.segment();
        int total = r.totalSegments() == null ? 1 : r.totalSegments();
        EntryKey resume = null;
        if (r.exclusiveStartKey() != null) {
            ItemKeys start = startKey(table, r.exclusiveStartKey());
            resume = new EntryKey(start.partition(), start.sort());
        }
        Page page = new Page(table, plan, r.limit());
        try (ReadTransaction t = backend.beginRead()) {
            t.scan(table.keyspace(), segment, total, resume, page);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("The provided Exclusive start key does not map to the provided Segment: " + segment
                    + " with TotalSegments: " + total);
        }
        boolean consistent = Boolean.TRUE.equals(r.consistentRead());
        return new ScanResponse(plan.countOnly() ? null : page.items, page.count, page.scanned, page.lastEvaluatedKey(),
                Capacity.consumed(r.returnConsumedCapacity(), table.name(), Capacity.readUnits(page.bytes, consistent), false));
    }

    /** Collects one page: evaluates Limit and the 1 MB cap on items read, then filters and projects. */
    private static final class Page implements EntryVisitor {
        final TableDefinition table;
        final Plan plan;
        final int limit;
        final List<Map<String, AttributeValue>> items = new ArrayList<>();
        int count;
        int scanned;
        long bytes;
        Item last;
        boolean stoppedEarly;

        Page(TableDefinition table, Plan plan, Integer limit) {
            this.table = table;
            this.plan = plan;
            this.limit = limit == null ? Integer.MAX_VALUE : limit;
        }

        @Override
        public boolean visit(byte[] partition, byte[] sort, byte[] value) {
            Item item = ItemCodec.decode(value);
            scanned++;
            bytes += item.size();
            last = item;
            if (plan.filter() == null || ConditionEvaluator.matches(plan.filter(), item)) {
                count++;
                if (!plan.countOnly()) {
                    items.add(plan.projection() == null ? item.attributes() : Projector.project(item, plan.projection()).attributes());
                }
            }
            if (scanned >= limit || bytes >= PAGE_BYTES) {
                stoppedEarly = true;
                return false;
            }
            return true;
        }

        Map<String, AttributeValue> lastEvaluatedKey() {
            return stoppedEarly ? ItemKeys.keyOf(table, last) : null;
        }
    }

    private static void common(Constraints c, String indexName, Integer limit, String select, String consumed, String operator) {
        if (indexName != null) {
            c.length(indexName, indexName.length(), 3, 255, "indexName");
            c.pattern(indexName, TableNames.isValid(indexName), TableNames.PATTERN_TEXT, "indexName");
        }
        if (limit != null) {
            c.atLeast((long) limit, 1, "limit");
        }
        c.oneOf(select, SELECT, "select");
        c.oneOf(consumed, ItemOperations.RETURN_CONSUMED, "returnConsumedCapacity");
        c.oneOf(operator, List.of("AND", "OR"), "conditionalOperator");
    }

    private static Placeholders placeholders(boolean expressions, Map<String, String> names, Map<String, AttributeValue> values,
            String expressionName) {
        if (!expressions) {
            if (names != null) {
                throw new ValidationException("ExpressionAttributeNames can only be specified when using expressions");
            }
            if (values != null) {
                throw new ValidationException("ExpressionAttributeValues can only be specified when using expressions: "
                        + expressionName + " is null");
            }
            return Placeholders.none();
        }
        if (values != null) {
            ItemRules.checkAttributes(values);
        }
        return Placeholders.of(names, values);
    }

    /** Parses the filter and projection (after the key condition, in DynamoDB's order) and checks Select. */
    private static Plan plan(Placeholders ph, String filterExpression, Map<String, Condition> legacyFilter, String operator,
            String filterParameter, String projectionExpression, List<String> attributesToGet, String select, String indexName) {
        ConditionNode filter = null;
        if (filterExpression != null) {
            filter = ExpressionParser.parseCondition(filterExpression, ph, ExpressionKind.FILTER);
        } else if (legacyFilter != null) {
            filter = LegacyConditions.filter(legacyFilter, operator, filterParameter);
        } else if (operator != null) {
            throw new ValidationException("ConditionalOperator can only be used when Filter or Expected conditions are specified");
        }
        List<Path> projection = null;
        if (projectionExpression != null) {
            projection = ExpressionParser.parseProjection(projectionExpression, ph);
        } else if (attributesToGet != null) {
            projection = LegacyConditions.attributesToGet(attributesToGet);
        }
        ph.checkAllUsed();
        String projectionParameter = projectionExpression != null ? "ProjectionExpression" : "AttributesToGet";
        if (select != null) {
            if (projection != null && !"SPECIFIC_ATTRIBUTES".equals(select)) {
                throw new ValidationException("Cannot specify the " + projectionParameter + " when choosing to get " + select);
            }
            if (projection == null && "SPECIFIC_ATTRIBUTES".equals(select)) {
                throw new ValidationException("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
            }
            if ("ALL_PROJECTED_ATTRIBUTES".equals(select) && indexName == null) {
                throw new ValidationException("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
            }
        }
        return new Plan(filter, projection, "COUNT".equals(select));
    }

    private TableDefinition table(String name, String indexName) {
        TableDefinition def = catalog.require(name);
        if (indexName != null) {
            throw new ValidationException("The table does not have the specified index: " + indexName);
        }
        return def;
    }

    private static KeySchema schema(TableDefinition table) {
        return table.sortKey() == null ? KeySchema.of(table.partitionKey().name(), table.partitionKey().type())
                : KeySchema.of(table.partitionKey().name(), table.partitionKey().type(), table.sortKey().name(), table.sortKey().type());
    }

    private static void checkFilterOnNonKeys(ConditionNode filter, TableDefinition table) {
        if (filter == null) {
            return;
        }
        for (String attribute : ConditionNode.attributes(filter)) {
            if (table.isKey(attribute)) {
                throw new ValidationException("Filter Expression can only contain non-primary key attributes: Primary key attribute: "
                        + attribute);
            }
        }
    }

    private static ItemKeys startKey(TableDefinition table, Map<String, AttributeValue> key) {
        try {
            return ItemKeys.ofKey(table, key);
        } catch (ValidationException e) {
            throw new ValidationException(INVALID_START + e.getMessage());
        }
    }

    /** The storage range for a sort key condition, in the key codec's order. */
    static SortRange sortRange(KeyCondition.SortCondition condition) {
        if (condition == null) {
            return SortRange.all();
        }
        byte[] v = condition.operator() == KeyCondition.Operator.BEGINS_WITH ? null : KeyCodec.encode(condition.values().get(0));
        return switch (condition.operator()) {
            case EQ -> SortRange.exactly(v);
            case LT -> new SortRange(null, true, v, false);
            case LE -> new SortRange(null, true, v, true);
            case GT -> new SortRange(v, false, null, true);
            case GE -> new SortRange(v, true, null, true);
            case BETWEEN -> new SortRange(v, true, KeyCodec.encode(condition.values().get(1)), true);
            case BEGINS_WITH -> SortRange.prefix(KeyCodec.encodePrefix(condition.values().get(0)));
        };
    }
}
