/**
 * The tools of a FloeDB home ({@code lib/tools}): {@code floe dist}, which composes
 * distributions, and {@code floe tck}, which runs the compatibility kit from the command
 * line. The launcher runs them in a layer of the runtime and tools folders together, so
 * that the engine finds the kit's backends and the JUnit Platform finds its engine.
 */
module floe.distribution {
    requires floe.launcher;
    requires floe.tck;
    requires floe.tck.wire;
    requires java.xml;
    requires org.junit.platform.launcher;

    opens floe.distribution.tck to
            org.junit.platform.commons;

    // jlink and jdeps, for floe dist --jlink
    uses java.util.spi.ToolProvider;

    provides java.util.spi.ToolProvider with
            floe.distribution.dist.DistTool,
            floe.distribution.tck.TckTool;
    provides floe.spi.storage.StorageBackendProvider with
            floe.distribution.tck.Target.Provider;
}
