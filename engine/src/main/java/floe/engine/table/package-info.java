/**
 * Tables: their definitions and catalog, and the rules of creating and changing them. Every
 * feature builds on this package; the operations on tables are in {@link floe.engine.control}.
 */
package floe.engine.table;
