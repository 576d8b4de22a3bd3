package floe.api.model;

import floe.api.AttributeValue;
import floe.api.Stability;
import java.util.List;

/**
 * One entry of the legacy {@code KeyConditions}, {@code QueryFilter} and {@code ScanFilter} parameters.
 *
 * @param comparisonOperator EQ, NE, LE, LT, GE, GT, NOT_NULL, NULL, CONTAINS, NOT_CONTAINS,
 *     BEGINS_WITH, IN or BETWEEN
 * @param attributeValueList the operands, or null
 */
@Stability(Stability.Level.STABLE)
public record Condition(String comparisonOperator, List<AttributeValue> attributeValueList) {}
