package dev.ppl.codegen;

import static org.objectweb.asm.Opcodes.*;

import dev.ppl.ast.Decl;
import dev.ppl.ast.Expr;
import dev.ppl.check.Builtin;
import dev.ppl.check.CheckedPolicy;
import dev.ppl.check.ClaimSchema;
import dev.ppl.check.Symbol;
import dev.ppl.check.Type;
import dev.ppl.claim.Claim;
import dev.ppl.claim.Drug;
import dev.ppl.claim.Encounter;
import dev.ppl.claim.HistoryEntry;
import dev.ppl.claim.InjectedDrug;
import dev.ppl.claim.Injection;
import dev.ppl.claim.Patient;
import dev.ppl.claim.Payer;
import dev.ppl.claim.Provider;
import dev.ppl.claim.ServiceLine;
import dev.ppl.compile.Arithmetic;
import dev.ppl.compile.Builtins;
import dev.ppl.compile.Comparison;
import dev.ppl.compile.Compiler;
import dev.ppl.compile.Display;
import dev.ppl.compile.Fields;
import dev.ppl.compile.MatchPattern;
import dev.ppl.compile.Membership;
import dev.ppl.runtime.ClaimContext;
import dev.ppl.runtime.CompiledRule;
import dev.ppl.runtime.FindingSink;
import dev.ppl.runtime.Frame;
import dev.ppl.runtime.Node;
import dev.ppl.runtime.RuleBody;
import dev.ppl.value.CodeSet;
import dev.ppl.value.Duration;
import dev.ppl.value.Numbers;
import dev.ppl.value.Quantity;
import dev.ppl.value.Table;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes one rule as the {@link RuleBody#run} method of a hidden class: its loops, filters, lets
 * and branches as straight-line code over the claim model, with the rule's constants (code sets,
 * tables, branches) as constants of the class. Each construct does what its node in {@link
 * Compiler} does, reading its operands in the same order and spending the same steps; a construct
 * not written here runs through its node (built by the same compiler), so every rule has a body.
 *
 * <p>Variables live in the method's local variables; in a rule with a construct run as its node,
 * in the frame's slots, where the node reads them. On the operand stack a condition is an {@code
 * int}, a number a {@code double} ({@code NaN} for missing) and any other value an {@code Object}
 * (null for missing), cast where it is used.
 */
final class RuleWriter {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String OBJECT = "java/lang/Object";
    private static final String FRAME = internal(Frame.class);
    private static final String LIST = "java/util/List";
    private static final Handle CLASS_DATA = new Handle(H_INVOKESTATIC, "java/lang/invoke/MethodHandles", "classDataAt",
            MethodType.methodType(Object.class, MethodHandles.Lookup.class, String.class, Class.class, int.class)
                    .toMethodDescriptorString(), false);

    /**
     * Bytes of bytecode above which HotSpot does not compile a method ({@code HugeMethodLimit}):
     * a rule that large runs faster as its node tree, whose nodes are each compiled.
     */
    private static final int HUGE_METHOD = 8000;

    /** Local variables of {@code run(CompiledRule rule, Frame f, FindingSink sink)}. */
    private static final int RULE = 1;
    private static final int F = 2;
    private static final int SINK = 3;

    private final CheckedPolicy owner;
    private final CheckedPolicy.Facts facts;
    private final Decl.Rule rule;
    private final CompiledRule compiled;
    private final List<Object> constants = new ArrayList<>();
    private final List<Class<?>> constantTypes = new ArrayList<>();
    private final Map<Object, Integer> constantIndex = new IdentityHashMap<>();
    /** The lets whose value is {@code lower(...)}: lower case, or missing. */
    private final java.util.Set<Symbol.Var> lowerCaseLets = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /**
     * Whether the rule's variables live in JVM local variables, where the JIT keeps them in
     * registers; otherwise in the frame's slots, where a construct run as its node reads them.
     */
    private final boolean variablesInLocals;
    /** The local variable of each frame slot used so far, values and numbers apart. */
    private final Map<Integer, Integer> valueLocals = new java.util.HashMap<>();
    private final Map<Integer, Integer> numberLocals = new java.util.HashMap<>();
    /** Whether some construct was written as a call of its node. */
    private boolean fellBack;
    private MethodVisitor mv;
    private int nextLocal = SINK + 1;

    RuleWriter(CheckedPolicy owner, Decl.Rule rule, CompiledRule compiled) {
        this(owner, rule, compiled, true);
    }

    private RuleWriter(CheckedPolicy owner, Decl.Rule rule, CompiledRule compiled, boolean variablesInLocals) {
        this.variablesInLocals = variablesInLocals;
        this.owner = owner;
        this.facts = owner.facts();
        this.rule = rule;
        this.compiled = compiled;
        for (Decl.Let let : rule.lets()) {
            if (let.value() instanceof Expr.Call c && facts.call(c) == Builtin.LOWER) {
                lowerCaseLets.add(facts.bound(let));
            }
        }
    }

    /**
     * The rule's body: defines the class and returns its one instance; null when the method would
     * be too large. The variables are kept in local variables unless a construct of the rule runs
     * as its node, which reads them from the frame: the rule is then written again with frame slots.
     */
    RuleBody define() {
        byte[] bytes = write();
        if (fellBack && variablesInLocals) {
            return new RuleWriter(owner, rule, compiled, false).define();
        }
        if (bytes == null) {
            return null;
        }
        try {
            MethodHandles.Lookup defined = LOOKUP.defineHiddenClassWithClassData(bytes, List.copyOf(constants), true);
            return (RuleBody) defined.findConstructor(defined.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("could not define the generated class of rule " + compiled.id(), e);
        }
    }

    /** The class file of the rule's body; null when its method would be too large. */
    private byte[] write() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return OBJECT; // values are cast where used, so the frames need no finer type
            }
        };
        String name = "dev/ppl/codegen/Rule$" + compiled.id().replaceAll("[^A-Za-z0-9_]", "_");
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, OBJECT, new String[] {internal(RuleBody.class)});
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, OBJECT, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        mv = cw.visitMethod(ACC_PUBLIC, "run", MethodType.methodType(void.class, CompiledRule.class, Frame.class,
                FindingSink.class).toMethodDescriptorString(), null, null);
        mv.visitCode();
        List<List<Expr>> filters = Compiler.filtersByLevel(owner, rule);
        bind(0, filters);
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        resolveConstants(cw);
        cw.visitEnd();
        if (end.getOffset() > HUGE_METHOD) {
            return null;
        }
        byte[] bytes = cw.toByteArray();
        dump(name, bytes);
        return bytes;
    }

    /**
     * A static initializer that loads every constant once: the JIT compiles no method with a
     * constant not yet resolved ({@code COMPILE SKIPPED: could not resolve a constant}), and a
     * finding's branch is often resolved only when the rule first fires.
     */
    private void resolveConstants(ClassWriter cw) {
        mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        for (int i = 0; i < constants.size(); i++) {
            loadConstant(i, constantTypes.get(i));
            mv.visitInsn(POP);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** With {@code -Dppl.codegen.dump=DIR}, writes each class to DIR for {@code javap -c} (debugging the generator). */
    private static void dump(String name, byte[] bytes) {
        String dir = System.getProperty("ppl.codegen.dump");
        if (dir != null) {
            try {
                java.nio.file.Path file = java.nio.file.Path.of(dir, name.substring(name.lastIndexOf('/') + 1) + ".class");
                java.nio.file.Files.createDirectories(file.getParent());
                java.nio.file.Files.write(file, bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    // ------------------------------------------------------------------- the rule

    /** The {@code for each} loops from {@code level} inward, as {@code CompiledRule.bind} runs them untraced. */
    private void bind(int level, List<List<Expr>> filters) {
        List<Decl.Binding> bindings = rule.bindings();
        if (level == bindings.size()) {
            boolean filtered = filters != null && filters.stream().anyMatch(l -> !l.isEmpty());
            Label skip = new Label();
            if (rule.where() != null && !filtered) {
                bool(rule.where());
                mv.visitJumpInsn(IFEQ, skip);
            }
            fire();
            mv.visitLabel(skip);
            return;
        }
        Decl.Binding b = bindings.get(level);
        List<Expr> filter = filters == null ? List.of() : filters.get(level);
        loop(b.source(), facts.bound(b).slot(), done -> {
            Label next = new Label();
            for (Expr conjunct : filter) {
                bool(conjunct);
                mv.visitJumpInsn(IFEQ, next);
            }
            bind(level + 1, filters);
            mv.visitLabel(next);
        }, new Label());
    }

    /** The lets, then each branch whose condition holds reports its finding. */
    private void fire() {
        for (Decl.Let let : rule.lets()) {
            Symbol.Var v = facts.bound(let);
            storeVariable(v.slot(), v.numericSlot(), () -> {
                if (v.numericSlot()) {
                    num(let.value());
                } else {
                    obj(let.value());
                }
            });
        }
        for (int i = 0; i < rule.branches().size(); i++) {
            Decl.Branch b = rule.branches().get(i);
            CompiledRule.Branch branch = compiled.branches().get(i);
            Label next = new Label();
            bool(b.when());
            mv.visitJumpInsn(IFEQ, next);
            mv.visitVarInsn(ALOAD, RULE);
            constant(branch, CompiledRule.Branch.class);
            if (b.outcome().line() == null) {
                mv.visitInsn(ACONST_NULL);
            } else {
                obj(b.outcome().line());
            }
            // the texts in the order the tree renders them: message, fix, citation
            text(branch.message(), b.outcome().message());
            text(branch.fix(), b.outcome().fix());
            text(branch.citation(), b.outcome().cites());
            mv.visitVarInsn(ALOAD, SINK);
            call(INVOKEVIRTUAL, CompiledRule.class, "report", void.class, CompiledRule.Branch.class, Object.class,
                    String.class, String.class, String.class, FindingSink.class);
            mv.visitLabel(next);
        }
    }

    /**
     * A finding's text as {@link CompiledRule.Template#render} renders it (null for none): its
     * literal parts and the display text of each hole, the holes read from {@code source}, whose
     * parts the compiled template's parts follow one for one (a compiled template may end with more
     * literal text, and a citation taken from the rule or the policy is all literal).
     */
    private void text(CompiledRule.Template template, dev.ppl.ast.Template source) {
        if (template == null) {
            mv.visitInsn(ACONST_NULL);
            return;
        }
        List<Object> parts = template.parts();
        if (parts.size() == 1 && parts.get(0) instanceof String literal) {
            mv.visitLdcInsn(literal);
            return;
        }
        int capacity = 0;
        for (Object part : parts) {
            capacity += part instanceof String literal ? literal.length() : 16;
        }
        String builder = "java/lang/StringBuilder";
        mv.visitTypeInsn(NEW, builder);
        mv.visitInsn(DUP);
        push(capacity);
        mv.visitMethodInsn(INVOKESPECIAL, builder, "<init>", "(I)V", false);
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof String literal) {
                mv.visitLdcInsn(literal);
            } else {
                display(((dev.ppl.ast.Template.Hole) source.parts().get(i)).expr());
            }
            call(INVOKEVIRTUAL, StringBuilder.class, "append", StringBuilder.class, String.class);
        }
        call(INVOKEVIRTUAL, StringBuilder.class, "toString", String.class);
    }

    /** The display text of a value in a message, as the tree's display nodes give it. */
    private void display(Expr e) {
        Type t = facts.type(e);
        if (t == Type.Simple.NUMBER) {
            num(e);
            call(INVOKESTATIC, Numbers.class, "format", String.class, double.class);
        } else if (t == Type.Simple.BOOL) {
            Label no = new Label();
            Label end = new Label();
            bool(e);
            mv.visitJumpInsn(IFEQ, no);
            mv.visitLdcInsn("yes");
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(no);
            mv.visitLdcInsn("no");
            mv.visitLabel(end);
        } else {
            obj(e);
            call(INVOKESTATIC, Display.class, "of", String.class, Object.class);
        }
    }

    /** What a loop does with each element, after the element is in its slot. */
    private interface LoopBody {
        void emit(Label done);
    }

    /**
     * {@code for (x : source) { f.step(); f.refs[slot] = x; body }}, skipped when the list is
     * missing; the body may jump to {@code done} to leave the loop.
     */
    private void loop(Expr source, int slot, LoopBody body, Label done) {
        int items = nextLocal++;
        int index = nextLocal++;
        obj(source);
        mv.visitTypeInsn(CHECKCAST, LIST);
        mv.visitVarInsn(ASTORE, items);
        mv.visitVarInsn(ALOAD, items);
        mv.visitJumpInsn(IFNULL, done);
        push(0);
        mv.visitVarInsn(ISTORE, index);
        Label test = new Label();
        Label next = new Label();
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, index);
        mv.visitVarInsn(ALOAD, items);
        mv.visitMethodInsn(INVOKEINTERFACE, LIST, "size", "()I", true);
        mv.visitJumpInsn(IF_ICMPGE, done);
        mv.visitVarInsn(ALOAD, F);
        call(INVOKEVIRTUAL, Frame.class, "step", void.class);
        storeVariable(slot, false, () -> {
            mv.visitVarInsn(ALOAD, items);
            mv.visitVarInsn(ILOAD, index);
            mv.visitMethodInsn(INVOKEINTERFACE, LIST, "get", "(I)Ljava/lang/Object;", true);
        });
        body.emit(done);
        mv.visitLabel(next);
        mv.visitIincInsn(index, 1);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(done);
    }

    // -------------------------------------------------------------- conditions

    private void bool(Expr e) {
        if (facts.constant(e) instanceof Boolean b) {
            push(b ? 1 : 0);
        } else if (e instanceof Expr.And a) {
            Label no = new Label();
            Label end = new Label();
            bool(a.left());
            mv.visitJumpInsn(IFEQ, no);
            bool(a.right());
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(no);
            push(0);
            mv.visitLabel(end);
        } else if (e instanceof Expr.Or o) {
            Label yes = new Label();
            Label end = new Label();
            bool(o.left());
            mv.visitJumpInsn(IFNE, yes);
            bool(o.right());
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(yes);
            push(1);
            mv.visitLabel(end);
        } else if (e instanceof Expr.Not n) {
            bool(n.operand());
            negate();
        } else if (e instanceof Expr.Compare c) {
            compare(c);
        } else if (e instanceof Expr.In in) {
            in(in);
        } else if (e instanceof Expr.Is is) {
            is(is);
        } else if (e instanceof Expr.Quantified q) {
            quantified(q);
        } else if (e instanceof Expr.Call c && facts.call(c) == Builtin.CONTAINS
                && facts.constant(c.args().get(1)) instanceof String part) {
            mv.visitVarInsn(ALOAD, F);
            obj(c.args().get(0));
            constant(part.toLowerCase(java.util.Locale.ROOT), String.class);
            // `let why = lower(...)` then contains(why, ...): the text is lower case already
            boolean lowerCase = c.args().get(0) instanceof Expr.NameRef n && lowerCaseLets.contains(facts.symbol(n));
            call(INVOKESTATIC, Builtins.class, lowerCase ? "containsInLowerCase" : "containsLowered", boolean.class,
                    Frame.class, Object.class, String.class);
        } else if (e instanceof Expr.Within w) {
            obj(w.date());
            obj(w.reference());
            constant(facts.constant(w.window()), Duration.class);
            constant(w.direction(), Expr.Direction.class);
            call(INVOKESTATIC, Arithmetic.class, "within", boolean.class, Object.class, Object.class, Duration.class,
                    Expr.Direction.class);
        } else if (e instanceof Expr.Call c) {
            if (!function(c)) {
                fallback(Compiler.condition(owner, e), Node.Bool.class, "test", boolean.class);
            }
        } else {
            // a variable or value holding true/false: anything but true is false
            mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
            if (e instanceof Expr.NameRef n && facts.symbol(n) instanceof Symbol.Var v) {
                loadVariable(v.slot(), false);
            } else {
                obj(e);
            }
            call(INVOKEVIRTUAL, Boolean.class, "equals", boolean.class, Object.class);
        }
    }

    private void compare(Expr.Compare c) {
        Type l = facts.type(c.left());
        Type r = facts.type(c.right());
        int op = Comparison.op(c.op());
        if (l == Type.Simple.NUMBER && r == Type.Simple.NUMBER) {
            num(c.left());
            num(c.right());
            switch (op) {
                case Comparison.NE -> call(INVOKESTATIC, Comparison.class, "notEqual", boolean.class, double.class,
                        double.class);
                // NaN compares false: dcmpg gives 1 for it, dcmpl -1
                case Comparison.EQ -> test(DCMPL, IFEQ);
                case Comparison.LT -> test(DCMPG, IFLT);
                case Comparison.LE -> test(DCMPG, IFLE);
                case Comparison.GT -> test(DCMPL, IFGT);
                default -> test(DCMPL, IFGE);
            }
            return;
        }
        obj(c.left());
        obj(c.right());
        if (l instanceof Type.Quantity || r instanceof Type.Quantity) {
            push(op);
            call(INVOKESTATIC, Comparison.class, "quantities", boolean.class, Object.class, Object.class, int.class);
        } else if (l == Type.Simple.DATE) {
            push(op);
            call(INVOKESTATIC, Comparison.class, "dates", boolean.class, Object.class, Object.class, int.class);
        } else {
            push(op == Comparison.EQ ? 1 : 0);
            String how = l instanceof Type.Entity ? "identical"
                    : l == Type.Simple.DIAGNOSIS || r == Type.Simple.DIAGNOSIS ? "diagnoses" : "values";
            call(INVOKESTATIC, Comparison.class, how, boolean.class, Object.class, Object.class, boolean.class);
        }
    }

    private void in(Expr.In in) {
        Type container = facts.type(in.container());
        CodeSet set = knownSet(in.container());
        if (container instanceof Type.CodeSetOf && set == null) {
            fallback(Compiler.condition(owner, in), Node.Bool.class, "test", boolean.class);
            return;
        }
        boolean number = facts.type(in.element()) == Type.Simple.NUMBER;
        Label no = new Label();
        Label end = new Label();
        if (in.negated()) {
            // `x not in S` is false, like every test, when x is missing (the element is read twice, as the node does)
            if (number) {
                num(in.element());
                call(INVOKESTATIC, Double.class, "isNaN", boolean.class, double.class);
                mv.visitJumpInsn(IFNE, no);
            } else {
                obj(in.element());
                mv.visitJumpInsn(IFNULL, no);
            }
        }
        if (container instanceof Type.CodeSetOf && set.flat() != null) {
            obj(in.element());
            inFlatSet(set.flat());
        } else if (container instanceof Type.CodeSetOf) {
            obj(in.element());
            constant(set, CodeSet.class);
            call(INVOKESTATIC, Membership.class, "inSet", boolean.class, Object.class, CodeSet.class);
        } else if (((Type.ListOf) container).element() == Type.Simple.NUMBER) {
            mv.visitVarInsn(ALOAD, F);
            num(in.element());
            obj(in.container());
            call(INVOKESTATIC, Membership.class, "inNumbers", boolean.class, Frame.class, double.class, Object.class);
        } else {
            mv.visitVarInsn(ALOAD, F);
            obj(in.element());
            obj(in.container());
            push(((Type.ListOf) container).element() == Type.Simple.DIAGNOSIS ? 1 : 0);
            call(INVOKESTATIC, Membership.class, "inList", boolean.class, Frame.class, Object.class, Object.class,
                    boolean.class);
        }
        if (in.negated()) {
            negate();
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(no);
            push(0);
            mv.visitLabel(end);
        }
    }

    /**
     * Whether the code on the stack is in a set of codes and ranges, tested inline as {@link
     * CodeSet#contains} tests it: missing is not in it, the code is trimmed, a few codes are
     * compared one by one (more are looked up in a set), then each range.
     */
    private void inFlatSet(CodeSet.Flat set) {
        int code = nextLocal++;
        Label missing = new Label();
        Label yes = new Label();
        Label end = new Label();
        mv.visitInsn(DUP);
        mv.visitJumpInsn(IFNULL, missing);
        mv.visitTypeInsn(CHECKCAST, "java/lang/String");
        call(INVOKEVIRTUAL, String.class, "trim", String.class);
        mv.visitVarInsn(ASTORE, code);
        if (set.codes().size() <= 4) {
            for (String c : set.codes()) {
                mv.visitLdcInsn(c);
                mv.visitVarInsn(ALOAD, code);
                call(INVOKEVIRTUAL, String.class, "equals", boolean.class, Object.class);
                mv.visitJumpInsn(IFNE, yes);
            }
        } else {
            constant(java.util.Set.copyOf(set.codes()), java.util.Set.class);
            mv.visitVarInsn(ALOAD, code);
            call(INVOKEINTERFACE, java.util.Set.class, "contains", boolean.class, Object.class);
            mv.visitJumpInsn(IFNE, yes);
        }
        for (List<String> range : set.ranges()) {
            mv.visitVarInsn(ALOAD, code);
            mv.visitLdcInsn(range.get(0));
            mv.visitLdcInsn(range.get(1));
            call(INVOKESTATIC, CodeSet.class, "inRange", boolean.class, String.class, String.class, String.class);
            mv.visitJumpInsn(IFNE, yes);
        }
        push(0);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(missing);
        mv.visitInsn(POP);
        push(0);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(yes);
        push(1);
        mv.visitLabel(end);
    }

    /** The code set an expression stands for when the policy compiles (a set literal or a named set), else null. */
    private CodeSet knownSet(Expr e) {
        if (facts.constant(e) instanceof CodeSet set) {
            return set;
        }
        return e instanceof Expr.NameRef n && facts.symbol(n) instanceof Symbol.SetRef ref ? ref.set() : null;
    }

    private void is(Expr.Is is) {
        if (facts.type(is.operand()) == Type.Simple.NUMBER) {
            num(is.operand());
            call(INVOKESTATIC, Double.class, "isNaN", boolean.class, double.class);
            if (is.check() == Expr.Check.PRESENT) {
                negate();
            }
        } else {
            obj(is.operand());
            call(INVOKESTATIC, dev.ppl.compile.Display.class, is.check() == Expr.Check.BLANK ? "isBlank" : "isEmpty",
                    boolean.class, Object.class);
            if (is.check() == Expr.Check.PRESENT) {
                negate();
            }
        }
        if (is.negated()) {
            negate();
        }
    }

    /** {@code any}, {@code no} and {@code every}: a loop that stops at the first element that decides. */
    private void quantified(Expr.Quantified q) {
        int slot = facts.bound(q).slot();
        boolean every = q.quantifier() == Expr.Quantifier.EVERY;
        boolean wanted = q.quantifier() == Expr.Quantifier.ANY;
        Label decided = new Label();
        Label end = new Label();
        loop(q.source(), slot, done -> {
            Label next = new Label();
            if (q.where() != null) {
                bool(q.where());
                mv.visitJumpInsn(IFEQ, next);
            }
            if (every) {
                bool(q.satisfies());
                mv.visitJumpInsn(IFEQ, decided);
            } else {
                mv.visitJumpInsn(GOTO, decided);
            }
            mv.visitLabel(next);
        }, new Label());
        // no element decided: every is true, any false, no true
        push(every || !wanted ? 1 : 0);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(decided);
        push(every ? 0 : wanted ? 1 : 0);
        mv.visitLabel(end);
    }

    // ----------------------------------------------------------------- numbers

    private void num(Expr e) {
        if (facts.constant(e) instanceof Double d) {
            mv.visitLdcInsn(d.doubleValue());
        } else if (e instanceof Expr.NameRef n && facts.symbol(n) instanceof Symbol.Var v) {
            loadVariable(v.slot(), v.numericSlot());
            if (!v.numericSlot()) {
                ops("number", double.class, Object.class);
            }
        } else if (e instanceof Expr.Member m && facts.field(m) != null) {
            ClaimSchema.Field field = facts.field(m);
            Accessor a = NUMBER_FIELDS.get(field);
            if (DERIVED_FIELDS.containsKey(field)) {
                derivedField(field, () -> obj(m.target()));
                return;
            }
            if (a == null) {
                fallback(Compiler.number(owner, e), Node.Num.class, "num", double.class);
                return;
            }
            // target instanceof Owner o ? o.field() : NaN
            Label missing = new Label();
            Label end = new Label();
            obj(m.target());
            mv.visitInsn(DUP);
            mv.visitTypeInsn(INSTANCEOF, a.owner());
            mv.visitJumpInsn(IFEQ, missing);
            mv.visitTypeInsn(CHECKCAST, a.owner());
            mv.visitMethodInsn(INVOKEVIRTUAL, a.owner(), a.method(), a.descriptor(), false);
            if (a.descriptor().endsWith("I")) {
                mv.visitInsn(I2D);
            }
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(missing);
            mv.visitInsn(POP);
            mv.visitLdcInsn(Double.NaN);
            mv.visitLabel(end);
        } else if (e instanceof Expr.Member m) {
            obj(m.target());
            push(facts.column(m));
            call(INVOKESTATIC, Fields.class, "numberColumn", double.class, Object.class, int.class);
        } else if (e instanceof Expr.Negate n) {
            num(n.operand());
            mv.visitInsn(DNEG);
        } else if (e instanceof Expr.Arithmetic a) {
            arithmetic(a);
        } else if (e instanceof Expr.Count c) {
            count(c);
        } else if (e instanceof Expr.Sum s) {
            sum(s);
        } else if (e instanceof Expr.Call c) {
            if (!function(c)) {
                fallback(Compiler.number(owner, e), Node.Num.class, "num", double.class);
            }
        } else {
            obj(e);
            ops("number", double.class, Object.class);
        }
    }

    private void arithmetic(Expr.Arithmetic a) {
        if (facts.type(a.left()) instanceof Type.Quantity && facts.type(a.right()) instanceof Type.Quantity) {
            obj(a.left());
            obj(a.right());
            call(INVOKESTATIC, Arithmetic.class, "ratio", double.class, Object.class, Object.class);
            return;
        }
        if (a.op() == '/') {
            // the divisor first: x / 0 is missing, and x is then not read
            int divisor = nextLocal;
            nextLocal += 2;
            Label zero = new Label();
            Label end = new Label();
            num(a.right());
            mv.visitVarInsn(DSTORE, divisor);
            mv.visitVarInsn(DLOAD, divisor);
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DCMPL);
            mv.visitJumpInsn(IFEQ, zero);
            num(a.left());
            mv.visitVarInsn(DLOAD, divisor);
            mv.visitInsn(DDIV);
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(zero);
            mv.visitLdcInsn(Double.NaN);
            mv.visitLabel(end);
            return;
        }
        num(a.left());
        num(a.right());
        mv.visitInsn(switch (a.op()) {
            case '+' -> DADD;
            case '-' -> DSUB;
            default -> DMUL;
        });
    }

    private void count(Expr.Count c) {
        int count = nextLocal++;
        push(0);
        mv.visitVarInsn(ISTORE, count);
        loop(c.source(), facts.bound(c).slot(), done -> {
            Label next = new Label();
            if (c.where() != null) {
                bool(c.where());
                mv.visitJumpInsn(IFEQ, next);
            }
            mv.visitIincInsn(count, 1);
            mv.visitLabel(next);
        }, new Label());
        mv.visitVarInsn(ILOAD, count);
        mv.visitInsn(I2D);
    }

    private void sum(Expr.Sum s) {
        int sum = nextLocal;
        int value = nextLocal + 2;
        nextLocal += 4;
        mv.visitInsn(DCONST_0);
        mv.visitVarInsn(DSTORE, sum);
        loop(s.source(), facts.bound(s).slot(), done -> {
            Label next = new Label();
            if (s.where() != null) {
                bool(s.where());
                mv.visitJumpInsn(IFEQ, next);
            }
            // a missing value adds nothing
            num(s.value());
            mv.visitVarInsn(DSTORE, value);
            mv.visitVarInsn(DLOAD, value);
            call(INVOKESTATIC, Double.class, "isNaN", boolean.class, double.class);
            mv.visitJumpInsn(IFNE, next);
            mv.visitVarInsn(DLOAD, sum);
            mv.visitVarInsn(DLOAD, value);
            mv.visitInsn(DADD);
            mv.visitVarInsn(DSTORE, sum);
            mv.visitLabel(next);
        }, new Label());
        mv.visitVarInsn(DLOAD, sum);
    }

    // ------------------------------------------------------------------ values

    private void obj(Expr e) {
        Type t = facts.type(e);
        Object constant = facts.constant(e);
        if (constant != null && !(constant instanceof com.google.re2j.Pattern)) {
            constant(constant, Object.class);
        } else if (t == Type.Simple.NUMBER) {
            num(e);
            ops("boxed", Object.class, double.class);
        } else if (t == Type.Simple.BOOL) {
            bool(e);
            call(INVOKESTATIC, Boolean.class, "valueOf", Boolean.class, boolean.class);
        } else if (e instanceof Expr.NameRef n) {
            Symbol s = facts.symbol(n);
            if (s instanceof Symbol.Var v) {
                loadVariable(v.slot(), false);
            } else if (s instanceof Symbol.ClaimRoot) {
                claim();
            } else if (s instanceof Symbol.ClaimField cf) {
                field(e, cf.field(), this::claim);
            } else {
                constant(((Symbol.SetRef) s).set(), Object.class);
            }
        } else if (e instanceof Expr.Member m && facts.field(m) != null) {
            field(e, facts.field(m), () -> obj(m.target()));
        } else if (e instanceof Expr.Member m) {
            obj(m.target());
            push(facts.column(m));
            call(INVOKESTATIC, Fields.class, "column", Object.class, Object.class, int.class);
        } else if (e instanceof Expr.Lookup l && (l.keys().size() == 1 || (l.keys().size() == 2 && facts.lookup(l).table().pairKeyed()))) {
            lookup(l);
        } else if (e instanceof Expr.Negate n) {
            obj(n.operand());
            call(INVOKESTATIC, Arithmetic.class, "negate", Quantity.class, Object.class);
        } else if (e instanceof Expr.Arithmetic a) {
            arithmeticObj(a, t);
        } else if (e instanceof Expr.Sum s) {
            quantitySum(s);
        } else if (e instanceof Expr.Call c && facts.call(c) == Builtin.TEXT_IF) {
            // the text is read only when the condition holds, as the node reads it
            Label no = new Label();
            Label end = new Label();
            bool(c.args().get(0));
            mv.visitJumpInsn(IFEQ, no);
            obj(c.args().get(1));
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(no);
            mv.visitInsn(ACONST_NULL);
            mv.visitLabel(end);
        } else if (e instanceof Expr.Call c && facts.call(c) == Builtin.LIST) {
            // the texts present, left to right, joined as the node joins them
            String list = "java/util/ArrayList";
            mv.visitTypeInsn(NEW, list);
            mv.visitInsn(DUP);
            push(c.args().size());
            mv.visitMethodInsn(INVOKESPECIAL, list, "<init>", "(I)V", false);
            for (Expr arg : c.args()) {
                mv.visitInsn(DUP);
                obj(arg);
                call(INVOKESTATIC, Builtins.class, "addPresent", void.class, List.class, Object.class);
            }
            call(INVOKESTATIC, Builtins.class, "joinAsList", String.class, List.class);
        } else if (e instanceof Expr.Call c && function(c)) {
            // the function's text
        } else {
            fallback(Compiler.value(owner, e), Node.Obj.class, "get", Object.class);
        }
    }

    /** Date and duration, or quantity arithmetic, as the tree computes it: operands in the tree's order. */
    private void arithmeticObj(Expr.Arithmetic a, Type t) {
        Type l = facts.type(a.left());
        Type r = facts.type(a.right());
        if (t == Type.Simple.DATE) {
            obj(a.left());
            constant(facts.constant(a.right()), Duration.class);
            call(INVOKESTATIC, Arithmetic.class, a.op() == '+' ? "after" : "before", LocalDate.class, Object.class,
                    Duration.class);
        } else if (l instanceof Type.Quantity && r instanceof Type.Quantity) {
            obj(a.left());
            obj(a.right());
            mv.visitLdcInsn(a.op() == '+' ? 1.0 : -1.0);
            call(INVOKESTATIC, Arithmetic.class, "plus", Quantity.class, Object.class, Object.class, double.class);
        } else {
            // the quantity first, whichever side it is on
            obj(l instanceof Type.Quantity ? a.left() : a.right());
            num(l instanceof Type.Quantity ? a.right() : a.left());
            push(a.op() == '/' ? 1 : 0);
            call(INVOKESTATIC, Arithmetic.class, "scale", Quantity.class, Object.class, double.class, boolean.class);
        }
    }

    /** {@code sum(value for x in list where ...)} of quantities: missing when two differ in dimension. */
    private void quantitySum(Expr.Sum s) {
        int total = nextLocal++;
        int value = nextLocal++;
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, total);
        String quantity = internal(Quantity.class);
        loop(s.source(), facts.bound(s).slot(), done -> {
            Label next = new Label();
            if (s.where() != null) {
                bool(s.where());
                mv.visitJumpInsn(IFEQ, next);
            }
            // a value that is not a quantity adds nothing
            obj(s.value());
            mv.visitVarInsn(ASTORE, value);
            mv.visitVarInsn(ALOAD, value);
            mv.visitTypeInsn(INSTANCEOF, quantity);
            mv.visitJumpInsn(IFEQ, next);
            mv.visitVarInsn(ALOAD, total);
            mv.visitTypeInsn(CHECKCAST, quantity);
            mv.visitVarInsn(ALOAD, value);
            mv.visitTypeInsn(CHECKCAST, quantity);
            call(INVOKESTATIC, Arithmetic.class, "addToSum", Quantity.class, Quantity.class, Quantity.class);
            mv.visitInsn(DUP);
            mv.visitVarInsn(ASTORE, total);
            mv.visitJumpInsn(IFNULL, done); // dimensions differ: the sum is missing, and stops
            mv.visitLabel(next);
        }, new Label());
        mv.visitVarInsn(ALOAD, total);
    }

    /**
     * A built-in function whose body is a public static method of {@link Builtins}: its
     * arguments' values left to right (a number as a double, a regular expression as the pattern
     * compiled with the policy), then the call. False when the function has no such method (the
     * caller runs it as its node).
     */
    private boolean function(Expr.Call c) {
        Method m = FUNCTIONS.get(facts.call(c));
        if (m == null) {
            return false;
        }
        java.util.Iterator<Expr> args = c.args().iterator();
        for (Class<?> p : m.getParameterTypes()) {
            if (p == Frame.class) {
                mv.visitVarInsn(ALOAD, F);
            } else if (p == MatchPattern.class) {
                args.next();
                constant(MatchPattern.of((com.google.re2j.Pattern) facts.constant(c)), MatchPattern.class);
            } else if (p == double.class) {
                num(args.next());
            } else {
                obj(args.next());
            }
        }
        mv.visitMethodInsn(INVOKESTATIC, internal(Builtins.class), m.getName(), org.objectweb.asm.Type.getMethodDescriptor(m),
                false);
        return true;
    }

    /** A field computed by a method of {@link Fields} from the value {@code target} leaves on the stack. */
    private void derivedField(ClaimSchema.Field field, Runnable target) {
        Method m = DERIVED_FIELDS.get(field);
        for (Class<?> p : m.getParameterTypes()) {
            if (p == Frame.class) {
                mv.visitVarInsn(ALOAD, F);
            } else {
                target.run();
            }
        }
        mv.visitMethodInsn(INVOKESTATIC, internal(Fields.class), m.getName(), org.objectweb.asm.Type.getMethodDescriptor(m),
                false);
    }

    /** The claim being evaluated: {@code f.claim().claim()}. */
    private void claim() {
        mv.visitVarInsn(ALOAD, F);
        call(INVOKEVIRTUAL, Frame.class, "claim", ClaimContext.class);
        call(INVOKEVIRTUAL, ClaimContext.class, "claim", Claim.class);
    }

    /** A claim model field of the value {@code target} leaves on the stack (missing when that is missing). */
    private void field(Expr e, ClaimSchema.Field field, Runnable target) {
        Accessor a = OBJECT_FIELDS.get(field);
        if (field == ClaimSchema.Field.CLAIM_DIAGNOSES) {
            mv.visitVarInsn(ALOAD, F);
            call(INVOKEVIRTUAL, Frame.class, "claim", ClaimContext.class);
            call(INVOKEVIRTUAL, ClaimContext.class, "diagnosisCodes", List.class);
        } else if (DERIVED_FIELDS.containsKey(field)) {
            derivedField(field, target);
        } else if (a != null) {
            // target instanceof Owner o ? o.field() : null
            Label missing = new Label();
            Label end = new Label();
            target.run();
            mv.visitInsn(DUP);
            mv.visitTypeInsn(INSTANCEOF, a.owner());
            mv.visitJumpInsn(IFEQ, missing);
            mv.visitTypeInsn(CHECKCAST, a.owner());
            mv.visitMethodInsn(INVOKEVIRTUAL, a.owner(), a.method(), a.descriptor(), false);
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(missing);
            mv.visitInsn(POP);
            mv.visitInsn(ACONST_NULL);
            mv.visitLabel(end);
        } else {
            fallback(Compiler.value(owner, e), Node.Obj.class, "get", Object.class);
        }
    }

    /** {@code TABLE[key]} and {@code TABLE[a, b]} of a pair-keyed table, each {@code on} a date or not. */
    private void lookup(Expr.Lookup l) {
        Table data = facts.lookup(l).table();
        int first = nextLocal++;
        Label missing = new Label();
        Label end = new Label();
        obj(l.keys().get(0));
        mv.visitVarInsn(ASTORE, first);
        mv.visitVarInsn(ALOAD, first);
        mv.visitJumpInsn(IFNULL, missing);
        int second = -1;
        if (l.keys().size() == 2) {
            second = nextLocal++;
            obj(l.keys().get(1));
            mv.visitVarInsn(ASTORE, second);
            mv.visitVarInsn(ALOAD, second);
            mv.visitJumpInsn(IFNULL, missing);
        }
        constant(data, Table.class);
        mv.visitVarInsn(ALOAD, first);
        call(INVOKESTATIC, String.class, "valueOf", String.class, Object.class);
        if (second >= 0) {
            mv.visitVarInsn(ALOAD, second);
            call(INVOKESTATIC, String.class, "valueOf", String.class, Object.class);
        }
        if (l.on() == null) {
            mv.visitInsn(ACONST_NULL);
        } else {
            obj(l.on());
            mv.visitTypeInsn(CHECKCAST, internal(LocalDate.class));
        }
        if (second >= 0) {
            call(INVOKEVIRTUAL, Table.class, "find", Table.Row.class, String.class, String.class, LocalDate.class);
        } else {
            call(INVOKEVIRTUAL, Table.class, "find", Table.Row.class, String.class, LocalDate.class);
        }
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(missing);
        mv.visitInsn(ACONST_NULL);
        mv.visitLabel(end);
    }

    // ------------------------------------------------------------- emitting

    /** A construct written as a node: {@code node.method(f)}, the node a constant of the class. */
    private void fallback(Object node, Class<?> type, String method, Class<?> result) {
        fellBack = true;
        constant(node, type);
        mv.visitVarInsn(ALOAD, F);
        call(INVOKEINTERFACE, type, method, result, Frame.class);
    }

    /** Pushes a constant of the class (its class data), typed {@code type}. */
    private void constant(Object value, Class<?> type) {
        Integer index = constantIndex.get(value);
        if (index == null || constantTypes.get(index) != type) {
            index = constants.size();
            constants.add(value);
            constantTypes.add(type);
            constantIndex.put(value, index);
        }
        loadConstant(index, type);
    }

    private void loadConstant(int index, Class<?> type) {
        mv.visitLdcInsn(new ConstantDynamic("_", org.objectweb.asm.Type.getDescriptor(type), CLASS_DATA, index));
    }

    /**
     * Stores the value {@code value} pushes into a variable: its JVM local variable, or its frame
     * slot when a node run from the method reads the frame.
     */
    private void storeVariable(int slot, boolean numeric, Runnable value) {
        if (variablesInLocals) {
            value.run();
            mv.visitVarInsn(numeric ? DSTORE : ASTORE, variableLocal(slot, numeric));
        } else {
            frameSlots(numeric);
            push(slot);
            value.run();
            mv.visitInsn(numeric ? DASTORE : AASTORE);
        }
    }

    /** Pushes a variable's value (a double when {@code numeric}). */
    private void loadVariable(int slot, boolean numeric) {
        if (variablesInLocals) {
            mv.visitVarInsn(numeric ? DLOAD : ALOAD, variableLocal(slot, numeric));
        } else {
            frameSlots(numeric);
            push(slot);
            mv.visitInsn(numeric ? DALOAD : AALOAD);
        }
    }

    /** The JVM local variable of a frame slot, taken when the slot is first used. */
    private int variableLocal(int slot, boolean numeric) {
        Map<Integer, Integer> locals = numeric ? numberLocals : valueLocals;
        Integer local = locals.get(slot);
        if (local == null) {
            local = nextLocal;
            nextLocal += numeric ? 2 : 1;
            locals.put(slot, local);
        }
        return local;
    }

    /** {@code f.refs} or {@code f.nums}. */
    private void frameSlots(boolean numeric) {
        mv.visitVarInsn(ALOAD, F);
        mv.visitFieldInsn(GETFIELD, FRAME, numeric ? "nums" : "refs", numeric ? "[D" : "[Ljava/lang/Object;");
    }

    private void push(int value) {
        if (value >= -1 && value <= 5) {
            mv.visitInsn(ICONST_0 + value);
        } else {
            mv.visitLdcInsn(value);
        }
    }

    /** Turns a condition on the stack to its opposite. */
    private void negate() {
        push(1);
        mv.visitInsn(IXOR);
    }

    /** Compares the two numbers on the stack and leaves 1 when {@code jump} (after {@code compare}) is taken. */
    private void test(int compare, int jump) {
        Label yes = new Label();
        Label end = new Label();
        mv.visitInsn(compare);
        mv.visitJumpInsn(jump, yes);
        push(0);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(yes);
        push(1);
        mv.visitLabel(end);
    }

    private void ops(String name, Class<?> result, Class<?>... parameters) {
        call(INVOKESTATIC, Ops.class, name, result, parameters);
    }

    private void call(int opcode, Class<?> owner, String name, Class<?> result, Class<?>... parameters) {
        mv.visitMethodInsn(opcode, internal(owner), name, MethodType.methodType(result, parameters).toMethodDescriptorString(),
                opcode == INVOKEINTERFACE);
    }

    private static String internal(Class<?> c) {
        return org.objectweb.asm.Type.getInternalName(c);
    }

    // ------------------------------------------------- the claim model's fields

    /** A record accessor of the claim model. */
    private record Accessor(String owner, String method, String descriptor) {
        static Accessor of(Class<?> owner, String method) {
            try {
                Method m = owner.getMethod(method);
                return new Accessor(internal(owner), method, org.objectweb.asm.Type.getMethodDescriptor(m));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(owner.getSimpleName() + " has no " + method, e);
            }
        }
    }

    /** The built-in functions whose body is a public static method of {@link Builtins} of the same name. */
    private static final Map<Builtin, Method> FUNCTIONS = new EnumMap<>(Builtin.class);

    /** Fields that are more than their record's component, each a public static method of {@link Fields}. */
    private static final Map<ClaimSchema.Field, Method> DERIVED_FIELDS = new EnumMap<>(ClaimSchema.Field.class);

    static {
        for (Method m : Builtins.class.getMethods()) {
            Builtin b = Builtin.byName(m.getName());
            if (b != null && java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                FUNCTIONS.put(b, m);
            }
        }
        Object[][] derived = {
            {ClaimSchema.Field.LINE_CHARGE, "lineCharge"},
            {ClaimSchema.Field.DRUG_QUANTITY, "drugQuantity"},
            {ClaimSchema.Field.PAYER_TYPE, "payerType"},
            {ClaimSchema.Field.LINE_DIAGNOSES, "lineDiagnoses"},
            {ClaimSchema.Field.LINE_PLACE_OF_SERVICE, "linePlaceOfService"},
            {ClaimSchema.Field.LINE_RENDERING_PROVIDER, "lineRenderingProvider"},
            {ClaimSchema.Field.LINE_SUPERVISING_PROVIDER, "lineSupervisingProvider"},
            {ClaimSchema.Field.INJECTION_ADMIN_LINE, "adminLine"},
            {ClaimSchema.Field.INJECTED_DRUG_LINE, "drugLine"},
            {ClaimSchema.Field.INJECTED_DRUG_DOSE, "dose"},
        };
        for (Object[] d : derived) {
            Method method = java.util.Arrays.stream(Fields.class.getMethods()).filter(m -> m.getName().equals(d[1]))
                    .findFirst().orElseThrow(() -> new IllegalStateException("Fields has no " + d[1]));
            DERIVED_FIELDS.put((ClaimSchema.Field) d[0], method);
        }
    }

    /** Number fields read straight from their record ({@code int} or {@code double}); the others run as nodes. */
    private static final Map<ClaimSchema.Field, Accessor> NUMBER_FIELDS = new EnumMap<>(Map.of(
            ClaimSchema.Field.LINE_NUMBER, Accessor.of(ServiceLine.class, "line"),
            ClaimSchema.Field.LINE_UNITS, Accessor.of(ServiceLine.class, "units"),
            ClaimSchema.Field.HISTORY_UNITS, Accessor.of(HistoryEntry.class, "units")));

    /** Fields that are their record's component as it is; the others are written out or run as nodes. */
    private static final Map<ClaimSchema.Field, Accessor> OBJECT_FIELDS = new EnumMap<>(ClaimSchema.Field.class);

    static {
        Object[][] plain = {
            {ClaimSchema.Field.CLAIM_ID, Claim.class, "claimId"},
            {ClaimSchema.Field.CLAIM_PAYER, Claim.class, "payer"},
            {ClaimSchema.Field.CLAIM_PATIENT, Claim.class, "patient"},
            {ClaimSchema.Field.CLAIM_BILLING_PROVIDER, Claim.class, "billingProvider"},
            {ClaimSchema.Field.CLAIM_RENDERING_PROVIDER, Claim.class, "renderingProvider"},
            {ClaimSchema.Field.CLAIM_SUPERVISING_PROVIDER, Claim.class, "supervisingProvider"},
            {ClaimSchema.Field.CLAIM_PLACE_OF_SERVICE, Claim.class, "placeOfService"},
            {ClaimSchema.Field.CLAIM_PRIOR_AUTHORIZATION, Claim.class, "priorAuthorization"},
            {ClaimSchema.Field.CLAIM_LINES, Claim.class, "lines"},
            {ClaimSchema.Field.CLAIM_ENCOUNTER, Claim.class, "encounter"},
            {ClaimSchema.Field.CLAIM_INJECTIONS, Claim.class, "injections"},
            {ClaimSchema.Field.CLAIM_HISTORY, Claim.class, "history"},
            {ClaimSchema.Field.PAYER_ID, Payer.class, "id"},
            {ClaimSchema.Field.PAYER_JURISDICTION, Payer.class, "jurisdiction"},
            {ClaimSchema.Field.PATIENT_ID, Patient.class, "id"},
            {ClaimSchema.Field.PATIENT_BIRTH_DATE, Patient.class, "birthDate"},
            {ClaimSchema.Field.PATIENT_SEX, Patient.class, "sex"},
            {ClaimSchema.Field.PROVIDER_NPI, Provider.class, "npi"},
            {ClaimSchema.Field.PROVIDER_TAXONOMY, Provider.class, "taxonomy"},
            {ClaimSchema.Field.PROVIDER_NAME, Provider.class, "name"},
            {ClaimSchema.Field.LINE_CODE, ServiceLine.class, "code"},
            {ClaimSchema.Field.LINE_DESCRIPTION, ServiceLine.class, "description"},
            {ClaimSchema.Field.LINE_MODIFIERS, ServiceLine.class, "modifiers"},
            {ClaimSchema.Field.LINE_SERVICE_DATE, ServiceLine.class, "serviceDate"},
            {ClaimSchema.Field.LINE_DIAGNOSIS_POINTERS, ServiceLine.class, "diagnosisPointers"},
            {ClaimSchema.Field.LINE_DRUG, ServiceLine.class, "drug"},
            {ClaimSchema.Field.DRUG_NDC, Drug.class, "ndc"},
            {ClaimSchema.Field.DRUG_UNIT, Drug.class, "unit"},
            {ClaimSchema.Field.DRUG_CONTAINER, Drug.class, "container"},
            {ClaimSchema.Field.ENCOUNTER_PURPOSE, Encounter.class, "purpose"},
            {ClaimSchema.Field.ENCOUNTER_NOTE, Encounter.class, "note"},
            {ClaimSchema.Field.INJECTION_ROUTE, Injection.class, "route"},
            {ClaimSchema.Field.INJECTION_SITE, Injection.class, "site"},
            {ClaimSchema.Field.INJECTION_TIME, Injection.class, "time"},
            {ClaimSchema.Field.INJECTION_ORDERED_BY, Injection.class, "orderedBy"},
            {ClaimSchema.Field.INJECTION_ADMINISTERED_BY, Injection.class, "administeredBy"},
            {ClaimSchema.Field.INJECTION_RESPONSE, Injection.class, "response"},
            {ClaimSchema.Field.INJECTION_NECESSITY, Injection.class, "necessity"},
            {ClaimSchema.Field.INJECTION_DRUGS, Injection.class, "drugs"},
            {ClaimSchema.Field.INJECTION_NOTE, Injection.class, "note"},
            {ClaimSchema.Field.INJECTED_DRUG_NAME, InjectedDrug.class, "name"},
            {ClaimSchema.Field.HISTORY_CLAIM_ID, HistoryEntry.class, "claimId"},
            {ClaimSchema.Field.HISTORY_SERVICE_DATE, HistoryEntry.class, "serviceDate"},
            {ClaimSchema.Field.HISTORY_CODE, HistoryEntry.class, "code"},
            {ClaimSchema.Field.HISTORY_MODIFIERS, HistoryEntry.class, "modifiers"},
            {ClaimSchema.Field.HISTORY_DIAGNOSES, HistoryEntry.class, "diagnoses"},
            {ClaimSchema.Field.HISTORY_NOTE, HistoryEntry.class, "note"},
        };
        for (Object[] p : plain) {
            OBJECT_FIELDS.put((ClaimSchema.Field) p[0], Accessor.of((Class<?>) p[1], (String) p[2]));
        }
    }
}
