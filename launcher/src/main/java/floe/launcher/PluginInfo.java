package floe.launcher;

import floe.api.Stability;

/**
 * One installed plugin, as {@code floe plugins} lists it: its descriptor (name, kind,
 * version, the SPI version it was built for ...) and its status.
 *
 * @param descriptor what its folder declares
 * @param status where it stands
 */
@Stability(Stability.Level.INTERNAL)
public record PluginInfo(PluginDescriptor descriptor, PluginStatus status) {}
