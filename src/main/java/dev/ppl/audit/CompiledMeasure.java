package dev.ppl.audit;

import dev.ppl.ast.Decl;
import dev.ppl.claim.Claim;
import dev.ppl.claim.Injection;
import dev.ppl.claim.Provider;
import dev.ppl.claim.ServiceLine;
import dev.ppl.runtime.ClaimContext;
import dev.ppl.runtime.Frame;
import dev.ppl.runtime.Node;
import dev.ppl.value.Numbers;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A measure ready to run: nodes for its items (evaluated on each claim) and for its flags
 * (evaluated on each group's figures once every claim was read).
 */
final class CompiledMeasure {
    /** The measure's name in reports: {@code policy-id/measure-id}. */
    final String key;
    final String policy;
    final String id;
    final String description;
    final String cites;
    final Decl.MeasureKind kind;
    final List<String> dimensions;
    final Integer minimumVolume;
    final boolean distinctVolume;
    final boolean perVolume;
    final List<Binding> bindings;
    final Node.Obj where;
    final List<Let> lets;
    final Node.Obj item;
    final Node.Obj volume;
    final int lineSlot;
    final int refSlots;
    final int numSlots;
    final List<Benchmark> benchmarks;
    final List<Flag> flags;
    /** The policy version the measure was compiled from. */
    final String version;
    /** {@code path:line} of the measure's declaration. */
    final String declaredAt;
    /** The measure's source text up to its first flag. */
    final String definition;

    record Binding(int slot, Node.Obj source) {}

    record Let(int slot, boolean numeric, Node.Obj value) {}

    record Benchmark(String name, int slot, Node.Obj value) {}

    /** One flag: its level, condition and the parts of its message, fix and citation. */
    record Flag(String level, Node.Obj when, List<Object> message, List<Object> fix, List<Object> cites, String where,
            String condition) {}

    CompiledMeasure(String policy, Decl.Measure m, List<Binding> bindings, Node.Obj where, List<Let> lets,
            Node.Obj item, Node.Obj volume, int lineSlot, int refSlots, int numSlots, List<Benchmark> benchmarks,
            List<Flag> flags, String cites, String version, String declaredAt, String definition) {
        this.policy = policy;
        this.id = m.id().text();
        this.key = policy + "/" + id;
        this.description = m.description() == null ? id : m.description().value();
        this.cites = cites;
        this.kind = m.kind();
        this.dimensions = m.dimensions().stream().map(dev.ppl.ast.Name::text).toList();
        this.minimumVolume = m.minimumVolume();
        this.distinctVolume = m.volume() != null;
        this.perVolume = m.perVolume();
        this.bindings = List.copyOf(bindings);
        this.where = where;
        this.lets = List.copyOf(lets);
        this.item = item;
        this.volume = volume;
        this.lineSlot = lineSlot;
        this.refSlots = refSlots;
        this.numSlots = numSlots;
        this.benchmarks = List.copyOf(benchmarks);
        this.flags = List.copyOf(flags);
        this.version = version;
        this.declaredAt = declaredAt;
        this.definition = definition;
    }

    /**
     * Adds one claim's items to the groups.
     *
     * @param traced also keep a sample of the items (claim id, line) each group counted, for explaining it
     */
    void add(ClaimContext ctx, Pseudonyms pseudonyms, Map<List<String>, GroupState> groups, boolean traced) {
        Frame f = new Frame(ctx, refSlots, numSlots);
        bind(0, f, pseudonyms, groups, traced);
    }

    private void bind(int level, Frame f, Pseudonyms pseudonyms, Map<List<String>, GroupState> groups, boolean traced) {
        if (level == bindings.size()) {
            if (where == null || Boolean.TRUE.equals(where.get(f))) {
                count(f, pseudonyms, groups, traced);
            }
            return;
        }
        Binding b = bindings.get(level);
        List<?> items = (List<?>) b.source().get(f);
        if (items == null) {
            return;
        }
        for (Object o : items) {
            f.refs[b.slot()] = o;
            bind(level + 1, f, pseudonyms, groups, traced);
        }
    }

    private void count(Frame f, Pseudonyms pseudonyms, Map<List<String>, GroupState> groups, boolean traced) {
        for (Let let : lets) {
            Object v = let.value().get(f);
            if (let.numeric()) {
                f.nums[let.slot()] = v == null ? Double.NaN : (Double) v;
            } else {
                f.refs[let.slot()] = v;
            }
        }
        ClaimContext ctx = f.claim();
        Claim claim = ctx.claim();
        ServiceLine line = itemLine(f, ctx);
        List<String> key = groupKey(claim, line, pseudonyms);
        GroupState g = groups.get(key);
        if (g == null) {
            // a new group keeps interned strings: the groups of a patient-month measure share their NPI,
            // patient and month strings instead of holding a copy each
            g = new GroupState();
            groups.put(key.stream().map(String::intern).toList(), g);
        }
        g.items++;
        boolean sampled = true;
        Object value = null;
        switch (kind) {
            case RATE -> {
                sampled = Boolean.TRUE.equals(item.get(f));
                if (sampled) {
                    g.numerator++;
                }
            }
            case SUM, AVERAGE -> {
                value = item.get(f);
                if (value instanceof Double d && !d.isNaN()) {
                    g.valued++;
                    g.sumMicros += GroupState.micros(d);
                }
            }
            case DISTINCT -> {
                value = item.get(f);
                addValues(g.distinct(), value);
            }
            case COUNT -> { }
        }
        if (traced) {
            g.trace().add(new MeasureExplanation.Item(claim.claimId(), line == null ? null : line.line(), sampled,
                    value == null ? null : shown(value)));
        }
        if (volume != null) {
            addValues(g.volume(), volume.get(f));
        }
        if (sampled) {
            g.sample.add(claim.claimId());
        }
    }

    private static String shown(Object v) {
        if (v instanceof List<?> list) {
            return String.join(", ", list.stream().map(CompiledMeasure::shown).toList());
        }
        return v instanceof Double d ? (d.isNaN() ? NONE : Numbers.format(d)) : v.toString();
    }

    private static void addValues(DistinctSketch sketch, Object v) {
        if (v instanceof List<?> list) {
            list.forEach(x -> addValues(sketch, x));
        } else if (v != null) {
            sketch.add(v instanceof Double d ? Numbers.format(d) : v.toString());
        }
    }

    private ServiceLine itemLine(Frame f, ClaimContext ctx) {
        if (lineSlot < 0) {
            return null;
        }
        Object o = f.refs[lineSlot];
        if (o instanceof ServiceLine l) {
            return l;
        }
        if (o instanceof Injection i) {
            return ctx.line(i.adminLine());
        }
        return null;
    }

    private List<String> groupKey(Claim claim, ServiceLine line, Pseudonyms pseudonyms) {
        String[] key = new String[dimensions.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = switch (dimensions.get(i)) {
                case "provider" -> npi(claim.billingProvider());
                case "renderingProvider" -> npi(line != null && line.renderingProvider() != null
                        ? line.renderingProvider() : claim.renderingProvider() != null
                        ? claim.renderingProvider() : claim.billingProvider());
                case "patient" -> claim.patient() == null || claim.patient().id() == null ? NONE
                        : pseudonyms.of(claim.patient().id());
                case "payer" -> claim.payer() == null || claim.payer().id() == null ? NONE : claim.payer().id();
                case "month" -> month(line != null && line.serviceDate() != null ? line.serviceDate() : firstDate(claim));
                case "placeOfService" -> line != null && line.placeOfService() != null ? line.placeOfService()
                        : claim.placeOfService() == null ? NONE : claim.placeOfService();
                default -> throw new IllegalStateException("dimension " + dimensions.get(i) + " passed the checker");
            };
        }
        return List.of(key);
    }

    /** Shown for a dimension the claim does not document. */
    static final String NONE = "(not documented)";

    private static String npi(Provider p) {
        return p == null || p.npi() == null ? NONE : p.npi();
    }

    private static String month(LocalDate d) {
        return d == null ? NONE : d.toString().substring(0, 7);
    }

    static LocalDate firstDate(Claim claim) {
        LocalDate first = null;
        for (ServiceLine l : claim.lines()) {
            if (l.serviceDate() != null && (first == null || l.serviceDate().isBefore(first))) {
                first = l.serviceDate();
            }
        }
        return first;
    }
}
