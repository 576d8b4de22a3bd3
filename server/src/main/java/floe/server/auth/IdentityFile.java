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
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
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
 */
public final class IdentityFile implements Supplier<Identities> {
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    /** A secret's or session token's line: {@code key.<id>.secret = value} or {@code key.<id>.token = value}. */
    private static final Pattern SECRET_LINE =
            Pattern.compile("^(\\s*key\\.([A-Za-z0-9]+)\\.(secret|token)\\s*[=:]\\s*)(.*)$", Pattern.MULTILINE);

    private final Path file;
    private final Log log;
    private final SecretSeal seal;
    private volatile Identities current;
    private volatile long checkedAt;
    private FileTime modified;
    private long size;

    private IdentityFile(Path file, Log log, SecretSeal seal) {
        this.file = file;
        this.log = log;
        this.seal = seal;
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
        IdentityFile f = new IdentityFile(file, log, seal);
        ownerOnly(file, log);
        f.current = Identities.read(file, seal);
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
        // Written beside the file, owner-only from the start, then moved over it in one step.
        Path dir = file.toAbsolutePath().getParent();
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
            Files.writeString(temp, out, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        log.info(file + ": " + (sealed - tokens) + " secrets sealed, " + tokens
                + " session tokens sealed, with the encryption plugin's key store");
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
            current = Identities.read(file, seal);
            sealSecrets();
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
            log.info("identities reloaded: " + current.size() + " access keys from " + file);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("identities not reloaded, the previous ones stay in force: " + e.getMessage());
        }
    }
}
