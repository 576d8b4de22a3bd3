package floe.engine.expr;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ValidationException;
import floe.api.model.ExpectedAttributeValue;
import floe.api.model.UpdateItemRequest;
import floe.engine.validate.ItemRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a request's expression parameters, or its legacy parameters, into parsed
 * conditions, projections and updates, with DynamoDB's rules on combining them.
 * Everything here is checked before the table is looked up.
 */
public final class Expressions {

    /** A parsed condition; {@link #test} with a null item tests a missing item. */
    public record Condition(ConditionNode node) {
        public boolean test(Item item) {
            return ConditionEvaluator.matches(node, item);
        }
    }

    /** A parsed projection; no paths means every attribute. */
    public record Projection(List<Path> paths) {
        public static final Projection ALL = new Projection(null);

        public Item apply(Item item) {
            return paths == null ? item : Projector.project(item, paths);
        }
    }

    /** A parsed update with its condition. */
    public record Update(UpdateExpression expression, Condition condition) {
        /** Applies the update to {@code old}, or to the key alone when there is no item yet. */
        public UpdateResult apply(Item old, Item key) {
            if (expression == null) {
                Item same = old != null ? old : key;
                return new UpdateResult(old, same, List.of());
            }
            return UpdateApplier.apply(expression, old, key);
        }

        /** What ReturnValues asks for. */
        public static Map<String, AttributeValue> returnValues(String returnValues, UpdateResult result) {
            if (returnValues == null || "NONE".equals(returnValues)) {
                return null;
            }
            Item part =
                    switch (returnValues) {
                        case "ALL_OLD" -> result.oldItem();
                        case "ALL_NEW" -> result.newItem();
                        case "UPDATED_OLD" -> result.updatedOld();
                        default -> result.updatedNew();
                    };
            return part == null || part.isEmpty() ? null : part.attributes();
        }
    }

    /** The condition of a PutItem or DeleteItem: ConditionExpression or the legacy Expected. */
    public Condition writeCondition(
            String conditionExpression,
            Map<String, ExpectedAttributeValue> expected,
            String conditionalOperator,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        if (conditionExpression != null && (expected != null || conditionalOperator != null)) {
            throw mixed(
                    present("Expected", expected, "ConditionalOperator", conditionalOperator), "ConditionExpression");
        }
        if (conditionExpression == null) {
            checkNoPlaceholders(names, values, "ConditionExpression is null");
            if (expected != null) {
                checkOperator(conditionalOperator);
                return condition(LegacyConditions.expected(expected, conditionalOperator));
            }
            if (conditionalOperator != null) {
                throw new ValidationException("ConditionalOperator can only be specified when Expected is specified");
            }
            return null;
        }
        Placeholders ph = placeholders(names, values);
        ConditionNode node = ExpressionParser.parseCondition(conditionExpression, ph, ExpressionKind.CONDITION);
        ph.checkAllUsed();
        return new Condition(node);
    }

    /** The projection of a GetItem: ProjectionExpression or the legacy AttributesToGet. */
    public Projection projection(String projectionExpression, List<String> attributesToGet, Map<String, String> names) {
        if (projectionExpression != null && attributesToGet != null) {
            throw mixed("AttributesToGet", "ProjectionExpression");
        }
        if (projectionExpression == null) {
            if (names != null) {
                throw new ValidationException("ExpressionAttributeNames can only be specified when using expressions");
            }
            return attributesToGet == null
                    ? Projection.ALL
                    : new Projection(LegacyConditions.attributesToGet(attributesToGet));
        }
        Placeholders ph = placeholders(names, null);
        List<Path> paths = ExpressionParser.parseProjection(projectionExpression, ph);
        ph.checkAllUsed();
        return new Projection(paths);
    }

    /** The update and condition of an UpdateItem. */
    public Update update(UpdateItemRequest r) {
        boolean expressions = r.updateExpression() != null || r.conditionExpression() != null;
        boolean legacy = r.attributeUpdates() != null || r.expected() != null || r.conditionalOperator() != null;
        if (expressions && legacy) {
            throw mixed(
                    present(
                            "AttributeUpdates",
                            r.attributeUpdates(),
                            "Expected",
                            r.expected(),
                            "ConditionalOperator",
                            r.conditionalOperator()),
                    present("UpdateExpression", r.updateExpression(), "ConditionExpression", r.conditionExpression()));
        }
        if (!expressions) {
            checkNoPlaceholders(
                    r.expressionAttributeNames(),
                    r.expressionAttributeValues(),
                    "UpdateExpression and ConditionExpression are null");
            if (r.conditionalOperator() != null && r.expected() == null) {
                throw new ValidationException("ConditionalOperator can only be specified when Expected is specified");
            }
            checkOperator(r.conditionalOperator());
            if (r.attributeUpdates() != null) {
                for (Map.Entry<String, floe.api.model.AttributeValueUpdate> e :
                        r.attributeUpdates().entrySet()) {
                    if (e.getValue().value() != null) {
                        ItemRules.checkDepth(e.getValue().value(), 1);
                    }
                }
            }
            UpdateExpression update =
                    r.attributeUpdates() == null ? null : LegacyConditions.attributeUpdates(r.attributeUpdates());
            Condition condition = r.expected() == null
                    ? null
                    : condition(LegacyConditions.expected(r.expected(), r.conditionalOperator()));
            return new Update(update, condition);
        }
        Placeholders ph = placeholders(r.expressionAttributeNames(), r.expressionAttributeValues());
        UpdateExpression update =
                r.updateExpression() == null ? null : ExpressionParser.parseUpdate(r.updateExpression(), ph);
        ConditionNode condition = r.conditionExpression() == null
                ? null
                : ExpressionParser.parseCondition(r.conditionExpression(), ph, ExpressionKind.CONDITION);
        ph.checkAllUsed();
        return new Update(update, condition == null ? null : new Condition(condition));
    }

    private static Condition condition(ConditionNode expected) {
        return expected == null ? null : new Condition(expected);
    }

    private static Placeholders placeholders(Map<String, String> names, Map<String, AttributeValue> values) {
        if (values != null) {
            ItemRules.checkExpressionValues(values);
        }
        return Placeholders.of(names, values);
    }

    private static void checkNoPlaceholders(Map<String, String> names, Map<String, AttributeValue> values, String why) {
        if (names != null) {
            throw new ValidationException("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (values != null) {
            throw new ValidationException(
                    "ExpressionAttributeValues can only be specified when using expressions: " + why);
        }
    }

    private static void checkOperator(String conditionalOperator) {
        if (conditionalOperator != null && !"AND".equals(conditionalOperator) && !"OR".equals(conditionalOperator)) {
            throw new ValidationException(
                    "1 validation error detected: Value '" + conditionalOperator
                            + "' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]");
        }
    }

    /**
     * The names of the parameters present, comma-separated in the order given, from
     * alternating names and values: how DynamoDB lists them when it refuses a request
     * that mixes expression and non-expression parameters. Only for that message.
     */
    public static String present(Object... namesAndValues) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                names.add((String) namesAndValues[i]);
            }
        }
        return String.join(", ", names);
    }

    /**
     * DynamoDB's error for a request that mixes expression and legacy parameters. The
     * rule (dynalite's validateExpressionParams, written against DynamoDB): with any
     * expression parameter present, every non-expression parameter is refused, listed
     * in the operation's order; only Query's KeyConditions may go with FilterExpression
     * or ProjectionExpression, as long as there is no KeyConditionExpression.
     */
    public static ValidationException mixed(String nonExpression, String expression) {
        return new ValidationException("Can not use both expression and non-expression parameters in the same request:"
                + " Non-expression parameters: {" + nonExpression + "} Expression parameters: {" + expression + "}");
    }
}
