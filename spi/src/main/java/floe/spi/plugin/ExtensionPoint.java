package floe.spi.plugin;

import floe.api.Stability;
import floe.spi.extension.ChangeListenerProvider;
import floe.spi.extension.ExportFormatProvider;
import floe.spi.extension.GlobalTablesProvider;
import floe.spi.extension.ObjectStoreProvider;
import floe.spi.extension.ValueSealerProvider;
import floe.spi.extension.WireServiceProvider;
import floe.spi.storage.StorageBackendProvider;
import java.util.Objects;
import java.util.function.Function;

/**
 * A kind of provider that plugins bring and FloeDB finds by name: the provider's
 * interface and how to read a provider's name. Extension points added later are new
 * constants here (or created with {@link #of}), so registration stays one generic method.
 * Two extension points are equal when their interfaces are.
 *
 * @param <P> the provider interface
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class ExtensionPoint<P> {
    /** Storage backends. */
    public static final ExtensionPoint<StorageBackendProvider> STORAGE_BACKEND =
            of(StorageBackendProvider.class, StorageBackendProvider::name);
    /** Change listeners. */
    public static final ExtensionPoint<ChangeListenerProvider> CHANGE_LISTENER =
            of(ChangeListenerProvider.class, ChangeListenerProvider::name);
    /** Object stores, where exports go and imports come from. */
    public static final ExtensionPoint<ObjectStoreProvider> OBJECT_STORE =
            of(ObjectStoreProvider.class, ObjectStoreProvider::name);
    /** Export formats beyond the built-in ones. */
    public static final ExtensionPoint<ExportFormatProvider> EXPORT_FORMAT =
            of(ExportFormatProvider.class, ExportFormatProvider::name);
    /** Value sealers: encryption at rest of every item image stored. */
    public static final ExtensionPoint<ValueSealerProvider> VALUE_SEALER =
            of(ValueSealerProvider.class, ValueSealerProvider::name);
    /** JSON-protocol services served on FloeDB's port beside DynamoDB's. */
    public static final ExtensionPoint<WireServiceProvider> WIRE_SERVICE =
            of(WireServiceProvider.class, WireServiceProvider::name);

    /** Global tables: replicas in other Regions (at most one provider is used). */
    public static final ExtensionPoint<GlobalTablesProvider> GLOBAL_TABLES =
            of(GlobalTablesProvider.class, GlobalTablesProvider::name);

    private final Class<P> type;
    private final Function<? super P, String> naming;

    private ExtensionPoint(Class<P> type, Function<? super P, String> naming) {
        this.type = type;
        this.naming = naming;
    }

    /**
     * An extension point for providers of {@code type}.
     *
     * @param type an interface: providers are handed out behind it
     * @param naming reads a provider's unique name
     * @throws IllegalArgumentException if {@code type} is not an interface
     */
    public static <P> ExtensionPoint<P> of(Class<P> type, Function<? super P, String> naming) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException("an extension point is an interface: " + type.getName());
        }
        return new ExtensionPoint<>(type, Objects.requireNonNull(naming, "naming"));
    }

    /** The provider interface. */
    public Class<P> type() {
        return type;
    }

    /**
     * The name of {@code provider}.
     *
     * @throws IllegalArgumentException if it is not one or more ASCII letters and digits
     */
    public String nameOf(P provider) {
        String name = naming.apply(type.cast(provider));
        if (name == null || name.isEmpty() || !name.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            throw new IllegalArgumentException("a " + type.getSimpleName() + " is named '" + name
                    + "'; a provider's name is ASCII letters and digits");
        }
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtensionPoint<?> other && other.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }
}
