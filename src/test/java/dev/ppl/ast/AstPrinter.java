package dev.ppl.ast;

import dev.ppl.source.SourceFile;
import dev.ppl.source.Span;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Prints a syntax tree without positions, so tests compare trees by what they say and not by
 * where it was written (STYLE.md: compare trees through a printer, not record equals).
 */
public final class AstPrinter {
    private AstPrinter() {}

    public static String print(Object node) {
        StringBuilder out = new StringBuilder();
        print(node, 0, out);
        return out.toString();
    }

    private static void print(Object node, int depth, StringBuilder out) {
        String pad = "  ".repeat(depth);
        if (node == null) {
            out.append("null");
        } else if (node instanceof List<?> list) {
            out.append('[');
            for (Object item : list) {
                out.append('\n').append(pad).append("  ");
                print(item, depth + 1, out);
            }
            out.append(list.isEmpty() ? "]" : "\n" + pad + "]");
        } else if (node instanceof Record r) {
            out.append(r.getClass().getSimpleName()).append('(');
            boolean first = true;
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getType() == Span.class || c.getType() == SourceFile.class) {
                    continue;
                }
                Object value;
                try {
                    value = c.getAccessor().invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                out.append(first ? "" : ", ").append(c.getName()).append('=');
                print(value, depth + 1, out);
                first = false;
            }
            out.append(')');
        } else if (node instanceof String s) {
            out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        } else {
            out.append(node);
        }
    }
}
