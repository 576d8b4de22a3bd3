/**
 * The extension points the engine calls: ordered item-level change listeners so far.
 * Each is a small contract found through {@link java.util.ServiceLoader}.
 */
package floe.spi.extension;
