/**
 * DynamoDB's request, response and table model records, named as in DynamoDB.
 * Enumerated values (ReturnValues, ComparisonOperator ...) travel as DynamoDB's
 * strings, so that the engine validates them with DynamoDB's own messages whether a
 * request came over the wire or from an embedding application.
 */
@Stability(Stability.Level.STABLE)
package floe.api.model;

import floe.api.Stability;
