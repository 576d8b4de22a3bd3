package floe.server.auth;

import floe.api.AttributeValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attributes an expression names, read without the engine's parser: the top-level
 * name of every document path (a projection's, an update's, a condition's), with
 * {@code #placeholders} resolved; and the value a key condition fixes the partition key
 * to. Expressions that do not parse are left to the operation, which refuses them.
 */
final class ExpressionNames {
    private static final Set<String> KEYWORDS =
            Set.of("SET", "REMOVE", "ADD", "DELETE", "AND", "OR", "NOT", "BETWEEN", "IN");

    private ExpressionNames() {}

    /** One token: a name (resolved), a :value, or a symbol. */
    private record Token(char kind, String text, boolean nested) {}

    private static List<Token> tokens(String expression, Map<String, String> names) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = expression.length();
        char previous = ' ';
        while (i < n) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#' || c == ':' || Character.isLetter(c) || c == '_') {
                int start = i++;
                while (i < n && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '_')) {
                    i++;
                }
                String word = expression.substring(start, i);
                int after = i;
                while (after < n && Character.isWhitespace(expression.charAt(after))) {
                    after++;
                }
                boolean call = after < n && expression.charAt(after) == '(';
                boolean nested = previous == '.';
                if (c == ':') {
                    out.add(new Token('v', word, false));
                } else if (call || (c != '#' && KEYWORDS.contains(word.toUpperCase(java.util.Locale.ROOT)))) {
                    out.add(new Token('k', word, false));
                } else {
                    String resolved = c == '#' ? (names == null ? null : names.get(word)) : word;
                    out.add(new Token('n', resolved == null ? word : resolved, nested));
                }
                previous = 'w';
                continue;
            }
            if (c == '[') {
                int close = expression.indexOf(']', i);
                i = close < 0 ? n : close + 1;
                previous = ']';
                continue;
            }
            if ((c == '<' || c == '>')
                    && i + 1 < n
                    && (expression.charAt(i + 1) == '=' || expression.charAt(i + 1) == '>')) {
                out.add(new Token('o', expression.substring(i, i + 2), false));
                i += 2;
            } else {
                out.add(new Token('o', String.valueOf(c), false));
                i++;
            }
            previous = c;
        }
        return out;
    }

    /** Adds the top-level attribute names an expression's paths start with. */
    static void topNames(String expression, Map<String, String> names, Collection<String> into) {
        if (expression == null) {
            return;
        }
        for (Token t : tokens(expression, names)) {
            if (t.kind == 'n' && !t.nested) {
                into.add(t.text);
            }
        }
    }

    /**
     * The value a key condition expression fixes {@code partitionKey} to ({@code pk = :v}), or
     * null when it fixes none.
     */
    static AttributeValue partitionValue(
            String expression, Map<String, String> names, Map<String, AttributeValue> values, String partitionKey) {
        if (expression == null || partitionKey == null || values == null) {
            return null;
        }
        List<Token> t = tokens(expression, names);
        for (int i = 1; i + 1 < t.size(); i++) {
            if (!t.get(i).text.equals("=")) {
                continue;
            }
            Token a = t.get(i - 1);
            Token b = t.get(i + 1);
            if (a.kind == 'n'
                    && !a.nested
                    && a.text.equals(partitionKey)
                    && b.kind == 'v'
                    && !followedByPath(t, i + 1)) {
                return values.get(b.text);
            }
            if (b.kind == 'n' && b.text.equals(partitionKey) && a.kind == 'v' && !followedByPath(t, i + 1)) {
                return values.get(a.text);
            }
        }
        return null;
    }

    private static boolean followedByPath(List<Token> t, int i) {
        return i + 1 < t.size() && t.get(i + 1).text.equals(".");
    }
}
