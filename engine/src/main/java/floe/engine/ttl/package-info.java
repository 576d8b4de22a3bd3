/** Time to Live: its settings, the index of expiry times and the sweep that deletes expired items. */
package floe.engine.ttl;
