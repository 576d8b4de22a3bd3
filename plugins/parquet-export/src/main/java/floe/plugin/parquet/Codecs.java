package floe.plugin.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * The page codecs, without Hadoop: Parquet's own codec factory goes through Hadoop's
 * compression classes, so this one calls the compression libraries directly (zstd-jni,
 * snappy-java, java.util.zip), writing the same frames Parquet's readers expect.
 */
final class Codecs implements CompressionCodecFactory {
    /** The codec names an export's {@code compression} option takes. */
    static CompressionCodecName byOption(String option) {
        return switch (option.toLowerCase(java.util.Locale.ROOT)) {
            case "zstd", "zstandard" -> CompressionCodecName.ZSTD;
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "gzip" -> CompressionCodecName.GZIP;
            case "none", "uncompressed" -> CompressionCodecName.UNCOMPRESSED;
            default ->
                throw new IllegalArgumentException(
                        "compression must be zstd, snappy, gzip or none, not '" + option + "'");
        };
    }

    private final int zstdLevel;

    Codecs(int zstdLevel) {
        this.zstdLevel = zstdLevel;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return BytesInput.from(Codecs.this.compress(codec, array(bytes)));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                return BytesInput.from(Codecs.decompress(codec, array(bytes), uncompressedSize));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(Codecs.decompress(codec, in, uncompressedSize));
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public void release() {}

    private static byte[] array(BytesInput bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(bytes.size(), 32));
        bytes.writeAllTo(out);
        return out.toByteArray();
    }

    byte[] compress(CompressionCodecName codec, byte[] bytes) throws IOException {
        switch (codec) {
            case UNCOMPRESSED:
                return bytes;
            case ZSTD:
                return Zstd.compress(bytes, zstdLevel);
            case SNAPPY:
                return Snappy.compress(bytes);
            case GZIP:
                ByteArrayOutputStream buffer = new ByteArrayOutputStream(bytes.length / 2 + 64);
                try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
                    gzip.write(bytes);
                }
                return buffer.toByteArray();
            default:
                throw new IOException("no " + codec + " codec in this plugin");
        }
    }

    static byte[] decompress(CompressionCodecName codec, byte[] bytes, int uncompressedSize) throws IOException {
        switch (codec) {
            case UNCOMPRESSED:
                return bytes;
            case ZSTD:
                return Zstd.decompress(bytes, uncompressedSize);
            case SNAPPY:
                return Snappy.uncompress(bytes);
            case GZIP:
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    return in.readNBytes(uncompressedSize);
                }
            default:
                throw new IOException("no " + codec + " codec in this plugin");
        }
    }
}
