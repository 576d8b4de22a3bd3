/**
 * The write path to the backend: {@link floe.engine.write.GroupCommit} shares one
 * backend commit among concurrent data-plane writes, and
 * {@link floe.engine.write.StorageErrors} turns storage failures into DynamoDB errors.
 */
package floe.engine.write;
