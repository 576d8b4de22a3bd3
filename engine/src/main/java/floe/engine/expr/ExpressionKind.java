package floe.engine.expr;

import floe.api.Stability;
import floe.api.error.ValidationException;

/**
 * The five kinds of expression, named as their request parameters: DynamoDB prefixes
 * each expression error with {@code "Invalid <parameter>: "}.
 */
@Stability(Stability.Level.INTERNAL)
public enum ExpressionKind {
    /** ConditionExpression of PutItem, UpdateItem, DeleteItem and transactions. */
    CONDITION("ConditionExpression"),
    /** FilterExpression of Query and Scan: the condition grammar. */
    FILTER("FilterExpression"),
    /** KeyConditionExpression of Query: the condition grammar, restricted. */
    KEY_CONDITION("KeyConditionExpression"),
    /** ProjectionExpression: comma-separated document paths. */
    PROJECTION("ProjectionExpression"),
    /** UpdateExpression: SET, REMOVE, ADD and DELETE clauses. */
    UPDATE("UpdateExpression");

    private final String parameter;

    ExpressionKind(String parameter) {
        this.parameter = parameter;
    }

    /** The request parameter, such as {@code ConditionExpression}. */
    public String parameter() {
        return parameter;
    }

    /** Whether this kind uses the condition grammar. */
    boolean isCondition() {
        return this == CONDITION || this == FILTER || this == KEY_CONDITION;
    }

    /** A ValidationException with DynamoDB's prefix for this kind. */
    ValidationException error(String message) {
        return new ValidationException("Invalid " + parameter + ": " + message);
    }
}
