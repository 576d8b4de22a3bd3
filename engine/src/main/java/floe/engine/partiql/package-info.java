/**
 * PartiQL: ExecuteStatement, BatchExecuteStatement and ExecuteTransaction. A hand-written
 * lexer and parser read DynamoDB's dialect; the compiler turns each statement into the
 * request of the DynamoDB operation it amounts to (GetItem, Query, Scan, PutItem,
 * UpdateItem, DeleteItem, a transaction's actions), whose expressions name every
 * attribute and value through placeholders. So the engine's one expression parser builds
 * the condition, update and projection trees, its one evaluator runs them, and writes go
 * through the one write path.
 */
package floe.engine.partiql;
