package floe.engine.table;

import floe.api.AttributeValue;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.ProvisionedThroughput;
import floe.engine.validate.Constraints;
import java.util.ArrayList;
import java.util.List;

/**
 * CreateTable's validation, in DynamoDB's order: declared constraints first (all
 * reported together), then the semantic rules one at a time.
 */
public final class CreateTableRules {
    private static final String INVALID = "One or more parameter values were invalid: ";
    /** DynamoDB's upper bound on provisioned units. */
    static final long MAX_UNITS = 1_000_000_000_000L;

    private CreateTableRules() {}

    /**
     * Validates a CreateTable request.
     *
     * @return the resolved table name
     */
    public static String validate(CreateTableRequest r) {
        Constraints c = new Constraints();
        String name = r.tableName();
        if (name == null) {
            throw new ValidationException("The parameter 'TableName' is required but was not present in the request");
        }
        name = TableNames.resolve(name);
        if (name.length() < 3 || name.length() > 255) {
            throw new ValidationException("TableName must be at least 3 characters long and at most 255 characters long");
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
        if (r.billingMode() != null) {
            c.oneOf(r.billingMode(), List.of("PROVISIONED", "PAY_PER_REQUEST"), "billingMode");
        }
        c.throwIfAny();

        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(r.billingMode());
        if (onDemand && pt != null) {
            throw new ValidationException(INVALID
                    + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        if (!onDemand) {
            if (pt == null) {
                throw new ValidationException(INVALID + "Missing required parameter in input: \"ProvisionedThroughput\"");
            }
            if (pt.readCapacityUnits() > MAX_UNITS) {
                throw new ValidationException("Given value " + pt.readCapacityUnits() + " for ReadCapacityUnits is out of bounds");
            }
            if (pt.writeCapacityUnits() > MAX_UNITS) {
                throw new ValidationException("Given value " + pt.writeCapacityUnits() + " for WriteCapacityUnits is out of bounds");
            }
        }
        List<String> defined = new ArrayList<>();
        for (AttributeDefinition d : r.attributeDefinitions()) {
            if (defined.contains(d.attributeName())) {
                throw new ValidationException(INVALID + "Duplicate AttributeName in AttributeDefinitions: "
                        + d.attributeName());
            }
            defined.add(d.attributeName());
        }
        List<String> keys = r.keySchema().stream().map(KeySchemaElement::attributeName).toList();
        if (keys.size() == 2 && (!defined.containsAll(keys) || (keys.get(0).equals(keys.get(1)) && defined.size() == 1))) {
            throw new ValidationException("Invalid KeySchema: Some index key attribute have no definition");
        }
        if (keys.size() == 1 && !defined.containsAll(keys)) {
            throw new ValidationException(INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: "
                    + "[" + String.join(", ", keys) + "], AttributeDefinitions: [" + String.join(", ", defined) + "]");
        }
        if (keys.size() == 2 && keys.get(0).equals(keys.get(1))) {
            throw new ValidationException("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!"HASH".equals(r.keySchema().get(0).keyType())) {
            throw new ValidationException("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (keys.size() == 2 && !"RANGE".equals(r.keySchema().get(1).keyType())) {
            throw new ValidationException("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        if (keys.size() != defined.size()) {
            throw new ValidationException(INVALID + "Number of attributes in KeySchema does not exactly match number of"
                    + " attributes defined in AttributeDefinitions");
        }
        for (String k : keys) {
            if (new AttributeValue.S(k).size() > 255) {
                throw new ValidationException(INVALID + "KeySchema attribute name is too long: " + k.length()
                        + " characters, maximum is 255");
            }
        }
        return name;
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

    /** A new table's definition from a validated request. */
    public static TableDefinition define(CreateTableRequest r, String name, String id, java.time.Instant now) {
        List<KeySchemaElement> ks = r.keySchema();
        TableDefinition.KeyAttribute pk = new TableDefinition.KeyAttribute(ks.get(0).attributeName(),
                typeOf(r.attributeDefinitions(), ks.get(0).attributeName()));
        TableDefinition.KeyAttribute sk = ks.size() < 2 ? null : new TableDefinition.KeyAttribute(ks.get(1).attributeName(),
                typeOf(r.attributeDefinitions(), ks.get(1).attributeName()));
        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(r.billingMode());
        return new TableDefinition(name, id, now, pk, sk, r.attributeDefinitions(),
                onDemand ? TableDefinition.PAY_PER_REQUEST : TableDefinition.PROVISIONED,
                onDemand ? 0 : r.provisionedThroughput().readCapacityUnits(),
                onDemand ? 0 : r.provisionedThroughput().writeCapacityUnits(), null, null, 0,
                onDemand ? now : null);
    }
}
