/**
 * DynamoDB Streams: a table's stream settings, the records its item changes append
 * (in the write transaction of the change), the shards that hold them, and the
 * Streams API over them. Stream metadata lives in a keyspace of its own, apart from
 * the table, so that a disabled stream, or the stream of a deleted table, stays
 * readable for its 24 hours.
 */
package floe.engine.stream;
