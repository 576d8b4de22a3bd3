package floe.engine.item;

import floe.engine.stamp.Stamp;

/**
 * An asynchronous write's answer: the response, and the last-writer-wins stamp the write
 * stored (null when it stored none: no global tables, or the write changed nothing).
 */
public record Written<R>(R response, Stamp stamp) {}
