/**
 * What a plugin implements and what it is given: {@link floe.spi.plugin.FloePlugin}, its
 * lifecycle, and {@link floe.spi.plugin.PluginContext}, the one narrow object through which
 * it reaches FloeDB. A plugin (or a storage backend) lives in a folder of its own with a
 * descriptor, {@code floe-plugin.properties}, and is loaded into a module layer of its own,
 * so only the types of {@code floe.api} and {@code floe.spi} are shared with FloeDB and with
 * other plugins. {@link floe.spi.plugin.SpiVersion} is the version of this contract.
 */
@Stability(Stability.Level.EXPERIMENTAL)
package floe.spi.plugin;

import floe.api.Stability;
