package dev.abic.compiler.syntax;

import dev.abic.compiler.diag.Diagnostics;
import dev.abic.compiler.diag.SourceFile;
import dev.abic.compiler.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
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
import org.antlr.v4.runtime.misc.ParseCancellationException;

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
        java.util.Set<Integer> unterminated = reportLexicalErrors(source, tokens.getTokens(), diagnostics);

        Token first = tokens.getTokens().stream().filter(t -> t.getChannel() == Token.DEFAULT_CHANNEL)
                .findFirst().orElse(null);
        if (first == null || first.getType() != AbiLexer.K_PACKAGE) {
            int line = first == null || first.getType() == Token.EOF ? 1 : first.getLine();
            int column = first == null || first.getType() == Token.EOF ? 1 : first.getCharPositionInLine() + 1;
            diagnostics.error(new SourceSpan(source, line, column, first == null ? 1 : first.getText().length()),
                    "expected 'package' at the start of the file, found " + describe(first));
            return Optional.empty();
        }

        // Stage one: SLL prediction, which is much faster and enough for nearly every input; it bails
        // out at the first error. Stage two, only then: full LL, with abic's error messages.
        AbiParser parser = new AbiParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        AbiParser.FileContext tree;
        try {
            tree = parser.file();
        } catch (ParseCancellationException e) {
            tokens.seek(0);
            parser.reset();
            parser.setErrorHandler(new FriendlyErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.addErrorListener(listener(source, tokens, unterminated, diagnostics));
            tree = parser.file();
        }
        if (diagnostics.errorCount() > before) {
            return Optional.empty();
        }
        Ast.File file = new AstBuilder(source, tokens, chars, diagnostics).file(tree);
        return diagnostics.errorCount() > before ? Optional.empty() : Optional.of(file);
    }

    private static BaseErrorListener listener(SourceFile source, CommonTokenStream tokens,
                                              java.util.Set<Integer> unterminated, Diagnostics diagnostics) {
        return new BaseErrorListener() {
            private int lastStatement = -1;
            private int lastToken = -1;

            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column,
                                    String message, RecognitionException e) {
                Token t = (Token) offending;
                int statement = statementStart((Parser) recognizer);
                int index = t == null ? -1 : t.getTokenIndex();
                // Follow-ons of an error already reported: in the same statement, at the same token,
                // or right after a string that ran to the end of its line (and took the ';' with it).
                if ((statement >= 0 && statement == lastStatement) || (index >= 0 && index == lastToken)
                        || unterminated.contains(previousCodeToken(tokens, index))) {
                    return;
                }
                lastStatement = statement;
                lastToken = index;
                if (message.isEmpty()) {
                    return;
                }
                int length = t == null || t.getType() == Token.EOF ? 1 : t.getText().length();
                diagnostics.error(new SourceSpan(source, Math.max(1, line), column + 1, length), message);
            }
        };
    }

    /** Reports unterminated comments and strings; returns the indices of the unterminated strings. */
    private static java.util.Set<Integer> reportLexicalErrors(SourceFile source, List<Token> tokens,
                                                             Diagnostics diagnostics) {
        java.util.Set<Integer> unterminated = new java.util.HashSet<>();
        for (Token t : tokens) {
            SourceSpan at = new SourceSpan(source, t.getLine(), t.getCharPositionInLine() + 1, 2);
            switch (t.getType()) {
                case AbiLexer.BLOCK_COMMENT -> {
                    if (!t.getText().endsWith("*/") || t.getText().length() < 4) {
                        diagnostics.error(at, "unterminated comment: '/*' has no matching '*/'");
                    }
                }
                case AbiLexer.UNTERMINATED_STRING -> {
                    diagnostics.error(new SourceSpan(source, t.getLine(), t.getCharPositionInLine() + 1, 1),
                            "unterminated string: the line ends before the closing '\"'");
                    // Parse on as if it were closed, so the one mistake gives one message.
                    ((CommonToken) t).setType(AbiLexer.STRING);
                    ((CommonToken) t).setText(t.getText() + "\"");
                    unterminated.add(t.getTokenIndex());
                }
                default -> { }
            }
        }
        return unterminated;
    }

    private static int previousCodeToken(CommonTokenStream tokens, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (tokens.get(i).getChannel() == Token.DEFAULT_CHANNEL) {
                return i;
            }
        }
        return -1;
    }

    /** The first token of the innermost field, enum value, layout item or declaration being parsed. */
    private static int statementStart(Parser parser) {
        var ctx = parser.getContext();
        while (ctx != null) {
            switch (ctx.getRuleIndex()) {
                case AbiParser.RULE_field, AbiParser.RULE_enumValue, AbiParser.RULE_layoutItem,
                        AbiParser.RULE_declaration, AbiParser.RULE_header, AbiParser.RULE_packageDecl -> {
                    return ctx.getStart().getTokenIndex();
                }
                default -> ctx = ctx.getParent();
            }
        }
        return -1;
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
            case AbiLexer.UNEXPECTED_CHAR -> "character '" + t.getText() + "'";
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

    private static final Set<Integer> DECLARATION_KEYWORDS = Set.of(AbiLexer.K_STRUCT, AbiLexer.K_ENUM,
            AbiLexer.K_FLAGS, AbiLexer.K_CONST, AbiLexer.K_LAYOUT, AbiLexer.K_ASSERT);

    private static final Set<String> KEYWORDS = Set.of("'package'", "'option'", "'import'", "'const'", "'enum'",
            "'flags'", "'struct'", "'layout'", "'assert'", "'require'", "'size'", "'align'", "'count_of'",
            "'bound'", "'sizeof'", "'alignof'", "'offsetof'", "'reserved'", "'atomic'");

    /** ANTLR's recovery, with messages in abic's words. */
    private static final class FriendlyErrorStrategy extends DefaultErrorStrategy {
        @Override
        protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
            Token t = e.getOffendingToken();
            parser.notifyErrorListeners(t, special(parser, t).orElse("unexpected " + describe(t) + context(parser)), e);
        }

        @Override
        protected void reportInputMismatch(Parser parser, InputMismatchException e) {
            Token t = e.getOffendingToken();
            parser.notifyErrorListeners(t, special(parser, t).orElse("expected "
                    + expected(e.getExpectedTokens(), parser) + context(parser) + ", found " + describe(t)), e);
        }

        @Override
        protected void reportUnwantedToken(Parser parser) {
            if (inErrorRecoveryMode(parser)) {
                return;
            }
            beginErrorCondition(parser);
            Token t = parser.getCurrentToken();
            parser.notifyErrorListeners(t, special(parser, t).orElse("unexpected " + describe(t) + context(parser)
                    + "; expected " + expected(getExpectedTokens(parser), parser)), null);
        }

        @Override
        protected void reportMissingToken(Parser parser) {
            if (inErrorRecoveryMode(parser)) {
                return;
            }
            beginErrorCondition(parser);
            Token t = parser.getCurrentToken();
            parser.notifyErrorListeners(t, special(parser, t).orElse("expected "
                    + expected(getExpectedTokens(parser), parser) + context(parser) + ", found " + describe(t)), null);
        }

        /** "a type" where a type is expected, else the general description. */
        private static String expected(IntervalSet set, Parser parser) {
            for (var ctx = parser.getContext(); ctx != null; ctx = ctx.getParent()) {
                if (ctx.getRuleIndex() == AbiParser.RULE_typeRef || ctx.getRuleIndex() == AbiParser.RULE_qualifiedTypeName) {
                    return "a type";
                }
                if (ctx.getRuleIndex() == AbiParser.RULE_expr || ctx.getRuleIndex() == AbiParser.RULE_primary) {
                    break;
                }
            }
            if (parser.getContext().getRuleIndex() == AbiParser.RULE_field && set.contains(AbiLexer.IDENT)
                    && !set.contains(AbiLexer.COLON)) {
                return "a type";
            }
            return describeExpected(set, parser);
        }

        /** Messages for the mistakes people actually make, where the general one would puzzle. */
        private static Optional<String> special(Parser parser, Token t) {
            if (t.getType() == AbiLexer.UNEXPECTED_CHAR) {
                return Optional.of("unexpected character '" + t.getText() + "'");
            }
            var ctx = parser.getContext();
            boolean topLevel = ctx.getRuleIndex() == AbiParser.RULE_file || ctx.getRuleIndex() == AbiParser.RULE_declaration;
            if (topLevel && t.getType() == AbiLexer.K_OPTION) {
                return Optional.of("options must come before the first declaration");
            }
            if (topLevel && t.getType() == AbiLexer.K_IMPORT) {
                return Optional.of("imports must come before the first declaration");
            }
            // `struct A { x: u32;` then `struct B {`: the keyword starts a new declaration, not a field.
            for (var c = ctx; c != null; c = c.getParent()) {
                if (c instanceof AbiParser.FieldContext field && DECLARATION_KEYWORDS.contains(field.getStart().getType())
                        && c.getParent() instanceof AbiParser.StructDeclContext struct) {
                    Token start = field.getStart();
                    parser.notifyErrorListeners(start, "expected '}' to close struct '" + struct.name().getText()
                            + "' (line " + struct.getStart().getLine() + "), found '" + start.getText() + "'", null);
                    return Optional.of("");
                }
            }
            return Optional.empty();
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
