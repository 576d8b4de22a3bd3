package floe.engine.query;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ValidationException;
import floe.api.model.Condition;
import floe.api.model.QueryRequest;
import floe.api.model.QueryResponse;
import floe.api.model.ScanRequest;
import floe.api.model.ScanResponse;
import floe.engine.capacity.Capacity;
import floe.engine.capacity.Throttle;
import floe.engine.codec.ByteSink;
import floe.engine.codec.ItemCodec;
import floe.engine.codec.KeyCodec;
import floe.engine.expr.ConditionEvaluator;
import floe.engine.expr.ConditionNode;
import floe.engine.expr.ExpressionKind;
import floe.engine.expr.ExpressionParser;
import floe.engine.expr.Expressions;
import floe.engine.expr.KeyCondition;
import floe.engine.expr.KeySchema;
import floe.engine.expr.LegacyConditions;
import floe.engine.expr.Path;
import floe.engine.expr.Placeholders;
import floe.engine.expr.Projector;
import floe.engine.item.ItemKeys;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableNames;
import floe.engine.validate.Constraints;
import floe.engine.validate.ItemRules;
import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query and Scan, of a table or of one of its secondary indexes. Both validate the
 * whole request before looking the table up, read one snapshot, stop after
 * {@code Limit} items evaluated or 1 MB read (counted before the filter), and return
 * the key of the last item evaluated when they stopped early.
 */
public final class Queries {
    /** DynamoDB's page size: 1 MB of items read. */
    static final long PAGE_BYTES = 1024 * 1024;

    static final List<String> SELECT =
            List.of("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES");

    private final StorageBackend backend;
    private final TableCatalog catalog;
    private final Throttle throttle;

    public Queries(StorageBackend backend, TableCatalog catalog, Throttle throttle) {
        this.backend = backend;
        this.catalog = catalog;
        this.throttle = throttle;
    }

    /**
     * The parts of a Query or Scan that do not depend on the table.
     *
     * @param filter the filter, or null
     * @param projection the paths to return, or null
     * @param select what Select amounts to: given, or implied by the other parameters
     * @param named the top-level attributes the filter and projection name
     */
    private record Plan(ConditionNode filter, List<Path> projection, String select, Set<String> named) {
        boolean countOnly() {
            return "COUNT".equals(select);
        }
    }

    /**
     * Query's declared constraints, all reported in one message.
     *
     * @return the table's name
     */
    public static String constraints(QueryRequest r) {
        Constraints c = new Constraints();
        String name = TableNames.check(r.tableName(), c);
        common(c, r.indexName(), r.limit(), r.select(), r.returnConsumedCapacity(), r.conditionalOperator());
        c.throwIfAny();
        return name;
    }

    public QueryResponse query(QueryRequest r) {
        String name = constraints(r);
        checkStartKeyValues(r.exclusiveStartKey());
        boolean expressions =
                r.keyConditionExpression() != null || r.filterExpression() != null || r.projectionExpression() != null;
        // KeyConditions goes with FilterExpression and ProjectionExpression; only KeyConditionExpression excludes it
        boolean legacy = r.attributesToGet() != null
                || r.queryFilter() != null
                || r.conditionalOperator() != null
                || (r.keyConditions() != null && r.keyConditionExpression() != null);
        if (expressions && legacy) {
            throw Expressions.mixed(
                    Expressions.present(
                            "AttributesToGet",
                            r.attributesToGet(),
                            "QueryFilter",
                            r.queryFilter(),
                            "ConditionalOperator",
                            r.conditionalOperator(),
                            "KeyConditions",
                            r.keyConditionExpression() != null ? r.keyConditions() : null),
                    Expressions.present(
                            "ProjectionExpression",
                            r.projectionExpression(),
                            "FilterExpression",
                            r.filterExpression(),
                            "KeyConditionExpression",
                            r.keyConditionExpression()));
        }
        if (r.keyConditionExpression() == null && r.keyConditions() == null) {
            throw new ValidationException(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        Placeholders ph = placeholders(
                expressions,
                r.filterExpression() != null || r.keyConditionExpression() != null,
                r.expressionAttributeNames(),
                r.expressionAttributeValues(),
                "FilterExpression and KeyConditionExpression are null");
        ConditionNode keyExpression = r.keyConditionExpression() == null
                ? null
                : ExpressionParser.parseKeyConditionSyntax(r.keyConditionExpression(), ph);
        Plan plan = plan(
                ph,
                r.filterExpression(),
                r.queryFilter(),
                r.conditionalOperator(),
                "queryFilter",
                r.projectionExpression(),
                r.attributesToGet(),
                r.select(),
                r.indexName());
        ReadSource source = ReadSource.of(catalog.require(name), r.indexName(), r.consistentRead());
        if (r.exclusiveStartKey() == null) {
            source.checkSelect(r.select());
        }
        KeySchema schema = source.schema();
        KeyCondition key = keyExpression != null
                ? ExpressionParser.keyCondition(keyExpression, schema)
                : LegacyConditions.keyConditions(r.keyConditions(), schema);
        checkFilterOnNonKeys(plan.filter(), source);
        byte[] partition = partition(key);
        boolean forward = !Boolean.FALSE.equals(r.scanIndexForward());
        SortRange range = sortRange(key.sortKey());
        if (r.exclusiveStartKey() != null) {
            EntryKey start = source.start(r.exclusiveStartKey(), r.select());
            if (!Arrays.equals(start.partition(), partition)) {
                throw new ValidationException(
                        "The provided starting key is outside query boundaries based on provided conditions");
            }
            range = after(range, start.sort(), forward);
        }
        throttle.admitRead(source.table(), source.index());
        Page page = new Page(source, plan, r.limit(), r.consistentRead(), false);
        try (ReadTransaction t = backend.beginRead()) {
            if (!range.isEmpty()) {
                t.range(source.keyspace(), partition, range, !forward, Integer.MAX_VALUE, page);
            }
            page.finish(t);
        }
        Capacity.charge(throttle, source.table(), Throttle.Kind.READ, page.units());
        return new QueryResponse(
                plan.countOnly() ? null : page.items,
                page.count,
                page.scanned,
                page.lastEvaluatedKey(),
                Capacity.consumed(r.returnConsumedCapacity(), source.table().name(), page.units(), false));
    }

    /**
     * Scan's declared constraints, all reported in one message.
     *
     * @return the table's name
     */
    public static String constraints(ScanRequest r) {
        Constraints c = new Constraints();
        String name = TableNames.check(r.tableName(), c);
        common(c, r.indexName(), r.limit(), r.select(), r.returnConsumedCapacity(), r.conditionalOperator());
        if (r.segment() != null) {
            c.atLeast((long) r.segment(), 0, "segment").atMost((long) r.segment(), 999_999, "segment");
        }
        if (r.totalSegments() != null) {
            c.atLeast((long) r.totalSegments(), 1, "totalSegments")
                    .atMost((long) r.totalSegments(), 1_000_000, "totalSegments");
        }
        c.throwIfAny();
        return name;
    }

    public ScanResponse scan(ScanRequest r) {
        String name = constraints(r);
        checkStartKeyValues(r.exclusiveStartKey());
        if (r.segment() != null && r.totalSegments() == null) {
            throw new ValidationException(
                    "The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
        }
        if (r.totalSegments() != null && r.segment() == null) {
            throw new ValidationException(
                    "The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
        }
        if (r.segment() != null && r.segment() >= r.totalSegments()) {
            throw new ValidationException(
                    "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
                            + r.segment() + " is not less than TotalSegments: " + r.totalSegments());
        }
        boolean expressions = r.filterExpression() != null || r.projectionExpression() != null;
        boolean legacy = r.scanFilter() != null || r.attributesToGet() != null || r.conditionalOperator() != null;
        if (expressions && legacy) {
            throw Expressions.mixed(
                    Expressions.present(
                            "AttributesToGet",
                            r.attributesToGet(),
                            "ScanFilter",
                            r.scanFilter(),
                            "ConditionalOperator",
                            r.conditionalOperator()),
                    Expressions.present(
                            "ProjectionExpression",
                            r.projectionExpression(),
                            "FilterExpression",
                            r.filterExpression()));
        }
        Placeholders ph = placeholders(
                expressions,
                r.filterExpression() != null,
                r.expressionAttributeNames(),
                r.expressionAttributeValues(),
                "FilterExpression is null");
        Plan plan = plan(
                ph,
                r.filterExpression(),
                r.scanFilter(),
                r.conditionalOperator(),
                "scanFilter",
                r.projectionExpression(),
                r.attributesToGet(),
                r.select(),
                r.indexName());
        ReadSource source = ReadSource.of(catalog.require(name), r.indexName(), r.consistentRead());
        int segment = r.segment() == null ? 0 : r.segment();
        int total = r.totalSegments() == null ? 1 : r.totalSegments();
        EntryKey resume = null;
        if (r.exclusiveStartKey() != null) {
            resume = source.start(r.exclusiveStartKey(), r.select());
        } else {
            source.checkSelect(r.select());
        }
        throttle.admitRead(source.table(), source.index());
        Page page = new Page(source, plan, r.limit(), r.consistentRead(), true);
        try (ReadTransaction t = backend.beginRead()) {
            try {
                t.scan(source.keyspace(), segment, total, resume, page);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("The provided Exclusive start key does not map to the provided Segment: "
                        + segment + " with TotalSegments: " + total);
            }
            page.finish(t);
        }
        Capacity.charge(throttle, source.table(), Throttle.Kind.READ, page.units());
        return new ScanResponse(
                plan.countOnly() ? null : page.items,
                page.count,
                page.scanned,
                page.lastEvaluatedKey(),
                Capacity.consumed(r.returnConsumedCapacity(), source.table().name(), page.units(), false));
    }

    /**
     * Collects one page: reads entries until Limit entries or 1 MB of them (counted as
     * stored, so an index's projected size) were read, then, in the same snapshot,
     * fetches from the table what a local index lacks, filters and projects.
     */
    private static final class Page implements EntryVisitor {
        final ReadSource source;
        final Plan plan;
        final int limit;
        final boolean consistent;
        final boolean fetch;
        final boolean scan;
        final List<Item> read = new ArrayList<>();
        final List<Map<String, AttributeValue>> items = new ArrayList<>();
        int count;
        int scanned;
        long bytes;
        double fetchUnits;
        boolean stoppedEarly;

        Page(ReadSource source, Plan plan, Integer limit, Boolean consistentRead, boolean scan) {
            this.source = source;
            this.scan = scan;
            this.plan = plan;
            this.limit = limit == null ? Integer.MAX_VALUE : limit;
            this.consistent = Boolean.TRUE.equals(consistentRead);
            this.fetch = source.fetches(plan.select(), plan.named());
        }

        @Override
        public boolean visit(byte[] partition, byte[] sort, byte[] value) {
            Item entry = ItemCodec.decode(value);
            scanned++;
            bytes += entry.size();
            read.add(entry);
            if (scanned >= limit || bytes >= PAGE_BYTES) {
                stoppedEarly = true;
                return false;
            }
            return true;
        }

        /** Filters and projects what was read, fetching from the table in {@code t} when the index lacks attributes. */
        void finish(ReadTransaction t) {
            for (Item entry : read) {
                Item whole = fetch ? fetchItem(t, entry) : entry;
                if (whole == null) {
                    continue; // not possible in one snapshot; kept safe rather than failing the read
                }
                if (plan.filter() == null || ConditionEvaluator.matches(plan.filter(), whole)) {
                    count++;
                    if (!plan.countOnly()) {
                        items.add(output(entry, whole).attributes());
                    }
                }
            }
        }

        private Item fetchItem(ReadTransaction t, Item entry) {
            ItemKeys keys = ItemKeys.ofKey(source.table(), ItemKeys.keyOf(source.table(), entry));
            byte[] v = t.get(source.table().keyspace(), keys.partition(), keys.sort());
            Item item = v == null ? null : ItemCodec.decode(v);
            fetchUnits += Capacity.readUnits(item == null ? 0 : item.size(), consistent);
            return item;
        }

        /** What a matching item returns: the paths asked for, the whole item, or what the index holds. */
        private Item output(Item entry, Item whole) {
            if (plan.projection() != null) {
                return Projector.project(whole, plan.projection());
            }
            return "ALL_ATTRIBUTES".equals(plan.select()) ? whole : entry;
        }

        /**
         * Read units: the entries read, in one sum rounded once (with a Scan's floor); with a
         * local index, each item fetched from the table too.
         */
        Capacity.Units units() {
            double read = scan ? Capacity.scanUnits(bytes, consistent) : Capacity.readUnits(bytes, consistent);
            if (source.index() == null) {
                return Capacity.Units.table(read);
            }
            return Capacity.Units.table(fetchUnits).plusIndex(source.index(), read);
        }

        Map<String, AttributeValue> lastEvaluatedKey() {
            return stoppedEarly ? source.lastKey(read.get(read.size() - 1)) : null;
        }
    }

    /**
     * The values of an ExclusiveStartKey, checked before the table is looked up (its
     * schema is checked after): an invalid one is "The provided starting key is invalid: "
     * and the value's own message (dynalite's query and scan tests, written against
     * DynamoDB, send these to a table that does not exist).
     */
    private static void checkStartKeyValues(Map<String, AttributeValue> start) {
        if (start == null) {
            return;
        }
        for (AttributeValue v : start.values()) {
            if (v == null) {
                throw new ValidationException("The provided starting key is invalid: "
                        + "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
            }
        }
        try {
            ItemRules.checkAttributes(start);
        } catch (ValidationException e) {
            throw new ValidationException("The provided starting key is invalid: " + e.getMessage());
        }
    }

    private static void common(
            Constraints c, String indexName, Integer limit, String select, String consumed, String operator) {
        if (indexName != null) {
            c.length(indexName, indexName.length(), 3, 255, "indexName");
            c.pattern(indexName, TableNames.isValid(indexName), TableNames.PATTERN_TEXT, "indexName");
        }
        if (limit != null) {
            c.atLeast((long) limit, 1, "limit");
        }
        c.oneOf(select, SELECT, "select");
        c.oneOf(consumed, Capacity.RETURN_CONSUMED, "returnConsumedCapacity");
        c.oneOf(operator, List.of("AND", "OR"), "conditionalOperator");
    }

    /**
     * The placeholders, with DynamoDB's rules (dynalite's validateExpressionParams):
     * names need some expression, values one that takes values (not the projection).
     *
     * @param expressions whether any expression parameter is present
     * @param valueExpressions whether an expression that takes values is present
     * @param whyNot the end of the message refusing values without such an expression
     */
    private static Placeholders placeholders(
            boolean expressions,
            boolean valueExpressions,
            Map<String, String> names,
            Map<String, AttributeValue> values,
            String whyNot) {
        if (!expressions && names != null) {
            throw new ValidationException("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (!valueExpressions && values != null) {
            throw new ValidationException(
                    "ExpressionAttributeValues can only be specified when using expressions: " + whyNot);
        }
        if (!expressions) {
            return Placeholders.none();
        }
        if (values != null) {
            ItemRules.checkExpressionValues(values);
        }
        return Placeholders.of(names, values);
    }

    /** Parses the filter and projection (after the key condition, in DynamoDB's order) and checks Select. */
    private static Plan plan(
            Placeholders ph,
            String filterExpression,
            Map<String, Condition> legacyFilter,
            String operator,
            String filterParameter,
            String projectionExpression,
            List<String> attributesToGet,
            String select,
            String indexName) {
        ConditionNode filter = null;
        if (filterExpression != null) {
            filter = ExpressionParser.parseCondition(filterExpression, ph, ExpressionKind.FILTER);
        } else if (legacyFilter != null) {
            filter = LegacyConditions.filter(legacyFilter, operator, filterParameter);
        } else if (operator != null) {
            throw new ValidationException(
                    "ConditionalOperator can only be used when Filter or Expected conditions are specified");
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
                throw new ValidationException(
                        "Cannot specify the " + projectionParameter + " when choosing to get " + select);
            }
            if (projection == null && "SPECIFIC_ATTRIBUTES".equals(select)) {
                throw new ValidationException(
                        "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
            }
            if ("ALL_PROJECTED_ATTRIBUTES".equals(select) && indexName == null) {
                throw new ValidationException(
                        "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
            }
        }
        String effective = select != null
                ? select
                : projection != null
                        ? "SPECIFIC_ATTRIBUTES"
                        : indexName != null ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
        Set<String> named = new HashSet<>();
        if (filter != null) {
            named.addAll(ConditionNode.attributes(filter));
        }
        if (projection != null) {
            for (Path p : projection) {
                named.add(p.attribute());
            }
        }
        return new Plan(filter, projection, effective, named);
    }

    private static void checkFilterOnNonKeys(ConditionNode filter, ReadSource source) {
        if (filter == null) {
            return;
        }
        for (String attribute : ConditionNode.attributes(filter)) {
            if (source.isKey(attribute)) {
                throw new ValidationException(
                        "Filter Expression can only contain non-primary key attributes: Primary key attribute: "
                                + attribute);
            }
        }
    }

    /**
     * {@code range} narrowed to what lies after {@code start} in the direction read: a
     * page continues after its last key and never outside the key condition.
     */
    static SortRange after(SortRange range, byte[] start, boolean forward) {
        if (forward) {
            boolean narrower = range.lower() == null || Arrays.compareUnsigned(start, range.lower()) >= 0;
            return narrower ? new SortRange(start, false, range.upper(), range.upperInclusive()) : range;
        }
        boolean narrower = range.upper() == null || Arrays.compareUnsigned(start, range.upper()) <= 0;
        return narrower ? new SortRange(range.lower(), range.lowerInclusive(), start, false) : range;
    }

    /** The partition part a key condition names: its partition values, encoded one after another in key order. */
    static byte[] partition(KeyCondition key) {
        ByteSink out = new ByteSink(64);
        for (KeyCondition.Equality e : key.partitionKey()) {
            KeyCodec.encode(e.value(), out);
        }
        return out.toByteArray();
    }

    /**
     * The storage range for the sort key conditions. The sort part is the encoded sort
     * key values one after another (for an index, followed by the table key), each
     * encoding self-delimiting and order-preserving, so the equalities before the last
     * condition make a prefix and the last narrows the range within it; a value stands
     * for every sort part it starts: "= v" is the prefix enc(v), "<= v" ends before the
     * successor of that prefix, "> v" starts there.
     */
    static SortRange sortRange(List<KeyCondition.SortCondition> conditions) {
        if (conditions.isEmpty()) {
            return SortRange.all();
        }
        ByteSink equal = new ByteSink(64);
        for (KeyCondition.SortCondition c : conditions.subList(0, conditions.size() - 1)) {
            KeyCodec.encode(c.values().get(0), equal); // an equality: checked by KeyConditions
        }
        byte[] prefix = equal.toByteArray();
        byte[] start = prefix.length == 0 ? null : prefix;
        byte[] end = prefix.length == 0 ? null : SortRange.successorOfPrefix(prefix);
        KeyCondition.SortCondition last = conditions.get(conditions.size() - 1);
        if (last.operator() == KeyCondition.Operator.BEGINS_WITH) {
            return SortRange.prefix(
                    concat(prefix, KeyCodec.encodePrefix(last.values().get(0))));
        }
        byte[] v = concat(prefix, KeyCodec.encode(last.values().get(0)));
        return switch (last.operator()) {
            case EQ -> SortRange.prefix(v);
            case LT -> new SortRange(start, true, v, false);
            case LE -> upTo(start, true, v, end);
            case GT -> {
                byte[] next = SortRange.successorOfPrefix(v);
                yield next == null ? new SortRange(v, false, v, false) : bounded(next, end);
            }
            case GE -> bounded(v, end);
            case BETWEEN ->
                upTo(v, true, concat(prefix, KeyCodec.encode(last.values().get(1))), end);
            case BEGINS_WITH -> throw new AssertionError("handled above");
        };
    }

    /** From {@code lower} up to every sort part starting with {@code last}, within {@code end}. */
    private static SortRange upTo(byte[] lower, boolean lowerInclusive, byte[] last, byte[] end) {
        byte[] next = SortRange.successorOfPrefix(last);
        return next == null ? bounded(lower, lowerInclusive, end) : new SortRange(lower, lowerInclusive, next, false);
    }

    private static SortRange bounded(byte[] lower, byte[] end) {
        return bounded(lower, true, end);
    }

    /** From {@code lower} to {@code end} (exclusive), or to the partition's end if null. */
    private static SortRange bounded(byte[] lower, boolean lowerInclusive, byte[] end) {
        return end == null
                ? new SortRange(lower, lowerInclusive, null, true)
                : new SortRange(lower, lowerInclusive, end, false);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
