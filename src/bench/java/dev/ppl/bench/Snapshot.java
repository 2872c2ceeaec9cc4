package dev.ppl.bench;

import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.api.PolicyEngine;
import dev.ppl.bench.peers.CoreInCel;
import dev.ppl.bench.peers.CoreInDrools;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The frozen benchmark material in {@code src/bench/resources/snapshot} (see its README): the core
 * Medicare policy {@code medicare.injection.core@1.1.0} with its tables as of main 0558f87 (its
 * tests left out), the 31 Medicare example claims of that time and four variants. Frozen so that
 * the peers compare like with like while the bundled library changes; the {@code library}
 * benchmark measures the library as it is on main.
 */
final class Snapshot {
    static final Path ROOT = Path.of("src/bench/resources/snapshot");
    static final Path POLICY = ROOT.resolve("medicare-core");

    private Snapshot() {}

    /** The claim mix as JSON texts, in file-name order. */
    static List<String> claimJson() {
        try (Stream<Path> files = Files.list(ROOT.resolve("claims"))) {
            List<String> out = new ArrayList<>();
            for (Path p : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(Files.readString(p, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Claim> claims(List<String> json) {
        List<Claim> out = new ArrayList<>();
        for (String j : json) {
            ClaimReadResult r = ClaimJson.read(j);
            if (r.claim() == null) {
                throw new IllegalStateException("a snapshot claim does not read: " + r.errors());
            }
            out.add(r.claim());
        }
        return out;
    }

    static PolicyEngine engine() {
        return PolicyEngine.builder().load(POLICY).build();
    }

    /** What two implementations must agree on: outcome and every finding's visible fields. */
    static String comparable(Decision d) {
        StringBuilder out = new StringBuilder(d.outcome()).append('\n');
        for (Finding f : d.findings()) {
            out.append(String.join(" | ", f.rule(), f.severity(), String.valueOf(f.line()), String.valueOf(f.group()),
                    String.valueOf(f.carc()), String.valueOf(f.rarc()), f.message(), String.valueOf(f.fix()),
                    String.valueOf(f.citation()))).append('\n');
        }
        return out.toString();
    }

    /**
     * Checks that the hand-written implementation reaches exactly the decisions the policy does on
     * every claim of the mix; throws with the first difference. Returns how many findings agreed.
     */
    static int checkEquivalent(PolicyEngine engine, CoreByHand hand, List<Claim> claims) {
        int findings = 0;
        for (Claim c : claims) {
            String want = comparable(engine.evaluate(c));
            String got = comparable(hand.check(c));
            if (!want.equals(got)) {
                throw new IllegalStateException("the hand-written core disagrees with the policy on claim " + c.claimId()
                        + "\npolicy:\n" + want + "by hand:\n" + got);
            }
            findings += engine.evaluate(c).findings().size();
        }
        return findings;
    }

    /**
     * Checks that a peer (CEL, Drools) reaches exactly the hand-written baseline's decisions on every
     * claim of the mix: outcome, and each finding's rule, severity, line, group, CARC, RARC,
     * message, fix and citation. Throws with the first difference; returns how many findings agreed.
     */
    static int checkPeer(String peer, CoreByHand hand, Function<Claim, Decision> evaluate, List<Claim> claims) {
        int findings = 0;
        for (Claim c : claims) {
            Decision want = hand.check(c);
            String got = comparable(evaluate.apply(c));
            if (!comparable(want).equals(got)) {
                throw new IllegalStateException(peer + " disagrees with the hand-written core on claim " + c.claimId()
                        + "\nby hand:\n" + comparable(want) + peer + ":\n" + got);
            }
            findings += want.findings().size();
        }
        return findings;
    }

    /** Runs the equivalence checks alone (the benchmarks run them in their setup too). */
    public static void main(String[] args) throws IOException {
        List<Claim> claims = claims(claimJson());
        CoreByHand hand = new CoreByHand(POLICY);
        int findings = checkEquivalent(engine(), hand, claims);
        System.out.println("the hand-written core reaches the policy's " + findings + " findings on " + claims.size() + " claims");
        CoreInCel cel = new CoreInCel(POLICY);
        System.out.println("CEL (" + cel.ruleCount() + " programs) reaches the same "
                + checkPeer("CEL", hand, cel::check, claims) + " findings");
        CoreInDrools drools = new CoreInDrools(POLICY);
        System.out.println("Drools (" + drools.ruleCount() + " rules) reaches the same "
                + checkPeer("Drools", hand, drools::check, claims) + " findings");
        // wider than the mix: every claim of the repository's examples that reads
        List<Claim> examples = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("examples"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".decision.json"))
                    .sorted().toList()) {
                ClaimReadResult r = ClaimJson.read(Files.readString(p, StandardCharsets.UTF_8));
                if (r.claim() != null) {
                    examples.add(r.claim());
                }
            }
        }
        System.out.println("on the " + examples.size() + " example claims of examples/: CEL reaches the hand-written "
                + checkPeer("CEL", hand, cel::check, examples) + " findings, Drools "
                + checkPeer("Drools", hand, drools::check, examples));
    }
}
