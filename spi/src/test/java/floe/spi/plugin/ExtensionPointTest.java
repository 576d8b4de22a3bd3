package floe.spi.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.spi.storage.StorageBackendProvider;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ExtensionPointTest {
    @Test
    void namesProvidersAndChecksTheirNames() {
        ExtensionPoint<Runnable> point = ExtensionPoint.of(Runnable.class, Object::toString);
        assertEquals("abc9", point.nameOf(runnable("abc9")));
        for (String bad : new String[] {"", "a-b", "ä", "a b"}) {
            assertThrows(IllegalArgumentException.class, () -> point.nameOf(runnable(bad)), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> point.nameOf(runnable(null)));
    }

    @Test
    void equalByInterface() {
        assertEquals(ExtensionPoint.STORAGE_BACKEND, ExtensionPoint.of(StorageBackendProvider.class, p -> "x"));
        assertEquals(
                ExtensionPoint.STORAGE_BACKEND.hashCode(),
                ExtensionPoint.of(StorageBackendProvider.class, p -> "x").hashCode());
        assertNotEquals(ExtensionPoint.STORAGE_BACKEND, ExtensionPoint.CHANGE_LISTENER);
        assertEquals("StorageBackendProvider", ExtensionPoint.STORAGE_BACKEND.toString());
    }

    @Test
    void onlyInterfaces() {
        assertThrows(IllegalArgumentException.class, () -> ExtensionPoint.of(String.class, s -> s));
        assertEquals(
                Supplier.class,
                ExtensionPoint.of(Supplier.class, Object::toString).type());
    }

    private static Runnable runnable(String name) {
        return new Runnable() {
            @Override
            public void run() {}

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
