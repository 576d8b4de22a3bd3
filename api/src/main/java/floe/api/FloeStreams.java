package floe.api;

import floe.api.model.DescribeStreamRequest;
import floe.api.model.DescribeStreamResponse;
import floe.api.model.GetRecordsRequest;
import floe.api.model.GetRecordsResponse;
import floe.api.model.GetShardIteratorRequest;
import floe.api.model.GetShardIteratorResponse;
import floe.api.model.ListStreamsRequest;
import floe.api.model.ListStreamsResponse;

/**
 * DynamoDB Streams: the changes of the tables whose stream is enabled, read in order.
 * Every method behaves as the DynamoDB Streams operation of the same name and fails
 * with the {@link floe.api.error.FloeException} it would answer with. Thread-safe.
 * Reach it through {@link FloeDb#streams()}.
 *
 * <p>A stream is enabled with a table's {@code StreamSpecification} (CreateTable or
 * UpdateTable). Each item change then appends one record, written in the same
 * transaction as the change. Records are grouped in shards that follow one another:
 * a shard is closed after a while and a child continues it, so a reader reads a
 * shard to its end ({@code NextShardIterator} null) before its children. Records are
 * kept 24 hours; a disabled stream, or the stream of a deleted table, stays readable
 * for 24 hours too.
 */
@Stability(Stability.Level.STABLE)
public interface FloeStreams {

    /** ListStreams: the streams (of one table, or all), paged by stream ARN. */
    ListStreamsResponse listStreams(ListStreamsRequest request);

    /** DescribeStream: a stream's status, view type, key schema and shards, paged by shard id. */
    DescribeStreamResponse describeStream(DescribeStreamRequest request);

    /** GetShardIterator: where to start reading one shard; the iterator is valid for 15 minutes. */
    GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request);

    /** GetRecords: at most 1,000 records or 1 MB from an iterator's position, and where to read next. */
    GetRecordsResponse getRecords(GetRecordsRequest request);
}
