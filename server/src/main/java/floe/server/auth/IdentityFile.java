package floe.server.auth;

import floe.server.Log;
import java.io.IOException;
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
import java.util.EnumSet;
import java.util.HashMap;
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
            StringBuilder text = new StringBuilder(
                    "# Temporary credentials issued by STS (GetSessionToken, AssumeRole), kept until they expire.\n"
                            + "# Written by the server: edit the identities file instead.\n");
            for (String name : new TreeSet<>(next.stringPropertyNames())) {
                text.append(name).append('=').append(next.getProperty(name)).append('\n');
            }
            writeOwnerOnly(sessionsFile, text);
            sessions = next;
            current = merged;
        }
    }

    /**
     * The issued credentials still kept: those not expired a day ago, of a user or role the identities file
     * declares (a user or role removed from it takes its sessions along).
     */
    private Properties live(Properties all) throws IOException {
        Properties declared = Files.exists(file) ? Identities.properties(file) : new Properties();
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
