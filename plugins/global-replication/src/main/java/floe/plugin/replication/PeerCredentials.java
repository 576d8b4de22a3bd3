package floe.plugin.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The access key this server signs its requests to one peer with, from a credentials file in
 * the AWS CLI's shared format (option {@code peer.<Region>.credentials}; the profile
 * {@code peer.<Region>.profile}, {@code default} unless named):
 *
 * <pre>
 * [default]
 * aws_access_key_id = AKIAREPLICATION0001
 * aws_secret_access_key = ...
 * aws_session_token = ...        (temporary credentials only)
 * </pre>
 *
 * <p>Secrets at rest: the file is kept readable by its owner only, as the server keeps its
 * identities file (other users' permissions are taken away when it is read, with a warning; a
 * file that cannot be restricted is refused). The plugin reaches no key store to seal it with,
 * so the secret is never in the plugin's options, which the command line and
 * {@code conf/floe.properties} show to others. No secret is logged nor in any message.
 *
 * <p>The file is read again when it changes (looked at no more than once a second, when a
 * request is signed), so a rotated or corrected key takes effect without a restart; a change
 * that does not parse is reported and the key before it stays in force.
 */
final class PeerCredentials {
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    /** The permissions a file of secrets may not have. */
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    /**
     * An access key.
     *
     * @param accessKeyId the key's id
     * @param secret its secret access key (never printed: see {@link #toString})
     * @param sessionToken the session token of temporary credentials, or null
     */
    record Key(String accessKeyId, String secret, String sessionToken) {
        @Override
        public String toString() {
            return "Key[" + accessKeyId + "]";
        }
    }

    private final Path file;
    private final String profile;
    private final System.Logger log;
    private volatile Key current;
    private volatile long checkedAt;
    private FileTime modified;
    private long size;

    private PeerCredentials(Path file, String profile, System.Logger log) {
        this.file = file;
        this.profile = profile;
        this.log = log;
    }

    /**
     * Reads a credentials file, restricting it to its owner.
     *
     * @param file the file
     * @param profile the profile to use
     * @param log where reloads and warnings go (never a secret)
     * @throws IllegalArgumentException naming the file and what is wrong (never a secret)
     */
    static PeerCredentials open(Path file, String profile, System.Logger log) {
        PeerCredentials c = new PeerCredentials(file, profile, log);
        try {
            ownerOnly(file, log);
            c.modified = Files.getLastModifiedTime(file);
            c.size = Files.size(file);
            c.current = read(file, profile);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the credentials file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        c.checkedAt = System.nanoTime();
        return c;
    }

    /** The file. */
    Path file() {
        return file;
    }

    /** The key to sign with now: the file's, read again if it changed since it was last looked at. */
    Key key() {
        long now = System.nanoTime();
        if (now - checkedAt >= CHECK_EVERY_NANOS) {
            reload(now);
        }
        return current;
    }

    private synchronized void reload(long now) {
        if (now - checkedAt < CHECK_EVERY_NANOS) {
            return;
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
            Key k = read(file, profile);
            current = k;
            log.log(
                    System.Logger.Level.INFO,
                    "read the credentials file " + file + " again: access key " + k.accessKeyId());
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            log.log(
                    System.Logger.Level.WARNING,
                    "the credentials file " + file + " changed but cannot be used ("
                            + (e instanceof IllegalArgumentException
                                    ? e.getMessage()
                                    : e.getClass().getSimpleName())
                            + "); the access key " + current.accessKeyId() + " stays in force");
        }
    }

    /** The profile's key. */
    static Key read(Path file, String profile) throws IOException {
        Map<String, Map<String, String>> sections = parse(Files.readString(file, StandardCharsets.UTF_8));
        Map<String, String> p = sections.get(profile);
        if (p == null) {
            throw new IllegalArgumentException(
                    "the credentials file " + file + " has no profile [" + profile + "]; it has " + sections.keySet());
        }
        String id = p.get("aws_access_key_id");
        String secret = p.get("aws_secret_access_key");
        if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the profile [" + profile + "] of the credentials file " + file
                    + " needs aws_access_key_id and aws_secret_access_key");
        }
        String token = p.get("aws_session_token");
        return new Key(id, secret, token == null || token.isEmpty() ? null : token);
    }

    /** The sections of an INI file as the AWS CLI reads its credentials file: {@code [name]} or {@code [profile name]}. */
    static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> section = null;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip();
                if (name.startsWith("profile ")) {
                    name = name.substring("profile ".length()).strip();
                }
                section = sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (section != null && eq > 0) {
                section.put(
                        line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT),
                        line.substring(eq + 1).strip());
            }
        }
        return sections;
    }

    /** Secrets belong in a file only the server's user can read: other users' permissions are taken away. */
    private static void ownerOnly(Path file, System.Logger log) throws IOException {
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
            throw new IllegalArgumentException(file + " holds a secret key, other users may read it, and the server"
                    + " cannot restrict it (" + e.getClass().getSimpleName() + "): chmod 600 it");
        }
        log.log(
                System.Logger.Level.WARNING,
                file + " holds a secret key and other users could read it: restricted to its owner ("
                        + PosixFilePermissions.toString(owner) + ")");
    }
}
