package floe.engine.partiql;

import java.util.ArrayList;
import java.util.List;

/** Splits a statement into tokens; a character it cannot read makes the statement malformed. */
final class Lexer {
    private static final String TWO_CHAR = "<<>><=>=<>!=||";

    private Lexer() {}

    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    throw Errors.malformed("");
                }
                i = end + 2;
            } else if (isWordStart(c)) {
                int start = i;
                while (i < n && isWordPart(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Token.Kind.WORD, s.substring(start, i), start));
            } else if (c == '"' || c == '\'') {
                int start = i;
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw Errors.malformed("");
                    }
                    char d = s.charAt(i);
                    if (d == c) {
                        if (i + 1 < n && s.charAt(i + 1) == c) {
                            b.append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    b.append(d);
                    i++;
                }
                out.add(new Token(c == '"' ? Token.Kind.QUOTED : Token.Kind.STRING, b.toString(), start));
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
                int start = i;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i < n && s.charAt(i) == '.') {
                    i++;
                    while (i < n && isDigit(s.charAt(i))) {
                        i++;
                    }
                }
                if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    int e = i + 1;
                    if (e < n && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                        e++;
                    }
                    if (e < n && isDigit(s.charAt(e))) {
                        i = e;
                        while (i < n && isDigit(s.charAt(i))) {
                            i++;
                        }
                    }
                }
                out.add(new Token(Token.Kind.NUMBER, s.substring(start, i), start));
            } else if (c == '?') {
                out.add(new Token(Token.Kind.PARAM, "?", i));
                i++;
            } else if (i + 1 < n && isTwoChar(s.charAt(i), s.charAt(i + 1))) {
                out.add(new Token(Token.Kind.SYMBOL, s.substring(i, i + 2), i));
                i += 2;
            } else if ("()[]{},.:*;=<>+-/%".indexOf(c) >= 0) {
                out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), i));
                i++;
            } else {
                // backticks (Ion literals), '#' comments, anything else DynamoDB cannot read
                throw Errors.malformed("");
            }
        }
        out.add(new Token(Token.Kind.END, "", n));
        return out;
    }

    private static boolean isTwoChar(char a, char b) {
        for (int k = 0; k < TWO_CHAR.length(); k += 2) {
            if (TWO_CHAR.charAt(k) == a && TWO_CHAR.charAt(k + 1) == b) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c);
    }
}
