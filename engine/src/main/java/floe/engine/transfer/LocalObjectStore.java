package floe.engine.transfer;

import floe.spi.extension.ObjectInfo;
import floe.spi.extension.ObjectStore;
import floe.spi.extension.ObjectStoreException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Objects as files: bucket {@code b} is the folder {@code root/b} (it must exist, as an S3
 * bucket must), key {@code a/b.json} the file {@code root/b/a/b.json}. A write goes to a
 * temporary file under {@code root/.uploads} and is moved into place, atomically, when its
 * stream is closed, so a reader sees an object whole or not at all.
 *
 * <p>It has no server-side encryption, so it takes the default
 * {@link floe.spi.extension.ObjectStore#put(String, String, floe.spi.extension.PutOptions)},
 * which ignores an export's {@code S3SseAlgorithm}: SSE is encryption at rest by the server
 * that holds the object, and here that is this machine's file system. Its files are as
 * protected as the data directory's disk (encrypt that, or export to an S3-compatible store,
 * which applies it); encrypting them here would make a folder of exports nothing else can read.
 */
final class LocalObjectStore implements ObjectStore {
    /** S3's rules for bucket names (general purpose buckets). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private static final Pattern IP = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final String UPLOADS = ".uploads";

    private final Path root;
    private final Path uploads;

    LocalObjectStore(Path root) {
        this.root = root.toAbsolutePath();
        this.uploads = this.root.resolve(UPLOADS);
        try {
            Files.createDirectories(uploads);
            // writes a crash cut short never became objects
            try (Stream<Path> left = Files.list(uploads)) {
                for (Path p : (Iterable<Path>) left::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use " + this.root + " as the object store: " + e, e);
        }
    }

    @Override
    public OutputStream put(String bucket, String key) throws IOException {
        Path target = file(bucket, key);
        Path temp = uploads.resolve(UUID.randomUUID() + ".part");
        OutputStream out = Files.newOutputStream(temp);
        return new FilterOutputStream(out) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    out.close();
                    bucketDir(bucket); // the bucket may have gone meanwhile
                    Files.createDirectories(target.getParent());
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        };
    }

    @Override
    public InputStream get(String bucket, String key) throws IOException {
        Path f = file(bucket, key);
        try {
            return Files.newInputStream(f);
        } catch (NoSuchFileException e) {
            throw new ObjectStoreException(ObjectStoreException.NO_SUCH_KEY, "The specified key does not exist.");
        }
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix, String startAfter, int limit) throws IOException {
        Path dir = bucketDir(bucket);
        String p = prefix == null ? "" : prefix;
        // walk only below the deepest folder the prefix names
        int slash = p.lastIndexOf('/');
        Path start = slash < 0 ? dir : dir.resolve(p.substring(0, slash));
        List<String> keys = new ArrayList<>();
        if (Files.isDirectory(start)) {
            try (Stream<Path> files = Files.walk(start)) {
                files.filter(Files::isRegularFile).forEach(f -> {
                    String key = dir.relativize(f)
                            .toString()
                            .replace(f.getFileSystem().getSeparator(), "/");
                    if (key.startsWith(p) && (startAfter == null || compare(key, startAfter) > 0)) {
                        keys.add(key);
                    }
                });
            }
        }
        keys.sort(LocalObjectStore::compare);
        List<ObjectInfo> out = new ArrayList<>();
        for (String key : keys) {
            if (out.size() >= limit) {
                break;
            }
            try {
                BasicFileAttributes a = Files.readAttributes(dir.resolve(key), BasicFileAttributes.class);
                out.add(new ObjectInfo(key, a.size(), a.lastModifiedTime().toInstant()));
            } catch (NoSuchFileException e) {
                // deleted while listing
            }
        }
        return out;
    }

    @Override
    public void delete(String bucket, String key) throws IOException {
        Path dir = bucketDir(bucket);
        Path f = file(bucket, key);
        Files.deleteIfExists(f);
        // S3 has no folders: drop the ones the key made, once empty
        for (Path p = f.getParent(); p != null && !p.equals(dir) && p.startsWith(dir); p = p.getParent()) {
            if (!Files.isDirectory(p)) {
                continue; // a key that never was
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
                if (s.iterator().hasNext()) {
                    break;
                }
            }
            Files.deleteIfExists(p);
        }
    }

    private Path bucketDir(String bucket) throws ObjectStoreException {
        if (bucket == null
                || !BUCKET.matcher(bucket).matches()
                || bucket.contains("..")
                || IP.matcher(bucket).matches()
                || bucket.startsWith("xn--")
                || bucket.endsWith("-s3alias")) {
            throw new ObjectStoreException(
                    ObjectStoreException.INVALID_BUCKET_NAME, "The specified bucket is not valid.");
        }
        Path dir = root.resolve(bucket);
        if (!Files.isDirectory(dir)) {
            throw new ObjectStoreException(ObjectStoreException.NO_SUCH_BUCKET, "The specified bucket does not exist");
        }
        return dir;
    }

    private Path file(String bucket, String key) throws ObjectStoreException {
        Path dir = bucketDir(bucket);
        if (key == null
                || key.isEmpty()
                || key.getBytes(StandardCharsets.UTF_8).length > 1024
                || key.indexOf('\\') >= 0
                || key.indexOf('\0') >= 0
                || Arrays.stream(key.split("/", -1)).anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
            // a key S3 takes but a folder cannot hold as a file (empty, "." or ".." segments)
            throw new ObjectStoreException(
                    "InvalidArgument", "The key '" + key + "' cannot be stored in a local folder.");
        }
        return dir.resolve(key);
    }

    /** Orders keys by their UTF-8 bytes, as S3 lists them. */
    static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
