package dev.ppl.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small policy directory for the playground's tests, with a secret file beside it (outside its root). */
final class PolicyDir {
    static final String SECRET = "SECRET-ROW-0451";

    static final String BASE = """
            policy test.base
              version 1.0.0
              applies to payer type medicare
              effective from 2020-01-01
              cites "a test policy"

            codes INJECTION = { 96372 }
            codes OFFICE_EM = { 99202-99205, 99211-99215 }

            rule em-needs-25
              "An office E/M billed with 96372 needs modifier 25"
              for each em in lines where em.code in OFFICE_EM
              when any inj in lines where inj.code in INJECTION and inj.serviceDate = em.serviceDate
               and 25 not in em.modifiers
              deny line em group CO carc 4
                message "{em.code} on line {em.line} is billed with 96372 without modifier 25"
                fix "add modifier 25 to line {em.line}"

            test "E/M without 25" using "claim.json"
              expect em-needs-25 on line 1 deny carc 4
            """;

    /** A policy that extends the base and adds nothing. */
    static final String LAYER = """
            policy test.layer
              version 1.0.0
              applies to payer id medicare
              effective from 2020-01-01
              extends test.base
              cites "a test layer"
            """;

    private PolicyDir() {}

    /** {@code top/policies/} with base.ppl and claim.json; {@code top/secret.csv} and {@code top/secret.json} outside it. */
    static Path create(Path top) throws IOException {
        Path dir = Files.createDirectories(top.resolve("policies"));
        Files.writeString(dir.resolve("base.ppl"), BASE);
        Files.writeString(dir.resolve("claim.json"), claim());
        Files.writeString(top.resolve("secret.csv"), "code\n" + SECRET + "\n");
        Files.writeString(top.resolve("secret.json"), "{\"claimId\": \"" + SECRET + "\"}");
        return dir;
    }

    /** The example claim with an E/M without modifier 25. */
    static String claim() throws IOException {
        return Files.readString(Path.of("examples/claims/em-without-25.json"));
    }
}
