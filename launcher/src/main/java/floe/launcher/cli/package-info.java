/**
 * The {@code floe} command line: {@link floe.launcher.cli.Flag}s, their parse into
 * {@link floe.launcher.cli.Arguments}, usage text and usage errors. In the boot layer, so
 * that every command (the server's and the tools') reads its flags the same way.
 */
package floe.launcher.cli;
