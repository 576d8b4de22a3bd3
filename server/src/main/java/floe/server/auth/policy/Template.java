package floe.server.auth.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Resource or condition value with policy variables: {@code ${aws:username}}, with an
 * optional default ({@code ${aws:username, 'nobody'}}), and the escapes {@code ${*}},
 * {@code ${?}} and {@code ${$}} for the characters themselves. Variables are resolved only
 * in documents of version 2012-10-17; in older ones the text is literal, as in IAM.
 */
final class Template {
    /** A literal piece, or a variable (key and default) when {@code key} is non-null. */
    private record Part(String text, String key, String fallback) {}

    private final String literal;
    private final List<Part> parts;

    private Template(String literal, List<Part> parts) {
        this.literal = literal;
        this.parts = parts;
    }

    static Template of(String text, boolean variables) {
        if (!variables || !text.contains("${")) {
            return new Template(text, null);
        }
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            int close = open < 0 ? -1 : text.indexOf('}', open);
            if (open < 0 || close < 0) {
                parts.add(new Part(text.substring(i), null, null));
                break;
            }
            if (open > i) {
                parts.add(new Part(text.substring(i, open), null, null));
            }
            String inside = text.substring(open + 2, close).trim();
            if (inside.equals("*") || inside.equals("?") || inside.equals("$")) {
                // the character itself; in a Resource it is then matched as a wildcard again (a known gap)
                parts.add(new Part(inside, null, null));
            } else {
                String fallback = null;
                int comma = inside.indexOf(',');
                if (comma >= 0) {
                    String d = inside.substring(comma + 1).trim();
                    if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
                        fallback = d.substring(1, d.length() - 1);
                    } else {
                        throw new MalformedPolicyException(
                                "invalid default value in policy variable ${" + inside + "}");
                    }
                    inside = inside.substring(0, comma).trim();
                }
                parts.add(new Part(null, inside.toLowerCase(java.util.Locale.ROOT), fallback));
            }
            i = close + 1;
        }
        return new Template(null, List.copyOf(parts));
    }

    /** A resolution, and the shared keys of the context (their map) it was made from. */
    private record Resolved(Map<String, List<String>> shared, String text) {}

    /**
     * The last resolution from a context's shared keys alone: variables are mostly global keys
     * ({@code aws:username}), the same for all of a caller's requests within a second.
     */
    private volatile Resolved last;

    /** The text with its variables replaced, or null when a variable has no value and no default. */
    String resolve(RequestContext ctx) {
        if (literal != null) {
            return literal;
        }
        boolean shared = true;
        for (Part p : parts) {
            if (p.key != null && ctx.overlays(p.key)) {
                shared = false; // a question's own key: resolved for it alone
                break;
            }
        }
        Resolved r = last;
        if (shared && r != null && r.shared == ctx.shared()) {
            return r.text;
        }
        String text = resolveParts(ctx);
        if (shared) {
            last = new Resolved(ctx.shared(), text);
        }
        return text;
    }

    private String resolveParts(RequestContext ctx) {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p.key == null) {
                b.append(p.text);
                continue;
            }
            List<String> v = ctx.values(p.key);
            if (v != null && v.size() == 1) {
                b.append(v.get(0));
            } else if (p.fallback != null) {
                b.append(p.fallback);
            } else {
                return null;
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return literal != null ? literal : parts.toString();
    }
}
