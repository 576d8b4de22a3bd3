/**
 * The plugin runtime, in the boot layer beside {@code floe.api} and {@code floe.spi}.
 *
 * <p>{@link floe.launcher.Main} is the {@code floe} command's entry point: it makes the
 * runtime layer of {@code <home>/lib/runtime} and runs the {@code floe} tool a module there
 * provides. That tool (the server) builds a {@link floe.launcher.PluginLauncher} for the
 * home, starts the configured backend and plugins, and only then opens storage with the
 * provider it asks the launcher for ({@code provider(ExtensionPoint.STORAGE_BACKEND, name)}).
 *
 * <p>The boot layer must hold the JDK modules plugins use (a plugin layer cannot define
 * {@code java.*} or {@code jdk.*} modules, and automatic modules declare none they need):
 * start the JVM with {@code --add-modules ALL-DEFAULT}, as a class-path application has them.
 */
package floe.launcher;
