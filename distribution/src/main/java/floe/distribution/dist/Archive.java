package floe.distribution.dist;

import floe.distribution.console.Progress;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The archive formats of a distribution, written reproducibly: entries in path order, one
 * fixed time on every entry ({@code SOURCE_DATE_EPOCH} when set), owner 0, modes from the
 * executable bit only. The same folder gives the same bytes.
 */
enum Archive {
    /** A gzip'd POSIX (ustar) tar: modes kept, for Unix. */
    TAR_GZ("tar.gz"),
    /** A zip: for Windows (zip keeps no Unix modes; run bin/floe with sh). */
    ZIP("zip");

    /** 2000-01-01T00:00:00Z: a fixed time for every entry unless SOURCE_DATE_EPOCH says another. */
    private static final long DEFAULT_EPOCH = 946_684_800L;

    private final String extension;

    Archive(String extension) {
        this.extension = extension;
    }

    /** The file name extension, also the name the option takes. */
    String extension() {
        return extension;
    }

    /** The format named {@code name} ({@code tar.gz} or {@code zip}). */
    static Archive named(String name) {
        for (Archive a : values()) {
            if (a.extension.equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new DistException("unknown archive format '" + name + "'; use --archive tar.gz or --archive zip");
    }

    /** Writes {@code folder} to {@code archive}, every entry under {@code top}/; progress as {@code shown}. */
    void write(Path folder, String top, Path archive, String shown, Progress progress) throws IOException {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(folder)) {
            entries = walk.filter(p -> !p.equals(folder))
                    .sorted((a, b) -> entryName(folder, a).compareTo(entryName(folder, b)))
                    .toList();
        }
        long epoch = epoch();
        progress.start("archiving " + shown, entries.size());
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(archive))) {
            if (this == TAR_GZ) {
                try (GZIPOutputStream gz = new GZIPOutputStream(file, 1 << 16)) {
                    for (Path p : entries) {
                        tarEntry(gz, top + "/" + entryName(folder, p), p, epoch);
                        progress.advance();
                    }
                    gz.write(new byte[1024]); // two zero blocks end a tar
                }
            } else {
                LocalDateTime time = LocalDateTime.ofEpochSecond(epoch, 0, ZoneOffset.UTC);
                try (ZipOutputStream zip = new ZipOutputStream(file)) {
                    for (Path p : entries) {
                        boolean dir = Files.isDirectory(p);
                        ZipEntry e = new ZipEntry(top + "/" + entryName(folder, p) + (dir ? "/" : ""));
                        e.setTimeLocal(time); // no time zone enters the bytes
                        zip.putNextEntry(e);
                        if (!dir) {
                            Files.copy(p, zip);
                        }
                        zip.closeEntry();
                        progress.advance();
                    }
                }
            }
        }
        progress.finish(entries.size() + " entries, " + Files.size(archive) / 1024 + " KB");
    }

    private static String entryName(Path folder, Path p) {
        return folder.relativize(p).toString().replace('\\', '/');
    }

    private static long epoch() {
        String env = System.getenv("SOURCE_DATE_EPOCH");
        if (env != null && !env.isBlank()) {
            try {
                return Long.parseLong(env.strip());
            } catch (NumberFormatException e) {
                throw new DistException(
                        "SOURCE_DATE_EPOCH is '" + env + "'; set it to seconds since 1970, or unset it");
            }
        }
        return DEFAULT_EPOCH;
    }

    private static void tarEntry(OutputStream out, String name, Path p, long epoch) throws IOException {
        boolean dir = Files.isDirectory(p);
        long size = dir ? 0 : Files.size(p);
        byte[] h = new byte[512];
        String path = dir ? name + "/" : name;
        byte[] full = path.getBytes(StandardCharsets.UTF_8);
        if (full.length <= 100) {
            put(h, 0, 100, full);
        } else {
            // ustar: a prefix of up to 155 bytes, cut at a slash, and a name of up to 100
            int cut = path.indexOf('/');
            while (cut > 0 && (utf8(path.substring(0, cut)) > 155 || utf8(path.substring(cut + 1)) > 100)) {
                cut = path.indexOf('/', cut + 1);
            }
            if (cut <= 0 || cut == path.length() - 1) {
                throw new DistException("the path " + path + " is too long for a tar archive; use --archive zip");
            }
            put(h, 0, 100, path.substring(cut + 1).getBytes(StandardCharsets.UTF_8));
            put(h, 345, 155, path.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        }
        octal(h, 100, 8, dir || Files.isExecutable(p) ? 0755 : 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, epoch);
        h[156] = (byte) (dir ? '5' : '0');
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        put(h, 265, 32, "root".getBytes(StandardCharsets.US_ASCII));
        put(h, 297, 32, "root".getBytes(StandardCharsets.US_ASCII));
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] check = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(check, 0, h, 148, 8);
        out.write(h);
        if (!dir) {
            try (InputStream in = Files.newInputStream(p)) {
                in.transferTo(out);
            }
            int pad = (int) ((512 - size % 512) % 512);
            out.write(new byte[pad]);
        }
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void put(byte[] h, int at, int length, byte[] value) {
        System.arraycopy(value, 0, h, at, Math.min(length, value.length));
    }

    /** An octal field of {@code length} bytes: zero-padded digits, then a NUL. */
    private static void octal(byte[] h, int at, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
        put(h, at, length - 1, padded.getBytes(StandardCharsets.US_ASCII));
    }
}
