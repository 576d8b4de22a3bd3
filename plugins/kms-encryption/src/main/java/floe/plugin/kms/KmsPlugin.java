package floe.plugin.kms;

import floe.api.FloeConfig;
import floe.spi.extension.ValueSealer;
import floe.spi.extension.ValueSealerProvider;
import floe.spi.extension.WireService;
import floe.spi.extension.WireServiceProvider;
import floe.spi.plugin.ExtensionPoint;
import floe.spi.plugin.FloePlugin;
import floe.spi.plugin.PluginContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The KMS encryption plugin: opens the key store under the operator's root key, then brings
 * the value sealer (every table encrypted, with the AWS owned key unless its
 * {@code SSESpecification} names another) and the KMS JSON API on FloeDB's port.
 *
 * <p>Options ({@code plugin.kms.<key>}): {@code rootKeyFile} (default
 * {@code <home>/conf/kms-root.key}, created owner-only if absent) or {@code passphraseEnv} (the
 * name of an environment variable holding a passphrase); {@code region} and {@code account} of
 * the keys' ARNs (FloeDB's defaults); {@code rotationPeriodDays} (365), the automatic rotation
 * period of keys that do not name one; {@code openCacheEntries} (65536, a power of two, 0 for
 * none), how many recently sealed or opened values are kept in plaintext in memory, so that
 * reading them again opens nothing (a value whose sealed form, key and plaintext fit a 1 KiB
 * slot: plaintexts up to about 480 bytes; 1 KiB per entry, allocated as used).
 */
public final class KmsPlugin implements FloePlugin {
    /** The plugin's name, and its providers'. */
    public static final String NAME = "kms";

    private static final Set<String> OPTIONS =
            Set.of("rootKeyFile", "passphraseEnv", "region", "account", "rotationPeriodDays", "openCacheEntries");
    /** Values whose plaintext is kept by default: about 40 MiB for items of 250 bytes, 80 MiB at most. */
    private static final int OPEN_CACHE_ENTRIES = 65_536;

    private final Map<String, String> env;
    private volatile KeyStore store;

    /** The plugin, reading the process's environment. */
    public KmsPlugin() {
        this(System.getenv());
    }

    /** The plugin, reading {@code env} as its environment (for tests). */
    public KmsPlugin(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(PluginContext context) {
        Map<String, String> options = context.options();
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("unknown option plugin." + NAME + "." + key + "; known: " + OPTIONS);
            }
        }
        String home = System.getProperty("floe.home");
        Path defaultFile = home == null ? Path.of("kms-root.key") : Path.of(home, "conf", "kms-root.key");
        RootKey.Loaded root = RootKey.load(options, env, defaultFile, context.state());
        int rotationDays = Integer.parseInt(options.getOrDefault("rotationPeriodDays", "365"));
        if (rotationDays < 90 || rotationDays > 2560) {
            throw new IllegalArgumentException("plugin." + NAME + ".rotationPeriodDays is 90 to 2560 days, as in KMS");
        }
        KeyStore opened = KeyStore.open(
                context.state(),
                root,
                context.clock(),
                options.getOrDefault("region", FloeConfig.DEFAULT_REGION),
                options.getOrDefault("account", FloeConfig.DEFAULT_ACCOUNT),
                rotationDays);
        this.store = opened;
        int cached;
        try {
            cached = Integer.parseInt(options.getOrDefault("openCacheEntries", Integer.toString(OPEN_CACHE_ENTRIES)));
        } catch (NumberFormatException e) {
            cached = -1;
        }
        if (cached < 0 || Integer.bitCount(cached) > 1) {
            throw new IllegalArgumentException("plugin." + NAME + ".openCacheEntries is 0 or a power of two");
        }
        KmsSealer sealer = new KmsSealer(opened, new OpenedValues(cached));
        KmsApi api = new KmsApi(opened, context.clock());
        context.register(ExtensionPoint.VALUE_SEALER, new ValueSealerProvider() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public ValueSealer open(Map<String, String> ignored) {
                return sealer;
            }
        });
        context.register(ExtensionPoint.WIRE_SERVICE, new WireServiceProvider() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public String targetPrefix() {
                return "TrentService";
            }

            @Override
            public String signingName() {
                return "kms";
            }

            @Override
            public String contentType() {
                return "application/x-amz-json-1.1";
            }

            @Override
            public WireService open() {
                return api;
            }
        });
        context.logger().log(System.Logger.Level.INFO, "key store opened with " + root.source());
    }

    @Override
    public void stop() {
        store = null;
    }
}
