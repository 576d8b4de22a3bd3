package floe.api.model;

import floe.api.AttributeValue;
import floe.api.Stability;

/**
 * One entry of the legacy {@code AttributeUpdates} parameter.
 *
 * @param value the operand, or null (allowed for DELETE of a whole attribute)
 * @param action PUT (the default), ADD or DELETE, or null
 */
@Stability(Stability.Level.STABLE)
public record AttributeValueUpdate(AttributeValue value, String action) {}
