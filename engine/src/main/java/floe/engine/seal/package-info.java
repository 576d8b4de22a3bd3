/**
 * Encryption at rest: {@link floe.engine.seal.SealedBackend} seals every value the engine
 * stores and opens every value it reads, through the configured
 * {@link floe.spi.extension.ValueSealer}, and {@link floe.engine.seal.TableKeys} gives each
 * table its key (DynamoDB's {@code SSESpecification}) and says whether it can be used.
 */
@Stability(Stability.Level.INTERNAL)
package floe.engine.seal;

import floe.api.Stability;
