package floe.server.auth.policy;

/**
 * IAM's wildcards: {@code *} any run of characters (none included), {@code ?} any one
 * character; nothing else is special.
 */
final class Glob {
    private Glob() {}

    /** Whether {@code text} matches {@code pattern}, letters compared ignoring case when asked. */
    static boolean matches(String pattern, String text, boolean ignoreCase) {
        // The classic linear backtracking match: remember the last '*' and retry from there.
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        int pl = pattern.length();
        int tl = text.length();
        while (t < tl) {
            if (p < pl && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
                p++;
                t++;
            } else if (p < pl && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pl && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pl;
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
