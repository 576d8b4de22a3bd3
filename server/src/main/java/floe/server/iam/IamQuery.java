package floe.server.iam;

import floe.server.auth.Identities;
import floe.server.auth.Identity;
import floe.server.auth.IdentityFile;
import floe.server.auth.policy.Decision;
import floe.server.auth.policy.MalformedPolicyException;
import floe.server.auth.policy.Policy;
import floe.server.auth.policy.RequestContext;
import floe.server.query.QueryXml;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * AWS IAM's Query protocol on the server's port, for the users, their access keys and their
 * inline policies, so that {@code aws iam ... --endpoint-url ...} and the SDKs' IAM clients
 * manage the identities file: a form-encoded POST ({@code Action=CreateUser&Version=2010-05-08})
 * signed for the service {@code iam}, answered in IAM's XML. Served: CreateUser, GetUser,
 * ListUsers, DeleteUser, CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey,
 * PutUserPolicy, GetUserPolicy, ListUserPolicies and DeleteUserPolicy; and for roles, CreateRole,
 * GetRole, ListRoles, UpdateAssumeRolePolicy and DeleteRole (a role's trust policy is written as
 * {@code policy.role/<role>/trust}, named by {@code role.<role>.trust}).
 *
 * <p>Each call changes the identities file in its own grammar ({@link IdentityFile#change}): the
 * file stays the source of truth, and a change is in force when the call answers. A user is
 * made in the caller's account; names are unique across the file (its grammar names users
 * alone), so a name another account uses is taken. An inline policy is written as
 * {@code policy.<user>/<name>} and attached in {@code user.<user>.policies}. Each call is
 * authorized as IAM authorizes it: {@code iam:<Action>} on {@code arn:aws:iam::<account>:user/<name>}
 * ({@code *} for ListUsers), by the caller's identity-based policies. As in IAM, credentials
 * from GetSessionToken are refused (InvalidClientTokenId).
 */
public final class IamQuery {
    /** The service name IAM requests are signed for. */
    public static final String SIGNING_NAME = "iam";

    /** The API version IAM's clients send; a request naming it is IAM's. */
    public static final String VERSION = "2010-05-08";

    /** The namespace of IAM's answers. */
    public static final String XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";

    /** IAM's names of users and policies. */
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    /** IAM's quota of access keys per user. */
    private static final int KEYS_PER_USER = 2;

    private IamQuery() {}

    /**
     * An answer: its HTTP status and XML body.
     *
     * @param status the HTTP status
     * @param xml the body, {@code text/xml}
     */
    public record Answer(int status, String xml) {}

    /**
     * Who calls IAM.
     *
     * @param caller who signed the request
     * @param temporary whether it was signed with temporary credentials
     * @param region the Region of the signature's scope
     * @param sourceIp the client's address, for {@code aws:SourceIp}; null when unknown
     * @param identities the identities file; null with authentication off
     * @param clock what CreateDate is read from
     */
    public record Call(
            Identity caller, boolean temporary, String region, String sourceIp, IdentityFile identities, Clock clock) {}

    /** An IAM error: its HTTP status, code and message. */
    private static final class IamError extends Exception {
        private static final long serialVersionUID = 1L;

        final int status;
        final String code;

        IamError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /**
     * Answers a verified request.
     *
     * @param form the request's parameters
     * @param call who signed it
     * @param requestId the request's id, echoed in the answer
     */
    public static Answer answer(Map<String, String> form, Call call, String requestId) {
        String action = form.getOrDefault("Action", "");
        try {
            if (call.identities() == null) {
                // FloeDB's own answer: with authentication off there is no identities file to manage
                throw new IamError(
                        400,
                        "InvalidAction",
                        "IAM's users and keys are managed only with authentication on (floe serve --auth)");
            }
            if (call.temporary() && "User".equals(call.caller().type())) {
                // IAM refuses GetSessionToken's credentials (without MFA) this way
                throw new IamError(
                        403, "InvalidClientTokenId", "The security token included in the request is invalid");
            }
            String result =
                    switch (action) {
                        case "CreateUser" -> createUser(form, call);
                        case "GetUser" -> getUser(form, call);
                        case "ListUsers" -> listUsers(call);
                        case "DeleteUser" -> deleteUser(form, call);
                        case "CreateAccessKey" -> createAccessKey(form, call);
                        case "ListAccessKeys" -> listAccessKeys(form, call);
                        case "UpdateAccessKey" -> updateAccessKey(form, call);
                        case "DeleteAccessKey" -> deleteAccessKey(form, call);
                        case "PutUserPolicy" -> putUserPolicy(form, call);
                        case "GetUserPolicy" -> getUserPolicy(form, call);
                        case "ListUserPolicies" -> listUserPolicies(form, call);
                        case "DeleteUserPolicy" -> deleteUserPolicy(form, call);
                        case "CreateRole" -> createRole(form, call);
                        case "GetRole" -> getRole(form, call);
                        case "ListRoles" -> listRoles(call);
                        case "UpdateAssumeRolePolicy" -> updateAssumeRolePolicy(form, call);
                        case "DeleteRole" -> deleteRole(form, call);
                        // wording: the Query protocol's answer to an action the service does not serve
                        default ->
                            throw new IamError(
                                    400,
                                    "InvalidAction",
                                    "Could not find operation " + action + " for version " + VERSION);
                    };
            return new Answer(200, QueryXml.result(XMLNS, action, result, requestId));
        } catch (IamError e) {
            return error(e.status, e.code, e.getMessage(), requestId);
        } catch (IOException | IllegalArgumentException e) {
            // wording: IAM's internal error; the cause is the server's (its identities file)
            return error(
                    500, "ServiceFailure", "The identities file could not be changed: " + e.getMessage(), requestId);
        }
    }

    // ------------------------------------------------------------------ users

    private static String createUser(Map<String, String> form, Call call) throws IamError, IOException {
        String name = name(form, "UserName", 64);
        authorize(call, "iam:CreateUser", userArn(call, name));
        Properties p = call.identities().declared();
        if (p.containsKey("user." + name + ".account")) {
            // wording: IAM's EntityAlreadyExists (409) for a taken user name, as remembered (unconfirmed)
            throw new IamError(409, "EntityAlreadyExists", "User with name " + name + " already exists.");
        }
        Instant now = now(call);
        Map<String, String> set = new LinkedHashMap<>();
        set.put("user." + name + ".account", call.caller().account());
        set.put("user." + name + ".created", now.toString());
        call.identities().change(set, Set.of());
        return "    <User>\n" + user(call.identities().get().user(name), now) + "    </User>\n";
    }

    private static String getUser(Map<String, String> form, Call call) throws IamError, IOException {
        String name = form.get("UserName");
        if (name == null) {
            name = call.caller().username();
            if (name == null) {
                // wording: guess (GetUser without a name, signed by a role's session)
                throw new IamError(
                        400, "ValidationError", "Must specify userName when calling with non-User credentials");
            }
        }
        Identity user = existing(call, name, "iam:GetUser");
        return "    <User>\n" + user(user, created(call, "user." + name)) + "    </User>\n";
    }

    private static String listUsers(Call call) throws IamError, IOException {
        authorize(call, "iam:ListUsers", "*");
        Identities ids = call.identities().get();
        StringBuilder b = new StringBuilder("    <Users>\n");
        for (String name : ids.userNames()) {
            Identity u = ids.user(name);
            if (u.account().equals(call.caller().account())) {
                b.append("      <member>\n")
                        .append(user(u, created(call, "user." + name)).indent(4))
                        .append("      </member>\n");
            }
        }
        return b.append("    </Users>\n    <IsTruncated>false</IsTruncated>\n").toString();
    }

    private static String deleteUser(Map<String, String> form, Call call) throws IamError, IOException {
        String name = name(form, "UserName", 128);
        existing(call, name, "iam:DeleteUser");
        Properties p = call.identities().declared();
        if (!keysOf(p, name).isEmpty()) {
            // confirmed: IAM's DeleteConflict (409) while the user has access keys
            throw new IamError(409, "DeleteConflict", "Cannot delete entity, must delete access keys first.");
        }
        if (!list(p.getProperty("user." + name + ".policies")).isEmpty()) {
            // wording: as the access keys' one (confirmed) reads, for policies (unconfirmed)
            throw new IamError(409, "DeleteConflict", "Cannot delete entity, must delete policies first.");
        }
        Set<String> remove = new HashSet<>();
        for (String n : p.stringPropertyNames()) {
            if (n.startsWith("user." + name + ".") && n.indexOf('.', 5 + name.length() + 1) < 0) {
                remove.add(n);
            }
        }
        call.identities().change(Map.of(), remove);
        return "";
    }

    // ------------------------------------------------------------------ access keys

    private static String createAccessKey(Map<String, String> form, Call call) throws IamError, IOException {
        String name = userOf(form, call);
        existing(call, name, "iam:CreateAccessKey");
        Properties p = call.identities().declared();
        if (keysOf(p, name).size() >= KEYS_PER_USER) {
            // confirmed: IAM's LimitExceeded (409) past the quota of keys per user
            throw new IamError(409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: " + KEYS_PER_USER);
        }
        String id = QueryXml.accessKeyId("AKIA");
        String secret = QueryXml.secret();
        Instant now = now(call);
        Map<String, String> set = new LinkedHashMap<>();
        set.put("key." + id + ".user", name);
        set.put("key." + id + ".secret", secret);
        set.put("key." + id + ".created", now.toString());
        call.identities().change(set, Set.of());
        return "    <AccessKey>\n      <UserName>" + QueryXml.escape(name) + "</UserName>\n      <AccessKeyId>" + id
                + "</AccessKeyId>\n      <Status>Active</Status>\n      <SecretAccessKey>" + QueryXml.escape(secret)
                + "</SecretAccessKey>\n      <CreateDate>" + now + "</CreateDate>\n    </AccessKey>\n";
    }

    private static String listAccessKeys(Map<String, String> form, Call call) throws IamError, IOException {
        String name = userOf(form, call);
        existing(call, name, "iam:ListAccessKeys");
        Properties p = call.identities().declared();
        StringBuilder b = new StringBuilder("    <AccessKeyMetadata>\n");
        for (String id : keysOf(p, name)) {
            b.append("      <member>\n        <UserName>")
                    .append(QueryXml.escape(name))
                    .append("</UserName>\n        <AccessKeyId>")
                    .append(id)
                    .append("</AccessKeyId>\n        <Status>")
                    .append(
                            "inactive"
                                            .equalsIgnoreCase(p.getProperty("key." + id + ".status", "active")
                                                    .trim())
                                    ? "Inactive"
                                    : "Active")
                    .append("</Status>\n");
            Instant created = created(call, "key." + id);
            if (created != null) {
                b.append("        <CreateDate>").append(created).append("</CreateDate>\n");
            }
            b.append("      </member>\n");
        }
        return b.append("    </AccessKeyMetadata>\n    <IsTruncated>false</IsTruncated>\n")
                .toString();
    }

    private static String updateAccessKey(Map<String, String> form, Call call) throws IamError, IOException {
        String name = userOf(form, call);
        String id = key(form, call, name, "iam:UpdateAccessKey");
        String status = form.get("Status");
        if (!"Active".equals(status) && !"Inactive".equals(status)) {
            // wording: guess, the Query services' enum constraint message
            throw new IamError(
                    400,
                    "ValidationError",
                    "1 validation error detected: Value '" + status
                            + "' at 'status' failed to satisfy constraint: Member must satisfy enum value set:"
                            + " [Active, Inactive]");
        }
        call.identities().change(Map.of("key." + id + ".status", status.toLowerCase(java.util.Locale.ROOT)), Set.of());
        return "";
    }

    private static String deleteAccessKey(Map<String, String> form, Call call) throws IamError, IOException {
        String name = userOf(form, call);
        String id = key(form, call, name, "iam:DeleteAccessKey");
        Set<String> remove = new HashSet<>();
        for (String n : call.identities().declared().stringPropertyNames()) {
            if (n.startsWith("key." + id + ".")) {
                remove.add(n);
            }
        }
        call.identities().change(Map.of(), remove);
        return "";
    }

    // ------------------------------------------------------------------ inline policies

    private static String putUserPolicy(Map<String, String> form, Call call) throws IamError, IOException {
        String name = name(form, "UserName", 128);
        String policy = name(form, "PolicyName", 128);
        String document = form.get("PolicyDocument");
        if (document == null || document.isEmpty()) {
            throw missing("policyDocument");
        }
        existing(call, name, "iam:PutUserPolicy");
        try {
            Policy.parse(policy, document);
        } catch (MalformedPolicyException e) {
            // wording: FloeDB's reading of what is wrong (IAM's texts differ by the fault)
            throw new IamError(400, "MalformedPolicyDocument", e.getMessage());
        }
        Properties p = call.identities().declared();
        String inline = name + "/" + policy;
        List<String> attached = list(p.getProperty("user." + name + ".policies"));
        Map<String, String> set = new LinkedHashMap<>();
        set.put("policy." + inline, document);
        if (!attached.contains(inline)) {
            attached.add(inline);
            set.put("user." + name + ".policies", String.join(",", attached));
        }
        call.identities().change(set, Set.of());
        return "";
    }

    private static String getUserPolicy(Map<String, String> form, Call call) throws IamError, IOException {
        String name = name(form, "UserName", 128);
        String policy = name(form, "PolicyName", 128);
        existing(call, name, "iam:GetUserPolicy");
        String document = call.identities().declared().getProperty("policy." + name + "/" + policy);
        if (document == null) {
            // wording: IAM's NoSuchEntity (404) for a missing user policy, as remembered (unconfirmed)
            throw new IamError(404, "NoSuchEntity", "The user policy with name " + policy + " cannot be found.");
        }
        // IAM answers the document URL-encoded (RFC 3986), as the clients expect it
        return "    <UserName>" + QueryXml.escape(name) + "</UserName>\n    <PolicyName>" + QueryXml.escape(policy)
                + "</PolicyName>\n    <PolicyDocument>"
                + QueryXml.escape(urlEncoded(document))
                + "</PolicyDocument>\n";
    }

    private static String listUserPolicies(Map<String, String> form, Call call) throws IamError, IOException {
        String name = name(form, "UserName", 128);
        existing(call, name, "iam:ListUserPolicies");
        StringBuilder b = new StringBuilder("    <PolicyNames>\n");
        for (String p : list(call.identities().declared().getProperty("user." + name + ".policies"))) {
            if (p.startsWith(name + "/")) {
                b.append("      <member>")
                        .append(QueryXml.escape(p.substring(name.length() + 1)))
                        .append("</member>\n");
            }
        }
        return b.append("    </PolicyNames>\n    <IsTruncated>false</IsTruncated>\n")
                .toString();
    }

    private static String deleteUserPolicy(Map<String, String> form, Call call) throws IamError, IOException {
        String name = name(form, "UserName", 128);
        String policy = name(form, "PolicyName", 128);
        existing(call, name, "iam:DeleteUserPolicy");
        Properties p = call.identities().declared();
        String inline = name + "/" + policy;
        if (!p.containsKey("policy." + inline)) {
            throw new IamError(404, "NoSuchEntity", "The user policy with name " + policy + " cannot be found.");
        }
        List<String> attached = list(p.getProperty("user." + name + ".policies"));
        attached.remove(inline);
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> remove = new HashSet<>(Set.of("policy." + inline));
        if (attached.isEmpty()) {
            remove.add("user." + name + ".policies");
        } else {
            set.put("user." + name + ".policies", String.join(",", attached));
        }
        call.identities().change(set, remove);
        return "";
    }

    // ------------------------------------------------------------------ roles

    private static String createRole(Map<String, String> form, Call call) throws IamError, IOException {
        String name = name(form, "RoleName", 64);
        String document = trustDocument(form, "AssumeRolePolicyDocument", name);
        String max = form.get("MaxSessionDuration");
        if (max != null) {
            int seconds;
            try {
                seconds = Integer.parseInt(max.trim());
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 3600 || seconds > 43200) {
                // wording: guess, the Query services' range constraint message
                throw new IamError(
                        400,
                        "ValidationError",
                        "1 validation error detected: Value '" + max + "' at 'maxSessionDuration' failed to satisfy"
                                + " constraint: Member must have value "
                                + (seconds < 3600 ? "greater than or equal to 3600" : "less than or equal to 43200"));
            }
        }
        authorize(call, "iam:CreateRole", roleArn(call, name));
        Properties p = call.identities().declared();
        if (p.containsKey("role." + name + ".account")) {
            // wording: as the users' EntityAlreadyExists reads, for a role (unconfirmed)
            throw new IamError(409, "EntityAlreadyExists", "Role with name " + name + " already exists.");
        }
        Instant now = now(call);
        Map<String, String> set = new LinkedHashMap<>();
        set.put("role." + name + ".account", call.caller().account());
        set.put("role." + name + ".trust", trustPolicy(name));
        if (max != null) {
            set.put("role." + name + ".maxSession", max.trim());
        }
        set.put("role." + name + ".created", now.toString());
        set.put("policy." + trustPolicy(name), document);
        call.identities().change(set, Set.of());
        return "    <Role>\n" + role(call, name) + "    </Role>\n";
    }

    private static String getRole(Map<String, String> form, Call call) throws IamError, IOException {
        String name = name(form, "RoleName", 64);
        existingRole(call, name, "iam:GetRole");
        return "    <Role>\n" + role(call, name) + "    </Role>\n";
    }

    private static String listRoles(Call call) throws IamError, IOException {
        authorize(call, "iam:ListRoles", "*");
        Identities ids = call.identities().get();
        StringBuilder b = new StringBuilder("    <Roles>\n");
        for (String name : ids.roleNames()) {
            if (ids.role(name).account().equals(call.caller().account())) {
                b.append("      <member>\n").append(role(call, name).indent(4)).append("      </member>\n");
            }
        }
        return b.append("    </Roles>\n    <IsTruncated>false</IsTruncated>\n").toString();
    }

    private static String updateAssumeRolePolicy(Map<String, String> form, Call call) throws IamError, IOException {
        String name = name(form, "RoleName", 64);
        String document = trustDocument(form, "PolicyDocument", name);
        existingRole(call, name, "iam:UpdateAssumeRolePolicy");
        Map<String, String> set = new LinkedHashMap<>();
        set.put("role." + name + ".trust", trustPolicy(name));
        set.put("policy." + trustPolicy(name), document);
        call.identities().change(set, Set.of());
        return "";
    }

    private static String deleteRole(Map<String, String> form, Call call) throws IamError, IOException {
        String name = name(form, "RoleName", 64);
        existingRole(call, name, "iam:DeleteRole");
        Properties p = call.identities().declared();
        if (!list(p.getProperty("role." + name + ".policies")).isEmpty()) {
            // wording: as the users' DeleteConflict reads (unconfirmed for roles)
            throw new IamError(409, "DeleteConflict", "Cannot delete entity, must delete policies first.");
        }
        Set<String> remove = new HashSet<>();
        for (String n : p.stringPropertyNames()) {
            if (n.startsWith("role." + name + ".") && n.indexOf('.', 5 + name.length() + 1) < 0) {
                remove.add(n);
            }
        }
        remove.add("policy." + trustPolicy(name));
        // the role's sessions go with it: the identities file no longer declares it
        call.identities().change(Map.of(), remove);
        return "";
    }

    /** The trust policy's name in the identities file: two slashes, so that no user's inline policy has it. */
    private static String trustPolicy(String role) {
        return "role/" + role + "/trust";
    }

    /** A trust policy document a request names, read as a policy whose statements must name principals. */
    private static String trustDocument(Map<String, String> form, String parameter, String role) throws IamError {
        String document = form.get(parameter);
        if (document == null || document.isEmpty()) {
            throw missing(Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1));
        }
        try {
            Policy.parse("the trust policy of role " + role, document);
        } catch (MalformedPolicyException e) {
            // wording: FloeDB's reading of what is wrong (IAM's texts differ by the fault)
            throw new IamError(400, "MalformedPolicyDocument", e.getMessage());
        }
        return document;
    }

    private static void existingRole(Call call, String name, String action) throws IamError {
        authorize(call, action, roleArn(call, name));
        Identities.Role role = call.identities().get().role(name);
        if (role == null || !role.account().equals(call.caller().account())) {
            // wording: IAM's NoSuchEntity (404) for a missing role, as remembered (unconfirmed)
            throw new IamError(404, "NoSuchEntity", "The role with name " + name + " cannot be found.");
        }
    }

    private static String role(Call call, String name) throws IOException {
        Identities.Role r = call.identities().get().role(name);
        Properties p = call.identities().declared();
        String trustName = p.getProperty("role." + name + ".trust");
        String document = trustName == null ? null : p.getProperty("policy." + trustName.trim());
        Instant created = created(call, "role." + name);
        return "      <Path>/</Path>\n      <RoleName>" + QueryXml.escape(name) + "</RoleName>\n      <RoleId>"
                + QueryXml.escape(r.roleId())
                + "</RoleId>\n      <Arn>" + QueryXml.escape(r.arn()) + "</Arn>\n"
                + (created == null ? "" : "      <CreateDate>" + created + "</CreateDate>\n")
                + (document == null
                        ? ""
                        : "      <AssumeRolePolicyDocument>" + QueryXml.escape(urlEncoded(document))
                                + "</AssumeRolePolicyDocument>\n")
                + "      <MaxSessionDuration>" + r.maxSessionSeconds() + "</MaxSessionDuration>\n";
    }

    private static String roleArn(Call call, String name) {
        return "arn:aws:iam::" + call.caller().account() + ":role/" + name;
    }

    /** A policy document as IAM answers it: URL-encoded (RFC 3986), which the clients decode. */
    private static String urlEncoded(String document) {
        return URLEncoder.encode(document.trim(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ------------------------------------------------------------------ helpers

    /** The user a request names, refused (NoSuchEntity) if it is not of the caller's account; authorized first. */
    private static Identity existing(Call call, String name, String action) throws IamError {
        authorize(call, action, userArn(call, name));
        Identity user = call.identities().get().user(name);
        if (user == null || !user.account().equals(call.caller().account())) {
            // wording: IAM's NoSuchEntity (404) for a missing user, as remembered (unconfirmed)
            throw new IamError(404, "NoSuchEntity", "The user with name " + name + " cannot be found.");
        }
        return user;
    }

    /** The access key a request names, of the user it names. */
    private static String key(Map<String, String> form, Call call, String user, String action)
            throws IamError, IOException {
        String id = form.get("AccessKeyId");
        if (id == null) {
            throw missing("accessKeyId");
        }
        existing(call, user, action);
        if (!keysOf(call.identities().declared(), user).contains(id)) {
            // wording: IAM's NoSuchEntity (404) for a key the user lacks, as remembered (unconfirmed)
            throw new IamError(404, "NoSuchEntity", "The Access Key with id " + id + " cannot be found.");
        }
        return id;
    }

    /** The UserName a request names, or the calling user's. */
    private static String userOf(Map<String, String> form, Call call) throws IamError {
        String name = form.get("UserName");
        if (name != null) {
            return name;
        }
        if (call.caller().username() == null) {
            // wording: guess (a key call without a user name, signed by a role's session)
            throw new IamError(400, "ValidationError", "Must specify userName when calling with non-User credentials");
        }
        return call.caller().username();
    }

    private static String name(Map<String, String> form, String parameter, int max) throws IamError {
        String member = Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1);
        String value = form.get(parameter);
        if (value == null) {
            throw missing(member);
        }
        if (value.isEmpty() || value.length() > max) {
            // wording: guess, the Query services' length constraint message
            throw new IamError(
                    400,
                    "ValidationError",
                    "1 validation error detected: Value '" + value + "' at '" + member
                            + "' failed to satisfy constraint: Member must have length "
                            + (value.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + max));
        }
        if (!NAME.matcher(value).matches()) {
            // wording: guess, the Query services' pattern constraint message
            throw new IamError(
                    400,
                    "ValidationError",
                    "1 validation error detected: Value '" + value + "' at '" + member
                            + "' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                            + " [\\w+=,.@-]+");
        }
        return value;
    }

    private static IamError missing(String member) {
        // wording: guess, the Query services' message for a missing required member
        return new IamError(
                400,
                "ValidationError",
                "1 validation error detected: Value null at '" + member
                        + "' failed to satisfy constraint: Member must not be null");
    }

    private static void authorize(Call call, String action, String resource) throws IamError {
        Identity id = call.caller();
        Instant now = now(call);
        RequestContext.Builder b = RequestContext.builder(id.caller())
                .put("aws:username", id.username())
                .put("aws:userid", id.userId())
                .put("aws:PrincipalArn", id.principalArn())
                .put("aws:PrincipalAccount", id.account())
                .put("aws:PrincipalType", id.type())
                .put("aws:RequestedRegion", call.region())
                .put("aws:CurrentTime", now.toString())
                .put("aws:EpochTime", Long.toString(now.getEpochSecond()));
        if (call.sourceIp() != null) {
            b.put("aws:SourceIp", call.sourceIp());
        }
        Decision d = Decision.decide(id.policies(), null, id.account(), action, resource, b.build());
        if (!d.allowed()) {
            // IAM's AccessDenied (403), with the message shape of every AWS refusal
            throw new IamError(403, "AccessDenied", d.message(id.arn(), action, resource));
        }
    }

    private static String userArn(Call call, String name) {
        return "arn:aws:iam::" + call.caller().account() + ":user/" + name;
    }

    /** The long-term access keys of a user, sorted. */
    private static Set<String> keysOf(Properties p, String user) {
        Set<String> out = new TreeSet<>();
        for (String n : p.stringPropertyNames()) {
            if (n.startsWith("key.")
                    && n.endsWith(".user")
                    && user.equals(p.getProperty(n).trim())) {
                String id = n.substring(4, n.length() - 5);
                if (!p.containsKey("key." + id + ".token")) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    private static String user(Identity u, Instant created) {
        return "      <Path>/</Path>\n      <UserName>" + QueryXml.escape(u.username()) + "</UserName>\n      <UserId>"
                + QueryXml.escape(u.userId()) + "</UserId>\n      <Arn>" + QueryXml.escape(u.arn()) + "</Arn>\n"
                + (created == null ? "" : "      <CreateDate>" + created + "</CreateDate>\n");
    }

    /** When a user or key was made, as the file says; null when it does not. */
    private static Instant created(Call call, String prefix) throws IOException {
        String text = call.identities().declared().getProperty(prefix + ".created");
        try {
            return text == null ? null : Instant.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Instant now(Call call) {
        return call.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String s : value.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    private static Answer error(int status, String code, String message, String requestId) {
        return new Answer(status, QueryXml.error(XMLNS, status, code, message, requestId));
    }
}
