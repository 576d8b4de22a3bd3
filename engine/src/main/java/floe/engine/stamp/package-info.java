/**
 * The hidden last-writer-wins stamp kept beside every item: a hybrid logical clock value and the
 * Region that wrote it, stored in the table's stamps keyspace by the one write path.
 */
package floe.engine.stamp;
