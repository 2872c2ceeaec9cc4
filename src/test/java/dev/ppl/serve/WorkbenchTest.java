package dev.ppl.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.api.EvaluationLimits;
import dev.ppl.api.PolicySource;
import dev.ppl.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground gives what the commands give: {@code ppl check}'s diagnostics, {@code ppl eval}'s
 * decision, {@code ppl explain}'s explanation; a typed policy may extend the library's; and it
 * reads no file outside the library's root.
 */
class WorkbenchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path top;

    @Test
    void diagnosticsAreThoseOfPplCheckWithTheirLineAndColumn() throws Exception {
        Path dir = PolicyDir.create(top);
        String broken = PolicyDir.BASE.replace("em.serviceDate\n", "em.servceDate\n").replace("to line {em.line}", "to line {em.lin}");
        Files.writeString(dir.resolve("base.ppl"), broken);
        Run check = ppl("check", dir.toString());

        ObjectNode r = new Workbench(dir, EvaluationLimits.DEFAULT).run(dir.resolve("base.ppl").toString(), broken, PolicyDir.claim());
        List<String> rendered = new ArrayList<>();
        r.get("diagnostics").forEach(d -> rendered.add(d.get("rendered").asText()));
        assertEquals(2, rendered.size(), r.toString());
        for (String d : rendered) {
            assertTrue(check.out.contains(d), "ppl check does not print\n" + d + "\nit prints\n" + check.out);
        }
        assertTrue(check.out.contains(r.get("summary").asText()), check.out + "\n" + r.get("summary"));
        JsonNode first = r.get("diagnostics").get(0);
        assertEquals("PPL0302", first.get("code").asText(), r.toString());
        int line = lineOf(broken, "em.servceDate");
        assertEquals(line, first.get("line").asInt());
        assertEquals(broken.split("\n")[line - 1].indexOf("servceDate") + 1, first.get("column").asInt());
        assertEquals("error", first.get("level").asText());
        assertTrue(first.get("help").asText().contains("serviceDate"), first.toString());
        assertTrue(r.get("decision").isNull(), "no decision from policies with errors");
        assertTrue(r.get("note").asText().contains("errors"), r.toString());
    }

    @Test
    void theDecisionIsPplEvalsAndTheExplanationPplExplains() throws Exception {
        Path dir = PolicyDir.create(top);
        Path claim = top.resolve("em.json");
        Files.writeString(claim, PolicyDir.claim());
        ObjectNode r = new Workbench(dir, EvaluationLimits.DEFAULT).run(dir.resolve("base.ppl").toString(), PolicyDir.BASE,
                PolicyDir.claim());
        assertEquals(0, r.get("errors").asInt(), r.toString());
        Run eval = ppl("eval", "--policies", dir.toString(), claim.toString());
        assertEquals(JSON.readTree(eval.out), r.get("decision"));
        assertEquals("deny", r.get("decision").get("outcome").asText());
        Run explain = ppl("explain", "--policies", dir.toString(), claim.toString());
        assertEquals(explain.out, r.get("explanation").asText());
        assertEquals(1, r.get("tests").size(), r.toString());
        assertTrue(r.get("tests").get(0).get("passed").asBoolean(), r.toString());
    }

    @Test
    void aTypedPolicyReplacesItsFileAndANewOneMayExtendTheLibrary() throws Exception {
        Path dir = PolicyDir.create(top);
        Workbench bench = new Workbench(dir, EvaluationLimits.DEFAULT);
        // the edited text replaces base.ppl: not a second copy of version 1.0.0 (PPL0410)
        ObjectNode edited = bench.run(dir.resolve("base.ppl").toString(), PolicyDir.BASE.replace("group CO carc 4", "group CO carc 16"),
                PolicyDir.claim());
        assertEquals(0, edited.get("errors").asInt(), edited.toString());
        assertEquals("16", edited.get("decision").get("findings").get(0).get("carc").asText());
        assertFalse(edited.get("tests").get(0).get("passed").asBoolean(), "the test expects carc 4: " + edited.get("tests"));

        ObjectNode layered = bench.run(null, PolicyDir.LAYER, PolicyDir.claim());
        assertEquals(0, layered.get("errors").asInt(), layered.toString());
        assertEquals(bench.newPolicyName(), layered.get("policy").asText());
        assertTrue(layered.get("decision").get("policies").findValuesAsText("id").contains("test.layer"),
                "the layer judged the claim: " + layered.get("decision"));
        assertEquals("deny", layered.get("decision").get("outcome").asText());

        ObjectNode unknownBase = bench.run(null, PolicyDir.LAYER.replace("extends test.base", "extends test.bsae"),
                PolicyDir.claim());
        assertTrue(unknownBase.get("errors").asInt() > 0, unknownBase.toString());
    }

    @Test
    void aTypedPolicyReadsNothingOutsideTheRoot() throws Exception {
        Path dir = PolicyDir.create(top);
        Workbench bench = new Workbench(dir, EvaluationLimits.DEFAULT);
        String table = PolicyDir.BASE.replace("codes INJECTION", """
                table SECRETS from "../secret.csv"
                  key code
                  columns code: text
                  cites "x"

                codes INJECTION""");
        for (String name : new String[] {null, dir.resolve("base.ppl").toString()}) {
            ObjectNode r = bench.run(name, name == null ? table.replace("test.base", "test.other") : table, PolicyDir.claim());
            JsonNode refused = first(r, "PPL0261");
            assertTrue(refused != null, r.toString());
            assertTrue(refused.get("message").asText().contains("outside the policy root"), refused.toString());
            assertFalse(r.toString().contains(PolicyDir.SECRET), "the secret file's text reached the page: " + r);
        }
        ObjectNode etc = bench.run(null, table.replace("test.base", "test.other").replace("../secret.csv", "../../../../../../etc/passwd"),
                PolicyDir.claim());
        assertTrue(first(etc, "PPL0261") != null, etc.toString());
        assertTrue(first(bench.run(null, table.replace("test.base", "test.other").replace("../secret.csv", "/etc/passwd"),
                PolicyDir.claim()), "PPL0261") != null);

        ObjectNode using = bench.run(dir.resolve("base.ppl").toString(), PolicyDir.BASE.replace("using \"claim.json\"",
                "using \"../secret.json\""), PolicyDir.claim());
        assertEquals(0, using.get("errors").asInt(), using.toString());
        JsonNode test = using.get("tests").get(0);
        assertFalse(test.get("passed").asBoolean(), test.toString());
        assertTrue(test.get("failures").get(0).asText().contains("claim file refused"), test.toString());
        assertFalse(using.toString().contains(PolicyDir.SECRET), "the secret claim reached the page: " + using);
    }

    @Test
    void theBundledLibraryIsTheDefaultAndItsTestsReadTheExamplesBesideIt() {
        Workbench bench = new Workbench(null, EvaluationLimits.DEFAULT);
        PolicySource ppo = bench.library().stream().filter(s -> s.path().equals("bundled:commercial/example-ppo.ppl"))
                .findFirst().orElseThrow();
        ObjectNode r = bench.run(ppo.path(), ppo.text(), "{\"claimId\": \"x\"}");
        assertEquals(0, r.get("errors").asInt(), r.get("summary").asText());
        assertEquals("reject", r.get("decision").get("outcome").asText(), "a claim without lines cannot be read");
        assertTrue(r.get("claimErrors").size() > 0, r.toString());
        assertTrue(r.get("tests").size() > 0 && r.get("tests").findValues("passed").stream().allMatch(JsonNode::asBoolean),
                r.get("tests").toString());
        assertEquals("bundled:playground.ppl", bench.newPolicyName());
        ObjectNode outside = bench.run(null, """
                policy x.y
                  version 1.0.0
                  applies to payer type medicare
                  effective from 2026-01-01

                table T from "../../../../../../../etc/passwd"
                  key code
                  columns code: text
                """, "{}");
        assertTrue(first(outside, "PPL0261") != null, outside.toString());
    }

    @Test
    void anUnsavedPolicyMustStandInsideItsDirectory() throws Exception {
        Path dir = PolicyDir.create(top);
        assertThrows(IllegalArgumentException.class, () -> PolicySource.unsaved(dir, "../x.ppl", ""));
        assertThrows(IllegalArgumentException.class, () -> PolicySource.unsaved(dir, "x.csv", ""));
        assertThrows(IllegalArgumentException.class, () -> PolicySource.unsavedBundled("../../x.ppl", ""));
        assertTrue(PolicySource.unsaved(dir, "sub/x.ppl", "").path().endsWith("policies/sub/x.ppl"));
    }

    private static JsonNode first(JsonNode r, String code) {
        for (JsonNode d : r.get("diagnostics")) {
            if (d.get("code").asText().equals(code)) {
                return d;
            }
        }
        return null;
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }

    private record Run(int code, String out, String err) {}

    private static Run ppl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }
}
