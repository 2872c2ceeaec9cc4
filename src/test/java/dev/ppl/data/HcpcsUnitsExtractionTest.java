package dev.ppl.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.data.HcpcsUnitsExtractor.BillingUnit;
import dev.ppl.data.HcpcsUnitsExtractor.Exclusion;
import dev.ppl.data.HcpcsUnitsExtractor.Extraction;
import dev.ppl.data.HcpcsUnitsExtractor.HcpcsCode;
import dev.ppl.data.HcpcsUnitsExtractor.Outcome;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The drug billing-unit table is what {@link HcpcsUnitsExtractor} makes from the committed CMS file. */
class HcpcsUnitsExtractionTest {

  static final Path ZIP = Path.of("src/test/resources/realworld/cms/2019-Alpha-Numeric-HCPCS-File.zip");
  static final Path UNITS_CSV = Path.of("policies/medicare/hcpcs-drug-units.csv");
  static final Path EXCLUDED_CSV = Path.of("policies/medicare/hcpcs-drug-units-excluded.csv");

  static List<HcpcsCode> codes;
  static Extraction extraction;
  static Map<String, List<String>> units;
  static Map<String, List<String>> excluded;

  @BeforeAll
  static void extract() throws IOException {
    codes = HcpcsUnitsExtractor.readCodes(ZIP);
    extraction = HcpcsUnitsExtractor.extract(ZIP);
    units = readCsv(UNITS_CSV, HcpcsUnitsExtractor.UNITS_HEADER);
    excluded = readCsv(EXCLUDED_CSV, HcpcsUnitsExtractor.EXCLUDED_HEADER);
  }

  // (1) the committed tables cannot drift from their documented source

  @Test
  void rerunningTheExtractorReproducesTheCommittedCsvsByteForByte(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("hcpcs-drug-units.csv");
    HcpcsUnitsExtractor.main(new String[] {ZIP.toString(), out.toString()});
    assertArrayEquals(Files.readAllBytes(UNITS_CSV), Files.readAllBytes(out),
        "policies/medicare/hcpcs-drug-units.csv differs from the extractor's output; see HCPCS-UNITS.md");
    assertArrayEquals(Files.readAllBytes(EXCLUDED_CSV), Files.readAllBytes(dir.resolve("hcpcs-drug-units-excluded.csv")),
        "policies/medicare/hcpcs-drug-units-excluded.csv differs from the extractor's output; see HCPCS-UNITS.md");
  }

  @Test
  void everyJCodeOfTheFileIsInExactlyOneOfTheTwoTables() {
    Set<String> jCodes = codes.stream().map(HcpcsCode::code)
        .filter(c -> c.matches("J\\d{4}")).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(774, jCodes.size(), "J-codes in the 2019 file");
    Set<String> both = new TreeSet<>(units.keySet());
    both.retainAll(excluded.keySet());
    assertEquals(Set.of(), both, "codes in both tables");
    Set<String> missing = new TreeSet<>(jCodes);
    missing.removeAll(units.keySet());
    missing.removeAll(excluded.keySet());
    assertEquals(Set.of(), missing, "J-codes in neither table");
  }

  @Test
  void countsMatchTheDocumentation() {
    // policies/medicare/HCPCS-UNITS.md states these counts; change both together.
    assertEquals(766, units.size(), "rows in hcpcs-drug-units.csv");
    assertEquals(157, excluded.size(), "rows in hcpcs-drug-units-excluded.csv");
    assertEquals(696, units.keySet().stream().filter(c -> c.startsWith("J")).count(), "J-codes with a unit");
  }

  // (2) agreement with FACTS.md

  /**
   * The "Drug billing units" table of /work/shared/domain/FACTS.md (read there from the CMS 2020
   * HCPCS file), as code -> billing unit in this table's notation.
   */
  static final Map<String, String> FACTS_MD_UNITS = facts(
      "J0171", "0.1 mg", // adrenalin/epinephrine, 0.1 mg
      "J0290", "500 mg", // ampicillin sodium, 500 mg
      "J0561", "100000 units", // penicillin G benzathine, 100,000 units
      "J0696", "250 mg", // ceftriaxone sodium, per 250 mg
      "J0780", "10 mg", // prochlorperazine, up to 10 mg
      "J1020", "20 mg", // methylprednisolone acetate, 20 mg
      "J1030", "40 mg",
      "J1040", "80 mg",
      "J1050", "1 mg", // medroxyprogesterone acetate, 1 mg
      "J1071", "1 mg", // testosterone cypionate, 1 mg
      "J1094", "1 mg", // dexamethasone acetate, 1 mg
      "J1100", "1 mg", // dexamethasone sodium phosphate, 1 mg
      "J1170", "4 mg", // hydromorphone, up to 4 mg
      "J1200", "50 mg", // diphenhydramine HCl, up to 50 mg
      "J1631", "50 mg", // haloperidol decanoate, per 50 mg
      "J1650", "10 mg", // enoxaparin sodium, 10 mg
      "J1815", "5 units", // insulin, per 5 units
      "J1885", "15 mg", // ketorolac tromethamine, per 15 mg
      "J1950", "3.75 mg", // leuprolide acetate (depot suspension), per 3.75 mg
      "J2175", "100 mg", // meperidine HCl, per 100 mg
      "J2270", "10 mg", // morphine sulfate, up to 10 mg
      "J2315", "1 mg", // naltrexone, depot form, 1 mg
      "J2405", "1 mg", // ondansetron HCl, per 1 mg
      "J2550", "50 mg", // promethazine HCl, up to 50 mg
      "J2680", "25 mg", // fluphenazine decanoate, up to 25 mg
      "J2920", "40 mg", // methylprednisolone sodium succinate, up to 40 mg
      "J2930", "125 mg", // ... up to 125 mg
      "J3121", "1 mg", // testosterone enanthate, 1 mg
      "J3301", "10 mg", // triamcinolone acetonide, not otherwise specified, 10 mg
      "J3420", "1000 mcg", // vitamin B-12 cyanocobalamin, up to 1000 mcg
      "J3430", "1 mg"); // phytonadione (vitamin K), per 1 mg

  @Test
  void factsMdBillingUnitsAgreeWithThe2019File() {
    Set<String> in2019 = codes.stream().map(HcpcsCode::code).collect(Collectors.toSet());
    Set<String> absent = new TreeSet<>(FACTS_MD_UNITS.keySet());
    absent.removeAll(in2019);
    // Every FACTS.md J-code is in the 2019 file; a code added after 2019 would be listed here.
    assertEquals(Set.of(), absent, "FACTS.md codes not in the 2019 file");
    assertAll(FACTS_MD_UNITS.entrySet().stream().map(e -> () -> {
      List<String> row = units.get(e.getKey());
      assertTrue(row != null, e.getKey() + " is missing from hcpcs-drug-units.csv"
          + (excluded.containsKey(e.getKey()) ? " (excluded: " + excluded.get(e.getKey()).get(0) + ")" : ""));
      assertEquals(e.getValue(), row.get(0), e.getKey() + " billing unit");
    }));
  }

  @Test
  void factsMdCodesWithoutASingleUnitAreExcluded() {
    // FACTS.md: J0702 betamethasone "acetate 3 mg and ... sodium phosphate 3 mg" (two amounts),
    // J3490 "unclassified drugs (needs a description and NDC)".
    assertFalse(units.containsKey("J0702"), "J0702 has two amounts");
    assertEquals("more than one amount: 3 mg; 3 mg", excluded.get("J0702").get(0));
    assertFalse(units.containsKey("J3490"), "J3490 has no unit");
    assertEquals("unclassified or not otherwise classified: no amount", excluded.get("J3490").get(0));
  }

  // (3) the per column is always a number and one of the five units

  static final Pattern PER = Pattern.compile("(\\d+(?:\\.\\d+)?) (mg|mcg|g|mL|units)");

  @Test
  void everyPerValueIsAPositiveNumberAndOneOfFiveUnits() {
    assertFalse(units.isEmpty());
    Set<String> unitsSeen = new HashSet<>();
    assertAll(units.entrySet().stream().map(e -> () -> {
      String per = e.getValue().get(0);
      var m = PER.matcher(per);
      assertTrue(m.matches(), e.getKey() + ": per `" + per + "` is not <number> <mg|mcg|g|mL|units>");
      BigDecimal number = new BigDecimal(m.group(1));
      assertTrue(number.signum() > 0, e.getKey() + ": per must be positive");
      assertEquals(number.stripTrailingZeros().toPlainString(), m.group(1), e.getKey() + ": number not canonical");
      unitsSeen.add(m.group(2));
    }));
    assertEquals(Set.copyOf(HcpcsUnitsExtractor.TABLE_UNITS), unitsSeen, "every unit is used at least once");
  }

  @Test
  void everyExcludedRowHasAReason() {
    assertAll(excluded.entrySet().stream().map(e -> () ->
        assertFalse(e.getValue().get(0).isBlank(), e.getKey() + " has no reason")));
  }

  // the rules, one descriptor each

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      Injection, vitamin b-12 cyanocobalamin, up to 1000 mcg                          | 1000 mcg
      Injection, penicillin g benzathine, 100,000 units                               | 100000 units
      Injection, adrenalin, epinephrine, 0.1 mg                                       | 0.1 mg
      Injection, ceftriaxone sodium, per 250 mg                                       | 250 mg
      Injection, testosterone enanthate and estradiol valerate, up to 1 cc            | 1 mL
      Injection, hypothetical, 5 ML                                                   | 5 mL
      Injection, factor x, (human), 1 i.u.                                            | 1 units
      Injection, hypothetical, per 1 I.U.                                             | 1 units
      Injection, factor xiii a-subunit, (recombinant), per iu                         | 1 units
      Injection, dalteparin sodium, per 2500 iu                                       | 2500 units
      Injection, chorionic gonadotropin, per 1,000 usp units                          | 1000 units
      Injection, interferon, alfa-2a, recombinant, 3 million units                    | 3000000 units
      Injection, cefotaxime sodium, per gm                                            | 1 g
      Injection, centruroides immune f(ab)2, up to 120 milligrams                     | 120 mg
      Injection, darbepoetin alfa, 1 microgram (non-esrd use)                         | 1 mcg
      Injection, morphine sulfate, 100mg                                              | 100 mg
      Infusion, normal saline solution, sterile (500 ml = 1 unit)                     | 500 mL
      Injection, mannitol, 25% in 50 ml                                               | 50 mL
      Injection, rho d immune globulin, human, minidose, 50 micrograms (250 i.u.)     | 50 mcg
      Injection, hyaluronidase, ovine, per 1 usp unit (up to 999 usp units)           | 1 units
      Buprenorphine/naloxone, oral, less than or equal to 3 mg buprenorphine          | 3 mg
      """)
  void aDescriptorWithOneAmountGivesItsUnit(String descriptor, String per) {
    Outcome o = HcpcsUnitsExtractor.classify(new HcpcsCode("J9998", descriptor, Optional.empty()));
    assertEquals(per, assertInstanceOf(BillingUnit.class, o).per());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      Injection, betamethasone acetate 3 mg and betamethasone sodium phosphate 3 mg | more than one amount: 3 mg; 3 mg
      Injection, ceftazidime and avibactam, 0.5 g/0.125 g                           | more than one amount: 0.5 g; 0.125 g
      Injection, thyrotropin alpha, 0.9 mg, provided in 1.1 mg vial                 | more than one amount: 0.9 mg; 1.1 mg
      Injection, digoxin immune fab (ovine), per vial                               | per vial: no amount
      Unclassified drugs                                                            | unclassified or not otherwise classified: no amount
      Capsaicin 8% patch, per square centimeter                                     | unit not mg/mcg/g/mL/units: per square centimeter
      Injection, potassium chloride, per 2 meq                                      | unit not mg/mcg/g/mL/units: 2 meq
      Injection, torsemide, 10 mg/ml                                                | concentration not amount: 10 mg/ml
      Injection, gamma globulin, intramuscular, over 10 cc                          | dose band not amount: 10 cc
      Hyaluronan or derivative, orthovisc, for intra-articular injection, per dose  | per dose: no amount
      Contraceptive supply, hormone containing patch, each                          | per item (each): no amount
      Levonorgestrel (contraceptive) implant system, including implants and supplies | per device or implant: no amount
      """)
  void aDescriptorWithoutOneClearUnitIsExcludedWithItsReason(String descriptor, String reason) {
    Outcome o = HcpcsUnitsExtractor.classify(new HcpcsCode("J9998", descriptor, Optional.empty()));
    assertEquals(reason, assertInstanceOf(Exclusion.class, o).reason());
  }

  @Test
  void aTerminatedCodeIsExcludedEvenWithAUnit() {
    Outcome o = HcpcsUnitsExtractor.classify(
        new HcpcsCode("J1070", "Injection, testosterone cypionate, up to 100 mg", Optional.of("20141231")));
    assertEquals("terminated 2014-12-31", assertInstanceOf(Exclusion.class, o).reason());
  }

  @Test
  void continuationRecordsAreJoinedIntoOneDescriptor() {
    HcpcsCode j0129 = codes.stream().filter(c -> c.code().equals("J0129")).findFirst().orElseThrow();
    assertEquals("Injection, abatacept, 10 mg (code may be used for medicare when drug administered under the"
        + " direct supervision of a physician, not for use when drug is self administered)", j0129.descriptor());
  }

  @Test
  void aContinuationRecordOutOfPlaceIsAnError() {
    String first = "J0129001003" + "Injection, abatacept, 10 mg";
    String stray = "J0130002004" + "administered under the direct supervision";
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> HcpcsUnitsExtractor.parseRecords(List.of(first, stray)));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  /** A minimal RFC 4180 reader for the two tables: code -> the other fields. */
  static Map<String, List<String>> readCsv(Path file, String header) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.endsWith("\n") && !text.contains("\r"), file + ": LF line ends, final newline");
    List<String> lines = text.lines().toList();
    assertEquals(header, lines.get(0), file + ": header");
    Map<String, List<String>> rows = new LinkedHashMap<>();
    String previous = "";
    for (String line : lines.subList(1, lines.size())) {
      List<String> fields = splitCsvLine(line);
      assertEquals(3, fields.size(), file + ": " + line);
      String code = fields.get(0);
      assertTrue(code.compareTo(previous) > 0, file + ": not in code order at " + code);
      previous = code;
      rows.put(code, fields.subList(1, 3));
    }
    return rows;
  }

  static List<String> splitCsvLine(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  private static Map<String, String> facts(String... codeAndUnit) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < codeAndUnit.length; i += 2) {
      m.put(codeAndUnit[i], codeAndUnit[i + 1]);
    }
    return Map.copyOf(m);
  }
}
