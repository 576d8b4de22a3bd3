package floe.plugin.parquet;

import floe.api.Item;
import floe.spi.extension.ExportFormat;
import floe.spi.extension.ExportSink;
import floe.spi.extension.ExportSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

/**
 * Writes an export as Parquet: reads the source once to infer the {@link ExportSchema},
 * then again to write the items, a new data file every {@code itemsPerFile} items.
 */
final class ParquetFormat implements ExportFormat {
    private final ParquetOptions options;

    ParquetFormat(ParquetOptions options) {
        this.options = options;
    }

    @Override
    public String fileSuffix() {
        return "parquet";
    }

    @Override
    public void write(ExportSource source, ExportSink sink) throws IOException {
        ExportSchema schema = ExportSchema.infer(source);
        Files files = new Files(schema, sink);
        try {
            source.forEach(item -> {
                try {
                    files.write(item);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            files.finish();
        } catch (UncheckedIOException e) {
            files.abandon();
            throw e.getCause();
        } catch (RuntimeException | Error e) {
            files.abandon();
            throw e;
        }
    }

    /** The data file being written and its writer; the next one opens when it is full. */
    private final class Files {
        private final ExportSchema schema;
        private final ExportSink sink;
        private ExportSink.DataFile file;
        private ParquetWriter<Item> writer;
        private long items;

        Files(ExportSchema schema, ExportSink sink) {
            this.schema = schema;
            this.sink = sink;
        }

        void write(Item item) throws IOException {
            if (writer != null && items == options.itemsPerFile()) {
                finish();
            }
            if (writer == null) {
                file = sink.newFile();
                writer = new Builder(new SinkOutputFile(file.stream()), schema)
                        .withConf(new PlainParquetConfiguration())
                        .withCodecFactory(new Codecs(options.zstdLevel()))
                        .withCompressionCodec(options.compression())
                        .withRowGroupSize(options.rowGroupBytes())
                        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                        .build();
                items = 0;
            }
            writer.write(item);
            items++;
        }

        /** Closes the current file, if any: its footer is written, then the sink publishes it. */
        void finish() throws IOException {
            if (writer == null) {
                return;
            }
            ParquetWriter<Item> w = writer;
            ExportSink.DataFile f = file;
            writer = null;
            file = null;
            w.close();
            f.itemsWritten(items);
            f.close();
        }

        /** After a failure: the current file is left unpublished, which the export's failure cleans up. */
        void abandon() {
            writer = null;
            file = null;
        }
    }

    /** Parquet's builder over an {@link OutputFile}, with this plugin's write support. */
    private static final class Builder extends ParquetWriter.Builder<Item, Builder> {
        private final ExportSchema schema;

        Builder(OutputFile file, ExportSchema schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Never called: the builder is given a ParquetConfiguration. */
        @Override
        @SuppressWarnings("deprecation") // the abstract method Parquet still declares
        protected WriteSupport<Item> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new ItemWriteSupport(schema);
        }

        @Override
        protected WriteSupport<Item> getWriteSupport(ParquetConfiguration conf) {
            return new ItemWriteSupport(schema);
        }
    }
}
