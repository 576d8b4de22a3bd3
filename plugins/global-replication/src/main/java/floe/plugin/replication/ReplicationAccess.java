package floe.plugin.replication;

import floe.spi.extension.WireAccess;
import java.util.List;
import java.util.Map;

/**
 * How a server with {@code --auth} authorizes the replication service's requests: each
 * operation {@code FloeReplication.<Op>} is FloeDB's own action {@code floe:Replication<Op>}
 * ({@code floe:ReplicationApply}, {@code floe:ReplicationStatus},
 * {@code floe:ReplicationCreateReplica}, {@code floe:ReplicationDeleteReplica},
 * {@code floe:ReplicationSetGroup}, {@code floe:ReplicationSetMeta},
 * {@code floe:ReplicationCheckLegacyReplica}, {@code floe:ReplicationPause},
 * {@code floe:ReplicationResume}), asked on the ARN of the table the request names, or on
 * {@code *} for the operations that name none ({@code Apply}, whose batch may hold several
 * tables' changes, {@code Status}, {@code Pause} and {@code Resume}).
 *
 * <p>DynamoDB's own replication acts through a service-linked role
 * (AWSServiceRoleForDynamoDBReplication) whose policy allows the item and table actions it needs
 * on {@code *}; FloeDB's peers are ordinary identities of the identities file instead, whose
 * policies allow {@code floe:Replication*} (or less: a monitoring user {@code floe:ReplicationStatus}
 * only). Own actions rather than {@code dynamodb:PutItem} and the like, so that a user who may
 * write items cannot also write past last-writer-wins with a forged stamp, and a peer's key opens
 * nothing but replication.
 */
final class ReplicationAccess {
    /** The prefix of every replication action. */
    static final String ACTION_PREFIX = "floe:Replication";

    private ReplicationAccess() {}

    /**
     * The questions a request asks.
     *
     * @param operation the part of {@code X-Amz-Target} after the dot
     * @param request the request
     * @param home the Region a request that names none is for
     */
    static List<WireAccess> of(String operation, Map<String, Object> request, String home) {
        String action = ACTION_PREFIX + operation;
        Object table = request.get("TableName");
        if (!(table instanceof String name) || name.isEmpty()) {
            return List.of(new WireAccess(action, "*"));
        }
        Object region = request.get(HostedRegions.REGION);
        String r = region instanceof String s ? s : home == null ? "" : home;
        // the account left empty: the authorizer reads it as the caller's own (the database's, for global tables)
        return List.of(new WireAccess(action, "arn:aws:dynamodb:" + r + "::table/" + name));
    }
}
