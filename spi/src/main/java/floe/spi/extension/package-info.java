/**
 * The extension points the engine calls: ordered item-level change listeners, object
 * stores (where exports go and imports come from) and export formats.
 * Each is a small contract found through {@link java.util.ServiceLoader}.
 */
package floe.spi.extension;
