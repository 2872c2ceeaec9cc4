package dev.ppl.runtime;

import dev.ppl.ast.Severity;
import dev.ppl.check.PolicyInfo;
import java.util.List;

/**
 * A compiled rule: its {@code for each} bindings, filter, {@code let}s and branches.
 *
 * @param id rule id
 * @param description the rule's one-line description, or null
 * @param policy the policy that declared the rule (a base policy for inherited rules)
 * @param sourceLocation {@code path:line} of the rule in its policy file
 * @param bindings the {@code for each} variables, outermost first
 * @param where the filter over the bindings, or null
 * @param lets the {@code let}s, in order
 * @param branches the {@code when} branches
 * @param body the rule as one generated method ({@code dev.ppl.codegen}), run instead of the node
 *     tree when no tracer listens; null to run the tree
 */
public record CompiledRule(
        String id,
        String description,
        PolicyInfo policy,
        String sourceLocation,
        List<Binding> bindings,
        Node.Bool where,
        List<Let> lets,
        List<Branch> branches,
        RuleBody body) {

    /** The same rule run by its node tree alone. */
    public CompiledRule(String id, String description, PolicyInfo policy, String sourceLocation, List<Binding> bindings,
            Node.Bool where, List<Let> lets, List<Branch> branches) {
        this(id, description, policy, sourceLocation, bindings, where, lets, branches, null);
    }

    /** This rule, run by {@code body} when no tracer listens. */
    public CompiledRule withBody(RuleBody body) {
        return new CompiledRule(id, description, policy, sourceLocation, bindings, where, lets, branches, body);
    }

    /**
     * A {@code for each} variable: the slot it lives in, the list it ranges over, and the part of
     * the rule's filter that needs no later variable ({@code filter}, null for none), tested as
     * soon as this variable is bound so that an inner loop only runs for outer values that pass.
     * When any binding has a filter, the filters together are exactly {@code where}; with a tracer
     * ({@code ppl explain}) the rule runs unfiltered and tests {@code where} on every combination,
     * so explanations see each combination as the rule reads.
     */
    public record Binding(int slot, Node.Obj source, Node.Bool filter) {}

    /** A {@code let}: numeric lets fill a number slot, the others an object slot. */
    public record Let(int slot, boolean numeric, Node.Num num, Node.Obj obj) {}

    /** Ends the message of a {@code review} finding that carries no CARC: a pre-bill hold, not a payer denial. */
    public static final String INTERNAL_REVIEW = " (internal review, not a payer denial)";

    /** A {@code when} branch and the finding it produces. */
    public record Branch(
            Node.Bool when,
            Severity severity,
            Node.Obj line,
            String group,
            String carc,
            List<String> rarc,
            Template message,
            Template fix,
            Template citation) {}

    /** A message with holes, rendered only when a finding is produced. */
    public record Template(List<Object> parts) {
        /** Renders literal parts ({@code String}) and holes ({@code Node.Obj} giving display text). */
        public String render(Frame f) {
            if (parts.size() == 1 && parts.get(0) instanceof String s) {
                return s;
            }
            StringBuilder out = new StringBuilder();
            for (Object p : parts) {
                out.append(p instanceof String s ? s : (String) ((Node.Obj) p).get(f));
            }
            return out.toString();
        }
    }

    /** Runs the rule over the frame's claim. */
    public void run(Frame f, FindingSink sink) {
        if (body != null && f.tracer == null) {
            body.run(this, f, sink);
            return;
        }
        runTree(f, sink);
    }

    /** Runs the rule's node tree, whatever its body. */
    public void runTree(Frame f, FindingSink sink) {
        bind(0, f, sink);
    }

    private void bind(int level, Frame f, FindingSink sink) {
        boolean traced = f.tracer != null;
        if (level == bindings.size()) {
            if (traced) {
                f.tracer.enter(this, f);
            }
            if (where == null || (!traced && filtered()) || where.test(f)) {
                fire(f, sink);
            }
            return;
        }
        Binding b = bindings.get(level);
        List<?> items = (List<?>) b.source().get(f);
        if (items == null) {
            return;
        }
        Node.Bool filter = traced ? null : b.filter();
        for (int i = 0; i < items.size(); i++) {
            f.step();
            f.refs[b.slot()] = items.get(i);
            if (filter == null || filter.test(f)) {
                bind(level + 1, f, sink);
            }
        }
    }

    /** Whether the bindings' filters stand for {@code where}. */
    private boolean filtered() {
        for (int i = 0; i < bindings.size(); i++) {
            if (bindings.get(i).filter() != null) {
                return true;
            }
        }
        return false;
    }

    private void fire(Frame f, FindingSink sink) {
        for (int i = 0; i < lets.size(); i++) {
            Let let = lets.get(i);
            if (let.numeric()) {
                f.nums[let.slot()] = let.num().num(f);
            } else {
                f.refs[let.slot()] = let.obj().get(f);
            }
        }
        for (int i = 0; i < branches.size(); i++) {
            Branch br = branches.get(i);
            if (br.when().test(f)) {
                report(br, br.line() == null ? null : br.line().get(f), f, sink);
            }
        }
    }

    /** Tells the sink that a branch fired about {@code line} (null for the claim), with its texts rendered. */
    public void report(Branch br, Object line, Frame f, FindingSink sink) {
        report(br, line, br.message().render(f), br.fix() == null ? null : br.fix().render(f),
                br.citation() == null ? null : br.citation().render(f), sink);
    }

    /** Tells the sink that a branch fired, its texts rendered already (by a generated body). */
    public void report(Branch br, Object line, String message, String fix, String citation, FindingSink sink) {
        sink.fired(this, br, (dev.ppl.claim.ServiceLine) line, message, fix, citation);
    }
}
