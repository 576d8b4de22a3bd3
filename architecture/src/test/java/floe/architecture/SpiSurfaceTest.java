package floe.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import floe.spi.plugin.SpiVersion;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The SPI's version follows its surface: every public type and member of {@code floe.spi} is
 * recorded, with the version it belongs to, in {@code spi/spi-surface.txt}. A change to the
 * surface fails this test until the parent POM's {@code floe.spi.version} is raised as the change
 * requires (a minor for additions a plugin built earlier still runs against: new types, default
 * and static methods; a major for anything else: a removal, a changed signature, an abstract
 * method on an existing type) and the record is rewritten with {@code -Dfloe.spi.surface.write=true}.
 * Without this guard the version is a convention, and this wave showed it drifts.
 */
class SpiSurfaceTest {
    private static final Path ROOT = Path.of(System.getProperty("floe.root", ".."));
    private static final Path RECORD = ROOT.resolve("spi/spi-surface.txt");
    private static final String VERSION_LINE = "# spi.version ";

    @Test
    void theSpiVersionSaysHowTheSurfaceChanged() throws IOException {
        SortedSet<String> now = surface();
        assertTrue(now.stream().anyMatch(l -> l.startsWith("type floe.spi.plugin.SpiVersion ")), "no SPI types found");
        SpiVersion running = SpiVersion.running();
        if (!Files.exists(RECORD)) {
            write(running, now);
            fail("no " + RECORD + " was there: it is written now for SPI " + running + "; commit it");
        }
        List<String> lines = Files.readAllLines(RECORD, StandardCharsets.UTF_8);
        SpiVersion recorded = SpiVersion.parse(lines.get(0).substring(VERSION_LINE.length()));
        SortedSet<String> before = lines.stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));

        SortedSet<String> removed = new TreeSet<>(before);
        removed.removeAll(now);
        SortedSet<String> added = new TreeSet<>(now);
        added.removeAll(before);
        if (removed.isEmpty() && added.isEmpty()) {
            assertEquals(
                    recorded,
                    running,
                    "floe.spi.version is " + running + " but the SPI's surface is the one recorded for " + recorded
                            + " in " + RECORD + "; a version changes with the surface");
            return;
        }
        SpiVersion needed = breaks(before, removed, added)
                ? new SpiVersion(recorded.major() + 1, 0)
                : new SpiVersion(recorded.major(), recorded.minor() + 1);
        boolean raised = needed.minor() == 0 ? running.major() > recorded.major() : running.compareTo(recorded) > 0;
        if (raised && Boolean.getBoolean("floe.spi.surface.write")) {
            write(running, now);
            return;
        }
        fail("the SPI's surface changed since SPI " + recorded + ":\n  removed: "
                + String.join("\n           ", removed)
                + "\n  added:   " + String.join("\n           ", added) + "\n"
                + (raised
                        ? "floe.spi.version is " + running + "; record the surface with -Dfloe.spi.surface.write=true"
                        : "set floe.spi.version in the parent POM to at least " + needed
                                + ", then record the surface with -Dfloe.spi.surface.write=true"));
    }

    /** Whether a plugin built against the recorded surface could fail against the new one. */
    private static boolean breaks(Set<String> before, Set<String> removed, Set<String> added) {
        if (!removed.isEmpty()) {
            return true;
        }
        for (String line : added) {
            if (line.startsWith("type ")) {
                continue; // a new type: nothing built earlier implements it
            }
            String owner = line.substring(0, line.indexOf('#'));
            boolean ownerExisted = before.stream().anyMatch(l -> l.startsWith("type " + owner + " "));
            if (ownerExisted && line.endsWith(" abstract")) {
                return true; // an implementation built earlier has no body for it
            }
        }
        return false;
    }

    private static void write(SpiVersion version, SortedSet<String> surface) throws IOException {
        List<String> out = new ArrayList<>();
        out.add(VERSION_LINE + version);
        out.add("# The public surface of floe.spi at that version, one line a type or member. Written by the");
        out.add("# architecture module's SpiSurfaceTest (-Dfloe.spi.surface.write=true); do not edit by hand.");
        out.addAll(surface);
        Files.write(RECORD, out, StandardCharsets.UTF_8);
    }

    /** One sorted line per public type of floe.spi and per public or protected member of it. */
    static SortedSet<String> surface() {
        SortedSet<String> lines = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("floe.spi")) {
            Class<?> type = c.reflect();
            if (!Modifier.isPublic(type.getModifiers()) || type.getSimpleName().equals("package-info")) {
                continue;
            }
            lines.add(typeLine(type));
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    String kind = Modifier.isStatic(m.getModifiers())
                            ? "static"
                            : m.isDefault()
                                    ? "default"
                                    : Modifier.isAbstract(m.getModifiers()) ? "abstract" : "concrete";
                    lines.add(type.getName() + "#" + m.getName() + params(m) + " : "
                            + m.getReturnType().getTypeName() + " " + kind);
                }
            }
            for (Constructor<?> k : type.getDeclaredConstructors()) {
                if (visible(k.getModifiers()) && !k.isSynthetic()) {
                    lines.add(type.getName() + "#<init>" + params(k) + " constructor");
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isSynthetic()) {
                    lines.add(type.getName() + "#" + f.getName() + " : "
                            + f.getType().getTypeName() + " field");
                }
            }
        }
        return lines;
    }

    private static String typeLine(Class<?> type) {
        String kind = type.isAnnotation()
                ? "annotation"
                : type.isInterface() ? "interface" : type.isEnum() ? "enum" : type.isRecord() ? "record" : "class";
        StringBuilder b =
                new StringBuilder("type ").append(type.getName()).append(' ').append(kind);
        if (Modifier.isAbstract(type.getModifiers()) && !type.isInterface()) {
            b.append(" abstract");
        }
        if (Modifier.isFinal(type.getModifiers()) && !type.isRecord() && !type.isEnum()) {
            b.append(" final");
        }
        if (type.isSealed()) {
            b.append(" sealed permits ")
                    .append(Arrays.stream(type.getPermittedSubclasses())
                            .map(Class::getName)
                            .sorted()
                            .collect(Collectors.joining(",")));
        }
        if (type.getSuperclass() != null
                && type.getSuperclass() != Object.class
                && type.getSuperclass() != Record.class
                && type.getSuperclass() != Enum.class) {
            b.append(" extends ").append(type.getSuperclass().getName());
        }
        if (type.getInterfaces().length > 0) {
            b.append(" implements ")
                    .append(Arrays.stream(type.getInterfaces())
                            .map(Class::getName)
                            .sorted()
                            .collect(Collectors.joining(",")));
        }
        return b.toString();
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String params(Executable e) {
        return Arrays.stream(e.getParameterTypes()).map(Class::getTypeName).collect(Collectors.joining(",", "(", ")"));
    }
}
