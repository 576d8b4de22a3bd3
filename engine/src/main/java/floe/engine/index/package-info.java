/** Secondary indexes: their entries, the changes a write makes to them, and the backfill of a new global index. */
package floe.engine.index;
