/** TransactWriteItems and TransactGetItems, with their client request tokens. */
package floe.engine.transaction;
