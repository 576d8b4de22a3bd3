package floe.engine.table;

/**
 * Whether a text is a well-formed JSON object (RFC 8259), for the policy documents
 * the engine stores without evaluating: the engine has no JSON library, and needs
 * only this one answer.
 */
final class JsonSyntax {
    private final String s;
    private int i;

    private JsonSyntax(String s) {
        this.s = s;
    }

    /** Whether {@code text} is one JSON object, optionally surrounded by whitespace. */
    static boolean isObject(String text) {
        JsonSyntax p = new JsonSyntax(text);
        try {
            p.space();
            if (!p.peek('{')) {
                return false;
            }
            p.value(0);
            p.space();
            return p.i == text.length();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private void value(int depth) {
        if (depth > 256) {
            throw new IllegalStateException("too deep");
        }
        space();
        char c = next();
        switch (c) {
            case '{' -> {
                space();
                if (peek('}')) {
                    i++;
                    return;
                }
                do {
                    space();
                    expect('"');
                    string();
                    space();
                    expect(':');
                    value(depth + 1);
                    space();
                } while (take(','));
                expect('}');
            }
            case '[' -> {
                space();
                if (peek(']')) {
                    i++;
                    return;
                }
                do {
                    value(depth + 1);
                    space();
                } while (take(','));
                expect(']');
            }
            case '"' -> string();
            case 't' -> word("rue");
            case 'f' -> word("alse");
            case 'n' -> word("ull");
            default -> {
                i--;
                number();
            }
        }
    }

    private void string() {
        for (; ; ) {
            char c = next();
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw new IllegalStateException("control character");
            }
            if (c == '\\') {
                char e = next();
                if (e == 'u') {
                    for (int k = 0; k < 4; k++) {
                        if (Character.digit(next(), 16) < 0) {
                            throw new IllegalStateException("bad escape");
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw new IllegalStateException("bad escape");
                }
            }
        }
    }

    private void number() {
        take('-');
        if (!take('0')) {
            digits();
        }
        if (take('.')) {
            digits();
        }
        if (take('e') || take('E')) {
            if (!take('+')) {
                take('-');
            }
            digits();
        }
    }

    private void digits() {
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == start) {
            throw new IllegalStateException("digits expected");
        }
    }

    private void word(String rest) {
        if (!s.startsWith(rest, i)) {
            throw new IllegalStateException("bad literal");
        }
        i += rest.length();
    }

    private void space() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
    }

    private char next() {
        if (i >= s.length()) {
            throw new IllegalStateException("end of text");
        }
        return s.charAt(i++);
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private boolean take(char c) {
        if (peek(c)) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!take(c)) {
            throw new IllegalStateException("'" + c + "' expected");
        }
    }
}
