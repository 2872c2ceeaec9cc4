package dev.ppl.lsp;

import dev.ppl.ast.Decl;
import dev.ppl.check.Builtin;
import dev.ppl.check.CheckedPolicy;
import dev.ppl.check.ClaimSchema;
import dev.ppl.check.TableSymbol;
import dev.ppl.check.Type;
import dev.ppl.lsp.Analysis.FileModel;
import dev.ppl.lsp.Occurrences.Kind;
import dev.ppl.lsp.Occurrences.Occurrence;
import dev.ppl.syntax.PplLexer;
import dev.ppl.value.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/**
 * What completion offers at a position, read from the text before the cursor: a value's fields or
 * a table row's columns after a dot, CARC, RARC and group codes after {@code carc}, {@code rarc}
 * and {@code group}, units after a number, modifiers where modifiers are compared, rule ids in
 * tests and {@code disable}, and otherwise keywords, code sets, tables, functions and variables.
 */
final class Completions {
    /** {@code l.}, {@code inj.drugs}, {@code UNITS[l.code].} before the cursor, then the word typed so far. */
    private static final Pattern MEMBER = Pattern.compile("((?:[A-Za-z_][A-Za-z0-9_]*(?:\\[[^\\]\\n]*\\])?\\.)+)([A-Za-z0-9_]*)$");
    private static final Pattern AFTER_WORD = Pattern.compile("\\b(carc|rarc|group)\\s+(?:[A-Z0-9]+\\s*,\\s*)*([A-Za-z0-9]*)$");
    private static final Pattern AFTER_NUMBER = Pattern.compile("\\b[0-9]+(?:\\.[0-9]+)?\\s+([A-Za-z]*)$");
    /** In a test's {@code modifiers = [...]} or a {@code modifiers NAME = { ... }} set. */
    private static final Pattern MODIFIER_CONTEXT = Pattern.compile("modifiers\\s*=\\s*\\[[^\\]]*$|\\bmodifiers\\s+\\w+\\s*=\\s*\\{[^}]*$");
    private static final Pattern RULE_CONTEXT = Pattern.compile("\\b(expect\\s+no|expect|disable\\s+rule|override\\s+rule)\\s+([A-Za-z0-9-]*)$");
    private static final Pattern WORD = Pattern.compile("([A-Za-z0-9_]*)$");

    private final Analysis analysis;

    Completions(Analysis analysis) {
        this.analysis = analysis;
    }

    /** The completion items at {@code offset} of the file's current text. */
    List<CompletionItem> at(FileModel file, int offset) {
        String text = file.source().text();
        int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        String before = text.substring(lineStart, offset);
        if (inComment(before)) {
            return List.of();
        }
        Matcher m = RULE_CONTEXT.matcher(before);
        if (m.find()) {
            return rules(file);
        }
        m = AFTER_WORD.matcher(before);
        if (m.find()) {
            Map<String, String> codes = switch (m.group(1)) {
                case "carc" -> Vocabulary.CARCS;
                case "rarc" -> Vocabulary.RARCS;
                default -> Vocabulary.GROUPS;
            };
            String label = m.group(1).equals("group") ? "group" : m.group(1).toUpperCase(java.util.Locale.ROOT);
            return codes(codes, label);
        }
        m = MEMBER.matcher(before);
        if (m.find() && !before.substring(0, m.start()).matches(".*[0-9]$")) {
            return members(file, m.group(1), offset);
        }
        if (MODIFIER_CONTEXT.matcher(before).find()) {
            return codes(Vocabulary.MODIFIERS, "modifier");
        }
        m = AFTER_NUMBER.matcher(before);
        if (m.find() && !before.matches("^\\s*(version|effective|row)\\b.*")) {
            List<CompletionItem> out = new ArrayList<>();
            for (String u : Unit.spellings()) {
                out.add(item(u, CompletionItemKind.Unit, "a unit of " + Unit.parse(u).dimension().noun(), null));
            }
            return out;
        }
        return general(file, offset);
    }

    private static boolean inComment(String before) {
        boolean string = false;
        for (int i = 0; i < before.length(); i++) {
            char c = before.charAt(i);
            if (c == '"') {
                string = !string;
            } else if (!string && c == '#') {
                return true;
            }
        }
        return false;
    }

    /** Fields or columns of the value before the dot. */
    private List<CompletionItem> members(FileModel file, String path, int offset) {
        String[] parts = path.substring(0, path.length() - 1).split("\\.(?![^\\[]*\\])");
        Type t = first(file, parts[0], offset);
        for (int i = 1; i < parts.length && t != null; i++) {
            t = Types.member(t, parts[i]);
        }
        List<CompletionItem> out = new ArrayList<>();
        if (t instanceof Type.Entity e) {
            for (ClaimSchema.Field f : ClaimSchema.Field.values()) {
                if (f.owner() == e.kind()) {
                    out.add(item(f.fieldName(), CompletionItemKind.Field, f.type().describe(), Hovers.field(f)));
                }
            }
        } else if (t instanceof Type.RowOf r) {
            for (int i = 0; i < r.table().columns().size(); i++) {
                out.add(item(r.table().columns().get(i), CompletionItemKind.Field, r.table().columnTypes().get(i).describe(),
                        "column of table `" + r.table().name() + "`"));
            }
        }
        return out;
    }

    private static Type first(FileModel file, String part, int offset) {
        int bracket = part.indexOf('[');
        if (bracket > 0) {
            TableSymbol t = Types.table(file, part.substring(0, bracket));
            return t == null ? null : new Type.RowOf(t);
        }
        // the tree may be of an older text; offsets are close enough to find the rule
        return Types.ofName(file, part, offset);
    }

    private static List<CompletionItem> codes(Map<String, String> codes, String what) {
        List<CompletionItem> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> e : codes.entrySet()) {
            CompletionItem item = item(e.getKey(), CompletionItemKind.Value, e.getValue(), null);
            item.setLabel(e.getKey());
            item.setFilterText(e.getKey());
            item.setSortText(String.format("%03d", i++));
            item.setDetail(what + " " + e.getKey() + ": " + e.getValue());
            out.add(item);
        }
        return out;
    }

    private List<CompletionItem> rules(FileModel file) {
        Map<String, String> ids = new LinkedHashMap<>();
        CheckedPolicy c = file.checked();
        if (c != null) {
            for (CheckedPolicy.RuleRef r : c.effectiveRules()) {
                ids.put(r.rule().id().text(), r.rule().description() == null ? "" : r.rule().description().value());
            }
            for (CheckedPolicy b = c.base(); b != null; b = b.base()) {
                for (Decl.Rule r : b.rules()) {
                    ids.putIfAbsent(r.id().text(), r.description() == null ? "" : r.description().value());
                }
            }
        } else {
            for (Occurrence o : file.names()) {
                if (o.kind() == Kind.RULE && o.declaration()) {
                    ids.putIfAbsent(o.name(), "");
                }
            }
        }
        List<CompletionItem> out = new ArrayList<>();
        ids.forEach((id, description) -> out.add(item(id, CompletionItemKind.Function, description, null)));
        return out;
    }

    /** Keywords, code sets, tables, functions, variables in scope and the claim's fields. */
    private List<CompletionItem> general(FileModel file, int offset) {
        List<CompletionItem> out = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Occurrence o : file.names()) {
            if (o.declaration() && (o.kind() == Kind.LET || o.kind() == Kind.VAR) && o.owner() != null
                    && o.owner().span().start() <= offset && offset <= o.owner().span().end() + 200
                    && seen.putIfAbsent("v " + o.name(), true) == null) {
                Type t = Types.ofBinder(file, o);
                out.add(item(o.name(), CompletionItemKind.Variable, t == null ? o.kind().name().toLowerCase() : t.describe(), null));
            }
        }
        for (CheckedPolicy c = file.checked(); c != null; c = c.base()) {
            for (var s : c.sets().entrySet()) {
                if (seen.putIfAbsent("s " + s.getKey(), true) == null) {
                    out.add(item(s.getKey(), CompletionItemKind.Constant, "code set" + (c == file.checked() ? ""
                            : " of " + c.info().id()), null));
                }
            }
            for (TableSymbol t : c.tables().values()) {
                if (seen.putIfAbsent("t " + t.name(), true) == null) {
                    out.add(item(t.name(), CompletionItemKind.Struct, "table (" + String.join(", ", t.columns()) + ")"
                            + (c == file.checked() ? "" : " of " + c.info().id()), null));
                }
            }
        }
        if (file.checked() == null) {
            for (Occurrence o : file.names()) {
                if (o.declaration() && (o.kind() == Kind.SET || o.kind() == Kind.TABLE)
                        && seen.putIfAbsent("s " + o.name(), true) == null) {
                    out.add(item(o.name(), o.kind() == Kind.SET ? CompletionItemKind.Constant : CompletionItemKind.Struct,
                            o.kind() == Kind.SET ? "code set" : "table", null));
                }
            }
        }
        for (Builtin b : Builtin.values()) {
            CompletionItem item = item(b.fnName(), CompletionItemKind.Function, b.doc(), Hovers.function(b.fnName()));
            out.add(item);
        }
        out.add(item("claim", CompletionItemKind.Variable, "the claim being judged", null));
        for (ClaimSchema.Field f : ClaimSchema.Field.values()) {
            if (f.owner() == ClaimSchema.Kind.CLAIM) {
                out.add(item(f.fieldName(), CompletionItemKind.Field, f.type().describe(), Hovers.field(f)));
            }
        }
        for (String k : keywords()) {
            out.add(item(k, CompletionItemKind.Keyword, null, null));
        }
        return out;
    }

    /** The language's keywords, from the lexer's vocabulary. */
    static List<String> keywords() {
        List<String> out = new ArrayList<>();
        var vocabulary = PplLexer.VOCABULARY;
        for (int i = 1; i <= vocabulary.getMaxTokenType(); i++) {
            String literal = vocabulary.getLiteralName(i);
            if (literal != null && literal.matches("'[a-z]+'")) {
                out.add(literal.substring(1, literal.length() - 1));
            }
        }
        return out;
    }

    private static CompletionItem item(String label, CompletionItemKind kind, String detail, String documentation) {
        CompletionItem item = new CompletionItem(label);
        item.setKind(kind);
        if (detail != null && !detail.isEmpty()) {
            item.setDetail(detail);
        }
        if (documentation != null) {
            item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, documentation));
        }
        return item;
    }

    /** The word being typed before the offset, which completion replaces. */
    static int wordStart(String text, int offset) {
        Matcher m = WORD.matcher(text.substring(Math.max(0, text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1), offset));
        return m.find() ? offset - m.group(1).length() : offset;
    }
}
