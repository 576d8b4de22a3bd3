package floe.server.auth.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A policy document in IAM's grammar, read once and kept compiled: {@code Version},
 * {@code Id}, and {@code Statement} (one object or an array), each statement with
 * {@code Sid}, {@code Effect}, {@code Principal} or {@code NotPrincipal},
 * {@code Action} or {@code NotAction}, {@code Resource} or {@code NotResource}, and
 * {@code Condition}. Actions match ignoring case, resources with case; both take the
 * wildcards {@code *} and {@code ?}. Policy variables are resolved in documents of
 * version {@code 2012-10-17}.
 */
public final class Policy {
    private static final Set<String> STATEMENT_ELEMENTS = Set.of(
            "Sid",
            "Effect",
            "Principal",
            "NotPrincipal",
            "Action",
            "NotAction",
            "Resource",
            "NotResource",
            "Condition");

    private final String name;
    private final List<Statement> statements;

    private Policy(String name, List<Statement> statements) {
        this.name = name;
        this.statements = statements;
    }

    /** What a statement says of one request. */
    enum Effect {
        ALLOW,
        DENY
    }

    /** A statement, compiled. {@code principals} is null when the statement names no principal. */
    private record Statement(
            String sid,
            Effect effect,
            List<String> principals,
            boolean notPrincipal,
            List<String> actions,
            boolean notAction,
            List<Template> resources,
            boolean notResource,
            List<Condition> conditions) {}

    /**
     * Reads a policy document.
     *
     * @param name what messages call the policy (a policy's name, or a table's ARN)
     * @param document the JSON document
     * @return the policy
     * @throws MalformedPolicyException naming what is wrong
     */
    public static Policy parse(String name, String document) {
        try {
            if (!(PolicyJson.read(document) instanceof Map<?, ?> root)) {
                throw new MalformedPolicyException("a policy is a JSON object");
            }
            return new Policy(name, statements(root));
        } catch (MalformedPolicyException e) {
            throw new MalformedPolicyException(name + ": " + e.getMessage());
        }
    }

    private static List<Statement> statements(Map<?, ?> root) {
        Object version = root.get("Version");
        for (Object k : root.keySet()) {
            if (!Set.of("Version", "Id", "Statement").contains(k)) {
                throw new MalformedPolicyException("unknown element '" + k + "'");
            }
        }
        if (version != null && !version.equals("2012-10-17") && !version.equals("2008-10-17")) {
            throw new MalformedPolicyException("unknown Version '" + version + "' (known: 2012-10-17, 2008-10-17)");
        }
        boolean variables = "2012-10-17".equals(version);
        Object s = root.get("Statement");
        if (s == null) {
            throw new MalformedPolicyException("no Statement");
        }
        List<Statement> out = new ArrayList<>();
        for (Object one : s instanceof List<?> l ? l : List.of(s)) {
            if (!(one instanceof Map<?, ?> m)) {
                throw new MalformedPolicyException("a Statement is a JSON object");
            }
            out.add(statement(m, variables));
        }
        return List.copyOf(out);
    }

    private static Statement statement(Map<?, ?> m, boolean variables) {
        for (Object k : m.keySet()) {
            if (!STATEMENT_ELEMENTS.contains(k)) {
                throw new MalformedPolicyException("unknown statement element '" + k + "'");
            }
        }
        String sid = m.get("Sid") instanceof String x ? x : null;
        Effect effect;
        Object e = m.get("Effect");
        if ("Allow".equals(e)) {
            effect = Effect.ALLOW;
        } else if ("Deny".equals(e)) {
            effect = Effect.DENY;
        } else {
            throw new MalformedPolicyException("Effect must be Allow or Deny, not " + e);
        }
        boolean notPrincipal = m.containsKey("NotPrincipal");
        List<String> principals = principals(one(m, "Principal", "NotPrincipal"));
        boolean notAction = m.containsKey("NotAction");
        List<String> actions = new ArrayList<>();
        Object action = one(m, "Action", "NotAction");
        if (action == null) {
            throw new MalformedPolicyException("a statement needs Action or NotAction");
        }
        for (String a : strings(action, "Action")) {
            if (!a.equals("*") && a.indexOf(':') < 0) {
                throw new MalformedPolicyException("an action is 'service:name', not '" + a + "'");
            }
            actions.add(a.toLowerCase(Locale.ROOT));
        }
        if (actions.isEmpty()) {
            throw new MalformedPolicyException("a statement needs Action or NotAction");
        }
        boolean notResource = m.containsKey("NotResource");
        List<Template> resources = new ArrayList<>();
        Object r = one(m, "Resource", "NotResource");
        if (r != null) {
            for (String x : strings(r, "Resource")) {
                resources.add(Template.of(x, variables));
            }
        }
        List<Condition> conditions = new ArrayList<>();
        Object c = m.get("Condition");
        if (c != null) {
            if (!(c instanceof Map<?, ?> block)) {
                throw new MalformedPolicyException("Condition is a JSON object");
            }
            for (var op : block.entrySet()) {
                if (!(op.getValue() instanceof Map<?, ?> keys)) {
                    throw new MalformedPolicyException("the condition " + op.getKey() + " is a JSON object");
                }
                for (var k : keys.entrySet()) {
                    conditions.add(Condition.of(
                            (String) op.getKey(),
                            (String) k.getKey(),
                            strings(k.getValue(), "condition value"),
                            variables));
                }
            }
        }
        return new Statement(
                sid,
                effect,
                principals,
                notPrincipal,
                List.copyOf(actions),
                notAction,
                List.copyOf(resources),
                notResource,
                List.copyOf(conditions));
    }

    private static Object one(Map<?, ?> m, String a, String notA) {
        if (m.containsKey(a) && m.containsKey(notA)) {
            throw new MalformedPolicyException("a statement has " + a + " or " + notA + ", not both");
        }
        return m.containsKey(a) ? m.get(a) : m.get(notA);
    }

    /** The Principal element's AWS principals ({@code "*"}, accounts, ARNs); other kinds match no FloeDB caller. */
    private static List<String> principals(Object p) {
        if (p == null) {
            return null;
        }
        if ("*".equals(p)) {
            return List.of("*");
        }
        if (!(p instanceof Map<?, ?> m)) {
            throw new MalformedPolicyException("Principal is \"*\" or an object such as {\"AWS\": ...}");
        }
        List<String> out = new ArrayList<>();
        for (var e : m.entrySet()) {
            List<String> values = strings(e.getValue(), "Principal");
            if ("AWS".equals(e.getKey())) {
                out.addAll(values);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> strings(Object v, String what) {
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    throw new MalformedPolicyException(what + " values are strings");
                }
                out.add(s);
            }
            return out;
        }
        throw new MalformedPolicyException(what + " is a string or an array of strings");
    }

    /** @return what messages call this policy */
    public String name() {
        return name;
    }

    /**
     * What this policy says of an action on a resource: DENY if a Deny statement applies,
     * else ALLOW if an Allow statement applies, else null.
     *
     * @param action the action, such as {@code dynamodb:GetItem}
     * @param resource the resource's ARN
     * @param ctx the request's caller and condition keys
     * @param resourceBased whether this is a resource's policy (its statements must name the caller)
     */
    Effect evaluate(String action, String resource, RequestContext ctx, boolean resourceBased) {
        String lowerAction = RequestContext.lower(action);
        Effect result = null;
        for (Statement s : statements) {
            if (s.effect == Effect.ALLOW && result == Effect.ALLOW) {
                continue; // an allow is known; only a deny can change it
            }
            if (applies(s, lowerAction, resource, ctx, resourceBased)) {
                if (s.effect == Effect.DENY) {
                    return Effect.DENY;
                }
                result = Effect.ALLOW;
            }
        }
        return result;
    }

    private static boolean applies(
            Statement s, String action, String resource, RequestContext ctx, boolean resourceBased) {
        if (resourceBased || s.principals != null) {
            if (s.principals == null || principalMatches(s.principals, ctx.caller()) == s.notPrincipal) {
                return false;
            }
        }
        boolean actionMatches = false;
        for (String a : s.actions) {
            if (Glob.matches(a, action, true)) {
                actionMatches = true;
                break;
            }
        }
        if (actionMatches == s.notAction) {
            return false;
        }
        if (!s.resources.isEmpty() || !resourceBased) {
            boolean resourceMatches = false;
            for (Template t : s.resources) {
                String pattern = t.resolve(ctx);
                if (pattern != null && Glob.matches(pattern, resource, false)) {
                    resourceMatches = true;
                    break;
                }
            }
            if (resourceMatches == s.notResource) {
                return false;
            }
        }
        for (Condition c : s.conditions) {
            if (!c.holds(ctx)) {
                return false;
            }
        }
        return true;
    }

    private static boolean principalMatches(List<String> principals, Caller caller) {
        for (String p : principals) {
            if (p.equals("*")
                    || p.equals(caller.account())
                    || p.equals("arn:aws:iam::" + caller.account() + ":root")
                    || p.equals(caller.principalArn())
                    || p.equals(caller.arn())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Policy[" + name + ", " + statements.size() + " statements]";
    }
}
