package floe.server;

/**
 * One backend or plugin installed in a FloeDB home, as {@code floe plugins} and the admin
 * target {@code ListPlugins} show it.
 *
 * @param name its name
 * @param kind backend or plugin
 * @param version its own version
 * @param spiVersion the SPI version it was built for
 * @param state started, not requested, failed: ...
 */
public record PluginRow(String name, String kind, String version, String spiVersion, String state) {}
