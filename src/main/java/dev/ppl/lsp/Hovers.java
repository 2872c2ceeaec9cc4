package dev.ppl.lsp;

import dev.ppl.ast.Decl;
import dev.ppl.ast.Expr;
import dev.ppl.ast.Header;
import dev.ppl.ast.Text;
import dev.ppl.check.Builtin;
import dev.ppl.check.CheckedPolicy;
import dev.ppl.check.ClaimSchema;
import dev.ppl.check.TableSymbol;
import dev.ppl.check.Type;
import dev.ppl.lsp.Analysis.FileModel;
import dev.ppl.lsp.Navigation.Place;
import dev.ppl.lsp.Occurrences.Kind;
import dev.ppl.lsp.Occurrences.Occurrence;
import dev.ppl.value.CodeSet;
import dev.ppl.value.Table;
import dev.ppl.value.Unit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What hovering a name shows, as Markdown. */
final class Hovers {
    private static final int MAX_SET_TEXT = 600;
    private static final int MAX_TABLE_ROWS = 6;

    private final Analysis analysis;
    private final Navigation navigation;

    Hovers(Analysis analysis) {
        this.analysis = analysis;
        this.navigation = new Navigation(analysis);
    }

    /** The hover text for a name, or null when there is nothing to say. */
    String hover(FileModel file, Occurrence o) {
        return switch (o.kind()) {
            case SET -> set(file, o);
            case TABLE -> table(file, o);
            case RULE -> rule(file, o);
            case LET, VAR -> variable(file, o);
            case MEMBER -> member(file, o);
            case FUNCTION -> function(o.name());
            case UNIT -> unit(o.name());
            case CODE -> code(file, o.name());
            case GROUP -> described("group", o.name(), Vocabulary.GROUPS.get(o.name()));
            case CARC -> carc(o.name());
            case RARC -> rarc(o.name());
            case POLICY -> policy(o.name());
        };
    }

    static String carc(String code) {
        return described("CARC", code, Vocabulary.CARCS.get(code));
    }

    static String rarc(String code) {
        return described("RARC", code, Vocabulary.RARCS.get(code));
    }

    private static String described(String what, String code, String text) {
        if (text == null) {
            return "**" + what + " " + code + "**\n\nnot among the codes PPL describes; see the " + Vocabulary.CODE_LISTS;
        }
        return "**" + what + " " + code + "**: " + text + (what.equals("group") ? "" : "\n\n(shortened; the full text: "
                + Vocabulary.CODE_LISTS + ")");
    }

    private String set(FileModel file, Occurrence o) {
        List<Place> defs = navigation.definitions(new Place(file, o));
        if (defs.isEmpty()) {
            // not a code set: a claim field written without `claim.` (lines, diagnoses, payer, ...)
            ClaimSchema.Field f = ClaimSchema.field(ClaimSchema.Kind.CLAIM, o.name());
            if (f != null) {
                return field(f);
            }
            return o.name().equals("claim") ? "`claim`: the claim being judged" : null;
        }
        Place def = defs.get(0);
        for (Decl d : def.file().ast().decls()) {
            if (d instanceof Decl.CodeSet s && s.name().span().equals(def.occurrence().span())) {
                String written = def.file().astSource().slice(s.codes().span()).replaceAll("\\s+", " ");
                if (written.length() > MAX_SET_TEXT) {
                    written = written.substring(0, MAX_SET_TEXT) + " ...";
                }
                StringBuilder out = new StringBuilder("**" + s.kind().keyword() + " " + s.name().text() + "**");
                out.append(" (").append(s.kind().noun()).append("s)\n\n```ppl\n").append(written).append("\n```");
                CodeSet set = def.file().checked() == null ? null : def.file().checked().sets().get(s.name().text());
                if (set != null && !set.listedCodes().isEmpty()) {
                    out.append("\n\n").append(set.listedCodes().size()).append(" single code")
                            .append(set.listedCodes().size() == 1 ? "" : "s").append(" listed");
                }
                cites(out, s.cites());
                out.append(declaredIn(file, def));
                return out.toString();
            }
            if (d instanceof Decl.Table t && t.name().span().equals(def.occurrence().span())) {
                return table(def.file(), t, file);
            }
        }
        return null;
    }

    private String table(FileModel file, Occurrence o) {
        for (Place def : navigation.definitions(new Place(file, o))) {
            for (Decl d : def.file().ast().decls()) {
                if (d instanceof Decl.Table t && t.name().span().equals(def.occurrence().span())) {
                    return table(def.file(), t, file);
                }
            }
        }
        return null;
    }

    private String table(FileModel owner, Decl.Table t, FileModel from) {
        StringBuilder out = new StringBuilder("**table " + t.name().text() + "**");
        if (t.file() != null) {
            out.append(" from `").append(t.file().value()).append('`');
        }
        out.append("\n\nkey ").append(t.keys().stream().map(k -> "`" + k.text() + "`").collect(Collectors.joining(", ")));
        out.append("; columns ").append(t.columns().stream().map(c -> "`" + c.name().text() + "`: " + c.type().text())
                .collect(Collectors.joining(", ")));
        TableSymbol symbol = owner.checked() == null ? null : owner.checked().tables().get(t.name().text());
        if (symbol != null) {
            out.append("\n\n").append(symbol.table().size()).append(" row").append(symbol.table().size() == 1 ? "" : "s");
        }
        cites(out, t.cites());
        out.append(declaredIn(from, new Place(owner, null)));
        return out.toString();
    }

    private String rule(FileModel file, Occurrence o) {
        Place at = new Place(file, o);
        List<Place> defs = o.declaration() ? List.of(at) : navigation.definitions(at);
        for (Place def : defs) {
            for (Decl d : def.file().ast().decls()) {
                if (d instanceof Decl.Rule r && r.id().span().equals(def.occurrence().span())) {
                    StringBuilder out = new StringBuilder("**rule " + r.id().text() + "**");
                    if (r.override()) {
                        out.append(" (overrides the base policy's rule)");
                    }
                    if (r.description() != null) {
                        out.append("\n\n").append(r.description().value());
                    }
                    if (r.reason() != null) {
                        out.append("\n\nbecause: ").append(r.reason().value());
                    }
                    Set<String> cites = new LinkedHashSet<>();
                    if (r.cites() != null) {
                        cites.add(r.cites().value());
                    }
                    for (Decl.Branch b : r.branches()) {
                        Decl.Outcome outcome = b.outcome();
                        if (outcome.cites() != null) {
                            // the template as written, without its quotes
                            cites.add(def.file().astSource().slice(outcome.cites().span()).replaceAll("^\"|\"$", ""));
                        }
                        out.append("\n\n").append(outcome.severity().key());
                        if (outcome.group() != null) {
                            out.append(' ').append(outcome.group().text());
                        }
                        if (outcome.carc() != null) {
                            String text = Vocabulary.CARCS.get(outcome.carc().text());
                            out.append(" CARC ").append(outcome.carc().text()).append(text == null ? "" : " (" + text + ")");
                        }
                    }
                    if (cites.isEmpty()) {
                        def.file().ast().header().cites().forEach(c -> cites.add(c.value()));
                    }
                    cites.forEach(c -> out.append("\n\ncites: ").append(c));
                    out.append(declaredIn(file, def));
                    return out.toString();
                }
                if (d instanceof Decl.Measure m && m.id().span().equals(def.occurrence().span())) {
                    StringBuilder out = new StringBuilder("**measure " + m.id().text() + "**");
                    if (m.description() != null) {
                        out.append("\n\n").append(m.description().value());
                    }
                    cites(out, m.cites());
                    return out.toString();
                }
            }
        }
        return null;
    }

    private static String variable(FileModel file, Occurrence o) {
        Occurrence decl = o;
        if (!o.declaration()) {
            for (Occurrence x : file.names()) {
                if (x.declaration() && x.node() == o.node()) {
                    decl = x;
                }
            }
        }
        Type t = Types.ofBinder(file, decl);
        String what = decl.kind() == Kind.LET ? "let" : "variable";
        return "**" + what + " " + o.name() + "**" + (t == null ? "" : ": " + t.describe());
    }

    private static String member(FileModel file, Occurrence o) {
        Expr.Member m = (Expr.Member) o.node();
        CheckedPolicy checked = file.checked();
        ClaimSchema.Field f = checked == null || !file.current() ? null : checked.facts().field(m);
        if (f == null) {
            Type target = Types.ofPath(file, m.target(), m.span().start());
            if (target instanceof Type.Entity e) {
                f = ClaimSchema.field(e.kind(), o.name());
            } else if (target instanceof Type.RowOf r) {
                int i = r.table().column(o.name());
                return i < 0 ? null : "**column " + o.name() + "** of table `" + r.table().name() + "`: "
                        + r.table().columnTypes().get(i).describe();
            }
        }
        return f == null ? null : field(f);
    }

    static String field(ClaimSchema.Field f) {
        return "**" + f.fieldName() + "**: " + f.type().describe() + " (field of " + f.owner().noun() + ")\n\n"
                + Vocabulary.field(f);
    }

    static String function(String name) {
        Builtin b = Builtin.byName(name);
        if (b == null) {
            return null;
        }
        String params = b.params().stream().map(Type::describe).collect(Collectors.joining(", "));
        return "**" + b.fnName() + "**(" + params + (b.variadic() ? ", ..." : "") + ") gives " + b.result().describe()
                + "\n\n" + b.doc();
    }

    static String unit(String name) {
        Unit u = Unit.parse(name);
        return u == null ? null : "**" + u.symbol() + "**: a unit of " + u.dimension().noun();
    }

    /** A code: the code sets that list it and the table rows keyed by it, in the file's policy and the rest of the set. */
    private String code(FileModel file, String code) {
        StringBuilder out = new StringBuilder("**" + code + "**");
        List<String> sets = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<FileModel> order = new ArrayList<>(List.of(file));
        // the other files by name, so the same hover lists its rows in the same order every time
        analysis.files().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue)
                .filter(f -> f != file).forEach(order::add);
        for (FileModel f : order) {
            CheckedPolicy c = f.checked();
            if (c == null) {
                continue;
            }
            String policy = f == file ? "" : " (" + c.info().id() + ")";
            for (var s : c.sets().entrySet()) {
                if (f == file && s.getValue().contains(code) && seen.add("set " + s.getKey())) {
                    sets.add("`" + s.getKey() + "`");
                }
            }
            for (TableSymbol t : c.tables().values()) {
                Table table = t.table();
                if (table.containsKey(code) && seen.add("table " + t.name() + " " + table.size())
                        && rows.size() < MAX_TABLE_ROWS) {
                    Table.Row row = table.find(code, null);
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < t.columns().size(); i++) {
                        Object v = row.values()[i];
                        cells.add(t.columns().get(i) + " " + (v == null ? "(empty)" : "**" + show(v) + "**"));
                    }
                    rows.add("`" + t.name() + "`" + policy + ": " + String.join(", ", cells));
                }
            }
        }
        if (sets.isEmpty() && rows.isEmpty()) {
            return null;
        }
        if (!sets.isEmpty()) {
            out.append("\n\nin ").append(String.join(", ", sets));
        }
        rows.forEach(r -> out.append("\n\n").append(r));
        return out.toString();
    }

    private static String show(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(v);
    }

    private String policy(String id) {
        List<FileModel> versions = analysis.policy(id);
        if (versions.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder("**policy " + id + "**");
        for (FileModel f : versions) {
            Header h = f.ast().header();
            out.append("\n\n").append(h.version() == null ? "?" : "version " + h.version().text());
            if (h.title() != null) {
                out.append(": ").append(h.title().value());
            }
            out.append(" (`").append(f.name()).append("`)");
            if (h.effectiveFrom() != null) {
                out.append(", effective ").append(h.effectiveTo() == null ? "from " + h.effectiveFrom()
                        : h.effectiveFrom() + " to " + h.effectiveTo());
            }
        }
        return out.toString();
    }

    private static void cites(StringBuilder out, Text cites) {
        if (cites != null) {
            out.append("\n\ncites: ").append(cites.value());
        }
    }

    private static String declaredIn(FileModel from, Place def) {
        return def.file() == from ? "" : "\n\ndeclared in `" + def.file().name() + "`";
    }
}
