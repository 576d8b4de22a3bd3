/**
 * Item changes as writes make them, and the recorders that follow them in the same
 * write transaction: streams, change listeners and the TTL index build on this.
 */
package floe.engine.change;
