package floe.launcher;

import floe.spi.plugin.ExtensionPoint;
import floe.spi.plugin.FloePlugin;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolutionException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One plugin loaded into its module layer: its {@link FloePlugin}, if it has one, and its
 * context. Made only after the descriptor's checks passed.
 */
final class LoadedPlugin {
    private final PluginDescriptor descriptor;
    private final ModuleLayer layer;
    private final ClassLoader loader;
    private final FloePlugin plugin;
    private final LauncherContext context;

    private LoadedPlugin(PluginDescriptor descriptor, ModuleLayer layer, FloePlugin plugin, LauncherContext context) {
        this.descriptor = descriptor;
        this.layer = layer;
        this.loader = layer.findLoader(descriptor.module());
        this.plugin = plugin;
        this.context = context;
    }

    /**
     * Defines the layer of {@code descriptor}'s folder: every module found there is a root,
     * resolved against {@code parents} (the layer of floe.spi, then those of the plugins it
     * requires), all defined to one class loader of their own.
     *
     * @throws PluginException with the cause, one line, not yet prefixed with the plugin
     */
    static LoadedPlugin load(PluginDescriptor descriptor, List<ModuleLayer> parents, LauncherContext context)
            throws Exception {
        ModuleFinder finder = ModuleFinder.of(descriptor.folder());
        Set<String> names;
        try {
            names = finder.findAll().stream()
                    .map(r -> r.descriptor().name())
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (FindException e) {
            throw new PluginException(oneLine(e), e);
        }
        if (!names.contains(descriptor.module())) {
            throw new PluginException("its folder " + descriptor.folder() + " has no module " + descriptor.module()
                    + " (modules there: " + names + "); set module= to the plugin's module or add its jar");
        }
        ModuleLayer host = parents.get(0);
        for (String name : names) {
            if (host.findModule(name).isPresent()) {
                throw new PluginException(
                        "its folder " + descriptor.folder() + " bundles " + name
                                + ", which FloeDB provides; remove that jar (floe-api and floe-spi are provided, never bundled)");
            }
        }
        ModuleLayer layer;
        try {
            List<Configuration> configurations =
                    parents.stream().map(ModuleLayer::configuration).toList();
            Configuration configuration =
                    Configuration.resolveAndBind(finder, configurations, ModuleFinder.of(), names);
            // The platform loader as parent: a plugin sees the JDK, the modules it reads, and nothing of the class
            // path.
            layer = ModuleLayer.defineModulesWithOneLoader(configuration, parents, ClassLoader.getPlatformClassLoader())
                    .layer();
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            throw new PluginException("its modules do not resolve: " + oneLine(e), e);
        }
        LoadedPlugin loaded = new LoadedPlugin(descriptor, layer, null, context);
        List<FloePlugin> plugins = loaded.instances(FloePlugin.class);
        if (plugins.size() > 1) {
            throw new PluginException("it has " + plugins.size() + " FloePlugins ("
                    + plugins.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", "))
                    + "); a plugin has one at most");
        }
        if (plugins.isEmpty()) {
            return loaded;
        }
        FloePlugin plugin = plugins.get(0);
        String name = ContextLoader.call(loaded.loader, plugin::name);
        if (!descriptor.name().equals(name)) {
            throw new PluginException("its FloePlugin " + plugin.getClass().getName() + " is named '" + name
                    + "' but its folder's descriptor names it '" + descriptor.name() + "'; make the two agree");
        }
        return new LoadedPlugin(descriptor, layer, plugin, context);
    }

    PluginDescriptor descriptor() {
        return descriptor;
    }

    ModuleLayer layer() {
        return layer;
    }

    ClassLoader loader() {
        return loader;
    }

    void start() throws Exception {
        try {
            if (plugin != null) {
                ContextLoader.call(loader, () -> {
                    plugin.start(context);
                    return null;
                });
            }
        } finally {
            context.started();
        }
    }

    void stop() throws Exception {
        if (plugin != null) {
            ContextLoader.call(loader, () -> {
                plugin.stop();
                return null;
            });
        }
    }

    /** The providers of {@code point} this plugin brings, by name: declared ones first, then registered ones. */
    <P> List<Named<P>> providers(ExtensionPoint<P> point) throws Exception {
        List<Named<P>> providers = new ArrayList<>();
        for (P p : instances(point.type())) {
            String name = ContextLoader.call(loader, () -> point.nameOf(p));
            providers.add(new Named<>(name, ContextLoader.wrap(point.type(), p, layer, loader)));
        }
        for (LauncherContext.Registration<?> r : context.registrations()) {
            if (r.point().equals(point)) {
                P p = point.type().cast(r.provider());
                providers.add(new Named<>(r.name(), ContextLoader.wrap(point.type(), p, layer, loader)));
            }
        }
        return providers;
    }

    /** A provider and its name. */
    record Named<P>(String name, P provider) {}

    /** Instances of the providers of {@code service} declared by this layer's modules, not its parents'. */
    private <S> List<S> instances(Class<S> service) throws Exception {
        // ServiceLoader refuses a named caller that does not declare it uses the service.
        LoadedPlugin.class.getModule().addUses(service);
        List<S> found = new ArrayList<>();
        for (ServiceLoader.Provider<S> p : ServiceLoader.load(layer, service).stream()
                .filter(p -> p.type().getModule().getLayer() == layer)
                .toList()) {
            found.add(ContextLoader.call(loader, p::get));
        }
        return found;
    }

    private static String oneLine(Throwable e) {
        String text = PluginException.describe(e);
        return e.getCause() == null ? text : text + ": " + PluginException.describe(e.getCause());
    }
}
