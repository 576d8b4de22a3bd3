package floe.backend.lmdb;

import floe.api.Stability;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageBackendProvider;
import java.util.Map;

/**
 * Opens LMDB backends: {@code lmdb}, FloeDB's default persistent storage.
 *
 * <h2>Options</h2>
 * <dl>
 *   <dt>{@code path} (required)</dt>
 *   <dd>The data directory, created if missing. One process at a time: a second
 *       opening, from this JVM or another process, is refused.</dd>
 *   <dt>{@code sync} ({@code true})</dt>
 *   <dd>{@code true}: LMDB's default, each commit is on disk (fsync) before it returns.
 *       {@code false}: {@code MDB_NOSYNC|MDB_NOMETASYNC}, for tests and benchmarks; a
 *       crash of the process loses nothing, but an operating-system crash or power loss
 *       may lose the latest commits and, on file systems that reorder writes, damage the
 *       store. {@code close()} syncs either way.</dd>
 *   <dt>{@code mapSize} ({@code 64m})</dt>
 *   <dd>The initial size of LMDB's memory map, in bytes, or with a {@code k}, {@code m},
 *       {@code g} or {@code t} suffix. The map doubles whenever it is full; growing needs
 *       a moment with no transaction open in the process, so long-lived read
 *       transactions delay it (a write that waits more than 30 s fails with
 *       {@code StorageFullException}).</dd>
 *   <dt>{@code maxMapSize} ({@code 1t})</dt>
 *   <dd>The size the map never grows beyond: writes that need more fail with
 *       {@code StorageFullException}, and everything committed stays. A full disk fails
 *       them the same way.</dd>
 *   <dt>{@code maxReaders} ({@code 1024})</dt>
 *   <dd>The most read transactions open at once (LMDB's reader table).</dd>
 * </dl>
 *
 * <h2>JVM flags</h2>
 * None are required: the backend uses none of lmdbjava's ByteBuffer proxies, which
 * would need {@code --add-opens java.base/java.nio=ALL-UNNAMED} and
 * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}. Recommended:
 * <ul>
 *   <li>{@code --enable-native-access=ALL-UNNAMED} (class path) or
 *       {@code --enable-native-access=org.jnrproject.jffi} (module path): JDK 24 and later
 *       warn when a library loads native code (jffi, the JNI layer under lmdbjava) without it.
 *   <li>{@code -Dlmdbjava.extract.dir=...}: lmdbjava copies its native library to
 *       {@code java.io.tmpdir} at every start (and deletes it at a normal exit).
 * </ul>
 * On JDK 23 and later the backend sets {@code jffi.unsafe.disabled=true} unless it is
 * set already, so that jffi accesses native memory through JNI instead of
 * {@code sun.misc.Unsafe} (which warns and is being removed). On the module path,
 * {@code org.lmdbjava:native} (the bundled LMDB library, a jar without a valid module
 * name) belongs on the class path.
 *
 * <h2>Data directory</h2>
 * {@code data.mdb} and {@code lock.mdb} (LMDB), {@code floe-lmdb.format} (the format
 * marker: a directory in an unknown or newer format is refused with
 * {@code FormatVersionException}) and {@code floe-lmdb.lock} (held while open).
 */
@Stability(Stability.Level.STABLE)
public final class LmdbBackendProvider implements StorageBackendProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} does this. */
    public LmdbBackendProvider() {}

    @Override
    public String name() {
        return "lmdb";
    }

    @Override
    public StorageBackend open(Map<String, String> config) {
        return LmdbBackend.open(LmdbOptions.parse(config));
    }
}
