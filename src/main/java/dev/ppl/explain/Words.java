package dev.ppl.explain;

import dev.ppl.ast.Expr;
import dev.ppl.check.Builtin;
import dev.ppl.check.CheckedPolicy;
import dev.ppl.check.ClaimSchema;
import dev.ppl.check.Symbol;
import dev.ppl.check.Type;
import dev.ppl.claim.Claim;
import dev.ppl.claim.Dose;
import dev.ppl.claim.Drug;
import dev.ppl.claim.Encounter;
import dev.ppl.claim.HistoryEntry;
import dev.ppl.claim.InjectedDrug;
import dev.ppl.claim.Injection;
import dev.ppl.claim.Patient;
import dev.ppl.claim.Payer;
import dev.ppl.claim.Provider;
import dev.ppl.claim.ServiceLine;
import dev.ppl.compile.Compiler;
import dev.ppl.runtime.Frame;
import dev.ppl.runtime.Node;
import dev.ppl.value.CodeSet;
import dev.ppl.value.Numbers;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Says what a sub-condition found, as a fact about the claim in a biller's words: "99213 on line
 * 1 has no modifier 25", "96372 on line 2 is billed the same day as 99213 on line 1
 * (2026-03-02)". Every sentence is true of the claim, whether the condition held or not.
 */
final class Words {
    private static final int LONG_TEXT = 60;
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("serviceDate", "date of service"),
            Map.entry("diagnosisPointers", "diagnosis pointers"),
            Map.entry("placeOfService", "place of service"),
            Map.entry("renderingProvider", "rendering provider"),
            Map.entry("supervisingProvider", "supervising provider"),
            Map.entry("billingProvider", "billing provider"),
            Map.entry("priorAuthorization", "prior authorization"),
            Map.entry("adminLine", "billed line"),
            Map.entry("orderedBy", "ordering provider"),
            Map.entry("administeredBy", "person who gave it"),
            Map.entry("necessity", "documented medical necessity"),
            Map.entry("birthDate", "birth date"),
            Map.entry("claimId", "claim id"),
            Map.entry("ndc", "NDC"),
            Map.entry("npi", "NPI"),
            Map.entry("purpose", "visit purpose"),
            Map.entry("line", "line number"),
            Map.entry("units", "number of units"));
    private static final Map<String, String> SINGULAR = Map.of(
            "modifiers", "modifier", "diagnoses", "diagnosis", "diagnosisPointers", "diagnosis pointer",
            "drugs", "drug", "lines", "line", "injections", "injection", "history", "history entry");

    private final CheckedPolicy owner;
    private final Map<Expr, Node.Obj> nodes = new IdentityHashMap<>();

    Words(CheckedPolicy owner) {
        this.owner = owner;
    }

    // ------------------------------------------------------------- values

    /** The value of an expression at the moment of an event; null when missing or not computable. */
    Object value(Expr e, Recorder.Event at, Recorder.Run run) {
        Node.Obj node;
        try {
            node = nodes.computeIfAbsent(e, x -> Compiler.value(owner, x));
        } catch (RuntimeException notAValue) {
            return null;
        }
        Frame frame = new Frame(run.claim, run.refSlots, run.numSlots);
        System.arraycopy(at.refs(), 0, frame.refs, 0, Math.min(at.refs().length, frame.refs.length));
        System.arraycopy(at.nums(), 0, frame.nums, 0, Math.min(at.nums().length, frame.nums.length));
        try {
            return node.get(frame);
        } catch (RuntimeException e2) {
            return null;
        }
    }

    /** A value as a biller reads it. */
    static String show(Object v) {
        if (v == null) {
            return "not documented";
        }
        if (v instanceof Double d) {
            return Numbers.format(d);
        }
        if (v instanceof ServiceLine l) {
            return l.code() + " on line " + l.line();
        }
        if (v instanceof Injection i) {
            return i.adminLine() == null ? "an injection with no billed line" : "the injection billed on line " + i.adminLine();
        }
        if (v instanceof InjectedDrug d) {
            return (d.name() == null ? "a drug" : d.name()) + (d.dose() == null ? "" : " " + show(d.dose()))
                    + (d.line() == null ? "" : " (line " + d.line() + ")");
        }
        if (v instanceof Dose d) {
            return Numbers.format(d.value()) + " " + d.unit();
        }
        if (v instanceof HistoryEntry h) {
            return h.code() + " on " + h.serviceDate() + " (claim " + h.claimId() + ")";
        }
        if (v instanceof Payer p) {
            return "payer " + p.id();
        }
        if (v instanceof Patient p) {
            return "patient " + p.id();
        }
        if (v instanceof Provider p) {
            return "provider " + p.npi();
        }
        if (v instanceof Drug d) {
            return "NDC " + d.ndc();
        }
        if (v instanceof Encounter) {
            return "the encounter";
        }
        if (v instanceof Claim c) {
            return "claim " + c.claimId();
        }
        if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                return "none";
            }
            List<String> items = new ArrayList<>();
            list.forEach(x -> items.add(show(x)));
            return String.join(", ", items);
        }
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (v instanceof CodeSet s) {
            return s.name();
        }
        String s = v.toString();
        return s.length() > LONG_TEXT ? "\"" + s.substring(0, LONG_TEXT - 3) + "...\"" : s;
    }

    /** {@code date of service} for {@code serviceDate}. */
    static String fieldWords(String field) {
        String known = FIELDS.get(field);
        if (known != null) {
            return known;
        }
        return field.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static String singular(String field) {
        return SINGULAR.getOrDefault(field, fieldWords(field));
    }

    // ------------------------------------------------------------- phrases

    /** What an expression denotes, in words: {@code the date of service of 96372 on line 2}. */
    private String phrase(Expr e, Recorder.Event at, Recorder.Run run) {
        if (isConstant(e)) {
            return written(e);
        }
        if (e instanceof Expr.Member m && m.target() instanceof Expr.Lookup lookup) {
            // MUE[l.code].limit: the MUE limit for 96372
            String row = keys(lookup, at, run);
            return value(lookup, at, run) == null ? "`" + lookup.table().text() + "` (no row for " + row + ")"
                    : "the " + lookup.table().text() + " " + fieldWords(m.member().text()) + " for " + row;
        }
        if (e instanceof Expr.Member m && (owner.facts().field(m) != null)) {
            String subject = subject(m.target(), at, run);
            if (m.member().text().equals("code") && value(m.target(), at, run) instanceof ServiceLine l) {
                return "the code on line " + l.line();
            }
            return "the " + fieldWords(m.member().text()) + " of " + subject;
        }
        if (e instanceof Expr.NameRef n) {
            return owner.facts().symbol(n) instanceof Symbol.ClaimField f
                    ? "the claim's " + fieldWords(f.field().fieldName()) : "`" + n.name() + "`";
        }
        return "`" + written(e) + "`";
    }

    /** The keys of a lookup as values: {@code 96372}, {@code 96372, 99213}. */
    private String keys(Expr.Lookup lookup, Recorder.Event at, Recorder.Run run) {
        List<String> keys = new ArrayList<>();
        lookup.keys().forEach(k -> keys.add(isConstant(k) ? written(k) : show(value(k, at, run))));
        return String.join(", ", keys) + (lookup.on() == null ? "" : " on " + show(value(lookup.on(), at, run)));
    }

    /** The thing a field belongs to: {@code 99213 on line 1}, {@code the encounter}. */
    private String subject(Expr target, Recorder.Event at, Recorder.Run run) {
        Object v = value(target, at, run);
        if (v instanceof ServiceLine || v instanceof Injection || v instanceof HistoryEntry || v instanceof InjectedDrug) {
            return show(v);
        }
        if (target instanceof Expr.Member m && owner.facts().field(m) != null) {
            return "the " + fieldWords(m.member().text());
        }
        if (target instanceof Expr.NameRef n && owner.facts().symbol(n) instanceof Symbol.ClaimField f) {
            return "the " + fieldWords(f.field().fieldName());
        }
        if (owner.facts().type(target) instanceof Type.Entity entity) {
            return entity.kind() == ClaimSchema.Kind.CLAIM ? "the claim" : entity.kind().noun().replaceFirst("^(a|an) ", "the ");
        }
        return "`" + written(target) + "`";
    }

    private boolean isConstant(Expr e) {
        Object c = owner.facts().constant(e);
        return c != null && !(c instanceof java.util.regex.Pattern);
    }

    private String written(Expr e) {
        return owner.file().source().slice(e.span()).replaceAll("\\s+", " ");
    }

    private String valued(Expr e, Recorder.Event at, Recorder.Run run) {
        String phrase = phrase(e, at, run);
        if (isConstant(e)) {
            return phrase;
        }
        String shown = show(value(e, at, run));
        // a history entry is named by its date: do not repeat the date of service
        return phrase.contains(shown) || phrase.contains("(no row for") ? phrase : phrase + " (" + shown + ")";
    }

    // ------------------------------------------------------------- tests

    /** A single test (not a quantifier) as a fact. */
    String test(Expr e, Recorder.Event at, Recorder.Run run) {
        boolean met = at.value();
        try {
            if (e instanceof Expr.Compare c) {
                return compare(c, met, at, run);
            }
            if (e instanceof Expr.In in) {
                return in(in, met, at, run);
            }
            if (e instanceof Expr.Is is) {
                return is(is, met, at, run);
            }
            if (e instanceof Expr.Within w) {
                return valued(w.date(), at, run) + (met ? " is" : " is not") + " within " + written(w.window()) + " "
                        + w.direction().name().toLowerCase(Locale.ROOT) + " " + valued(w.reference(), at, run);
            }
            if (e instanceof Expr.Call call && owner.facts().call(call) != null) {
                return call(call, owner.facts().call(call), met, at, run);
            }
            if (e instanceof Expr.BoolLit) {
                return met ? "always true" : "always false";
            }
        } catch (RuntimeException unexpected) {
            // fall through to the plain form: an explanation never fails the command
        }
        return "`" + written(e) + "` is " + (met ? "true" : "false");
    }

    private String compare(Expr.Compare c, boolean met, Recorder.Event at, Recorder.Run run) {
        String op = c.op();
        if (c.left() instanceof Expr.Member l && c.right() instanceof Expr.Member r
                && l.member().text().equals(r.member().text()) && (op.equals("=") || op.equals("!="))
                && owner.facts().field(l) != null && owner.facts().field(r) != null) {
            String field = l.member().text();
            String a = subject(l.target(), at, run);
            String b = subject(r.target(), at, run);
            Object va = value(l, at, run);
            Object vb = value(r, at, run);
            if (va == null || vb == null) {
                return "the " + fieldWords(field) + " of " + (va == null ? a : b) + " is not documented";
            }
            boolean same = op.equals("=") == met;
            if (field.equals("serviceDate")) {
                return same ? a + " is billed the same day as " + b + " (" + show(va) + ")"
                        : a + " (" + show(va) + ") is not billed the same day as " + b + " (" + show(vb) + ")";
            }
            return same ? a + " and " + b + " have the same " + fieldWords(field) + " (" + show(va) + ")"
                    : a + " and " + b + " have different " + fieldWords(field) + "s: " + show(va) + " and " + show(vb);
        }
        Expr subject = isConstant(c.left()) ? c.right() : c.left();
        Expr other = subject == c.left() ? c.right() : c.left();
        if (isConstant(other) && !isConstant(subject) && (op.equals("=") || op.equals("!="))) {
            Object v = value(subject, at, run);
            if (v == null) {
                return phrase(subject, at, run) + " is not documented";
            }
            boolean equal = op.equals("=") == met;
            return phrase(subject, at, run) + " is " + show(v) + (equal ? "" : ", not " + written(other));
        }
        String relation = relation(subject == c.left() ? op : flip(op), met);
        return valued(subject, at, run) + " " + relation + " " + valued(other, at, run);
    }

    private static String relation(String op, boolean met) {
        return switch (op) {
            case "=" -> met ? "is" : "is not";
            case "!=" -> met ? "is not" : "is";
            case "<" -> met ? "is less than" : "is not less than";
            case "<=" -> met ? "is at most" : "is more than";
            case ">" -> met ? "is more than" : "is not more than";
            default -> met ? "is at least" : "is less than";
        };
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    private String in(Expr.In in, boolean met, Recorder.Event at, Recorder.Run run) {
        Object element = value(in.element(), at, run);
        boolean present = met != in.negated();
        Type container = owner.facts().type(in.container());
        if (element == null) {
            return phrase(in.element(), at, run) + " is not documented";
        }
        if (container instanceof Type.ListOf) {
            Object list = value(in.container(), at, run);
            String shown = isConstant(in.element()) ? written(in.element()) : show(element);
            if (in.container() instanceof Expr.Member m && owner.facts().field(m) != null) {
                String subject = subject(m.target(), at, run);
                String what = singular(m.member().text());
                return present ? subject + " has " + what + " " + shown
                        : subject + " has no " + what + " " + shown + " (" + fieldWords(m.member().text()) + ": "
                                + show(list) + ")";
            }
            return shown + (present ? " is among " : " is not among ") + phrase(in.container(), at, run) + " ("
                    + show(list) + ")";
        }
        String set = in.container() instanceof Expr.NameRef n ? n.name()
                : "one of " + written(in.container()).replaceAll("^\\{\\s*|\\s*}$", "");
        String who = in.element() instanceof Expr.Member m && m.member().text().equals("code")
                && value(m.target(), at, run) instanceof ServiceLine l ? show(l)
                : in.element() instanceof Expr.Member m2 && owner.facts().field(m2) != null ? valued(in.element(), at, run)
                : show(element);
        if (set.startsWith("one of ")) {
            return who + (present ? " is " : " is not ") + set;
        }
        return who + (present ? " is in " : " is not in ") + set;
    }

    private String is(Expr.Is is, boolean met, Recorder.Event at, Recorder.Run run) {
        Object v = value(is.operand(), at, run);
        if (is.operand() instanceof Expr.Lookup lookup && is.check() != Expr.Check.BLANK) {
            boolean found = (is.check() == Expr.Check.PRESENT) == (met != is.negated());
            return lookup.table().text() + (found ? " has a row for " : " has no row for ") + keys(lookup, at, run);
        }
        String what = phrase(is.operand(), at, run);
        if (is.check() == Expr.Check.BLANK) {
            boolean blank = met != is.negated();
            return what + (blank ? " is blank" : " is filled in (" + show(v) + ")");
        }
        boolean documented = (is.check() == Expr.Check.PRESENT) == (met != is.negated());
        return what + (documented ? " is documented (" + show(v) + ")" : " is not documented");
    }

    private String call(Expr.Call call, Builtin b, boolean met, Recorder.Event at, Recorder.Run run) {
        List<Expr> args = call.args();
        return switch (b) {
            case VALID_NPI -> valued(args.get(0), at, run) + (met ? " is a valid NPI" : " is not a valid NPI");
            case CONTAINS -> phrase(args.get(0), at, run) + (met ? " mentions " : " does not mention ")
                    + written(args.get(1));
            case MATCHES -> valued(args.get(0), at, run) + (met ? " has" : " does not have") + " the form "
                    + written(args.get(1));
            default -> "`" + written(call) + "` is " + (met ? "true" : "false");
        };
    }

    // ------------------------------------------------------------- quantifiers

    /**
     * A quantifier's headline: whether an item matched and which one.
     *
     * @param decidingItem the item that decided it (the match, or the counter-example), or null
     * @param checked how many items it looked at
     */
    String quantifier(Expr.Quantified q, boolean met, String decidingItem, int checked, String where, String satisfies) {
        String noun = noun(q.source());
        String filter = where == null ? "" : " where `" + where + "`";
        boolean found = decidingItem != null;
        if (where == null && q.quantifier() != Expr.Quantifier.EVERY) {
            boolean some = met == (q.quantifier() == Expr.Quantifier.ANY);
            return some ? "there is a " + noun : "there is no " + noun;
        }
        return switch (q.quantifier()) {
            case ANY, NO -> found ? "a " + noun + " matches" + filter + ": " + decidingItem
                    : checked == 0 && where == null ? "there is no " + noun
                    : "no " + noun + " matches" + filter + " (" + checked + " checked)";
            case EVERY -> found ? decidingItem + " does not satisfy `" + satisfies + "`"
                    : "every " + noun + filter + " satisfies `" + satisfies + "` (" + checked + " checked)";
        };
    }

    private String noun(Expr source) {
        String name = source instanceof Expr.Member m ? m.member().text()
                : source instanceof Expr.NameRef n ? n.name() : null;
        return name == null ? "item" : SINGULAR.getOrDefault(name, "item");
    }
}
