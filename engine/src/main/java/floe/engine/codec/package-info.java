/**
 * The engine's byte encodings: {@link floe.engine.codec.KeyCodec}, the one
 * order-preserving encoding of key values, and {@link floe.engine.codec.ItemCodec},
 * the compact, versioned encoding of stored items. Both decode strictly: damaged
 * bytes give an {@link java.lang.IllegalArgumentException}, never a wrong value.
 */
@Stability(Stability.Level.INTERNAL)
package floe.engine.codec;

import floe.api.Stability;
