package dev.ppl.audit;

import dev.ppl.ast.Decl;
import dev.ppl.ast.Template;
import dev.ppl.check.CheckedPolicy;
import dev.ppl.check.ClaimSchema;
import dev.ppl.check.Symbol;
import dev.ppl.check.Type;
import dev.ppl.compile.Compiler;
import dev.ppl.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/** Compiles the measures of a checked policy, reusing the rule compiler for every expression. */
final class MeasureCompiler {
    private MeasureCompiler() {}

    static List<CompiledMeasure> compile(CheckedPolicy policy) {
        List<CompiledMeasure> out = new ArrayList<>();
        for (Decl.Measure m : policy.measures()) {
            out.add(measure(policy, m));
        }
        return out;
    }

    private static CompiledMeasure measure(CheckedPolicy owner, Decl.Measure m) {
        CheckedPolicy.Facts facts = owner.facts();
        SourceFile source = owner.file().source();
        List<CompiledMeasure.Binding> bindings = new ArrayList<>();
        int lineSlot = -1;
        for (Decl.Binding b : m.bindings()) {
            Symbol.Var v = facts.bound(b);
            bindings.add(new CompiledMeasure.Binding(v.slot(), Compiler.value(owner, b.source())));
            if (lineSlot < 0 && v.type() instanceof Type.Entity e
                    && (e.kind() == ClaimSchema.Kind.LINE || e.kind() == ClaimSchema.Kind.INJECTION)) {
                lineSlot = v.slot();
            }
        }
        List<CompiledMeasure.Let> lets = new ArrayList<>();
        for (Decl.Let let : m.lets()) {
            Symbol.Var v = facts.bound(let);
            lets.add(new CompiledMeasure.Let(v.slot(), v.numericSlot(), Compiler.value(owner, let.value())));
        }
        List<CompiledMeasure.Benchmark> benchmarks = new ArrayList<>();
        for (Decl.Benchmark b : m.benchmarks()) {
            benchmarks.add(new CompiledMeasure.Benchmark(b.name().text(), facts.bound(b).slot(),
                    Compiler.value(owner, b.value())));
        }
        List<CompiledMeasure.Flag> flags = new ArrayList<>();
        for (Decl.Flag f : m.flags()) {
            flags.add(new CompiledMeasure.Flag(f.level().text(), Compiler.value(owner, f.when()),
                    parts(owner, f.message()), parts(owner, f.fix()), parts(owner, f.cites()),
                    where(source, f.span().start()), oneLine(source.slice(f.when().span()))));
        }
        int[] size = facts.frameSize(m);
        String cites = m.cites() != null ? m.cites().value()
                : owner.info().cites().isEmpty() ? null : String.join("; ", owner.info().cites());
        return new CompiledMeasure(owner.info().id(), m, bindings,
                m.where() == null ? null : Compiler.value(owner, m.where()), lets,
                m.item() == null ? null : Compiler.value(owner, m.item()),
                m.volume() == null ? null : Compiler.value(owner, m.volume()), lineSlot, size[0], size[1], benchmarks,
                flags, cites, owner.info().version(), where(source, m.span().start()), definition(source, m));
    }

    private static String where(SourceFile source, int offset) {
        return source.path() + ":" + source.line(offset);
    }

    /** The measure's text up to its first flag (what it counts, how it groups and compares). */
    private static String definition(SourceFile source, Decl.Measure m) {
        int end = m.flags().isEmpty() ? m.span().end() : m.flags().get(0).span().start();
        String text = source.text().substring(m.span().start(), Math.min(end, source.text().length()));
        return text.stripTrailing();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static List<Object> parts(CheckedPolicy owner, Template t) {
        if (t == null) {
            return null;
        }
        List<Object> parts = new ArrayList<>();
        for (Template.Part p : t.parts()) {
            parts.add(p instanceof Template.Literal l ? l.text() : Compiler.value(owner, ((Template.Hole) p).expr()));
        }
        return parts;
    }
}
