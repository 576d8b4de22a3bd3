/**
 * DynamoDB's expression language: one hand-written parser and one evaluator for
 * condition, filter, key-condition, projection and update expressions, and the
 * legacy parameters (Expected, AttributeUpdates, KeyConditions, QueryFilter,
 * ScanFilter, AttributesToGet) mapped onto the same AST.
 *
 * <p>Entry points: {@link floe.engine.expr.Expressions} (a request's expression or
 * legacy parameters, with DynamoDB's rules on combining them),
 * {@link floe.engine.expr.Placeholders} (a request's
 * ExpressionAttributeNames/Values), {@link floe.engine.expr.ExpressionParser}
 * (parsing and validation with DynamoDB's messages and precedence),
 * {@link floe.engine.expr.ConditionEvaluator}, {@link floe.engine.expr.Projector},
 * {@link floe.engine.expr.UpdateApplier} and {@link floe.engine.expr.LegacyConditions}.
 * All errors are {@link floe.api.error.ValidationException}s with DynamoDB's wording.
 */
@Stability(Stability.Level.INTERNAL)
package floe.engine.expr;

import floe.api.Stability;
