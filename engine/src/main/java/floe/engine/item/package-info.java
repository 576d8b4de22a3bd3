/**
 * Items: their keys and rules, the single-item operations, and the one write path
 * of every item write. A write is an {@link floe.engine.item.ItemWrite} (what a
 * request asks), checked into a {@link floe.engine.item.WritePlan} (what it will do)
 * or a {@link floe.engine.item.Refusal}, and applied inside the group's transaction
 * into a {@link floe.engine.item.WriteOutcome} (what it did), from which responses
 * are built.
 */
package floe.engine.item;
