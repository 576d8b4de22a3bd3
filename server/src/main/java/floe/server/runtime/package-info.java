/**
 * The runtime layer's composition: one Guice injector (production stage, explicit bindings,
 * no AOP) wires the engine and the server over the backend and the providers that the
 * plugin launcher found in the plugins' layers, with the configured options. Guice builds
 * none of the plugins' classes: it is handed their providers as instances.
 */
package floe.server.runtime;
