/**
 * {@code floe tck}: the compatibility kit from the command line, on the JUnit Platform:
 * the storage and behaviour suites against a backend's plugin folder, loaded in a layer of
 * its own as the server loads it, or the wire suites against an endpoint.
 */
package floe.distribution.tck;
