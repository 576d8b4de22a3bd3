/**
 * {@code floe dist}: composes a distribution, a FloeDB home with the chosen backend and
 * plugins, reproducibly, with a manifest and on request an archive and a Java runtime image.
 */
package floe.distribution.dist;
