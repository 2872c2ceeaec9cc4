package dev.ppl.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that decisions made while policies were being reloaded each come from exactly one set
 * that was in service. Decisions are folded into their distinct shapes as they arrive, and checked
 * against the sets once the reloads are done.
 */
final class Consistency {
    private static final Pattern MESSAGE = Pattern.compile("([abcd])(\\d+) line 1");

    /** The policy refs of every set that was in service, as sets. */
    final Set<Set<Decision.PolicyRef>> sets = ConcurrentHashMap.newKeySet();
    /** Decision shapes seen, with a count. */
    final Map<List<Object>, Long> shapes = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    void inService(PolicySet set) {
        sets.add(Set.copyOf(set.refs()));
    }

    /** Folds a decision into a thread's own map of shapes (merged into {@link #shapes} at the end). */
    static void seen(Map<List<Object>, Long> shapes, Decision d) {
        List<String> findings = d.findings().stream().map(f -> f.policy() + " " + f.rule() + " " + f.message()).toList();
        shapes.merge(List.of(Set.copyOf(d.policies()), findings, d.outcome()), 1L, Long::sum);
    }

    /** Every problem with the shapes seen; empty when all is well. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        failures.forEach(t -> problems.add("an evaluation failed: " + t));
        for (List<Object> shape : shapes.keySet()) {
            @SuppressWarnings("unchecked")
            Set<Decision.PolicyRef> refs = (Set<Decision.PolicyRef>) shape.get(0);
            @SuppressWarnings("unchecked")
            List<String> findings = (List<String>) shape.get(1);
            if (!sets.contains(refs)) {
                problems.add("policies of no set in service: " + refs + " " + findings);
            }
            Set<String> generations = new TreeSet<>();
            Set<String> policiesWithFindings = new TreeSet<>();
            for (String f : findings) {
                String[] parts = f.split(" ", 3);
                Matcher m = MESSAGE.matcher(parts[2]);
                if (!m.matches()) {
                    problems.add("unexpected finding " + f);
                    continue;
                }
                generations.add(m.group(2));
                // hot.a@1.7.0 tag-a a7 line 1: the rule, policy version (1.7.x) and message agree
                if (!parts[0].startsWith("hot." + m.group(1) + "@1." + m.group(2) + ".")
                        || !parts[1].equals("tag-" + m.group(1))) {
                    problems.add("finding from the wrong version: " + f);
                }
                policiesWithFindings.add(parts[0]);
            }
            if (generations.size() != 1) {
                problems.add("findings from several generations in one decision: " + findings);
            }
            Set<String> used = new TreeSet<>();
            refs.forEach(r -> used.add(r.id() + "@" + r.version()));
            if (!used.equals(policiesWithFindings)) {
                problems.add("policies " + used + " but findings from " + policiesWithFindings);
            }
        }
        return problems;
    }
}
