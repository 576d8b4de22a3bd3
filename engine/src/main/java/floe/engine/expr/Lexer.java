package floe.engine.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens, as DynamoDB's lexer does: names start with a
 * letter and continue with letters, digits and underscores; {@code #} and {@code :}
 * placeholders continue with at least one such character; list indexes are digit
 * runs. A character that starts no token (for example {@code _}, {@code $}, or a
 * lone {@code #}) becomes an {@link Kind#ERROR} token, which the parser reports as
 * the syntax error's token.
 */
final class Lexer {
    enum Kind {
        IDENT,
        NAME_REF,
        VALUE_REF,
        NUMBER,
        LPAREN,
        RPAREN,
        LBRACKET,
        RBRACKET,
        COMMA,
        DOT,
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE,
        PLUS,
        MINUS,
        ERROR,
        EOF
    }

    /** A token and its place: {@code [start, end)} in the expression. */
    record Token(Kind kind, String text, int start, int end) {
        /** The token as DynamoDB names it in syntax errors. */
        String display() {
            return kind == Kind.EOF ? "<EOF>" : text;
        }

        /** Whether this is the keyword {@code word}, which DynamoDB matches ignoring case. */
        boolean isKeyword(String word) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(word);
        }
    }

    private Lexer() {}

    static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isIdentifierPart(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        int lastEnd = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            Kind kind;
            if (isLetter(c)) {
                i++;
                while (i < n && isIdentifierPart(s.charAt(i))) {
                    i++;
                }
                kind = Kind.IDENT;
            } else if (c >= '0' && c <= '9') {
                i++;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                kind = Kind.NUMBER;
            } else if (c == '#' || c == ':') {
                i++;
                while (i < n && isIdentifierPart(s.charAt(i))) {
                    i++;
                }
                kind = i == start + 1 ? Kind.ERROR : c == '#' ? Kind.NAME_REF : Kind.VALUE_REF;
            } else {
                i++;
                kind = switch (c) {
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case '[' -> Kind.LBRACKET;
                    case ']' -> Kind.RBRACKET;
                    case ',' -> Kind.COMMA;
                    case '.' -> Kind.DOT;
                    case '=' -> Kind.EQ;
                    case '+' -> Kind.PLUS;
                    case '-' -> Kind.MINUS;
                    case '<' -> {
                        if (i < n && s.charAt(i) == '=') {
                            i++;
                            yield Kind.LE;
                        }
                        if (i < n && s.charAt(i) == '>') {
                            i++;
                            yield Kind.NE;
                        }
                        yield Kind.LT;
                    }
                    case '>' -> {
                        if (i < n && s.charAt(i) == '=') {
                            i++;
                            yield Kind.GE;
                        }
                        yield Kind.GT;
                    }
                    default -> {
                        // One whole code point, so a surrogate pair is one token.
                        if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(s.charAt(i))) {
                            i++;
                        }
                        yield Kind.ERROR;
                    }
                };
            }
            out.add(new Token(kind, s.substring(start, i), start, i));
            lastEnd = i;
        }
        // EOF sits right after the last token, so "near" never shows trailing blanks.
        out.add(new Token(Kind.EOF, "", lastEnd, lastEnd));
        return out;
    }
}
