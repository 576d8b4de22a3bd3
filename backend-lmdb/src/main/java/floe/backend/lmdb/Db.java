package floe.backend.lmdb;

import floe.backend.lmdb.buffer.NativeSlice;
import org.lmdbjava.Dbi;

/**
 * One of the environment's few named LMDB databases.
 *
 * @param name its LMDB name
 * @param dbi the handle
 * @param index its slot in {@link Access}'s cursor table
 */
record Db(String name, Dbi<NativeSlice> dbi, int index) {
    static final String CATALOG = "catalog";
    static final String DATA = "data";
    static final String OVERFLOW = "overflow";
    static final String PARTITIONS = "partitions";
    static final int COUNT = 4;
}
