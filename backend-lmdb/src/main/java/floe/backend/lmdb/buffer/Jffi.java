package floe.backend.lmdb.buffer;

/**
 * Settings for jffi, the JNI layer under lmdbjava (through jnr-ffi).
 *
 * <p>jffi 1.3.14 reads and writes native memory with {@code sun.misc.Unsafe} unless
 * the JDK is 23 or later, whose Unsafe memory methods warn (from JDK 24) and are due
 * to be removed; but it misreads versions like {@code 25.0.3} as Java 8 and uses
 * Unsafe anyway. So, unless the user decided, we set its documented switch
 * {@code jffi.unsafe.disabled} on JDK 23+, before jffi first loads, and it uses JNI
 * there as it meant to.
 */
public final class Jffi {
    public static final String UNSAFE_DISABLED = "jffi.unsafe.disabled";

    private Jffi() {}

    public static void configure() {
        if (Runtime.version().feature() >= 23 && System.getProperty(UNSAFE_DISABLED) == null) {
            System.setProperty(UNSAFE_DISABLED, "true");
        }
    }
}
