/**
 * Tables: their definitions and catalog, the rules of creating and changing them,
 * and the control plane's operations on them ({@link floe.engine.table.TableOperations},
 * {@link floe.engine.table.ResourceOperations}).
 */
package floe.engine.table;
