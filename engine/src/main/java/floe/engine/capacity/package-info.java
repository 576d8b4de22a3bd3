/** Capacity: DynamoDB's unit arithmetic, ConsumedCapacity, and throttling to a table's capacity. */
package floe.engine.capacity;
