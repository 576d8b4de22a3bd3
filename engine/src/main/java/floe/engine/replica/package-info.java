/**
 * What replication between Regions needs of the engine: the hidden last-writer-wins stamp
 * kept beside every item (a hybrid logical clock value and the Region that wrote it), the
 * idempotent apply of replicated changes on the one write path, and the host the global
 * tables plugin reaches the engine through.
 */
package floe.engine.replica;
