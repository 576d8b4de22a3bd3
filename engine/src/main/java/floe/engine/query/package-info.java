/** Query and Scan, of a table or of one of its secondary indexes. */
package floe.engine.query;
