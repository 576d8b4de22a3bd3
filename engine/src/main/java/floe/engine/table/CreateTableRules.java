package floe.engine.table;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.GlobalSecondaryIndex;
import floe.api.model.KeySchemaElement;
import floe.api.model.LocalSecondaryIndex;
import floe.api.model.Projection;
import floe.api.model.ProvisionedThroughput;
import floe.engine.validate.Constraints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * CreateTable's validation, in DynamoDB's order: declared constraints first (all
 * reported together), then the semantic rules one at a time.
 */
public final class CreateTableRules {
    private static final String INVALID = "One or more parameter values were invalid: ";
    /** DynamoDB's upper bound on provisioned units. */
    static final long MAX_UNITS = 1_000_000_000_000L;
    /** Local secondary indexes per table. */
    static final int MAX_LOCAL = 5;
    /** Key schema elements of a global index: up to four partition and four sort attributes. */
    static final int MAX_GLOBAL_KEYS = 8;
    /** Partition or sort attributes of a global index's key. */
    static final int MAX_KEY_ATTRIBUTES = 4;
    /** Global secondary indexes per table (DynamoDB's default quota). */
    static final int MAX_GLOBAL = 20;
    /** Non-key attributes one index's projection may list. */
    static final int MAX_NON_KEY_PER_INDEX = 20;
    /** Non-key attributes projected, summed over all indexes of a table. */
    static final int MAX_PROJECTED = 100;

    private CreateTableRules() {}

    /**
     * Validates a CreateTable request.
     *
     * @return the resolved table name
     */
    public static String validate(CreateTableRequest r) {
        return validate(r, c -> {});
    }

    /**
     * Validates a CreateTable request as {@link #validate(CreateTableRequest)} does,
     * reporting {@code more}'s constraint violations (those of parts other packages
     * check) in the same message as the request's own.
     */
    public static String validate(CreateTableRequest r, Consumer<Constraints> more) {
        Constraints c = new Constraints();
        String name = r.tableName();
        if (name == null) {
            throw new ValidationException("The parameter 'TableName' is required but was not present in the request");
        }
        name = TableNames.resolve(name);
        if (name.length() < 3 || name.length() > 255) {
            throw new ValidationException(
                    "TableName must be at least 3 characters long and at most 255 characters long");
        }
        c.notNull(r.attributeDefinitions(), "attributeDefinitions");
        if (r.attributeDefinitions() != null) {
            int i = 1;
            for (AttributeDefinition d : r.attributeDefinitions()) {
                String at = "attributeDefinitions." + i++ + ".member.";
                c.notNull(d.attributeName(), at + "attributeName");
                c.notNull(d.attributeType(), at + "attributeType");
                c.oneOf(d.attributeType(), List.of("B", "N", "S"), at + "attributeType");
            }
        }
        c.pattern(name, TableNames.isValid(name), TableNames.PATTERN_TEXT, "tableName");
        ProvisionedThroughput pt = r.provisionedThroughput();
        if (pt != null) {
            c.notNull(pt.writeCapacityUnits(), "provisionedThroughput.writeCapacityUnits");
            c.atLeast(pt.writeCapacityUnits(), 1, "provisionedThroughput.writeCapacityUnits");
            c.notNull(pt.readCapacityUnits(), "provisionedThroughput.readCapacityUnits");
            c.atLeast(pt.readCapacityUnits(), 1, "provisionedThroughput.readCapacityUnits");
        }
        c.notNull(r.keySchema(), "keySchema");
        if (r.keySchema() != null) {
            c.length(r.keySchema(), r.keySchema().size(), 1, 2, "keySchema");
            int i = 1;
            for (KeySchemaElement k : r.keySchema()) {
                String at = "keySchema." + i++ + ".member.";
                c.notNull(k.attributeName(), at + "attributeName");
                c.notNull(k.keyType(), at + "keyType");
                c.oneOf(k.keyType(), List.of("HASH", "RANGE"), at + "keyType");
            }
        }
        if (r.localSecondaryIndexes() != null) {
            int i = 1;
            for (LocalSecondaryIndex l : r.localSecondaryIndexes()) {
                indexConstraints(
                        c,
                        "localSecondaryIndexes." + i++ + ".member.",
                        l.indexName(),
                        l.keySchema(),
                        l.projection(),
                        null,
                        2);
            }
        }
        if (r.globalSecondaryIndexes() != null) {
            int i = 1;
            for (GlobalSecondaryIndex g : r.globalSecondaryIndexes()) {
                indexConstraints(
                        c,
                        "globalSecondaryIndexes." + i++ + ".member.",
                        g.indexName(),
                        g.keySchema(),
                        g.projection(),
                        g.provisionedThroughput(),
                        MAX_GLOBAL_KEYS);
            }
        }
        if (r.billingMode() != null) {
            c.oneOf(r.billingMode(), List.of("PROVISIONED", "PAY_PER_REQUEST"), "billingMode");
        }
        more.accept(c);
        c.throwIfAny();

        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(r.billingMode());
        if (onDemand && pt != null) {
            throw new ValidationException(
                    INVALID
                            + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        if (!onDemand) {
            if (pt == null) {
                throw new ValidationException(
                        INVALID + "Missing required parameter in input: \"ProvisionedThroughput\"");
            }
            checkUnits(pt);
        }
        List<String> defined = new ArrayList<>();
        for (AttributeDefinition d : r.attributeDefinitions()) {
            if (defined.contains(d.attributeName())) {
                throw new ValidationException(
                        INVALID + "Duplicate AttributeName in AttributeDefinitions: " + d.attributeName());
            }
            defined.add(d.attributeName());
        }
        List<String> keys =
                r.keySchema().stream().map(KeySchemaElement::attributeName).toList();
        if (keys.size() == 2
                && (!defined.containsAll(keys) || (keys.get(0).equals(keys.get(1)) && defined.size() == 1))) {
            throw new ValidationException("Invalid KeySchema: Some index key attribute have no definition");
        }
        if (keys.size() == 1 && !defined.containsAll(keys)) {
            throw new ValidationException(INVALID
                    + "Some index key attributes are not defined in AttributeDefinitions. Keys: " + "["
                    + String.join(", ", keys) + "], AttributeDefinitions: [" + String.join(", ", defined) + "]");
        }
        if (keys.size() == 2 && keys.get(0).equals(keys.get(1))) {
            throw new ValidationException(
                    "Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!"HASH".equals(r.keySchema().get(0).keyType())) {
            throw new ValidationException("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (keys.size() == 2 && !"RANGE".equals(r.keySchema().get(1).keyType())) {
            throw new ValidationException("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        boolean indexed = r.localSecondaryIndexes() != null || r.globalSecondaryIndexes() != null;
        if (!indexed && keys.size() != defined.size()) {
            throw new ValidationException(INVALID + "Number of attributes in KeySchema does not exactly match number of"
                    + " attributes defined in AttributeDefinitions");
        }
        for (String k : keys) {
            if (new AttributeValue.S(k).size() > 255) {
                throw new ValidationException(INVALID + "KeySchema attribute name is too long: " + k.length()
                        + " characters, maximum is 255");
            }
        }
        if (indexed) {
            checkIndexes(r, onDemand, defined, keys);
        }
        return name;
    }

    /**
     * The declared constraints of one index, in DynamoDB's order: projection, name, key
     * schema, throughput.
     *
     * @param maxKeys the most key schema elements: 2 for a local index, 8 for a global
     *     one (up to four partition and four sort attributes)
     */
    static void indexConstraints(
            Constraints c,
            String at,
            String indexName,
            List<KeySchemaElement> keySchema,
            Projection projection,
            ProvisionedThroughput pt,
            int maxKeys) {
        c.notNull(projection, at + "projection");
        if (projection != null) {
            c.oneOf(
                    projection.projectionType(),
                    List.of(IndexDefinition.ALL, IndexDefinition.INCLUDE, IndexDefinition.KEYS_ONLY),
                    at + "projection.projectionType");
            if (projection.nonKeyAttributes() != null) {
                c.length(
                        projection.nonKeyAttributes(),
                        projection.nonKeyAttributes().size(),
                        1,
                        MAX_NON_KEY_PER_INDEX,
                        at + "projection.nonKeyAttributes");
            }
        }
        c.notNull(indexName, at + "indexName");
        if (indexName != null) {
            c.pattern(indexName, TableNames.matchesPattern(indexName), TableNames.PATTERN_TEXT, at + "indexName");
            c.length(indexName, indexName.length(), 3, 255, at + "indexName");
        }
        c.notNull(keySchema, at + "keySchema");
        if (keySchema != null) {
            c.length(keySchema, keySchema.size(), 1, maxKeys, at + "keySchema");
            int k = 1;
            for (KeySchemaElement e : keySchema) {
                String ke = at + "keySchema." + k++ + ".member.";
                c.notNull(e.attributeName(), ke + "attributeName");
                c.notNull(e.keyType(), ke + "keyType");
                c.oneOf(e.keyType(), List.of("HASH", "RANGE"), ke + "keyType");
            }
        }
        if (pt != null) {
            c.notNull(pt.writeCapacityUnits(), at + "provisionedThroughput.writeCapacityUnits");
            c.atLeast(pt.writeCapacityUnits(), 1, at + "provisionedThroughput.writeCapacityUnits");
            c.notNull(pt.readCapacityUnits(), at + "provisionedThroughput.readCapacityUnits");
            c.atLeast(pt.readCapacityUnits(), 1, at + "provisionedThroughput.readCapacityUnits");
        }
    }

    /**
     * The semantic rules of the indexes, one at a time: the local ones, then the global
     * ones, then the limit on projected attributes, then that every attribute definition
     * is used by some key schema.
     */
    private static void checkIndexes(
            CreateTableRequest r, boolean onDemand, List<String> defined, List<String> tableKeys) {
        Set<String> names = new HashSet<>();
        Set<String> used = new LinkedHashSet<>(tableKeys);
        int projected = 0;
        if (r.localSecondaryIndexes() != null) {
            if (r.localSecondaryIndexes().isEmpty()) {
                throw new ValidationException(INVALID + "List of LocalSecondaryIndexes is empty");
            }
            if (tableKeys.size() != 2) {
                throw new ValidationException(
                        INVALID + "Table KeySchema does not have a range key, which is required when"
                                + " specifying a LocalSecondaryIndex");
            }
            for (LocalSecondaryIndex l : r.localSecondaryIndexes()) {
                List<String> keys = checkIndexKeys(l.keySchema(), defined, false);
                if (keys.size() != 2) {
                    throw new ValidationException(
                            INVALID + "Index KeySchema does not have a range key for index: " + l.indexName());
                }
                if (!keys.get(0).equals(tableKeys.get(0))) {
                    throw new ValidationException(
                            INVALID + "Index KeySchema does not have the same leading hash key as table"
                                    + " KeySchema for index: " + l.indexName() + ". index hash key: " + keys.get(0)
                                    + ", table hash key: "
                                    + tableKeys.get(0));
                }
                projected += checkProjection(l.projection());
                checkName(names, l.indexName());
                used.addAll(keys);
            }
            if (r.localSecondaryIndexes().size() > MAX_LOCAL) {
                throw new ValidationException(
                        INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of " + MAX_LOCAL);
            }
        }
        if (r.globalSecondaryIndexes() != null) {
            if (r.globalSecondaryIndexes().isEmpty()) {
                throw new ValidationException(INVALID + "List of GlobalSecondaryIndexes is empty");
            }
            for (GlobalSecondaryIndex g : r.globalSecondaryIndexes()) {
                List<String> keys = checkIndexKeys(g.keySchema(), defined, true);
                projected += checkProjection(g.projection());
                if (onDemand && g.provisionedThroughput() != null) {
                    throw new ValidationException(INVALID + "ProvisionedThroughput should not be specified for index: "
                            + g.indexName() + " when BillingMode is PAY_PER_REQUEST");
                }
                if (!onDemand) {
                    ProvisionedThroughput pt = g.provisionedThroughput();
                    if (pt == null) {
                        throw new ValidationException(
                                INVALID + "ProvisionedThroughput is not specified for index: " + g.indexName());
                    }
                    checkUnits(pt);
                }
                checkName(names, g.indexName());
                used.addAll(keys);
            }
            if (r.globalSecondaryIndexes().size() > MAX_GLOBAL) {
                throw new ValidationException(
                        INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of " + MAX_GLOBAL);
            }
        }
        checkProjected(projected);
        if (used.size() != defined.size()) {
            // the order DynamoDB lists the names in is not documented; FloeDB keeps the request's order
            throw new ValidationException(INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: ["
                    + String.join(", ", defined) + "], keys used: [" + String.join(", ", used) + "]");
        }
    }

    /**
     * An index key schema's checks; returns its attribute names. A local index has one
     * partition and one sort attribute; a global one up to four of each, the partition
     * attributes first.
     */
    static List<String> checkIndexKeys(List<KeySchemaElement> keySchema, List<String> defined, boolean global) {
        List<String> keys =
                keySchema.stream().map(KeySchemaElement::attributeName).toList();
        if (!defined.containsAll(keys)) {
            throw new ValidationException(INVALID
                    + "Some index key attributes are not defined in AttributeDefinitions. Keys: ["
                    + String.join(", ", keys) + "], AttributeDefinitions: [" + String.join(", ", defined) + "]");
        }
        if (keys.size() == 2 && keys.get(0).equals(keys.get(1))) {
            throw new ValidationException(
                    "Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!"HASH".equals(keySchema.get(0).keyType())) {
            throw new ValidationException("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (!global) {
            if (keys.size() == 2 && !"RANGE".equals(keySchema.get(1).keyType())) {
                throw new ValidationException("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
            }
            return keys;
        }
        // measured wordings (quoted by a third party; whether they carry a prefix is not known)
        int hashes = 0;
        int ranges = 0;
        for (KeySchemaElement e : keySchema) {
            if ("RANGE".equals(e.keyType())) {
                ranges++;
            } else if (ranges > 0) {
                throw new ValidationException(
                        "All HASH key attributes must precede RANGE key attributes in the KeySchema");
            } else {
                hashes++;
            }
        }
        if (hashes > MAX_KEY_ATTRIBUTES) {
            throw new ValidationException("The KeySchema exceeds the maximum allowed number of HASH key attributes");
        }
        if (ranges > MAX_KEY_ATTRIBUTES) {
            throw new ValidationException("The KeySchema exceeds the maximum allowed number of RANGE key attributes");
        }
        if (new HashSet<>(keys).size() != keys.size()) {
            throw new ValidationException("The KeySchema contains multiple key attributes with the same name");
        }
        return keys;
    }

    /** A projection's rules; returns how many non-key attributes it projects. */
    static int checkProjection(Projection p) {
        String type = p.projectionType();
        if (type == null) {
            throw new ValidationException(INVALID + "Unknown ProjectionType: null");
        }
        List<String> nonKey = p.nonKeyAttributes();
        if (nonKey != null && !IndexDefinition.INCLUDE.equals(type)) {
            throw new ValidationException(
                    INVALID + "ProjectionType is " + type + ", but NonKeyAttributes is specified");
        }
        if (nonKey == null && IndexDefinition.INCLUDE.equals(type)) {
            throw new ValidationException(INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
        }
        if (nonKey == null) {
            return 0;
        }
        Set<String> seen = new HashSet<>();
        for (String a : nonKey) {
            if (!seen.add(a)) {
                throw new ValidationException(INVALID + "Duplicate element in NonKeyAttributes: " + a);
            }
        }
        return nonKey.size();
    }

    /** The limit on non-key attributes projected, summed over all indexes of a table. */
    static void checkProjected(int projected) {
        if (projected > MAX_PROJECTED) {
            // seen quoted from DynamoDB in one third-party source only; not confirmed against the service
            throw new ValidationException(
                    INVALID + "Number of projected attributes in all indexes exceeds limit of " + MAX_PROJECTED);
        }
    }

    private static void checkName(Set<String> names, String indexName) {
        if (!names.add(indexName)) {
            throw new ValidationException(INVALID + "Duplicate index name: " + indexName);
        }
    }

    static void checkUnits(ProvisionedThroughput pt) {
        if (pt.readCapacityUnits() > MAX_UNITS) {
            throw new ValidationException(
                    "Given value " + pt.readCapacityUnits() + " for ReadCapacityUnits is out of bounds");
        }
        if (pt.writeCapacityUnits() > MAX_UNITS) {
            throw new ValidationException(
                    "Given value " + pt.writeCapacityUnits() + " for WriteCapacityUnits is out of bounds");
        }
    }

    /** The type declared for {@code attribute}. */
    static AttributeValue.Type typeOf(List<AttributeDefinition> defs, String attribute) {
        for (AttributeDefinition d : defs) {
            if (d.attributeName().equals(attribute)) {
                return AttributeValue.Type.valueOf(d.attributeType());
            }
        }
        throw new IllegalStateException("undefined " + attribute);
    }

    /** A new table's definition from a validated request; {@code ids} names the table and each index. */
    public static TableDefinition define(
            CreateTableRequest r, String name, Supplier<String> ids, java.time.Instant now) {
        List<AttributeDefinition> defs = r.attributeDefinitions();
        List<KeySchemaElement> ks = r.keySchema();
        TableDefinition.KeyAttribute pk = key(defs, ks.get(0));
        TableDefinition.KeyAttribute sk = ks.size() < 2 ? null : key(defs, ks.get(1));
        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(r.billingMode());
        String id = ids.get();
        List<IndexDefinition> indexes = new ArrayList<>();
        if (r.globalSecondaryIndexes() != null) {
            for (GlobalSecondaryIndex g : r.globalSecondaryIndexes()) {
                ProvisionedThroughput pt = g.provisionedThroughput();
                indexes.add(index(
                        defs,
                        g.indexName(),
                        ids.get(),
                        IndexDefinition.Kind.GLOBAL,
                        g.keySchema(),
                        g.projection(),
                        onDemand ? 0 : pt.readCapacityUnits(),
                        onDemand ? 0 : pt.writeCapacityUnits(),
                        IndexDefinition.ACTIVE));
            }
        }
        if (r.localSecondaryIndexes() != null) {
            for (LocalSecondaryIndex l : r.localSecondaryIndexes()) {
                indexes.add(index(
                        defs,
                        l.indexName(),
                        ids.get(),
                        IndexDefinition.Kind.LOCAL,
                        l.keySchema(),
                        l.projection(),
                        0,
                        0,
                        IndexDefinition.ACTIVE));
            }
        }
        return new TableDefinition(
                name,
                id,
                now,
                pk,
                sk,
                defs,
                onDemand ? TableDefinition.PAY_PER_REQUEST : TableDefinition.PROVISIONED,
                onDemand ? 0 : r.provisionedThroughput().readCapacityUnits(),
                onDemand ? 0 : r.provisionedThroughput().writeCapacityUnits(),
                null,
                null,
                0,
                onDemand ? now : null,
                indexes,
                Item.empty());
    }

    /** An index's definition from a validated key schema and projection, its key types taken from {@code defs}. */
    static IndexDefinition index(
            List<AttributeDefinition> defs,
            String name,
            String id,
            IndexDefinition.Kind kind,
            List<KeySchemaElement> keySchema,
            Projection projection,
            long read,
            long write,
            String status) {
        List<TableDefinition.KeyAttribute> partition = new ArrayList<>();
        List<TableDefinition.KeyAttribute> sort = new ArrayList<>();
        for (KeySchemaElement k : keySchema) {
            ("HASH".equals(k.keyType()) ? partition : sort).add(key(defs, k));
        }
        List<String> nonKey = projection.nonKeyAttributes() == null ? List.of() : projection.nonKeyAttributes();
        return new IndexDefinition(
                name, id, kind, partition, sort, projection.projectionType(), nonKey, read, write, status);
    }

    private static TableDefinition.KeyAttribute key(List<AttributeDefinition> defs, KeySchemaElement k) {
        return new TableDefinition.KeyAttribute(k.attributeName(), typeOf(defs, k.attributeName()));
    }
}
