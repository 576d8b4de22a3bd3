/**
 * Helpers for backend authors, apart from the contract: partition hashing and the
 * mapping of scan segments onto hash ranges. Using them is optional.
 */
@Stability(Stability.Level.STABLE)
package floe.spi.storage.support;

import floe.api.Stability;
