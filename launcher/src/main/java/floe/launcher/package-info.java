/**
 * The plugin runtime. Start at {@link floe.launcher.PluginLauncher}.
 */
package floe.launcher;
