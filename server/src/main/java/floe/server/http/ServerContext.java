package floe.server.http;

import floe.api.FloeDb;
import floe.api.error.InvalidSignatureException;
import floe.api.error.LimitExceededException;
import floe.api.error.ResourceNotFoundException;
import floe.server.Log;
import floe.server.auth.IdentityFile;
import floe.server.auth.RequestAuthorizer;
import floe.server.auth.SigV4Verifier;
import floe.server.json.WireTarget;
import io.netty.buffer.ByteBufAllocator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What every connection's handler shares: the database (and its installed plugins), the blocking pool, the count of requests in flight. */
final class ServerContext {
    private final WireTarget target;
    private final String region;
    private final Log log;
    private final ExecutorService blocking;
    private final ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The namespaces requests have asked for, by account and Region (or Region alone). */
    private final Map<String, WireTarget> namespaces = new ConcurrentHashMap<>();

    /** The namespace a thread's last request asked for, and by which account and Region. */
    private record Last(String account, String region, WireTarget target) {}

    private final ThreadLocal<Last> lastTarget = new ThreadLocal<>();
    /** Whether a namespace past the database's bound was refused yet (logged once). */
    private volatile boolean refusedNamespace;

    private final int compressAbove;
    private final WriteHealth writeHealth;
    private final SigV4Verifier verifier;
    private final RequestAuthorizer authorizer;
    private final IdentityFile identities;

    ServerContext(
            WireTarget target,
            ServerConfig config,
            Log log,
            ExecutorService blocking,
            IdentityFile identities,
            SigV4Verifier verifier,
            RequestAuthorizer authorizer) {
        this.target = target;
        this.identities = identities;
        this.verifier = verifier;
        this.authorizer = authorizer;
        this.region = config.region();
        this.log = log;
        this.blocking = blocking;
        this.compressAbove = config.compressAbove();
        this.writeHealth = new WriteHealth(log, config.dataDirectory());
    }

    /** The smallest response body compressed for a client that asks for it. */
    int compressAbove() {
        return compressAbove;
    }

    /** The identities file and the credentials STS issued when authentication is on; null otherwise. */
    IdentityFile identities() {
        return identities;
    }

    /** The SigV4 verifier when authentication is on; null when any well-formed credentials are accepted. */
    SigV4Verifier verifier() {
        return verifier;
    }

    /** The authorizer when authentication is on (every verified request is authorized); null otherwise. */
    RequestAuthorizer authorizer() {
        return authorizer;
    }

    WriteHealth writeHealth() {
        return writeHealth;
    }

    FloeDb db() {
        return target.db();
    }

    /** What the operations answer from: the database's default namespace. */
    WireTarget target() {
        return target;
    }

    /**
     * What the operations of a request answer from: the namespace of the account and Region
     * its credentials are scoped to, as DynamoDB keeps each Region's tables apart.
     *
     * @param account the verified caller's account, or null for the database's own (authentication off)
     * @param region the credential scope's Region, or null for the default one
     */
    WireTarget target(String account, String region) {
        if (region == null || account == null && region.equals(this.region)) {
            // the server's own Region is the database it was given, as it was given (asked of no view)
            return target;
        }
        Last last = lastTarget.get();
        // a connection's requests mostly come from one caller, for one Region: found without making a key
        if (last != null && Objects.equals(last.account, account) && last.region.equals(region)) {
            return last.target;
        }
        String key = account == null ? region : account + ":" + region;
        WireTarget t = namespaces.get(key);
        if (t == null) {
            FloeDb db;
            try {
                db = account == null
                        ? target.db().inRegion(region)
                        : target.db().inNamespace(account, region);
            } catch (UnsupportedOperationException e) {
                db = target.db(); // a database with one namespace: it answers every account and Region
            } catch (IllegalArgumentException e) {
                if (account != null) {
                    // An ARN's account no namespace can have (a verified caller's own is always valid): no
                    // such table. wording: best guess (DynamoDB's data-plane answer for a table it does not hold)
                    throw new ResourceNotFoundException("Requested resource not found");
                }
                db = target.db(); // a Region no namespace can have: the default one answers, as before
            } catch (LimitExceededException e) {
                // As many namespaces as the database may hold are open: the Region is one this server does not
                // serve. DynamoDB's answer to a credential scoped to a Region it does not know (measured for a
                // malformed name; assumed for a well-formed one the endpoint does not serve).
                if (!refusedNamespace) {
                    refusedNamespace = true; // once: a client looping over Regions must not flood the log
                    log.warn(e.getMessage() + "; requests for further Regions are refused (max-namespaces)");
                }
                throw new InvalidSignatureException(
                        "Credential should be scoped to a valid region, not '" + region + "'.");
            }
            t = db == target.db() ? target : new WireTarget(db, target.plugins(), target.services());
            WireTarget raced = namespaces.putIfAbsent(key, t);
            t = raced != null ? raced : t;
        }
        lastTarget.set(new Last(account, region, t));
        return t;
    }

    String region() {
        return region;
    }

    Log log() {
        return log;
    }

    ExecutorService blocking() {
        return blocking;
    }

    ByteBufAllocator allocator() {
        return allocator;
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void requestFinished() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (inFlight) {
                inFlight.notifyAll();
            }
        }
    }

    /** Waits until no request is in flight, or the timeout passes; true if none is. */
    boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (inFlight) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(inFlight, left);
            }
        }
        return true;
    }
}
