package floe.backend.lmdb;

import floe.backend.lmdb.buffer.KeyBuffer;
import floe.backend.lmdb.buffer.NativeSlice;
import floe.spi.storage.StorageException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.lmdbjava.Cursor;
import org.lmdbjava.Env;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * One LMDB transaction with the scratch space the trie code works in: key buffers
 * and one cursor per database. Read accesses are pooled and recycled with
 * {@code mdb_txn_reset}/{@code mdb_txn_renew} and {@code mdb_cursor_renew}, so a
 * read transaction costs no allocation; the write access is one object the writers
 * take turns with. Used by one thread at a time.
 */
final class Access {
    final boolean readOnly;
    /** Where keys are built; {@link #keyIn} copies them to native memory per call. */
    final byte[] build = new byte[KeyBuffer.MAX_KEY + 1];
    /** Where the key a cursor stands on is copied by {@link #readKey}. */
    final byte[] read = new byte[KeyBuffer.MAX_KEY + 1];

    private final KeyBuffer keyIn = new KeyBuffer();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private final Cursor<NativeSlice>[] cursors = new Cursor[Db.COUNT];

    private final boolean[] current = new boolean[Db.COUNT];
    private Txn<NativeSlice> txn;
    private boolean txnReset;
    private MessageDigest sha256;

    Access(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** Starts a transaction: renews the reset one of a pooled read access, or begins a new one. */
    void begin(Env<NativeSlice> env) {
        if (readOnly && txn != null) {
            txn.renew();
            txnReset = false;
        } else {
            txn = readOnly ? env.txnRead() : env.txnWrite();
        }
        Arrays.fill(current, false);
    }

    /** Ends a read transaction, keeping it (reset) and its cursors for the next {@link #begin}. */
    void reset() {
        txn.reset();
        txnReset = true;
    }

    /** Commits the write transaction; its cursors are closed first, as LMDB requires. */
    void commit() {
        closeCursors();
        Txn<NativeSlice> t = txn;
        txn = null;
        try {
            t.commit();
        } finally {
            t.close();
        }
    }

    /** Aborts the write transaction, or releases a read access for good. Idempotent. */
    void abort() {
        if (txn == null) {
            return;
        }
        Txn<NativeSlice> t = txn;
        txn = null;
        try {
            closeCursors();
            if (txnReset) {
                txnReset = false;
                t.renew(); // lmdbjava frees (mdb_txn_abort) a transaction only from the ready state
            }
        } finally {
            t.close();
        }
    }

    private void closeCursors() {
        for (int i = 0; i < cursors.length; i++) {
            if (cursors[i] != null) {
                cursors[i].close();
                cursors[i] = null;
            }
        }
    }

    Txn<NativeSlice> txn() {
        return txn;
    }

    /** The cursor on {@code db} for the current transaction. */
    Cursor<NativeSlice> cursor(Db db) {
        int i = db.index();
        Cursor<NativeSlice> c = cursors[i];
        if (c == null) {
            c = db.dbi().openCursor(txn);
            cursors[i] = c;
        } else if (!current[i]) {
            c.renew(txn); // only read accesses keep cursors across transactions
        }
        current[i] = true;
        return c;
    }

    /** The value under {@code key[0, len)}, valid until the next call on this access, or null. */
    NativeSlice get(Db db, byte[] key, int len) {
        return db.dbi().get(txn, keyIn.of(key, len));
    }

    /** Positions {@code c} with {@code op} relative to {@code key[0, len)}. */
    boolean seek(Cursor<NativeSlice> c, byte[] key, int len, GetOp op) {
        return c.get(keyIn.of(key, len), op);
    }

    /** Copies the key {@code c} stands on into {@link #read}, returning its length. */
    int readKey(Cursor<NativeSlice> c) {
        return c.key().copyTo(read);
    }

    /** Stores {@code value} under {@code key[0, len)}: reserves the room and copies straight into the page. */
    void put(Db db, byte[] key, int len, byte[] value) {
        db.dbi().reserve(txn, keyIn.of(key, len), value.length).write(value);
    }

    /** Deletes {@code key[0, len)}; whether it was there. */
    boolean delete(Db db, byte[] key, int len) {
        return db.dbi().delete(txn, keyIn.of(key, len));
    }

    /** Whether no key of {@code db} starts with {@code prefix}. Uses {@link #read}. */
    boolean noKeyStartsWith(Db db, byte[] prefix) {
        Cursor<NativeSlice> c = cursor(db);
        return !seek(c, prefix, prefix.length, GetOp.MDB_SET_RANGE) || !Bytes.startsWith(read, readKey(c), prefix);
    }

    /** SHA-256 of {@code data} into {@code dst} at {@code off}. */
    void sha256(byte[] data, byte[] dst, int off) {
        try {
            if (sha256 == null) {
                sha256 = MessageDigest.getInstance("SHA-256");
            }
            sha256.update(data);
            sha256.digest(dst, off, 32);
        } catch (NoSuchAlgorithmException | java.security.DigestException e) {
            throw new StorageException("SHA-256 is unavailable", e);
        }
    }
}
