package floe.server.sts;

import floe.api.error.ExpiredTokenException;
import floe.api.error.FloeException;
import floe.api.error.IncompleteSignatureException;
import floe.api.error.InvalidSignatureException;
import floe.api.error.MissingAuthenticationTokenException;
import floe.api.error.UnrecognizedClientException;
import floe.server.auth.Identity;
import floe.server.auth.IdentityFile;
import floe.server.query.QueryXml;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS STS's Query protocol on the server's port, so that {@code aws sts ... --endpoint-url ...}
 * and the SDKs' STS clients get their identity and temporary credentials from FloeDB: a
 * form-encoded POST ({@code Action=GetCallerIdentity&Version=2011-06-15}) signed for the service
 * {@code sts}, answered in STS's XML. Served: GetCallerIdentity (who signed), GetSessionToken (a
 * user's long-term key gets temporary credentials of the same user) and AssumeRole (temporary
 * credentials of a role's session, when the role's trust policy and the caller's policies both
 * allow {@code sts:AssumeRole}: see {@link floe.server.auth.Identities}). Any other action is
 * {@code InvalidAction}, as STS answers an action it does not know.
 *
 * <p>Issued credentials are kept by the identities file's owner ({@link IdentityFile#issue}) before
 * they are answered, so that they work after a restart until they expire. With authentication off
 * any well-formed credentials are accepted anyway: the calls then answer fresh credentials and
 * keep none.
 */
public final class StsQuery {
    /** The service name STS requests are signed for. */
    public static final String SIGNING_NAME = "sts";

    /** The content type of a Query protocol request (a charset may follow). */
    public static final String FORM = "application/x-www-form-urlencoded";

    /** The namespace of STS's answers. */
    public static final String XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static final String VERSION = "2011-06-15";

    private StsQuery() {}

    /**
     * An answer: its HTTP status and XML body.
     *
     * @param status the HTTP status
     * @param xml the body, {@code text/xml}
     */
    public record Answer(int status, String xml) {}

    /** Whether a request's content type is the Query protocol's form encoding. */
    public static boolean isQuery(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().equalsIgnoreCase(FORM);
    }

    /** The parameters of a form-encoded body, in order; a repeated name keeps its first value. */
    public static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    /**
     * Answers a verified request.
     *
     * @param form the request's parameters
     * @param caller who signed it
     * @param requestId the request's id, echoed in the answer
     */
    public static Answer answer(Map<String, String> form, Identity caller, String requestId) {
        return answer(form, new Call(caller, null, null, null, null, Clock.systemUTC()), requestId);
    }

    /**
     * Who calls STS and what it answers with.
     *
     * @param caller who signed the request
     * @param accessKeyId the access key it was signed with
     * @param region the Region of the signature's scope
     * @param sourceIp the client's address, for {@code aws:SourceIp}; null when unknown
     * @param identities the identities and the issued credentials' keeper; null with authentication off
     * @param clock what issued credentials' expirations count from
     */
    public record Call(
            Identity caller,
            String accessKeyId,
            String region,
            String sourceIp,
            IdentityFile identities,
            Clock clock) {}

    /** Whether an action issues credentials (and so may write the sessions file: not for the I/O thread). */
    public static boolean issues(Map<String, String> form) {
        String action = form.get("Action");
        return "GetSessionToken".equals(action) || "AssumeRole".equals(action);
    }

    /**
     * Answers a verified request.
     *
     * @param form the request's parameters
     * @param call who signed it, and what issues credentials
     * @param requestId the request's id, echoed in the answer
     */
    public static Answer answer(Map<String, String> form, Call call, String requestId) {
        String action = form.get("Action");
        if (action == null || action.isEmpty()) {
            // wording: best guess (STS's answer to a request that names no action)
            return error(400, "MissingAction", "Missing Action", requestId);
        }
        if (!VERSION.equals(form.getOrDefault("Version", VERSION))) {
            // wording: the Query protocol's answer to an action (or version) the service does not serve
            return error(
                    400,
                    "InvalidAction",
                    "Could not find operation " + action + " for version " + form.getOrDefault("Version", VERSION),
                    requestId);
        }
        try {
            return switch (action) {
                case "GetCallerIdentity" -> callerIdentity(call.caller(), requestId);
                case "GetSessionToken" -> StsSessions.getSessionToken(form, call, requestId);
                case "AssumeRole" -> StsSessions.assumeRole(form, call, requestId);
                // wording: the Query protocol's answer to an action the service does not serve
                default ->
                    error(
                            400,
                            "InvalidAction",
                            "Could not find operation " + action + " for version " + VERSION,
                            requestId);
            };
        } catch (StsSessions.StsError e) {
            return error(e.status, e.code, e.getMessage(), requestId);
        }
    }

    private static Answer callerIdentity(Identity caller, String requestId) {
        return result(
                "GetCallerIdentity",
                "    <Arn>" + QueryXml.escape(caller.arn()) + "</Arn>\n    <UserId>" + QueryXml.escape(caller.userId())
                        + "</UserId>\n    <Account>" + QueryXml.escape(caller.account()) + "</Account>\n",
                requestId);
    }

    /**
     * Who a request is with authentication off, when any well-formed credentials are accepted: the
     * database's account itself, named by the access key the request was signed with.
     *
     * @param account the database's account
     * @param accessKeyId the request's access key
     */
    public static Identity anyone(String account, String accessKeyId) {
        String root = "arn:aws:iam::" + account + ":root";
        return new Identity(account, null, accessKeyId, root, root, "Account", List.of());
    }

    /**
     * STS's answer to a request whose credentials do not verify: the SigV4 checks' errors under
     * STS's codes (InvalidClientTokenId, SignatureDoesNotMatch, IncompleteSignature,
     * MissingAuthenticationToken, ExpiredToken), with the same messages.
     */
    public static Answer error(FloeException e, String requestId) {
        if (e instanceof UnrecognizedClientException) {
            return error(403, "InvalidClientTokenId", e.getMessage(), requestId);
        }
        if (e instanceof InvalidSignatureException) {
            return error(403, "SignatureDoesNotMatch", e.getMessage(), requestId);
        }
        if (e instanceof IncompleteSignatureException) {
            return error(400, "IncompleteSignature", e.getMessage(), requestId);
        }
        if (e instanceof MissingAuthenticationTokenException) {
            return error(403, "MissingAuthenticationToken", e.getMessage(), requestId);
        }
        if (e instanceof ExpiredTokenException) {
            return error(400, "ExpiredToken", e.getMessage(), requestId);
        }
        return error(e.httpStatus(), e.errorName(), e.getMessage(), requestId);
    }

    /** An answer of an action's result: {@code <ActionResponse><ActionResult>result</ActionResult>...}. */
    static Answer result(String action, String result, String requestId) {
        return new Answer(200, QueryXml.result(XMLNS, action, result, requestId));
    }

    private static Answer error(int status, String code, String message, String requestId) {
        return new Answer(status, QueryXml.error(XMLNS, status, code, message, requestId));
    }
}
