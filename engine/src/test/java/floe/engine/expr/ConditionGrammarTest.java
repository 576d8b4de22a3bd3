package floe.engine.expr;

import static floe.engine.expr.Ex.cond;
import static floe.engine.expr.Ex.eval;
import static floe.engine.expr.Ex.item;
import static floe.engine.expr.Ex.l;
import static floe.engine.expr.Ex.m;
import static floe.engine.expr.Ex.n;
import static floe.engine.expr.Ex.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.Item;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The condition grammar: every form, precedence, parentheses, paths and placeholders. */
class ConditionGrammarTest {
    private static final Item ABC = item("a", n(1), "b", n(2), "c", n(3));

    @Test
    void comparatorsParseToTheirOperators() {
        for (CompareOp op : CompareOp.values()) {
            ConditionNode c = cond("a " + op.symbol() + " :v", ":v", n(1));
            ConditionNode.Compare cmp = assertInstanceOf(ConditionNode.Compare.class, c);
            assertEquals(op, cmp.op());
            assertEquals(new Operand.PathRef(Path.of("a")), cmp.left());
            assertEquals(new Operand.Literal(n(1)), cmp.right());
        }
    }

    @Test
    void whitespaceIsOptionalAndAnyOfSpaceTabNewline() {
        assertTrue(eval("a<b", ABC));
        assertTrue(eval(" \t\na\r\n<\tb  ", ABC));
        assertTrue(eval("a<>b", ABC));
        assertTrue(eval("attribute_exists (a)", ABC));
    }

    @Test
    void keywordsIgnoreCase() {
        assertTrue(eval("a < b aNd b < c", ABC));
        assertTrue(eval("b < a oR b < c", ABC));
        assertTrue(eval("nOt b < a", ABC));
        assertTrue(eval("b bEtWeEn a aNd c", ABC));
        assertTrue(eval("a iN (b, a)", ABC));
    }

    @Test
    void betweenAndInParse() {
        ConditionNode.Between b =
                assertInstanceOf(ConditionNode.Between.class, cond("a BETWEEN :x AND :y", ":x", n(0), ":y", n(9)));
        assertEquals(new Operand.Literal(n(0)), b.low());
        assertEquals(new Operand.Literal(n(9)), b.high());
        ConditionNode.In in =
                assertInstanceOf(ConditionNode.In.class, cond("a IN (:x, b, :y)", ":x", n(0), ":y", n(9)));
        assertEquals(3, in.candidates().size());
    }

    @Test
    void functionsParse() {
        assertInstanceOf(ConditionNode.AttributeExists.class, cond("attribute_exists(a)"));
        assertInstanceOf(ConditionNode.AttributeNotExists.class, cond("attribute_not_exists(a.b[1])"));
        ConditionNode.AttributeType t =
                assertInstanceOf(ConditionNode.AttributeType.class, cond("attribute_type(a, :t)", ":t", s("SS")));
        assertEquals(AttributeValue.Type.SS, t.type());
        assertInstanceOf(ConditionNode.BeginsWith.class, cond("begins_with(a, :p)", ":p", s("x")));
        assertInstanceOf(ConditionNode.Contains.class, cond("contains(a, :p)", ":p", s("x")));
        ConditionNode.Compare c = assertInstanceOf(ConditionNode.Compare.class, cond("size(a) > :n", ":n", n(1)));
        assertEquals(new Operand.Size(new Operand.PathRef(Path.of("a"))), c.left());
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        // a<b OR c<b AND b<c  ==  a<b OR (c<b AND b<c)
        ConditionNode or = cond("a < b OR c < b AND b < c");
        ConditionNode.Or o = assertInstanceOf(ConditionNode.Or.class, or);
        assertInstanceOf(ConditionNode.And.class, o.right());
        // NOT a<b AND c<b == (NOT a<b) AND c<b
        ConditionNode.And and = assertInstanceOf(ConditionNode.And.class, cond("NOT a < b AND c < b"));
        assertInstanceOf(ConditionNode.Not.class, and.left());
        assertTrue(eval("a < b OR c < b AND b < c", ABC));
        assertFalse(eval("NOT a < b AND c < b", ABC));
        assertFalse(eval("(a < b OR c < b) AND c < b", ABC));
        // BETWEEN binds its own AND before the logical AND.
        assertTrue(eval("b BETWEEN a AND c AND a < b", ABC));
    }

    @Test
    void notNotNotNot() {
        assertTrue(eval("NOT NOT NOT NOT a < b", ABC));
        assertFalse(eval("NOT NOT NOT a < b", ABC));
        assertTrue(eval("NOT (NOT a < b OR NOT b < c)", ABC));
    }

    @Test
    void andOrAssociateLeft() {
        ConditionNode.And and = assertInstanceOf(ConditionNode.And.class, cond("a < b AND b < c AND a < c"));
        assertInstanceOf(ConditionNode.And.class, and.left());
        assertInstanceOf(ConditionNode.Compare.class, and.right());
    }

    @Test
    void parenthesesAroundConditionsAndOperands() {
        assertTrue(eval("(a < b OR b < a) AND (b < c AND (a < b OR b < c))", ABC));
        assertTrue(eval("(a) < (b)", ABC));
        assertTrue(eval("(a < b)", ABC));
        assertTrue(eval("(attribute_exists(a)) AND (attribute_exists(b))", ABC));
        assertTrue(eval("(attribute_exists(a) AND (attribute_not_exists(z)))", ABC));
        assertTrue(eval("size((a)) = :one", item("a", s("x")), ":one", n(1)));
        assertTrue(eval("(a) IN ((b), (a))", ABC));
    }

    @Test
    void pathsWithNestingIndexesAndPlaceholders() {
        Item it = item("a", m("b", l(n(0), m("c", s("deep"))), "x.y", n(5)), "and", m("or", n(2)));
        assertTrue(eval("a.b[1].c = :v", it, ":v", s("deep")));
        assertTrue(eval("#a.#b[1].#c = :v", it, "#a", "a", "#b", "b", "#c", "c", ":v", s("deep")));
        assertTrue(eval("a.#xy = :v", it, "#xy", "x.y", ":v", n(5)));
        assertTrue(eval("#n1.#n2 = :two", it, "#n1", "and", "#n2", "or", ":two", n(2)));
        assertTrue(eval("a.b [ 1 ] . c = :v", it, ":v", s("deep")));
        ConditionNode.Compare c = assertInstanceOf(ConditionNode.Compare.class, cond("a.b[01][2].c = :v", ":v", n(1)));
        assertEquals(new Operand.PathRef(Path.of("a", "b", 1, 2, "c")), c.left());
    }

    @Test
    void namesMayContainDigitsAndUnderscoresAfterTheFirstLetter() {
        assertTrue(eval("Alpha_Numeric_123 = :v", item("Alpha_Numeric_123", n(1)), ":v", n(1)));
        assertTrue(eval("A123_ = :v", item("A123_", n(1)), ":v", n(1)));
        assertTrue(eval("#123 = :_", item("x", n(1)), "#123", "x", ":_", n(1)));
    }

    @Test
    void placeholdersResolveAndAreMarkedUsed() {
        Placeholders p = Ex.ph("#a", "a", ":v", n(1));
        ExpressionParser.parseCondition("#a = :v", p, ExpressionKind.FILTER);
        p.checkAllUsed();
    }

    @Test
    void valuesMayAppearOnEitherSideAndAsFunctionArguments() {
        assertTrue(eval(":v = a", ABC, ":v", n(1)));
        assertTrue(eval(":x = :x", ABC, ":x", n(1)));
        assertTrue(eval("begins_with(:s, a)", item("a", s("he")), ":s", s("hello")));
        assertTrue(eval("attribute_type(:v, :t)", ABC, ":v", n(1), ":t", s("N")));
        assertTrue(eval("contains(:list, a)", ABC, ":list", l(n(1), n(2))));
    }

    @Test
    void inTakesOneHundredOperandsCountingTheFirst() {
        StringBuilder sb = new StringBuilder("a IN (");
        Object[] values = new Object[198];
        for (int i = 0; i < 99; i++) {
            sb.append(i == 0 ? "" : ",").append(":v").append(i);
            values[2 * i] = ":v" + i;
            values[2 * i + 1] = n(i);
        }
        sb.append(")");
        assertTrue(eval(sb.toString(), item("a", n(37)), values));
        assertEquals(
                99,
                ((ConditionNode.In) cond(sb.toString(), values)).candidates().size());
    }

    @Test
    void astIsImmutable() {
        ConditionNode.In in = (ConditionNode.In) cond("a IN (:x)", ":x", n(1));
        List<Operand> candidates = in.candidates();
        org.junit.jupiter.api.Assertions.assertThrows(
                UnsupportedOperationException.class, () -> candidates.add(new Operand.Literal(n(2))));
    }
}
