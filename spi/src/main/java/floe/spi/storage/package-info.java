/**
 * The storage contract: a two-part key store. A {@link floe.spi.storage.StorageBackend}
 * keeps {@code (partition bytes, sort bytes) -> value bytes} entries in named keyspaces.
 * Within one partition, entries are ordered by their sort bytes (unsigned,
 * lexicographic, a prefix before its extensions) and can be range-scanned both
 * ways. Across partitions there is no order, only a segment scan that visits each
 * entry exactly once. Reads see a consistent snapshot; writes commit atomically and
 * serializably across keyspaces and partitions. All DynamoDB logic lives above this.
 *
 * <p>Start at {@link floe.spi.storage.StorageBackendProvider}; helpers for implementers
 * are in {@code floe.spi.storage.support}, apart from the contract.
 */
@Stability(Stability.Level.STABLE)
package floe.spi.storage;

import floe.api.Stability;
