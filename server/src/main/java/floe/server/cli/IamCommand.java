package floe.server.cli;

import floe.launcher.cli.Arguments;
import floe.launcher.cli.Flag;
import floe.launcher.cli.UsageException;
import floe.server.auth.Identities;
import floe.server.auth.Identity;
import floe.server.auth.SecretSeal;
import floe.server.auth.policy.Decision;
import floe.server.auth.policy.MalformedPolicyException;
import floe.server.auth.policy.Policy;
import floe.server.auth.policy.RequestContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code floe iam}: checks an identities file and simulates IAM's decision for one of its
 * identities, as the server would make it, without a server: which policies an identity
 * has, and whether it may perform an action on a resource (with a resource-based policy
 * and condition keys if given). Exit status 0 when allowed (or, without an action, when the
 * file is valid), 1 when denied, 2 for a usage error or an invalid file.
 */
final class IamCommand {
    static final List<String> DESCRIPTION = List.of(
            "Checks an identities file and simulates IAM's decision for one of its users or access keys.",
            "Without --action, lists the users and the policies each has. With --action and --resource, prints"
                    + " 'allowed', or the AccessDeniedException message the server would answer, and exits 1.");
    static final List<Flag> FLAGS = List.of(
            Flag.value(
                    "identities",
                    "<file>",
                    FloeCommand.Serve.IDENTITIES,
                    "The identities file (default: ${DEFAULT}, in the home)."),
            Flag.value("user", "<name>", null, "The user whose policies are evaluated."),
            Flag.value("access-key", "<id>", null, "Or the access key whose identity (user or role session) is."),
            Flag.value("action", "<action>", null, "The action, such as dynamodb:GetItem."),
            Flag.value(
                    "resource",
                    "<arn>",
                    null,
                    "The resource's ARN, such as arn:aws:dynamodb:us-east-1:111122223333:table/books."),
            Flag.value(
                    "resource-policy", "<file>", null, "A resource-based policy (a JSON file) to evaluate with them."),
            Flag.pairs(
                    "context",
                    "<key=value>",
                    "A condition key of the request, such as dynamodb:LeadingKeys=alice (repeat a key for more values:"
                            + " the last wins; separate values with '|')."));

    private IamCommand() {}

    static int run(Arguments a, Path home, PrintWriter out, PrintWriter err) {
        Path file = a.path("identities");
        if (home != null && !file.isAbsolute()) {
            file = home.resolve(file);
        }
        Identities ids;
        try {
            ids = Identities.read(file, SecretSeal.KEEP_SEALED);
        } catch (IOException e) {
            err.println("floe iam: cannot read " + file + " (" + e + ")");
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("floe iam: " + e.getMessage());
            return 2;
        }
        String action = a.string("action");
        if (action == null) {
            out.println(file + ": " + ids.size() + " access keys");
            for (String name : ids.userNames()) {
                Identity u = ids.user(name);
                out.println(u.arn() + "  " + names(u.policies()));
            }
            return 0;
        }
        String resource = a.string("resource");
        if (resource == null) {
            throw new UsageException("--action needs --resource");
        }
        Identity who;
        if (a.string("user") != null) {
            who = ids.user(a.string("user"));
            if (who == null) {
                err.println("floe iam: no user '" + a.string("user") + "' in " + file);
                return 2;
            }
        } else if (a.string("access-key") != null) {
            who = ids.identityOf(a.string("access-key"));
            if (who == null) {
                err.println("floe iam: no access key '" + a.string("access-key") + "' in " + file);
                return 2;
            }
        } else {
            throw new UsageException("--action needs --user or --access-key");
        }
        Policy resourcePolicy = null;
        if (a.string("resource-policy") != null) {
            Path p = a.path("resource-policy");
            try {
                resourcePolicy = Policy.parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("floe iam: cannot read " + p + " (" + e + ")");
                return 2;
            } catch (MalformedPolicyException e) {
                err.println("floe iam: " + e.getMessage());
                return 2;
            }
        }
        Instant now = Instant.now();
        RequestContext.Builder ctx = RequestContext.builder(who.caller())
                .put("aws:username", who.username())
                .put("aws:userid", who.userId())
                .put("aws:PrincipalArn", who.principalArn())
                .put("aws:PrincipalAccount", who.account())
                .put("aws:PrincipalType", who.type())
                .put("aws:CurrentTime", now.toString())
                .put("aws:EpochTime", Long.toString(now.getEpochSecond()));
        for (Map.Entry<String, String> e : a.pairs("context").entrySet()) {
            ctx.put(e.getKey(), List.of(e.getValue().split("\\|", -1)));
        }
        String[] parts = resource.split(":", 6);
        String resourceAccount = parts.length == 6 && !parts[4].isEmpty() ? parts[4] : who.account();
        Decision d = Decision.decide(who.policies(), resourcePolicy, resourceAccount, action, resource, ctx.build());
        if (d.allowed()) {
            out.println("allowed");
            return 0;
        }
        out.println(d.message(who.arn(), action, resource));
        return 1;
    }

    private static String names(List<Policy> policies) {
        if (policies.isEmpty()) {
            return "(no policy: may do nothing)";
        }
        StringBuilder b = new StringBuilder();
        for (Policy p : policies) {
            b.append(b.length() == 0 ? "" : ", ").append(p.name());
        }
        return b.toString();
    }
}
