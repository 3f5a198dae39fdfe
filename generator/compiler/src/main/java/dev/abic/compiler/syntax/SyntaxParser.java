package dev.abic.compiler.syntax;

import dev.abic.compiler.diag.Diagnostics;
import dev.abic.compiler.diag.SourceFile;
import dev.abic.compiler.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Parses one {@code .abi} file into an {@link Ast.File}. Syntax errors are reported to the given
 * {@link Diagnostics} with messages written for people ("expected ';' after …"), never thrown.
 */
public final class SyntaxParser {
    private SyntaxParser() {}

    /** The AST, or empty when the file has syntax errors (all of which have been reported). */
    public static Optional<Ast.File> parse(SourceFile source, Diagnostics diagnostics) {
        CharStream chars = CharStreams.fromString(source.text(), source.displayName());
        AbiLexer lexer = new AbiLexer(chars);
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        int before = diagnostics.errorCount();
        reportLexicalErrors(source, tokens.getTokens(), diagnostics);

        AbiParser parser = new AbiParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new FriendlyErrorStrategy());
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column,
                                    String message, RecognitionException e) {
                Token t = (Token) offending;
                int length = t == null || t.getType() == Token.EOF ? 1 : t.getText().length();
                diagnostics.error(new SourceSpan(source, Math.max(1, line), column + 1, length), message);
            }
        });
        // SLL is enough for this grammar and much faster; fall back to LL only if SLL fails.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        AbiParser.FileContext tree = parser.file();
        if (diagnostics.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new AstBuilder(source, tokens, chars).file(tree));
    }

    private static void reportLexicalErrors(SourceFile source, List<Token> tokens, Diagnostics diagnostics) {
        for (Token t : tokens) {
            SourceSpan at = new SourceSpan(source, t.getLine(), t.getCharPositionInLine() + 1, 2);
            switch (t.getType()) {
                case AbiLexer.BLOCK_COMMENT -> {
                    if (!t.getText().endsWith("*/") || t.getText().length() < 4) {
                        diagnostics.error(at, "unterminated comment: '/*' has no matching '*/'");
                    }
                }
                case AbiLexer.UNTERMINATED_STRING ->
                        diagnostics.error(new SourceSpan(source, t.getLine(), t.getCharPositionInLine() + 1, 1),
                                "unterminated string: the line ends before the closing '\"'");
                default -> { }
            }
        }
    }

    /** Describes a token for a message: {@code 'x'}, "end of file", "the name 'x'", "the number 3". */
    static String describe(Token t) {
        if (t == null || t.getType() == Token.EOF) {
            return "end of file";
        }
        return switch (t.getType()) {
            case AbiLexer.IDENT -> "'" + t.getText() + "'";
            case AbiLexer.INT -> "the number " + t.getText();
            case AbiLexer.STRING -> "a string";
            case AbiLexer.UNEXPECTED_CHAR -> "the character '" + t.getText() + "'";
            case AbiLexer.UNTERMINATED_STRING -> "an unterminated string";
            default -> "'" + t.getText() + "'";
        };
    }

    /** Describes a set of acceptable tokens; a name stands for every keyword usable as a name too. */
    static String describeExpected(IntervalSet expected, Parser parser) {
        Set<String> items = new TreeSet<>();
        boolean name = expected.contains(AbiLexer.IDENT);
        for (int type : expected.toArray()) {
            if (type == AbiLexer.IDENT) {
                continue;
            }
            if (type == Token.EOF) {
                items.add("end of file");
                continue;
            }
            if (type == AbiLexer.INT) {
                items.add("a number");
                continue;
            }
            if (type == AbiLexer.STRING) {
                items.add("a string");
                continue;
            }
            String literal = parser.getVocabulary().getLiteralName(type);
            if (literal == null) {
                literal = "'" + parser.getVocabulary().getSymbolicName(type).toLowerCase() + "'";
            }
            if (name && KEYWORDS.contains(literal)) {
                continue; // covered by "a name"
            }
            items.add(literal);
        }
        List<String> all = new ArrayList<>();
        if (name) {
            all.add("a name");
        }
        all.addAll(items);
        if (all.size() == 1) {
            return all.get(0);
        }
        if (all.size() > 6) {
            return "one of " + String.join(", ", all.subList(0, 6)) + ", …";
        }
        return "one of " + String.join(", ", all);
    }

    private static final Set<String> KEYWORDS = Set.of("'package'", "'option'", "'import'", "'const'", "'enum'",
            "'flags'", "'struct'", "'layout'", "'assert'", "'require'", "'size'", "'align'", "'count_of'",
            "'bound'", "'sizeof'", "'alignof'", "'offsetof'", "'reserved'", "'atomic'");

    /** ANTLR's recovery, with messages in abic's words. */
    private static final class FriendlyErrorStrategy extends DefaultErrorStrategy {
        @Override
        protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
            Token t = e.getOffendingToken();
            parser.notifyErrorListeners(t, "unexpected " + describe(t) + context(parser), e);
        }

        @Override
        protected void reportInputMismatch(Parser parser, InputMismatchException e) {
            Token t = e.getOffendingToken();
            parser.notifyErrorListeners(t, "expected " + describeExpected(e.getExpectedTokens(), parser)
                    + context(parser) + ", found " + describe(t), e);
        }

        @Override
        protected void reportUnwantedToken(Parser parser) {
            if (inErrorRecoveryMode(parser)) {
                return;
            }
            beginErrorCondition(parser);
            Token t = parser.getCurrentToken();
            parser.notifyErrorListeners(t, "unexpected " + describe(t) + context(parser) + "; expected "
                    + describeExpected(getExpectedTokens(parser), parser), null);
        }

        @Override
        protected void reportMissingToken(Parser parser) {
            if (inErrorRecoveryMode(parser)) {
                return;
            }
            beginErrorCondition(parser);
            Token t = parser.getCurrentToken();
            parser.notifyErrorListeners(t, "expected " + describeExpected(getExpectedTokens(parser), parser)
                    + context(parser) + ", found " + describe(t), null);
        }

        private static String context(Parser parser) {
            var ctx = parser.getContext();
            while (ctx != null) {
                String where = switch (ctx.getRuleIndex()) {
                    case AbiParser.RULE_packageDecl -> " in the package declaration";
                    case AbiParser.RULE_optionDecl -> " in an option";
                    case AbiParser.RULE_importDecl -> " in an import";
                    case AbiParser.RULE_constDecl -> " in a const declaration";
                    case AbiParser.RULE_enumDecl -> " in an enum";
                    case AbiParser.RULE_flagsDecl -> " in a flags declaration";
                    case AbiParser.RULE_field -> " in a field declaration";
                    case AbiParser.RULE_structDecl -> " in a struct";
                    case AbiParser.RULE_layoutItem, AbiParser.RULE_param, AbiParser.RULE_layoutDecl -> " in a layout";
                    case AbiParser.RULE_assertDecl -> " in an assert";
                    default -> null;
                };
                if (where != null) {
                    return where;
                }
                ctx = ctx.getParent();
            }
            return "";
        }
    }
}
