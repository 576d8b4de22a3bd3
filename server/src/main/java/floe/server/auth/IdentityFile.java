package floe.server.auth;

import floe.server.Log;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An identities file ({@link Identities} describes its form), read when the server starts
 * and read again when it changes: its modification time and size are looked at no more
 * than once a second, on the next request. A change that does not parse is reported and
 * the identities before it stay in force.
 *
 * <p>Secrets at rest: the file is kept readable by its owner only (the server takes the
 * other users' permissions away, and refuses a file it cannot restrict); when the encryption
 * plugin is installed ({@link SecretSeal}), every secret and session token written in
 * plaintext is sealed in place, so that the file holds none in the clear once the server has
 * read it. No secret or token is logged.
 *
 * <p>Temporary credentials STS issues ({@link #issue}) are kept in a second file beside this
 * one, named as it with {@code .sessions} added, in its grammar ({@code key.<id>.user|role|
 * session|secret|token|expires}), so that they work after a restart until they expire. That file
 * is written by the server alone, in one step, readable by its owner only, its secrets and
 * tokens sealed when the encryption plugin is installed. Credentials are dropped from it a day
 * after they expire (until then they are answered ExpiredTokenException), and so are those of a
 * user or role the identities file no longer declares.
 */
public final class IdentityFile implements Supplier<Identities> {
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    /** A secret's or session token's line: {@code key.<id>.secret = value} or {@code key.<id>.token = value}. */
    private static final Pattern SECRET_LINE =
            Pattern.compile("^(\\s*key\\.([A-Za-z0-9]+)\\.(secret|token)\\s*[=:]\\s*)(.*)$", Pattern.MULTILINE);

    private final Path file;
    private final Path sessionsFile;
    private final Log log;
    private final SecretSeal seal;
    private final Clock clock;
    /** The issued credentials' lines, as their file holds them (secrets sealed when a sealer is installed). */
    private Properties sessions = new Properties();
    /**
     * How long expired credentials are kept: meanwhile a request signed with them is answered
     * ExpiredTokenException, as AWS answers it, rather than as signed with an unknown key.
     */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    /** Held while the issued credentials change or are read together with the identities. */
    private final Object sessionsLock = new Object();

    private volatile Identities current;
    private volatile long checkedAt;
    private FileTime modified;
    private long size;

    private IdentityFile(Path file, Log log, SecretSeal seal, Clock clock) {
        this.file = file;
        this.sessionsFile = file.resolveSibling(file.getFileName() + ".sessions");
        this.log = log;
        this.seal = seal;
        this.clock = clock;
    }

    /**
     * Reads an identities file with no sealer installed.
     *
     * @see #open(Path, Log, SecretSeal)
     */
    public static IdentityFile open(Path file, Log log) throws IOException {
        return open(file, log, null);
    }

    /**
     * Reads an identities file, restricting it to its owner and sealing its secrets.
     *
     * @param file the file
     * @param log where reloads and warnings go (never a secret)
     * @param seal the installed sealer's seal, or null when no encryption plugin is installed
     * @return the file, read
     * @throws IOException if it cannot be read, or others can read it and it cannot be restricted
     * @throws IllegalArgumentException naming the file and what is wrong in it
     */
    public static IdentityFile open(Path file, Log log, SecretSeal seal) throws IOException {
        return open(file, log, seal, Clock.systemUTC());
    }

    /**
     * Reads an identities file and the temporary credentials issued beside it.
     *
     * @param file the file
     * @param log where reloads and warnings go (never a secret)
     * @param seal the installed sealer's seal, or null when no encryption plugin is installed
     * @param clock what tells which issued credentials have expired
     * @return the file, read
     * @throws IOException if it cannot be read, or others can read it and it cannot be restricted
     * @throws IllegalArgumentException naming the file and what is wrong in it
     */
    public static IdentityFile open(Path file, Log log, SecretSeal seal, Clock clock) throws IOException {
        IdentityFile f = new IdentityFile(file, log, seal, clock);
        ownerOnly(file, log);
        if (Files.exists(f.sessionsFile)) {
            ownerOnly(f.sessionsFile, log);
            f.sessions = Identities.properties(f.sessionsFile);
        }
        f.current = Identities.read(file, seal, f.live(f.sessions));
        f.sealSecrets();
        f.modified = Files.getLastModifiedTime(file);
        f.size = Files.size(file);
        f.checkedAt = System.nanoTime();
        log.info("authentication on: " + f.current.size() + " access keys from " + file
                + (seal != null ? " (secrets sealed by the encryption plugin)" : ""));
        return f;
    }

    /** The permissions a file of secrets may have: its owner's. */
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    /** Secrets belong in a file only the server's user can read: other users' permissions are taken away. */
    private static void ownerOnly(Path file, Log log) throws IOException {
        Set<PosixFilePermission> p;
        try {
            p = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing to check
        }
        if (p.stream().noneMatch(OTHERS::contains)) {
            return;
        }
        Set<PosixFilePermission> owner = EnumSet.copyOf(p);
        owner.removeAll(OTHERS);
        try {
            Files.setPosixFilePermissions(file, owner);
        } catch (IOException e) {
            throw new IOException(file + " holds secret keys, other users may read it, and the server cannot "
                    + "restrict it (" + e.getClass().getSimpleName() + "): chmod 600 it");
        }
        log.warn(file + " holds secret keys and other users could read it: restricted to its owner ("
                + PosixFilePermissions.toString(owner) + ")");
    }

    /** With a sealer installed, seals in place every secret and session token the file holds in plaintext. */
    private void sealSecrets() throws IOException {
        if (seal == null || !seal.seals()) {
            return;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Properties values = Identities.properties(file);
        Matcher m = SECRET_LINE.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        int sealed = 0;
        int tokens = 0;
        int left = 0;
        while (m.find()) {
            String id = m.group(2);
            boolean token = m.group(3).equals("token");
            String value = values.getProperty("key." + id + "." + m.group(3));
            String raw = m.group(4);
            m.appendReplacement(out, "");
            out.append(m.group(1));
            if (value == null || SecretSeal.sealed(value.trim()) || raw.endsWith("\\") || value.isBlank()) {
                out.append(raw);
                left += value == null || SecretSeal.sealed(value.trim()) ? 0 : 1;
                continue;
            }
            out.append(token ? seal.sealToken(id, value.trim()) : seal.seal(id, value.trim()));
            sealed++;
            tokens += token ? 1 : 0;
        }
        m.appendTail(out);
        if (left > 0) {
            log.warn(file + ": " + left + " secrets or tokens written over several lines are left in plaintext: write"
                    + " each on one line to have it sealed");
        }
        if (sealed == 0) {
            return;
        }
        writeOwnerOnly(file, out);
        log.info(file + ": " + (sealed - tokens) + " secrets sealed, " + tokens
                + " session tokens sealed, with the encryption plugin's key store");
    }

    /** Writes a file beside the old one, owner-only from the start, then moves it over the old one in one step. */
    private static void writeOwnerOnly(Path target, CharSequence text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp;
        try {
            temp = Files.createTempFile(
                    dir,
                    ".identities",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(
                            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        } catch (UnsupportedOperationException e) {
            temp = Files.createTempFile(dir, ".identities", ".tmp");
        }
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Keeps temporary credentials STS issued: written to the sessions file before they are in force,
     * so that they work after a restart until they expire.
     *
     * @param key the credentials
     * @throws IOException if the sessions file cannot be written (the credentials are then not in force)
     * @throws IllegalArgumentException if the identities no longer declare the key's user or role
     */
    public void issue(TemporaryKey key) throws IOException {
        synchronized (sessionsLock) {
            Properties next = live(sessions);
            String id = key.accessKeyId();
            if (next.stringPropertyNames().stream().anyMatch(n -> n.startsWith("key." + id + "."))) {
                throw new IllegalArgumentException("access key " + id + " is issued already");
            }
            boolean sealing = seal != null && seal.seals();
            if (key.user() != null) {
                next.setProperty("key." + id + ".user", key.user());
            } else {
                next.setProperty("key." + id + ".role", key.role());
                next.setProperty("key." + id + ".session", key.session());
            }
            next.setProperty("key." + id + ".secret", sealing ? seal.seal(id, key.secret()) : key.secret());
            next.setProperty("key." + id + ".token", sealing ? seal.sealToken(id, key.token()) : key.token());
            next.setProperty("key." + id + ".expires", key.expires().toString());
            // In force only once the file holds them: read together with the identities first, so that a
            // key that would not parse is never written.
            Identities merged = Identities.read(file, seal, next);
            writeSessions(next);
            current = merged;
        }
    }

    /** Writes the issued credentials' file (held: {@link #sessionsLock}). */
    private void writeSessions(Properties next) throws IOException {
        StringBuilder text = new StringBuilder(
                "# Temporary credentials issued by STS (GetSessionToken, AssumeRole), kept until they expire.\n"
                        + "# Written by the server: edit the identities file instead.\n");
        for (String name : new TreeSet<>(next.stringPropertyNames())) {
            text.append(name).append('=').append(next.getProperty(name)).append('\n');
        }
        writeOwnerOnly(sessionsFile, text);
        sessions = next;
    }

    /**
     * The identities file's properties as it holds them now (sealed secrets sealed): what IAM's
     * calls read, the file being the source of truth.
     *
     * @return the properties
     * @throws IOException if the file cannot be read
     */
    public Properties declared() throws IOException {
        return Identities.properties(file);
    }

    /**
     * Changes the identities file in its own grammar, as IAM's calls do: the lines of the named
     * properties are replaced (or added at the end) and removed, the rest of the file (comments,
     * order) kept; the result is read before it is written, in one step, owner-only, and is in
     * force when this returns. A secret ({@code key.<id>.secret}) is written sealed when the
     * encryption plugin is installed.
     *
     * @param set the properties to set, by name, their values in plaintext
     * @param remove the properties to remove
     * @throws IOException if the file cannot be read or written
     * @throws IllegalArgumentException if the changed file would not parse (nothing is written)
     */
    public synchronized void change(Map<String, String> set, Set<String> remove) throws IOException {
        synchronized (sessionsLock) {
            boolean sealing = seal != null && seal.seals();
            Map<String, String> values = new LinkedHashMap<>();
            set.forEach((name, value) -> {
                Matcher m = KEY_SECRET.matcher(name);
                values.put(name, sealing && m.matches() ? seal.seal(m.group(1), value) : value);
            });
            String text = Files.readString(file, StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder(text.length() + 256);
            Set<String> written = new HashSet<>();
            for (String line : logicalLines(text)) {
                String name = propertyName(line);
                if (name != null && remove.contains(name)) {
                    continue;
                }
                if (name != null && values.containsKey(name)) {
                    if (written.add(name)) {
                        out.append(name)
                                .append('=')
                                .append(escape(values.get(name)))
                                .append('\n');
                    }
                    continue;
                }
                out.append(line);
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            values.forEach((name, value) -> {
                if (!written.contains(name)) {
                    out.append(name).append('=').append(escape(value)).append('\n');
                }
            });
            Properties next = new Properties();
            next.load(new StringReader(out.toString()));
            Properties kept = live(sessions, next);
            Identities changed = Identities.read(file, next, seal, kept);
            writeOwnerOnly(file, out);
            if (!kept.equals(sessions)) {
                // a user or role went, and its sessions with it
                writeSessions(kept);
            }
            current = changed;
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
            checkedAt = System.nanoTime();
        }
    }

    /** A secret's property name; its group 1 is the key id. */
    private static final Pattern KEY_SECRET = Pattern.compile("key\\.([A-Za-z0-9]+)\\.secret");

    /** The file's logical lines, each with its line ends (a line ending in an odd number of backslashes goes on). */
    private static List<String> logicalLines(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int end = text.indexOf('\n', i);
            String line = end < 0 ? text.substring(i) : text.substring(i, end + 1);
            i = end < 0 ? text.length() : end + 1;
            current.append(line);
            String bare = line.stripTrailing();
            int slashes = 0;
            while (slashes < bare.length() && bare.charAt(bare.length() - 1 - slashes) == '\\') {
                slashes++;
            }
            boolean comment = current.toString().stripLeading().startsWith("#")
                    || current.toString().stripLeading().startsWith("!");
            if (slashes % 2 == 0 || comment || end < 0) {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    /** The property a logical line sets, or null for a comment or a blank line. */
    private static String propertyName(String line) {
        Properties one = new Properties();
        try {
            one.load(new StringReader(line));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return one.isEmpty() ? null : one.stringPropertyNames().iterator().next();
    }

    /** A value as a properties file holds it on one line. */
    private static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case ' ' -> b.append(i == 0 ? "\\ " : " ");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The issued credentials still kept: those not expired a day ago, of a user or role the identities file
     * declares (a user or role removed from it takes its sessions along).
     */
    private Properties live(Properties all) throws IOException {
        return live(all, Files.exists(file) ? Identities.properties(file) : new Properties());
    }

    /** The issued credentials kept with these identities (as the file will hold them). */
    private Properties live(Properties all, Properties declared) {
        Map<String, Map<String, String>> byKey = new TreeMap<>();
        for (String name : all.stringPropertyNames()) {
            int dot = name.lastIndexOf('.');
            if (!name.startsWith("key.") || dot <= 4) {
                continue;
            }
            byKey.computeIfAbsent(name.substring(4, dot), k -> new HashMap<>())
                    .put(name.substring(dot + 1), all.getProperty(name).trim());
        }
        Instant now = clock.instant();
        Properties out = new Properties();
        byKey.forEach((id, f) -> {
            Instant expires;
            try {
                expires = Instant.parse(f.getOrDefault("expires", ""));
            } catch (DateTimeParseException e) {
                return; // not one the server wrote: dropped
            }
            boolean owner = f.containsKey("user")
                    ? declared.containsKey("user." + f.get("user") + ".account")
                    : declared.containsKey("role." + f.get("role") + ".account");
            if (now.isAfter(expires.plus(KEEP_EXPIRED)) || !owner) {
                return;
            }
            f.forEach((field, value) -> out.setProperty("key." + id + "." + field, value));
        });
        return out;
    }

    @Override
    public Identities get() {
        long now = System.nanoTime();
        if (now - checkedAt >= CHECK_EVERY_NANOS) {
            reloadIfChanged(now);
        }
        return current;
    }

    private synchronized void reloadIfChanged(long now) {
        if (now - checkedAt < CHECK_EVERY_NANOS) {
            return; // another thread just looked
        }
        checkedAt = now;
        try {
            FileTime m = Files.getLastModifiedTime(file);
            long s = Files.size(file);
            if (m.equals(modified) && s == size) {
                return;
            }
            modified = m;
            size = s;
            ownerOnly(file, log);
            synchronized (sessionsLock) {
                current = Identities.read(file, seal, live(sessions));
            }
            sealSecrets();
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
            log.info("identities reloaded: " + current.size() + " access keys from " + file);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("identities not reloaded, the previous ones stay in force: " + e.getMessage());
        }
    }
}
