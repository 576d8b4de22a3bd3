package floe.backend.etcd;

import floe.api.Stability;
import floe.spi.storage.Capabilities;
import floe.spi.storage.Capability;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageException;
import floe.spi.storage.StorageLimits;
import floe.spi.storage.WriteTransaction;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Storage on an etcd cluster: one linearizable, Raft-replicated, sorted byte keyspace (see
 * {@link Keys} for the layout). Read transactions read at one revision, a consistent snapshot.
 * Write transactions are optimistic: they read at one revision, buffer their writes, and commit
 * them in one etcd transaction whose comparisons check that nothing they read changed since, so
 * they are serializable; when a comparison fails, the commit is a {@link
 * floe.spi.storage.ConflictException} and nothing was written. Thread-safe.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class EtcdBackend implements StorageBackend {
    /** A value for the catalog and guard keys: their content is never read. */
    static final ByteSequence MARK = ByteSequence.from(new byte[] {1});

    private final Client client;
    private final KV kv;
    private final Keys keys;
    private final EtcdOptions options;
    private final Capabilities capabilities;
    private volatile boolean closed;

    private EtcdBackend(Client client, EtcdOptions options) {
        this.client = client;
        this.kv = client.getKVClient();
        this.keys = new Keys(options.root());
        this.options = options;
        // Persistent: committed data is the cluster's, Raft-logged and fsynced on a quorum before the
        // commit returns. Concurrent writers: optimistic transactions, any number at once.
        this.capabilities = new Capabilities(
                EnumSet.of(Capability.PERSISTENT, Capability.CONCURRENT_WRITERS), options.maxValueSize());
    }

    static EtcdBackend open(EtcdOptions options) {
        Client client = Client.builder()
                .endpoints(options.endpoints().toArray(String[]::new))
                .connectTimeout(options.connectTimeout())
                .retryMaxDuration(options.timeout())
                // responses carry pages of values of up to maxValueSize each
                .maxInboundMessageSize(Math.max(64 << 20, options.maxValueSize() * (Reads.PAGE + 1)))
                .build();
        try {
            int members = Errors.await(
                            client.getClusterClient().listMember(),
                            options.timeout().toMillis(),
                            "list its members")
                    .getMembers()
                    .size();
            if (members < options.replicas()) {
                throw new StorageException("the etcd cluster at " + options.endpoints() + " has " + members
                        + " member(s); replicas=" + options.replicas() + " needs at least that many");
            }
            return new EtcdBackend(client, options);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public List<String> keyspaces() {
        checkOpen();
        ByteSequence prefix = ByteSequence.from(keys.catalogPrefix());
        GetResponse response = await(
                kv.get(
                        prefix,
                        GetOption.builder().isPrefix(true).withKeysOnly(true).build()),
                "list keyspaces");
        List<String> names = new ArrayList<>();
        for (KeyValue entry : response.getKvs()) {
            names.add(keys.keyspaceOf(entry.getKey().getBytes()));
        }
        names.sort(null);
        return names;
    }

    @Override
    public boolean createKeyspace(String name) {
        checkOpen();
        checkName(name);
        ByteSequence key = ByteSequence.from(keys.catalogKey(name));
        TxnResponse response = await(
                kv.txn()
                        .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0)))
                        .Then(Op.put(key, MARK, PutOption.DEFAULT))
                        .commit(),
                "create keyspace " + name);
        return response.isSucceeded();
    }

    @Override
    public boolean dropKeyspace(String name) {
        checkOpen();
        checkName(name);
        ByteSequence key = ByteSequence.from(keys.catalogKey(name));
        TxnResponse response = await(
                kv.txn()
                        .If(new Cmp(key, Cmp.Op.GREATER, CmpTarget.version(0)))
                        .Then(
                                Op.delete(key, DeleteOption.DEFAULT),
                                Op.delete(
                                        prefixed(keys.dataPrefix(name)),
                                        DeleteOption.builder().isPrefix(true).build()),
                                Op.delete(
                                        prefixed(keys.guardPrefix(name)),
                                        DeleteOption.builder().isPrefix(true).build()),
                                // bumped, not deleted: a scanning transaction compares its revision
                                Op.put(ByteSequence.from(keys.keyspaceGuard(name)), MARK, PutOption.DEFAULT))
                        .commit(),
                "drop keyspace " + name);
        return response.isSucceeded();
    }

    @Override
    public ReadTransaction beginRead() {
        checkOpen();
        return new EtcdReadTransaction(this);
    }

    @Override
    public WriteTransaction beginWrite() {
        checkOpen();
        return new EtcdWriteTransaction(this);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            client.close();
        }
    }

    KV kv() {
        return kv;
    }

    Keys keys() {
        return keys;
    }

    EtcdOptions options() {
        return options;
    }

    boolean isClosed() {
        return closed;
    }

    void checkOpen() {
        if (closed) {
            throw new StorageException("the etcd backend is closed");
        }
    }

    <T> T await(java.util.concurrent.CompletableFuture<T> future, String what) {
        return Errors.await(future, options.timeout().toMillis(), what);
    }

    private static ByteSequence prefixed(byte[] prefix) {
        return ByteSequence.from(prefix);
    }

    private static void checkName(String name) {
        if (!StorageLimits.isValidKeyspaceName(name)) {
            throw new IllegalArgumentException("invalid keyspace name: " + name);
        }
    }
}
