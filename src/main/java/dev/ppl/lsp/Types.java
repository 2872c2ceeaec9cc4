package dev.ppl.lsp;

import dev.ppl.ast.Decl;
import dev.ppl.ast.Expr;
import dev.ppl.check.CheckedPolicy;
import dev.ppl.check.ClaimSchema;
import dev.ppl.check.Symbol;
import dev.ppl.check.TableSymbol;
import dev.ppl.check.Type;
import dev.ppl.lsp.Analysis.FileModel;
import dev.ppl.lsp.Occurrences.Kind;
import dev.ppl.lsp.Occurrences.Occurrence;

/**
 * The types of the names an editor asks about, from the checker's side tables when the file
 * checked that far, else worked out from the claim model: what {@code l} is in {@code l.}, so that
 * completion can list a service line's fields.
 */
final class Types {
    private Types() {}

    /** The type of a {@code let} or variable's declaration, or null when unknown. */
    static Type ofBinder(FileModel file, Occurrence declaration) {
        Object binder = declaration.binder();
        CheckedPolicy checked = file.checked();
        if (binder != null && checked != null) {
            Symbol.Var v = checked.facts().bound(binder);
            if (v != null && v.type() != null && v.type() != Type.Simple.ERROR) {
                return v.type();
            }
        }
        // the checker did not get that far: a `for each x in <claim path>` is read from the claim model
        Expr source = binder instanceof Decl.Binding b ? b.source()
                : binder instanceof Expr.Quantified q ? q.source()
                : binder instanceof Expr.Count c ? c.source()
                : binder instanceof Expr.Sum s ? s.source()
                : null;
        if (source != null) {
            Type t = ofPath(file, source, declaration.span().start());
            return t instanceof Type.ListOf l ? l.element() : null;
        }
        if (binder instanceof Decl.Let let) {
            return ofPath(file, let.value(), declaration.span().start());
        }
        return null;
    }

    /** The type of a path such as {@code lines}, {@code inj.drugs} or {@code UNITS[l.code]}, or null. */
    static Type ofPath(FileModel file, Expr e, int at) {
        if (file.checked() != null) {
            Type known = file.checked().facts().type(e);
            if (known != null && known != Type.Simple.ERROR) {
                return known;
            }
        }
        if (e instanceof Expr.NameRef n) {
            return ofName(file, n.name(), at);
        }
        if (e instanceof Expr.Member m) {
            return member(ofPath(file, m.target(), at), m.member().text());
        }
        if (e instanceof Expr.Lookup l) {
            TableSymbol t = table(file, l.table().text());
            return t == null ? null : new Type.RowOf(t);
        }
        return null;
    }

    /** The type of a name written at an offset: a variable in scope there, {@code claim}, or a claim field. */
    static Type ofName(FileModel file, String name, int at) {
        Occurrence best = null;
        // the tree may be of the text before the last edit: then a little slack after the rule's end
        for (int slack : new int[] {0, 200}) {
            for (Occurrence o : file.names()) {
                if (best == null && o.declaration() && (o.kind() == Kind.VAR || o.kind() == Kind.LET)
                        && o.name().equals(name) && o.span().start() <= at && o.owner() != null
                        && o.owner().span().start() <= at && at <= o.owner().span().end() + slack) {
                    best = o;
                }
            }
        }
        if (best != null) {
            return ofBinder(file, best);
        }
        if (name.equals("claim")) {
            return new Type.Entity(ClaimSchema.Kind.CLAIM);
        }
        ClaimSchema.Field f = ClaimSchema.field(ClaimSchema.Kind.CLAIM, name);
        return f == null ? null : f.type();
    }

    /** The type of a member of a value of type {@code t}, or null. */
    static Type member(Type t, String name) {
        if (t instanceof Type.Entity e) {
            ClaimSchema.Field f = ClaimSchema.field(e.kind(), name);
            return f == null ? null : f.type();
        }
        if (t instanceof Type.RowOf r) {
            int i = r.table().column(name);
            return i < 0 ? null : r.table().columnTypes().get(i);
        }
        return null;
    }

    /** A table visible to the file (its own or a base policy's), or null. */
    static TableSymbol table(FileModel file, String name) {
        return file.checked() == null ? null : file.checked().table(name);
    }
}
