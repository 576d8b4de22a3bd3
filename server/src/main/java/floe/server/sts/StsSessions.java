package floe.server.sts;

import floe.server.auth.Identities;
import floe.server.auth.Identity;
import floe.server.auth.TemporaryKey;
import floe.server.auth.policy.Decision;
import floe.server.auth.policy.RequestContext;
import floe.server.query.QueryXml;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS's calls that issue temporary credentials: GetSessionToken and AssumeRole, with STS's
 * parameter checks, bounds and errors. Messages confirmed in public reports of STS's answers
 * are marked so; the others follow the AWS Query services' validation wording and are marked
 * as guesses.
 */
final class StsSessions {

    /** A role's ARN: its account, its path and name. */
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::([0-9]{12}):role/(?:[!-~]*/)?([\\w+=,.@-]+)");

    /** A role session's name, as STS's model constrains it. */
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");

    private StsSessions() {}

    /** An STS error: its HTTP status, code and message. */
    static final class StsError extends Exception {
        private static final long serialVersionUID = 1L;

        final int status;
        final String code;

        StsError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /**
     * GetSessionToken: temporary credentials of the calling user, for DurationSeconds (900 to
     * 129600, 43200 when not given). Session credentials cannot ask for more.
     */
    static StsQuery.Answer getSessionToken(Map<String, String> form, StsQuery.Call call, String requestId)
            throws StsError {
        int duration = duration(form, 43200, 129600);
        Identity caller = call.caller();
        if (call.identities() != null && call.identities().get().temporary(call.accessKeyId())) {
            // confirmed: STS's answer (AccessDenied, 403) to GetSessionToken signed with temporary credentials
            throw new StsError(403, "AccessDenied", "Cannot call GetSessionToken with session credentials");
        }
        if ("Account".equals(caller.type())) {
            // The account's own credentials (what any key is with authentication off) get at most an hour,
            // and a longer duration is cut to an hour, as STS does for an account's root user.
            duration = Math.min(duration, 3600);
        }
        Instant expires = expires(call, duration);
        TemporaryKey key = new TemporaryKey(
                QueryXml.accessKeyId("ASIA"),
                QueryXml.secret(),
                QueryXml.random(96),
                expires,
                caller.username() != null ? caller.username() : caller.account(),
                null,
                null);
        keep(call, key);
        return StsQuery.result("GetSessionToken", credentials(key), requestId);
    }

    /**
     * AssumeRole: temporary credentials of a session of the role RoleArn names, called
     * RoleSessionName, for DurationSeconds (900 to the role's maximum session, 3600 when not given;
     * at most an hour for a role's session assuming a role, as role chaining is bounded).
     */
    static StsQuery.Answer assumeRole(Map<String, String> form, StsQuery.Call call, String requestId) throws StsError {
        String roleArn = form.get("RoleArn");
        String sessionName = form.get("RoleSessionName");
        required(roleArn, "roleArn");
        required(sessionName, "roleSessionName");
        if (roleArn.length() < 20 || roleArn.length() > 2048) {
            // wording: guess, the Query services' length constraint message
            throw validation(
                    roleArn,
                    "roleArn",
                    roleArn.length() < 20
                            ? "Member must have length greater than or equal to 20"
                            : "Member must have length less than or equal to 2048");
        }
        if (sessionName.length() < 2 || sessionName.length() > 64) {
            // wording: guess, the Query services' length constraint message
            throw validation(
                    sessionName,
                    "roleSessionName",
                    sessionName.length() < 2
                            ? "Member must have length greater than or equal to 2"
                            : "Member must have length less than or equal to 64");
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            // wording: guess, the Query services' pattern constraint message
            throw validation(
                    sessionName, "roleSessionName", "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        int duration = duration(form, 3600, 43200);
        Matcher arn = ROLE_ARN.matcher(roleArn);
        if (!arn.matches()) {
            // wording: guess (STS refuses an ARN that names no role)
            throw new StsError(400, "ValidationError", roleArn + " is invalid");
        }
        String account = arn.group(1);
        String roleName = arn.group(2);
        Identity caller = call.caller();
        String roleId;
        if (call.identities() == null) {
            roleId = Identities.uniqueId("AROA", roleArn);
        } else {
            Identities.Role role = call.identities().get().role(roleName);
            // An unknown role is refused as a role that does not trust the caller: STS does not tell
            // whether a role exists.
            boolean allowed = role != null
                    && role.account().equals(account)
                    && Decision.decideBoth(
                                    caller.policies(),
                                    role.trust(),
                                    "sts:AssumeRole",
                                    role.arn(),
                                    context(call, sessionName))
                            .allowed();
            if (!allowed) {
                // confirmed: STS's AccessDenied (403) to a caller the role or its policies do not allow
                throw new StsError(
                        403,
                        "AccessDenied",
                        "User: " + caller.arn() + " is not authorized to perform: sts:AssumeRole on resource: "
                                + roleArn);
            }
            if ("AssumedRole".equals(caller.type()) && duration > 3600) {
                // confirmed: STS's answer to role chaining past an hour
                throw new StsError(
                        400,
                        "ValidationError",
                        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role"
                                + " chaining.");
            }
            if (duration > role.maxSessionSeconds()) {
                // confirmed: STS's answer to a duration past the role's maximum session duration
                throw new StsError(
                        400,
                        "ValidationError",
                        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
            }
            roleId = role.roleId();
        }
        Instant expires = expires(call, duration);
        TemporaryKey key = new TemporaryKey(
                QueryXml.accessKeyId("ASIA"),
                QueryXml.secret(),
                QueryXml.random(96),
                expires,
                null,
                roleName,
                sessionName);
        keep(call, key);
        String sessionArn = "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
        return StsQuery.result(
                "AssumeRole",
                "    <AssumedRoleUser>\n      <AssumedRoleId>" + QueryXml.escape(roleId + ":" + sessionName)
                        + "</AssumedRoleId>\n      <Arn>" + QueryXml.escape(sessionArn) + "</Arn>\n"
                        + "    </AssumedRoleUser>\n" + credentials(key),
                requestId);
    }

    /** The condition keys a trust policy and the caller's policies see. */
    private static RequestContext context(StsQuery.Call call, String sessionName) {
        Identity id = call.caller();
        Instant now = call.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        RequestContext.Builder b = RequestContext.builder(id.caller())
                .put("aws:username", id.username())
                .put("aws:userid", id.userId())
                .put("aws:PrincipalArn", id.principalArn())
                .put("aws:PrincipalAccount", id.account())
                .put("aws:PrincipalType", id.type())
                .put("aws:RequestedRegion", call.region())
                .put("aws:CurrentTime", now.toString())
                .put("aws:EpochTime", Long.toString(now.getEpochSecond()))
                .put("sts:RoleSessionName", sessionName);
        if (call.sourceIp() != null) {
            b.put("aws:SourceIp", call.sourceIp());
        }
        return b.build();
    }

    /** Keeps issued credentials with the identities (before they are answered); nothing with authentication off. */
    private static void keep(StsQuery.Call call, TemporaryKey key) throws StsError {
        if (call.identities() == null) {
            return;
        }
        try {
            call.identities().issue(key);
        } catch (IOException | IllegalArgumentException e) {
            // wording: guess, the Query services' internal error; the cause is the server's, and is logged by
            // the caller without a secret
            throw new StsError(500, "InternalFailure", "The credentials could not be kept: " + e.getMessage());
        }
    }

    private static void required(String value, String member) throws StsError {
        if (value == null) {
            // wording: guess, the Query services' message for a missing required member
            throw new StsError(
                    400,
                    "ValidationError",
                    "1 validation error detected: Value null at '" + member
                            + "' failed to satisfy constraint: Member must not be null");
        }
    }

    private static StsError validation(String value, String member, String constraint) {
        return new StsError(
                400,
                "ValidationError",
                "1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy constraint: "
                        + constraint);
    }

    /** DurationSeconds: at least 900 and at most {@code max}, {@code otherwise} when not given. */
    private static int duration(Map<String, String> form, int otherwise, int max) throws StsError {
        String text = form.get("DurationSeconds");
        if (text == null) {
            return otherwise;
        }
        long seconds;
        try {
            seconds = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            // wording: guess (a Query parameter that is no integer)
            throw new StsError(400, "MalformedInput", "Invalid value for parameter DurationSeconds, value: " + text);
        }
        if (seconds < 900) {
            // confirmed: STS's answer to a duration under 15 minutes
            throw validation(text, "durationSeconds", "Member must have value greater than or equal to 900");
        }
        if (seconds > max) {
            // wording: the same constraint message, its upper bound (a guess by symmetry)
            throw validation(text, "durationSeconds", "Member must have value less than or equal to " + max);
        }
        return (int) seconds;
    }

    private static Instant expires(StsQuery.Call call, int seconds) {
        return call.clock().instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds);
    }

    /** The {@code <Credentials>} element of an answer. */
    private static String credentials(TemporaryKey key) {
        return "    <Credentials>\n      <AccessKeyId>" + key.accessKeyId() + "</AccessKeyId>\n      <SecretAccessKey>"
                + QueryXml.escape(key.secret()) + "</SecretAccessKey>\n      <SessionToken>"
                + QueryXml.escape(key.token())
                + "</SessionToken>\n      <Expiration>" + key.expires() + "</Expiration>\n    </Credentials>\n";
    }
}
