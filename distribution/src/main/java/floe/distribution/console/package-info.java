/** What the tools' commands share on the console: progress of long steps. */
package floe.distribution.console;
