package floe.engine.expr;

import floe.api.Stability;
import floe.api.error.ValidationException;
import floe.engine.expr.Syntax.PathSyn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Parses and validates DynamoDB expressions, with DynamoDB's error messages and
 * their precedence. Every method first refuses an empty expression ("The expression
 * can not be empty;") and one over 4 KB ("Expression size has exceeded the maximum
 * allowed size;", followed for conditions and filters by " expression size: N"),
 * then syntax errors, then the semantic checks in DynamoDB's order.
 *
 * <p>Parse all expressions of a request with one {@link Placeholders}, in DynamoDB's
 * order (UpdateExpression, ConditionExpression, KeyConditionExpression,
 * FilterExpression, ProjectionExpression), then call {@link Placeholders#checkAllUsed()}.
 */
@Stability(Stability.Level.INTERNAL)
public final class ExpressionParser {
    /** Longest expression, in UTF-8 bytes. */
    public static final int MAX_EXPRESSION_BYTES = 4096;
    /** Parenthesis depth beyond which parsing runs on a thread with a large stack. */
    private static final int DEEP = 64;

    private static final long DEEP_STACK_BYTES = 64L << 20;

    private ExpressionParser() {}

    /**
     * A ConditionExpression or FilterExpression.
     *
     * @param expression the expression text
     * @param placeholders the request's ExpressionAttributeNames and ExpressionAttributeValues
     * @param kind {@link ExpressionKind#CONDITION} or {@link ExpressionKind#FILTER}: the parameter named in messages
     * @throws ValidationException with DynamoDB's message
     */
    public static ConditionNode parseCondition(String expression, Placeholders placeholders, ExpressionKind kind) {
        if (kind != ExpressionKind.CONDITION && kind != ExpressionKind.FILTER) {
            throw new IllegalArgumentException("not a condition kind: " + kind);
        }
        return condition(expression, placeholders, kind);
    }

    /**
     * A KeyConditionExpression, checked against the key of the queried table or index.
     *
     * @param expression the expression text
     * @param placeholders the request's placeholders
     * @param schema the key schema
     * @throws ValidationException with DynamoDB's message
     */
    public static KeyCondition parseKeyCondition(String expression, Placeholders placeholders, KeySchema schema) {
        return keyCondition(parseKeyConditionSyntax(expression, placeholders), schema);
    }

    /**
     * The first stage of {@link #parseKeyCondition}: the grammar and placeholders only,
     * which DynamoDB checks before it looks the table up.
     */
    public static ConditionNode parseKeyConditionSyntax(String expression, Placeholders placeholders) {
        return condition(expression, placeholders, ExpressionKind.KEY_CONDITION);
    }

    /** The second stage of {@link #parseKeyCondition}: the parsed condition checked against the key schema. */
    public static KeyCondition keyCondition(ConditionNode parsed, KeySchema schema) {
        return KeyConditions.fromExpression(parsed, schema);
    }

    /**
     * An UpdateExpression.
     *
     * @param expression the expression text
     * @param placeholders the request's placeholders
     * @throws ValidationException with DynamoDB's message
     */
    public static UpdateExpression parseUpdate(String expression, Placeholders placeholders) {
        prelude(expression, ExpressionKind.UPDATE);
        return withStack(expression, () -> {
            Parser parser = new Parser(expression, ExpressionKind.UPDATE);
            return UpdateAnalyzer.analyze(parser.parseUpdate(), placeholders);
        });
    }

    /**
     * A ProjectionExpression: its paths, in the order written.
     *
     * @param expression the expression text
     * @param placeholders the request's placeholders
     * @throws ValidationException with DynamoDB's message
     */
    public static List<Path> parseProjection(String expression, Placeholders placeholders) {
        ExpressionKind kind = ExpressionKind.PROJECTION;
        prelude(expression, kind);
        List<PathSyn> syntax = new Parser(expression, kind).parseProjection();
        // Precedence from dynalite's projectionParser.pegjs: reserved word, undefined name, overlap, conflict.
        for (PathSyn p : syntax) {
            String reserved = Names.reserved(p);
            if (reserved != null) {
                throw kind.error("Attribute name is a reserved keyword; reserved keyword: " + reserved);
            }
        }
        for (PathSyn p : syntax) {
            String nesting = Names.nesting(p);
            if (nesting != null) {
                throw kind.error(nesting);
            }
        }
        for (PathSyn p : syntax) {
            String undefined = Names.undefinedName(p, placeholders);
            if (undefined != null) {
                throw kind.error(undefined);
            }
        }
        List<Path> paths = new ArrayList<>(syntax.size());
        for (PathSyn p : syntax) {
            paths.add(Names.resolve(p, placeholders));
        }
        String overlap = Names.overlapOrConflict(paths);
        if (overlap != null) {
            throw kind.error(overlap);
        }
        return paths;
    }

    private static ConditionNode condition(String expression, Placeholders placeholders, ExpressionKind kind) {
        prelude(expression, kind);
        return withStack(expression, () -> {
            Parser parser = new Parser(expression, kind);
            Syntax.Cond syntax = parser.parseCondition();
            return ConditionAnalyzer.analyze(syntax, parser.redundantParens, kind, placeholders);
        });
    }

    private static void prelude(String expression, ExpressionKind kind) {
        Objects.requireNonNull(expression, "expression");
        if (expression.isEmpty()) {
            throw kind.error("The expression can not be empty;");
        }
        int bytes = expression.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EXPRESSION_BYTES) {
            // Captured from DynamoDB by ExtendDB (tests/test_expression_size_limit.py): only conditions
            // and filters add the size.
            boolean withSize = kind == ExpressionKind.CONDITION || kind == ExpressionKind.FILTER;
            throw kind.error("Expression size has exceeded the maximum allowed size;"
                    + (withSize ? " expression size: " + bytes : ""));
        }
    }

    /**
     * Runs {@code work} on this thread, or, for deeply parenthesized input (which the
     * 4 KB limit still allows to nest about 2,000 levels), on a thread with a stack
     * large enough for the recursive descent, so no input can overflow the caller's stack.
     */
    private static <T> T withStack(String expression, Supplier<T> work) {
        if (Parser.parenDepth(expression) <= DEEP) {
            return work.get();
        }
        Object[] outcome = new Object[1];
        Thread t = new Thread(
                null,
                () -> {
                    try {
                        outcome[0] = work.get();
                    } catch (RuntimeException | Error e) {
                        outcome[0] = e;
                    }
                },
                "floe-expression-parser",
                DEEP_STACK_BYTES);
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (outcome[0] instanceof RuntimeException e) {
            throw e;
        }
        if (outcome[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T result = (T) outcome[0];
        return result;
    }
}
