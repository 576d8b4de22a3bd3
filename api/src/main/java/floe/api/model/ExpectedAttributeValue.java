package floe.api.model;

import floe.api.AttributeValue;
import floe.api.Stability;
import java.util.List;

/**
 * One entry of the legacy {@code Expected} parameter.
 *
 * @param value the value to compare with (legacy form without an operator), or null
 * @param exists whether the attribute must exist, or null if not given
 * @param comparisonOperator EQ, NE, LE, LT, GE, GT, NOT_NULL, NULL, CONTAINS, NOT_CONTAINS,
 *     BEGINS_WITH, IN or BETWEEN, or null
 * @param attributeValueList the operands of {@code comparisonOperator}, or null
 */
@Stability(Stability.Level.STABLE)
public record ExpectedAttributeValue(
        AttributeValue value, Boolean exists, String comparisonOperator, List<AttributeValue> attributeValueList) {}
