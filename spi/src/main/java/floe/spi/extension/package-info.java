/**
 * The extension points the engine calls: ordered item-level change listeners, object
 * stores (where exports go and imports come from), export formats, value sealing
 * (encryption at rest) and JSON-protocol services served on FloeDB's port.
 * Each is a small contract found through {@link java.util.ServiceLoader}.
 */
package floe.spi.extension;
