package floe.launcher;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.Callable;

/**
 * Runs calls into a plugin with the plugin's class loader as the thread's context class
 * loader: libraries inside a plugin (lmdbjava finding its native library, JAXB, Jackson
 * modules ...) look their resources up there. Providers are handed out behind a proxy that
 * does this on every call, and wraps in turn what those calls return through an interface
 * (the backend a provider opens, the listener it makes), so the engine never has to think
 * of it. That second proxy wraps nothing further: what an opened thing hands out per
 * operation (a backend's transactions) is used unwrapped, because its calls (every get and
 * put of every request) are the hot path, and resources are looked up when a thing is opened
 * and begins work, not per operation.
 */
final class ContextLoader {
    private ContextLoader() {}

    /** Calls {@code call} with {@code loader} as the context class loader. */
    static <T> T call(ClassLoader loader, Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** {@code target}, an object of {@code layer}, seen through {@code type} with {@code loader} set on calls. */
    static <T> T wrap(Class<T> type, T target, ModuleLayer layer, ClassLoader loader) {
        return wrap(type, target, layer, loader, true);
    }

    /** As {@link #wrap(Class, Object, ModuleLayer, ClassLoader)}; {@code deep}: whether results are wrapped too. */
    private static <T> T wrap(Class<T> type, T target, ModuleLayer layer, ClassLoader loader, boolean deep) {
        if (Proxy.isProxyClass(target.getClass()) && Proxy.getInvocationHandler(target) instanceof Handler) {
            return target;
        }
        Object proxy = Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, new Handler(target, layer, loader, deep));
        return type.cast(proxy);
    }

    private static final class Handler implements InvocationHandler {
        private final Object target;
        private final ModuleLayer layer;
        private final ClassLoader loader;
        private final boolean deep;

        Handler(Object target, ModuleLayer layer, ClassLoader loader, boolean deep) {
            this.target = target;
            this.layer = layer;
            this.loader = loader;
            this.deep = deep;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class && method.getName().equals("equals")) {
                Object other = args[0];
                if (other != null
                        && Proxy.isProxyClass(other.getClass())
                        && Proxy.getInvocationHandler(other) instanceof Handler h) {
                    other = h.target;
                }
                return target.equals(other);
            }
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                thread.setContextClassLoader(previous);
            }
            Class<?> returned = method.getReturnType();
            if (deep
                    && result != null
                    && returned.isInterface()
                    && result.getClass().getModule().getLayer() == layer) {
                return wrap(cast(returned), result, layer, loader, false);
            }
            return result;
        }

        @SuppressWarnings("unchecked")
        private static <T> Class<T> cast(Class<?> type) {
            return (Class<T>) type;
        }
    }
}
