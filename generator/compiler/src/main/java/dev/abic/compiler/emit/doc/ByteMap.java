package dev.abic.compiler.emit.doc;

import dev.abic.compiler.model.Field;
import dev.abic.compiler.model.StructDecl;
import dev.abic.compiler.model.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a struct as a byte map (SVG): eight bytes per row, every field a box with its name, offset
 * and size, reserved bytes hatched, atomic fields outlined and marked, nested structs tinted, and
 * the rows inside a long field folded into one marker row that says how many rows (and, for an
 * array, how many elements) it stands for. Every field is a {@code <g>} with {@code data-field},
 * {@code data-offset} and {@code data-size}, so tools and tests can find it. Deterministic.
 */
public final class ByteMap {
    static final int BYTES_PER_ROW = 8;
    static final int CELL = 84;
    static final int ROW = 40;
    static final int FOLD_ROW = 22;
    static final int GUTTER = 56;
    static final int HEADER = 20;
    static final int MARGIN = 4;
    /** A field with more interior rows than this has them folded. */
    static final int FOLD_AFTER = 2;

    private ByteMap() {
    }

    /** One drawn row: a real row of bytes, or a fold marker standing for {@code folded} rows of a field. */
    private record VisualRow(long row, boolean fold, long folded, Field field) {
    }

    /** The SVG document for {@code struct}. */
    public static String svg(StructDecl struct) {
        List<VisualRow> rows = visualRows(struct);
        int height = HEADER;
        for (VisualRow r : rows) {
            height += r.fold() ? FOLD_ROW : ROW;
        }
        int width = GUTTER + BYTES_PER_ROW * CELL + MARGIN;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height + MARGIN).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height + MARGIN)
                .append("\" font-family=\"ui-monospace, SFMono-Regular, Menlo, Consolas, monospace\" font-size=\"11\">\n");
        svg.append("  <title>").append(escape(struct.name())).append(": ").append(struct.size()).append(" bytes, aligned to ")
                .append(struct.align()).append("</title>\n");
        svg.append("""
                  <defs>
                    <pattern id="reserved" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                      <rect width="6" height="6" fill="#f2f2f2"/>
                      <line x1="0" y1="0" x2="0" y2="6" stroke="#c8c8c8" stroke-width="2"/>
                    </pattern>
                  </defs>
                  <rect width="100%" height="100%" fill="#ffffff"/>
                """);
        for (int b = 0; b < BYTES_PER_ROW; b++) {
            svg.append("  <text x=\"").append(GUTTER + b * CELL + CELL / 2).append("\" y=\"14\" text-anchor=\"middle\" fill=\"#888\">+")
                    .append(b).append("</text>\n");
        }
        int y = HEADER;
        List<StringBuilder> groups = new ArrayList<>();
        for (Field f : struct.fields()) {
            groups.add(new StringBuilder());
        }
        for (VisualRow r : rows) {
            if (r.fold()) {
                int i = struct.fields().indexOf(r.field());
                groups.get(i).append(foldMarker(r, y));
                y += FOLD_ROW;
                continue;
            }
            svg.append("  <text x=\"").append(GUTTER - 6).append("\" y=\"").append(y + ROW / 2 + 4)
                    .append("\" text-anchor=\"end\" fill=\"#888\">").append(r.row() * BYTES_PER_ROW).append("</text>\n");
            long rowStart = r.row() * BYTES_PER_ROW;
            long rowEnd = Math.min(rowStart + BYTES_PER_ROW, struct.size());
            for (int i = 0; i < struct.fields().size(); i++) {
                Field f = struct.fields().get(i);
                long from = Math.max(f.offset(), rowStart);
                long to = Math.min(f.end(), rowEnd);
                if (from < to) {
                    groups.get(i).append(segment(f, from, to, rowStart, y));
                }
            }
            svg.append(padding(struct, rowStart, rowEnd, y));
            y += ROW;
        }
        for (int i = 0; i < struct.fields().size(); i++) {
            Field f = struct.fields().get(i);
            svg.append("  <g data-field=\"").append(escape(f.name())).append("\" data-offset=\"").append(f.offset())
                    .append("\" data-size=\"").append(f.size()).append("\">\n");
            svg.append("    <title>").append(escape(tooltip(f))).append("</title>\n");
            svg.append(groups.get(i));
            svg.append("  </g>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static List<VisualRow> visualRows(StructDecl struct) {
        long rowCount = (struct.size() + BYTES_PER_ROW - 1) / BYTES_PER_ROW;
        List<VisualRow> rows = new ArrayList<>();
        for (long r = 0; r < rowCount; r++) {
            Field inside = interiorField(struct, r);
            if (inside != null) {
                long first = inside.offset() / BYTES_PER_ROW + 1;
                long last = (inside.end() - 1) / BYTES_PER_ROW - 1;
                if (last - first + 1 > FOLD_AFTER) {
                    rows.add(new VisualRow(r, true, last - first + 1, inside));
                    r = last;
                    continue;
                }
            }
            rows.add(new VisualRow(r, false, 0, null));
        }
        return rows;
    }

    /** The field that covers row {@code r} entirely and is neither its first nor its last row, if any. */
    private static Field interiorField(StructDecl struct, long r) {
        long start = r * BYTES_PER_ROW;
        for (Field f : struct.fields()) {
            if (f.offset() < start && f.end() > start + BYTES_PER_ROW) {
                return f;
            }
        }
        return null;
    }

    private static String segment(Field f, long from, long to, long rowStart, int y) {
        int x = GUTTER + (int) (from - rowStart) * CELL;
        int w = (int) (to - from) * CELL;
        String fill = f.reserved() ? "url(#reserved)" : f.type() instanceof Type.StructRef || isStructArray(f) ? "#e6f4ea"
                : f.atomic() ? "#fff1e0" : "#e8f0fe";
        String stroke = f.atomic() ? "#d97a00" : "#5f6368";
        String strokeWidth = f.atomic() ? "2" : "1";
        StringBuilder out = new StringBuilder();
        out.append("    <rect x=\"").append(x + 1).append("\" y=\"").append(y + 1).append("\" width=\"").append(w - 2)
                .append("\" height=\"").append(ROW - 2).append("\" rx=\"3\" fill=\"").append(fill).append("\" stroke=\"")
                .append(stroke).append("\" stroke-width=\"").append(strokeWidth).append("\"/>\n");
        boolean firstSegment = from == f.offset();
        int chars = Math.max(1, (w - 8) / 7);
        String name = (f.atomic() ? "⚛ " : "") + f.name() + arraySuffix(f);
        String second = firstSegment ? "@" + f.offset() + " · " + f.size() + " B" : "…" + f.name();
        String typed = second + " · " + f.type().abiName();
        if (firstSegment && !f.reserved() && typed.length() <= chars) {
            second = typed;
        }
        int cx = x + w / 2;
        if (firstSegment) {
            out.append(text(cx, y + 16, fit(name, chars), f.reserved() ? "#777" : "#202124", true));
            out.append(text(cx, y + 31, fit(second, chars), "#5f6368", false));
        } else {
            out.append(text(cx, y + ROW / 2 + 4, fit(second, chars), "#5f6368", false));
        }
        return out.toString();
    }

    private static boolean isStructArray(Field f) {
        return f.type() instanceof Type.Array a && a.element() instanceof Type.StructRef;
    }

    private static String arraySuffix(Field f) {
        if (f.type() instanceof Type.Array a) {
            return "[" + a.length() + "]";
        }
        return "";
    }

    private static String foldMarker(VisualRow r, int y) {
        Field f = r.field();
        String what = "⋮ " + r.folded() + " more rows of " + f.name();
        if (f.type() instanceof Type.Array a) {
            what += " (" + a.length() + " × " + a.element().abiName() + ")";
        }
        return "    <rect x=\"" + (GUTTER + 1) + "\" y=\"" + y + "\" width=\"" + (BYTES_PER_ROW * CELL - 2) + "\" height=\""
                + FOLD_ROW + "\" fill=\"#fafafa\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>\n"
                + text(GUTTER + BYTES_PER_ROW * CELL / 2, y + 15, what, "#5f6368", false);
    }

    /** Bytes of a row that no field covers (tail padding), outlined with dashes. */
    private static String padding(StructDecl struct, long rowStart, long rowEnd, int y) {
        StringBuilder out = new StringBuilder();
        for (long b = rowStart; b < rowStart + BYTES_PER_ROW; b++) {
            long at = b;
            boolean covered = b < rowEnd && struct.fields().stream().anyMatch(f -> f.offset() <= at && at < f.end());
            if (!covered && b < struct.size()) {
                int x = GUTTER + (int) (b - rowStart) * CELL;
                out.append("  <rect x=\"").append(x + 1).append("\" y=\"").append(y + 1).append("\" width=\"")
                        .append(CELL - 2).append("\" height=\"").append(ROW - 2)
                        .append("\" fill=\"none\" stroke=\"#bbb\" stroke-dasharray=\"3 3\"/>\n");
            }
        }
        return out.toString();
    }

    private static String tooltip(Field f) {
        StringBuilder t = new StringBuilder(f.name()).append(": ").append(f.type().abiName()).append(" @ ")
                .append(f.offset()).append(", ").append(f.size()).append(" bytes");
        if (f.reserved()) {
            t.append(", reserved");
        }
        if (f.atomic()) {
            t.append(", atomic");
        }
        if (!f.doc().isEmpty()) {
            t.append(" — ").append(String.join(" ", f.doc().lines()));
        }
        return t.toString();
    }

    private static String text(int x, int y, String s, String color, boolean bold) {
        return "    <text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"middle\" fill=\"" + color + "\""
                + (bold ? " font-weight=\"bold\"" : "") + ">" + escape(s) + "</text>\n";
    }

    private static String fit(String s, int chars) {
        return s.length() <= chars ? s : s.substring(0, Math.max(1, chars - 1)) + "…";
    }

    /**
     * The first line of every documentation file: an XML/HTML comment saying it was generated by
     * abic (which the staleness check recognises), valid before an SVG root element and in Markdown.
     */
    static String marker(String sourceName) {
        return "<!-- Generated from " + escape(sourceName).replace("--", "- -") + " by abic doc; do not edit. -->";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
