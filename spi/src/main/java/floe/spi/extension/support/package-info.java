/**
 * Helpers for extension authors, apart from the contract: DynamoDB JSON, as exports
 * write items and imports read them. Using them is optional.
 */
@Stability(Stability.Level.EXPERIMENTAL)
package floe.spi.extension.support;

import floe.api.Stability;
