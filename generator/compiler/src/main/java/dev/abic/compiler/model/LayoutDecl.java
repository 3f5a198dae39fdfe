package dev.abic.compiler.model;

import dev.abic.compiler.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * A parametric region: sections placed one after another from offset 0, with preconditions.
 *
 * @param params        parameter names, all {@code u64}, in declaration order
 * @param trailingAlign the total size is rounded up to this (1 when not given)
 */
public record LayoutDecl(String name, List<String> params, List<Requirement> requirements, List<Section> sections,
                         long trailingAlign, Doc doc, SourceSpan span) implements Decl {
    public LayoutDecl {
        params = List.copyOf(params);
        requirements = List.copyOf(requirements);
        sections = List.copyOf(sections);
    }

    /** A {@code require} line: {@code text} is its source, for messages and comments. */
    public record Requirement(LayoutExpr condition, String text, SourceSpan span) {}

    /**
     * One section: {@code count} elements of {@code element} (for {@code bytes[n]}, n elements of
     * {@code u8}), aligned up to {@code align} (at least the element's alignment), or placed at
     * {@code at}.
     */
    public record Section(String name, Type element, LayoutExpr count, boolean bytes, boolean single, long align,
                          Optional<LayoutExpr> at, Doc doc, SourceSpan span) {
        /** The section as written: {@code DescSlot[depth]}, {@code bytes[n]}. */
        public String typeText(String countText) {
            if (single) {
                return element.abiName();
            }
            return (bytes ? "bytes" : element.abiName()) + "[" + countText + "]";
        }
    }
}
