package dev.ppl.lsp;

import dev.ppl.lsp.Analysis.FileModel;
import dev.ppl.lsp.Occurrences.Kind;
import dev.ppl.lsp.Occurrences.Occurrence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Go to definition and find references over the whole policy set: code sets and tables are found
 * in the file that uses them or up its chain of base policies ({@code extends}), rules likewise (an
 * {@code override} leads to the base rule it replaces), {@code let}s and variables in their rule.
 */
final class Navigation {

    /** A name written in a file. */
    record Place(FileModel file, Occurrence occurrence) {
        String key() {
            return file.name() + ":" + occurrence.span().start();
        }
    }

    private final Analysis analysis;

    Navigation(Analysis analysis) {
        this.analysis = analysis;
    }

    /** Where the name at a place is declared; empty when it is not declared in the policy set. */
    List<Place> definitions(Place at) {
        Occurrence o = at.occurrence();
        return switch (o.kind()) {
            case LET, VAR -> at.file().names().stream()
                    .filter(x -> x.declaration() && x.node() == o.node()).map(x -> new Place(at.file(), x)).toList();
            case SET, TABLE -> declared(at.file(), o.name(), Set.of(Kind.SET, Kind.TABLE), new HashSet<>());
            case RULE -> {
                if (o.declaration()) {
                    // an override's definition is the base rule it replaces; a new rule is its own
                    List<Place> base = inBases(at.file(), o.name(), Set.of(Kind.RULE));
                    yield base.isEmpty() ? List.of(at) : base;
                }
                yield declared(at.file(), o.name(), Set.of(Kind.RULE), new HashSet<>());
            }
            case POLICY -> policyHeaders(o.name());
            default -> List.of();
        };
    }

    /** Every place that names the same thing, its declarations included when asked. */
    List<Place> references(Place at, boolean includeDeclaration) {
        Occurrence o = at.occurrence();
        List<Place> out = new ArrayList<>();
        if (o.kind() == Kind.LET || o.kind() == Kind.VAR) {
            for (Occurrence x : at.file().names()) {
                if (x.node() == o.node() && (includeDeclaration || !x.declaration())) {
                    out.add(new Place(at.file(), x));
                }
            }
            return out;
        }
        if (o.kind() == Kind.POLICY) {
            for (FileModel f : analysis.files().values()) {
                for (Occurrence x : f.names()) {
                    if (x.kind() == Kind.POLICY && x.name().equals(o.name()) && (includeDeclaration || !x.declaration())) {
                        out.add(new Place(f, x));
                    }
                }
            }
            return out;
        }
        Set<String> targets = new HashSet<>();
        List<Place> defs = definitions(at);
        defs.forEach(d -> targets.add(d.key()));
        if (targets.isEmpty()) {
            return out;
        }
        Set<Kind> kinds = o.kind() == Kind.RULE ? Set.of(Kind.RULE) : Set.of(Kind.SET, Kind.TABLE);
        Set<String> seen = new LinkedHashSet<>();
        for (FileModel f : analysis.files().values()) {
            for (Occurrence x : f.names()) {
                if (!kinds.contains(x.kind()) || !x.name().equals(o.name())) {
                    continue;
                }
                Place p = new Place(f, x);
                boolean declaration = targets.contains(p.key());
                boolean same = declaration || definitions(p).stream().anyMatch(d -> targets.contains(d.key()));
                if (same && (includeDeclaration || !declaration) && seen.add(p.key())) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Declarations of a name in a file, else in its base policies. */
    private List<Place> declared(FileModel file, String name, Set<Kind> kinds, Set<String> visited) {
        if (!visited.add(file.name())) {
            return List.of();
        }
        List<Place> here = new ArrayList<>();
        for (Occurrence x : file.names()) {
            if (x.declaration() && kinds.contains(x.kind()) && x.name().equals(name)) {
                here.add(new Place(file, x));
            }
        }
        if (!here.isEmpty() || file.ast() == null || file.ast().header().extendsId() == null) {
            return here;
        }
        List<Place> out = new ArrayList<>();
        for (FileModel base : analysis.policy(file.ast().header().extendsId().text())) {
            out.addAll(declared(base, name, kinds, visited));
        }
        return out;
    }

    private List<Place> inBases(FileModel file, String name, Set<Kind> kinds) {
        if (file.ast() == null || file.ast().header().extendsId() == null) {
            return List.of();
        }
        List<Place> out = new ArrayList<>();
        Set<String> visited = new HashSet<>(Set.of(file.name()));
        for (FileModel base : analysis.policy(file.ast().header().extendsId().text())) {
            out.addAll(declared(base, name, kinds, visited));
        }
        return out;
    }

    private List<Place> policyHeaders(String id) {
        List<Place> out = new ArrayList<>();
        for (FileModel f : analysis.policy(id)) {
            f.names().stream().filter(x -> x.kind() == Kind.POLICY && x.declaration()).findFirst()
                    .ifPresent(x -> out.add(new Place(f, x)));
        }
        return out;
    }
}
