package floe.engine.partiql;

/**
 * One token of a statement.
 *
 * @param kind what it is
 * @param text an identifier's or string's value, a number's text, an operator
 * @param at its offset in the statement
 */
record Token(Kind kind, String text, int at) {
    enum Kind {
        /** An unquoted identifier or keyword. */
        WORD,
        /** A double-quoted identifier. */
        QUOTED,
        /** A single-quoted string. */
        STRING,
        NUMBER,
        /** A {@code ?} parameter. */
        PARAM,
        /** Punctuation and operators. */
        SYMBOL,
        END
    }

    boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** Whether this is the keyword {@code word}, in any case. */
    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }
}
