/** BatchGetItem and BatchWriteItem. */
package floe.engine.batch;
