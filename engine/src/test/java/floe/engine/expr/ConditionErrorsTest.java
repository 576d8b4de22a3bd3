package floe.engine.expr;

import static floe.engine.expr.Ex.b;
import static floe.engine.expr.Ex.bool;
import static floe.engine.expr.Ex.conditionFails;
import static floe.engine.expr.Ex.fails;
import static floe.engine.expr.Ex.l;
import static floe.engine.expr.Ex.m;
import static floe.engine.expr.Ex.n;
import static floe.engine.expr.Ex.nul;
import static floe.engine.expr.Ex.ph;
import static floe.engine.expr.Ex.s;
import static floe.engine.expr.Ex.ss;
import static floe.engine.expr.Ex.syntax;

import org.junit.jupiter.api.Test;

/** Every ConditionExpression error, with DynamoDB's exact wording and precedence. */
class ConditionErrorsTest {
    private static final String TYPE = "Incorrect operand type for operator or function; operator or function: ";
    private static final String MISUSED =
            "The function is not allowed to be used this way in an expression; function: ";

    @Test
    void emptyExpression() {
        conditionFails("The expression can not be empty;", "");
        fails(
                "Invalid FilterExpression: The expression can not be empty;",
                () -> ExpressionParser.parseCondition("", ph(), ExpressionKind.FILTER));
    }

    @Test
    void blankExpressionIsASyntaxErrorAtEof() {
        conditionFails(syntax("<EOF>", ""), "   ");
    }

    @Test
    void syntaxErrorsNameTheTokenAndItsNeighbours() {
        // "foo" -> token <EOF> near "foo" is DynamoDB's own message (LowVoltage exploration tests).
        conditionFails(syntax("<EOF>", "foo"), "foo");
        conditionFails(syntax("<EOF>", "a"), "a  ");
        conditionFails(syntax(")", "()"), "a IN ()");
        conditionFails(syntax("extra", ":v extra"), "a = :v extra", ":v", n(1));
        conditionFails(syntax("!", "a !="), "a != :v", ":v", n(1));
        conditionFails(syntax("!", "c!="), "p=:p AND c!=:c", ":p", n(1), ":c", n(1));
        conditionFails(syntax(":", "= :"), "a = :");
        conditionFails(syntax("#", "= #"), "a = #");
        conditionFails(syntax("_", "_a"), "_a = :v", ":v", n(1));
        conditionFails(syntax("<EOF>", "AND"), "a = b AND");
        conditionFails(syntax("<EOF>", ")"), "((a = b)");
        conditionFails(syntax(")", "b)"), "a = b)");
        conditionFails(syntax(":y", ":x :y"), "a BETWEEN :x :y", ":x", n(1), ":y", n(2));
        conditionFails(syntax("and", ".and ="), "a.and = :v", ":v", n(1));
        conditionFails(syntax(":x", "[:x]"), "a[:x] = :v", ":x", n(1), ":v", n(1));
        conditionFails(syntax("#x", "[#x]"), "a[#x] = :v", "#x", "x", ":v", n(1));
        conditionFails(syntax("-", "[-1"), "a[-1] = :v", ":v", n(1));
        conditionFails(syntax(")", "()"), "f()");
        conditionFails(syntax("'", "= 'str"), "a = 'str'");
        conditionFails(syntax("b", ") b"), "attribute_exists(a) b");
        conditionFails(syntax("<EOF>", "NOT"), "NOT");
        conditionFails(syntax("<", "b < c"), "a < b < c");
        conditionFails(syntax("AND", "a AND b"), "a AND b = c");
        conditionFails(syntax("=", ") = c"), "(a = b) = c");
        conditionFails(syntax("+", "a + b"), "a + b = c");
        conditionFails(syntax("é", "= é"), "a = é");
        conditionFails(
                "List index is not within the allowable range; index: [9999999999]", "a[9999999999] = :v", ":v", n(1));
        Ex.cond("a[2147483647] = :v AND a[000000000000001] = :v", ":v", n(1));
    }

    @Test
    void aBarePathOrValueIsNoCondition() {
        conditionFails(syntax("<EOF>", "a"), "a");
        conditionFails(syntax("<EOF>", ":a"), ":a", ":a", n(1));
        conditionFails(syntax("<EOF>", ")"), "(a)");
        conditionFails(syntax("OR", "a OR b"), "a OR b = c");
    }

    @Test
    void redundantParentheses() {
        String msg = "The expression has redundant parentheses;";
        conditionFails(msg, "((attribute_not_exists(pk)))");
        conditionFails(msg, "((a = b))");
        conditionFails(msg, "((a)) = b");
        conditionFails(msg, "a = ((b))");
        conditionFails(msg, "((c = :c) AND ((p = :p)))", ":c", n(1), ":p", n(1));
        conditionFails(msg, "size(((a))) = :n", ":n", n(1));
        conditionFails(msg, "NOT ((a = b))");
    }

    @Test
    void unknownFunctionsInnermostFirst() {
        conditionFails("Invalid function name; function: foo", "foo(a)");
        conditionFails("Invalid function name; function: dog", "dog(a) = :arg", ":arg", n(5));
        conditionFails("Invalid function name; function: BEGINS_WITH", "BEGINS_WITH(a, :v)", ":v", s("x"));
        conditionFails("Invalid function name; function: g", "f(g(a)) = :v", ":v", n(1));
        conditionFails("Invalid function name; function: f", "a < f(f(f(b)))");
    }

    @Test
    void functionsUsedWhereNotAllowed() {
        conditionFails(MISUSED + "size", "size(a)");
        conditionFails(MISUSED + "size", "NOT size(a)");
        conditionFails(MISUSED + "size", "size(a) AND a = b");
        conditionFails(MISUSED + "attribute_exists", "attribute_exists(a) < :v", ":v", n(1));
        conditionFails(MISUSED + "attribute_exists", ":v = attribute_exists(a)", ":v", n(1));
        conditionFails(MISUSED + "if_not_exists", "if_not_exists(a, a) = :arg", ":arg", n(5));
        conditionFails(MISUSED + "list_append", "list_append(a, a) = :arg", ":arg", n(5));
        conditionFails(MISUSED + "if_not_exists", "if_not_exists(a, b)");
        conditionFails(MISUSED + "attribute_exists", "contains(attribute_exists(a), :v)", ":v", n(1));
        conditionFails(MISUSED + "begins_with", "a BETWEEN begins_with(a, b) AND :v", ":v", n(1));
        conditionFails(MISUSED + "contains", "a IN (:v, contains(a, b))", ":v", n(1));
    }

    @Test
    void reservedWords() {
        conditionFails("Attribute name is a reserved keyword; reserved keyword: status", "status = :v", ":v", n(1));
        conditionFails("Attribute name is a reserved keyword; reserved keyword: DATA", "a.DATA = :v", ":v", n(1));
        conditionFails("Attribute name is a reserved keyword; reserved keyword: Size", "size(Size) > :v", ":v", n(1));
        // A placeholder hides the reserved word.
        Ex.cond("#s = :v", "#s", "status", ":v", n(1));
    }

    @Test
    void undefinedPlaceholders() {
        conditionFails(
                "An expression attribute name used in the document path is not defined; attribute name: #x",
                "#x = :v",
                ":v",
                n(1));
        conditionFails(
                "An expression attribute value used in expression is not defined; attribute value: :v", "a = :v");
        conditionFails(
                "An expression attribute value used in expression is not defined; attribute value: :w",
                "a = :v AND b = :w",
                ":v",
                n(1));
        fails(
                "Invalid FilterExpression: An expression attribute name used in the document path is not defined; "
                        + "attribute name: #missing",
                () -> ExpressionParser.parseCondition("#missing = :fv", ph(":fv", s("x")), ExpressionKind.FILTER));
    }

    @Test
    void operandCounts() {
        String count = "Incorrect number of operands for operator or function; operator or function: ";
        conditionFails(count + "size, number of operands: 2", "size(a, a) = :n", ":n", n(5));
        conditionFails(count + "attribute_exists, number of operands: 2", "attribute_exists(a, b)");
        conditionFails(count + "begins_with, number of operands: 1", "begins_with(a)");
        conditionFails(count + "contains, number of operands: 3", "contains(a, b, c)");
        conditionFails(count + "attribute_type, number of operands: 1", "attribute_type(a)");
    }

    @Test
    void distinctOperands() {
        String distinct = "The first operand must be distinct from the remaining operands for this operator or "
                + "function; operator: ";
        conditionFails(distinct + "contains, first operand: [data]", "contains(#a, #a)", "#a", "data");
        conditionFails(distinct + "=, first operand: [a]", "a = a");
        conditionFails(distinct + "<, first operand: [a, b, [1]]", "#a.b[1] < a.#b[1]", "#a", "a", "#b", "b");
        conditionFails(distinct + "begins_with, first operand: [x]", "begins_with(x, x)");
        conditionFails(distinct + "attribute_type, first operand: [x]", "attribute_type(x, x)");
    }

    @Test
    void documentPathRequired() {
        conditionFails(
                "Operator or function requires a document path; operator or function: attribute_exists",
                "attribute_exists(:v)",
                ":v",
                n(1));
        conditionFails(
                "Operator or function requires a document path; operator or function: attribute_not_exists",
                "attribute_not_exists(size(a))");
    }

    @Test
    void constantOperandTypes() {
        conditionFails(TYPE + "begins_with, operand type: N", "begins_with(a, :n)", ":n", n(2));
        conditionFails(TYPE + "begins_with, operand type: N", "begins_with(size(a), :s)", ":s", s("x"));
        conditionFails(TYPE + "begins_with, operand type: SS", "begins_with(:ss, a)", ":ss", ss("x"));
        conditionFails(TYPE + "size, operand type: N", "size(:n) > :n", ":n", n(1));
        conditionFails(TYPE + "size, operand type: BOOL", "size(:b) > :n", ":b", bool(true), ":n", n(1));
        conditionFails(TYPE + "size, operand type: NULL", "size(:x) > :n", ":x", nul(), ":n", n(1));
        conditionFails(TYPE + "size, operand type: N", "size(size(a)) > :n", ":n", n(1));
        conditionFails(TYPE + "attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}", "attribute_type(a, b)");
        conditionFails(TYPE + "attribute_type, operand type: N", "attribute_type(a, :t)", ":t", n(1));
        conditionFails(
                "Invalid attribute type name found; type: DOG, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
                "attribute_type(a, :t)",
                ":t",
                s("DOG"));
        conditionFails(
                "Invalid attribute type name found; type: s, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
                "attribute_type(a, :t)",
                ":t",
                s("s"));
    }

    @Test
    void orderingComparisonsRefuseUnorderableConstants() {
        for (String op : new String[] {"<", "<=", ">", ">="}) {
            conditionFails(TYPE + op + ", operand type: L", "a " + op + " :v", ":v", l(n(1)));
            conditionFails(TYPE + op + ", operand type: BOOL", ":v " + op + " a", ":v", bool(true));
            conditionFails(TYPE + op + ", operand type: M", "a " + op + " :v", ":v", m("k", s("a")));
            conditionFails(TYPE + op + ", operand type: NULL", "size(a) " + op + " :v", ":v", nul());
        }
        conditionFails(TYPE + ">, operand type: BOOL", ":x > :v", ":x", n(1), ":v", bool(true));
        conditionFails(TYPE + ">, operand type: BOOL", "attribute_not_exists(z) OR n > :b", ":b", bool(true));
        conditionFails(TYPE + ">, operand type: BOOL", "NOT (n > :b)", ":b", bool(true));
        // = and <> take any type.
        Ex.cond("a = :v AND a <> :v", ":v", l(n(1)));
    }

    @Test
    void betweenChecks() {
        conditionFails(
                TYPE + "BETWEEN, operand type: BOOL", "n BETWEEN :a AND :b", ":a", bool(true), ":b", bool(false));
        conditionFails(TYPE + "BETWEEN, operand type: L", "a BETWEEN :a AND :b", ":a", l(n(1)), ":b", l(n(2)));
        conditionFails(TYPE + "BETWEEN, operand type: SS", ":x BETWEEN a AND b", ":x", ss("x"));
        conditionFails(
                "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: "
                        + "AttributeValue: {N:2}, upper bound operand: AttributeValue: {S:dog}",
                "a BETWEEN :a AND :b",
                ":a",
                n(2),
                ":b",
                s("dog"));
        conditionFails(
                "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower "
                        + "bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}",
                "a BETWEEN :a AND :b",
                ":a",
                n(2),
                ":b",
                n(1));
        conditionFails(
                "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower "
                        + "bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}",
                "a BETWEEN :a AND :b",
                ":a",
                s("b"),
                ":b",
                s("a"));
        conditionFails(
                "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower "
                        + "bound operand: AttributeValue: {B:Yg==}, upper bound operand: AttributeValue: {B:YQ==}",
                "a BETWEEN :a AND :b",
                ":a",
                b("b"),
                ":b",
                b("a"));
        // Bounds from the item are not checked before evaluation.
        Ex.cond("a BETWEEN two AND :v", ":v", s("dog"));
        Ex.cond("a BETWEEN :v AND :v", ":v", n(1));
    }

    @Test
    void inOperandLimit() {
        StringBuilder sb = new StringBuilder("a IN (");
        Object[] values = new Object[200];
        for (int i = 0; i < 100; i++) {
            sb.append(i == 0 ? "" : ",").append(":v").append(i);
            values[2 * i] = ":v" + i;
            values[2 * i + 1] = n(i);
        }
        sb.append(")");
        conditionFails(
                "The IN operator is provided with too many operands; number of operands: 101", sb.toString(), values);
    }

    @Test
    void precedenceAmongErrorKinds() {
        // syntax beats everything
        conditionFails(syntax("<EOF>", "AND"), "((foo(status))) AND");
        // redundant parentheses beat an unknown function
        conditionFails("The expression has redundant parentheses;", "((foo(a)))");
        // an unknown function beats a misused one, even written later
        conditionFails("Invalid function name; function: foo", "size(a) AND foo(b)");
        // a misused function beats a reserved word
        conditionFails(MISUSED + "size", "status = :v AND size(a)", ":v", n(1));
        // a reserved word beats an undefined placeholder
        conditionFails(
                "Attribute name is a reserved keyword; reserved keyword: status",
                "#x = :v AND status = :v",
                ":v",
                n(1));
        // within one condition: undefined beats operand count
        conditionFails(
                "An expression attribute name used in the document path is not defined; attribute name: #x",
                "size(#x, a) = :v",
                ":v",
                n(1));
        // operand count beats distinct and type
        conditionFails(
                "Incorrect number of operands for operator or function; operator or function: begins_with, "
                        + "number of operands: 3",
                "begins_with(:n, a, a)",
                ":n",
                n(1));
        // distinct beats type
        conditionFails(
                "The first operand must be distinct from the remaining operands for this operator or function;"
                        + " operator: <, first operand: [a]",
                "a < a AND a < :l",
                ":l",
                l());
        // the first condition with an error decides
        conditionFails(
                "Incorrect number of operands for operator or function; operator or function: size, number of "
                        + "operands: 2",
                "size(a, b) = :v AND #x = :v",
                ":v",
                n(1));
        conditionFails(
                "An expression attribute name used in the document path is not defined; attribute name: #x",
                "#x = :v AND size(a, b) = :v",
                ":v",
                n(1));
    }
}
