package dev.ppl.data;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds the drug billing-unit table {@code policies/medicare/hcpcs-drug-units.csv} from the CMS
 * alpha-numeric HCPCS file, and lists every drug code it could not give a single unit in a
 * companion {@code -excluded.csv}, so that no code is dropped without a reason.
 *
 * <p>Run after {@code mvn compile}:
 *
 * <pre>
 * java -cp target/classes dev.ppl.data.HcpcsUnitsExtractor \
 *     src/test/resources/realworld/cms/2019-Alpha-Numeric-HCPCS-File.zip \
 *     policies/medicare/hcpcs-drug-units.csv
 * </pre>
 *
 * <p>The rules are documented in {@code policies/medicare/HCPCS-UNITS.md}; this class is the
 * executable form of that document. It is the data-build tool behind the committed table,
 * not part of the engine; {@link HcpcsImporter} (behind {@code ppl data import hcpcs}) reuses its reading of
 * billing units.
 */
public final class HcpcsUnitsExtractor {

  /** The fixed-width text file inside the CMS zip, e.g. {@code HCPC2019_CONTR_ANWEB.txt}. */
  static final Pattern DATA_ENTRY = Pattern.compile("HCPC\\d{4}_CONTR_ANWEB\\.txt", Pattern.CASE_INSENSITIVE);

  // Record layout of HCPC20xx_CONTR_ANWEB.txt (1-based columns, as in the CMS record layout and
  // the column heads of the .xlsx copy in the same zip): HCPC 1-5, SEQNUM 6-10, RECID 11,
  // LONG DESCRIPTION 12-91, SHORT DESCRIPTION 92-119, ..., TERM DT 285-292, ACTION CD 293.
  private static final int CODE_END = 5;
  private static final int SEQ_END = 10;
  private static final int RECID = 10;
  private static final int LONG_START = 11;
  private static final int LONG_END = 91;
  private static final int TERM_START = 284;
  private static final int TERM_END = 292;

  /** RECID: 3 = first record of a procedure, 4 = its continuation; 7 / 8 the same for modifiers. */
  private static final Pattern RECORD = Pattern.compile("[ A-Z0-9]{5}\\d{5}[3478].*");

  public static final String UNITS_HEADER = "code,per,descriptor";
  public static final String EXCLUDED_HEADER = "code,reason,descriptor";

  /** One Level II code with its long descriptor joined from all of its records. */
  public record HcpcsCode(String code, String descriptor, Optional<String> terminated) {}

  /** What the extractor decided for one drug code: a billing unit, or a reason for leaving it out. */
  public sealed interface Outcome permits BillingUnit, Exclusion {
    String code();

    String descriptor();
  }

  /** A code whose descriptor states one amount; {@code per} is "number unit", e.g. "0.1 mg". */
  public record BillingUnit(String code, String per, String descriptor) implements Outcome {}

  /** A drug code left out of the unit table, with the reason. */
  public record Exclusion(String code, String reason, String descriptor) implements Outcome {}

  /** Both tables, in code order. */
  public record Extraction(List<BillingUnit> units, List<Exclusion> excluded) {
    public String unitsCsv() {
      StringBuilder out = new StringBuilder(UNITS_HEADER).append('\n');
      for (BillingUnit u : units) {
        out.append(u.code()).append(',').append(u.per()).append(',').append(quote(u.descriptor())).append('\n');
      }
      return out.toString();
    }

    public String excludedCsv() {
      StringBuilder out = new StringBuilder(EXCLUDED_HEADER).append('\n');
      for (Exclusion e : excluded) {
        out.append(e.code()).append(',').append(quote(e.reason())).append(',').append(quote(e.descriptor())).append('\n');
      }
      return out.toString();
    }
  }

  private HcpcsUnitsExtractor() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: HcpcsUnitsExtractor <hcpcs.zip> <units.csv> [<excluded.csv>]");
      System.err.println("  <excluded.csv> defaults to <units>-excluded.csv beside <units.csv>");
      System.exit(2);
    }
    Path zip = Path.of(args[0]);
    Path unitsCsv = Path.of(args[1]);
    Path excludedCsv = args.length == 3 ? Path.of(args[2]) : excludedPathFor(unitsCsv);
    Extraction extraction = extract(zip);
    write(unitsCsv, extraction.unitsCsv());
    write(excludedCsv, extraction.excludedCsv());
    System.out.printf(Locale.ROOT, "%s: %d codes with a billing unit, %d excluded (%s)%n",
        unitsCsv, extraction.units().size(), extraction.excluded().size(), excludedCsv);
  }

  /** {@code x/hcpcs-drug-units.csv} -> {@code x/hcpcs-drug-units-excluded.csv}. */
  public static Path excludedPathFor(Path unitsCsv) {
    String name = unitsCsv.getFileName().toString();
    String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    return unitsCsv.resolveSibling(stem + "-excluded.csv");
  }

  private static void write(Path file, String content) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** Reads the zip and classifies every drug code in it. */
  public static Extraction extract(Path zip) throws IOException {
    List<HcpcsCode> codes = readCodes(zip);
    List<BillingUnit> units = new ArrayList<>();
    List<Exclusion> excluded = new ArrayList<>();
    codes.stream()
        .filter(HcpcsUnitsExtractor::isDrugCode)
        .sorted(Comparator.comparing(HcpcsCode::code))
        .map(HcpcsUnitsExtractor::classify)
        .forEach(o -> {
          if (o instanceof BillingUnit u) {
            units.add(u);
          } else if (o instanceof Exclusion e) {
            excluded.add(e);
          }
        });
    return new Extraction(List.copyOf(units), List.copyOf(excluded));
  }

  /** All codes (procedures and modifiers) of the fixed-width data file in the zip. */
  public static List<HcpcsCode> readCodes(Path zip) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      List<? extends ZipEntry> entries = file.stream()
          .filter(e -> DATA_ENTRY.matcher(Path.of(e.getName()).getFileName().toString()).matches())
          .toList();
      if (entries.size() != 1) {
        throw new IOException(zip + ": expected one HCPCyyyy_CONTR_ANWEB.txt entry, found " + entries.size());
      }
      try (InputStream in = file.getInputStream(entries.get(0))) {
        // The data records are ASCII; the disclaimer lines at the top hold Latin-1 no-break spaces.
        String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        return parseRecords(text.lines().toList());
      }
    }
  }

  /**
   * Joins each code's records into one descriptor. The lines before the first record (a
   * disclaimer) are skipped; after it, every non-blank line must be a record, and a continuation
   * record must follow the records of its own code in sequence order.
   */
  public static List<HcpcsCode> parseRecords(List<String> lines) {
    List<HcpcsCode> codes = new ArrayList<>();
    String code = null;
    StringBuilder descriptor = null;
    Optional<String> terminated = Optional.empty();
    String lastSeq = null;
    int lineNo = 0;
    for (String line : lines) {
      lineNo++;
      if (!RECORD.matcher(line).matches()) {
        if (code == null || line.isBlank()) {
          continue;
        }
        throw new IllegalArgumentException("line " + lineNo + ": not an HCPCS record: " + abbreviate(line));
      }
      String lineCode = line.substring(0, CODE_END).strip();
      String seq = line.substring(CODE_END, SEQ_END);
      char recId = line.charAt(RECID);
      String longPart = line.substring(LONG_START, Math.min(LONG_END, line.length())).strip();
      boolean first = recId == '3' || recId == '7';
      if (first) {
        if (code != null) {
          codes.add(new HcpcsCode(code, descriptor.toString(), terminated));
        }
        code = lineCode;
        descriptor = new StringBuilder(longPart);
        terminated = line.length() >= TERM_END
            ? Optional.of(line.substring(TERM_START, TERM_END).strip()).filter(s -> !s.isEmpty())
            : Optional.empty();
      } else {
        if (!lineCode.equals(code) || seq.compareTo(lastSeq) <= 0) {
          throw new IllegalArgumentException("line " + lineNo + ": continuation of " + lineCode
              + " (seq " + seq + ") does not follow its first record");
        }
        // Descriptors are wrapped at word boundaries; the wrap point was a space.
        if (!longPart.isEmpty()) {
          descriptor.append(' ').append(longPart);
        }
      }
      lastSeq = seq;
    }
    if (code != null) {
      codes.add(new HcpcsCode(code, descriptor.toString(), terminated));
    }
    return codes;
  }

  private static final Pattern J_CODE = Pattern.compile("J\\d{4}");
  private static final Pattern OTHER_DRUG_CODE = Pattern.compile("[CQS]\\d{4}");
  private static final Pattern STARTS_WITH_INJECTION = Pattern.compile("(?i)injection[ ,].*");

  /** Every J-code, and the C, Q and S codes whose descriptor begins "Injection". */
  public static boolean isDrugCode(HcpcsCode c) {
    return J_CODE.matcher(c.code()).matches()
        || (OTHER_DRUG_CODE.matcher(c.code()).matches() && STARTS_WITH_INJECTION.matcher(c.descriptor()).matches());
  }

  // ---- reading the amount in a descriptor ----------------------------------------------------

  private static final String NUMBER = "(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|\\.\\d+)";
  private static final String MULTIPLIER = "(?:(million|billion)\\s+)?";
  private static final String UNIT = "(micrograms?|mcg|milligrams?|mg|grams?|gm|g|milliliters?|ml|cc"
      + "|usp units?|units?|i\\.u\\.?|iu|kiu)";
  private static final String END_OF_WORD = "(?![a-z0-9])";
  private static final String NOT_IN_A_WORD = "(?<![a-z0-9.\\-])";

  /** A number and a unit: "100,000 units", "0.1 mg", "1mg", "3 million units". */
  private static final Pattern AMOUNT =
      Pattern.compile(NOT_IN_A_WORD + NUMBER + "\\s*" + MULTIPLIER + UNIT + END_OF_WORD);
  /** "per gram", "per i.u.", "per factor viii i.u.": one of the unit. */
  private static final Pattern PER_UNIT =
      Pattern.compile("\\bper\\s+(?:factor\\s+[ivx]+\\s+)?" + UNIT + END_OF_WORD);
  /** "(500 ml = 1 unit)": the descriptor states the billing unit; "1 unit" is not a drug amount. */
  private static final Pattern EQUALS_ONE_UNIT = Pattern.compile("\\s*=\\s*1\\s+unit\\s*\\)");
  /** Amounts in units outside the five of the table. */
  private static final Pattern OTHER_UNIT = Pattern.compile(NOT_IN_A_WORD + "(?:" + NUMBER + "\\s*" + MULTIPLIER
      + "|per\\s+)(plaque forming units?|vector genomes?|meq|millicuries?|square centimeters?)" + END_OF_WORD);
  /** "10 mg/ml", "180 mcg per ml": a strength, not a billing amount. */
  private static final Pattern CONCENTRATION_AFTER = Pattern.compile("\\s*(?:/|per\\s+)(?:ml|cc)" + END_OF_WORD);
  /** "greater than 10 mg", "over 10 cc": a dose band, not a billing amount. */
  private static final Pattern BAND_BEFORE = Pattern.compile("(?:greater than|more than|over)\\s+$");
  /** "50 micrograms (250 i.u.)", "per 1 usp unit (up to 999 usp units)": the parenthesis restates. */
  private static final Pattern RESTATEMENT_BETWEEN = Pattern.compile("\\s*\\(\\s*(?:up to\\s+)?");
  private static final Pattern RESTATEMENT_AFTER = Pattern.compile("^\\s*\\)");

  private static final Map<String, String> UNIT_NAMES = Map.ofEntries(
      Map.entry("microgram", "mcg"), Map.entry("micrograms", "mcg"), Map.entry("mcg", "mcg"),
      Map.entry("milligram", "mg"), Map.entry("milligrams", "mg"), Map.entry("mg", "mg"),
      Map.entry("gram", "g"), Map.entry("grams", "g"), Map.entry("gm", "g"), Map.entry("g", "g"),
      Map.entry("milliliter", "mL"), Map.entry("milliliters", "mL"), Map.entry("ml", "mL"), Map.entry("cc", "mL"),
      Map.entry("usp unit", "units"), Map.entry("usp units", "units"), Map.entry("unit", "units"),
      Map.entry("units", "units"), Map.entry("i.u.", "units"), Map.entry("i.u", "units"), Map.entry("iu", "units"),
      Map.entry("kiu", "units"));

  /** The units a {@code per} value may carry. */
  public static final List<String> TABLE_UNITS = List.of("mg", "mcg", "g", "mL", "units");

  private record Amount(int start, int end, String text, String per) {}

  /** Decides the billing unit of one drug code, or why it has none. */
  public static Outcome classify(HcpcsCode c) {
    String code = c.code();
    String descriptor = c.descriptor();
    if (c.terminated().isPresent()) {
      return new Exclusion(code, "terminated " + isoDate(c.terminated().get()), descriptor);
    }
    String text = EQUALS_ONE_UNIT.matcher(descriptor.toLowerCase(Locale.ROOT)).replaceAll(")");

    Matcher other = OTHER_UNIT.matcher(text);
    if (other.find()) {
      return new Exclusion(code, "unit not mg/mcg/g/mL/units: " + other.group().strip(), descriptor);
    }
    List<Amount> amounts = amounts(text);
    for (Amount a : amounts) {
      Matcher concentration = CONCENTRATION_AFTER.matcher(text).region(a.end(), text.length());
      if (concentration.lookingAt()) {
        return new Exclusion(code, "concentration not amount: " + a.text() + concentration.group(), descriptor);
      }
      if (BAND_BEFORE.matcher(text.substring(0, a.start())).find()) {
        return new Exclusion(code, "dose band not amount: " + a.text(), descriptor);
      }
    }
    if (amounts.size() > 1) {
      String all = amounts.stream().map(Amount::text).collect(Collectors.joining("; "));
      return new Exclusion(code, "more than one amount: " + all, descriptor);
    }
    if (amounts.size() == 1) {
      return new BillingUnit(code, amounts.get(0).per(), descriptor);
    }
    return new Exclusion(code, noAmountReason(text), descriptor);
  }

  /** The amounts of a lower-cased descriptor, restatements in parentheses removed. */
  private static List<Amount> amounts(String text) {
    List<Amount> found = new ArrayList<>();
    Matcher m = AMOUNT.matcher(text);
    while (m.find()) {
      BigDecimal number = new BigDecimal(m.group(1).replace(",", ""));
      if ("million".equals(m.group(2))) {
        number = number.movePointRight(6);
      } else if ("billion".equals(m.group(2))) {
        number = number.movePointRight(9);
      }
      found.add(new Amount(m.start(), m.end(), m.group(), per(number, m.group(3))));
    }
    Matcher p = PER_UNIT.matcher(text);
    while (p.find()) {
      found.add(new Amount(p.start(), p.end(), p.group(), per(BigDecimal.ONE, p.group(1))));
    }
    found.sort(Comparator.comparingInt(Amount::start));
    List<Amount> kept = new ArrayList<>();
    for (Amount a : found) {
      Amount previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
      boolean restates = previous != null
          && RESTATEMENT_BETWEEN.matcher(text.substring(previous.end(), a.start())).matches()
          && RESTATEMENT_AFTER.matcher(text.substring(a.end())).find();
      if (!restates) {
        kept.add(a);
      }
    }
    return kept;
  }

  private static String per(BigDecimal number, String unitWord) {
    String unit = UNIT_NAMES.get(unitWord);
    if (unit == null) {
      throw new IllegalStateException("unit word without a mapping: " + unitWord);
    }
    return number.stripTrailingZeros().toPlainString() + " " + unit;
  }

  /** Why a drug code has no amount, first matching row wins. */
  private record NoAmountReason(Pattern when, String reason) {}

  private static final List<NoAmountReason> NO_AMOUNT_REASONS = List.of(
      new NoAmountReason(
          Pattern.compile("unclassified|not otherwise classified|not otherwise specified|\\bnoc\\b|\\bnos\\b"),
          "unclassified or not otherwise classified: no amount"),
      new NoAmountReason(Pattern.compile("\\bvial\\b"), "per vial: no amount"),
      new NoAmountReason(Pattern.compile("\\bper (?:[a-z]+ )?dose\\b"), "per dose: no amount"),
      new NoAmountReason(Pattern.compile("\\beach\\b"), "per item (each): no amount"),
      new NoAmountReason(Pattern.compile("\\binstillation\\b"), "per instillation: no amount"),
      new NoAmountReason(Pattern.compile("implant|system|kit|supplies|suppository|contraceptive"),
          "per device or implant: no amount"));

  private static String noAmountReason(String text) {
    for (NoAmountReason row : NO_AMOUNT_REASONS) {
      if (row.when().matcher(text).find()) {
        return row.reason();
      }
    }
    return "no amount in descriptor";
  }

  private static String isoDate(String yyyymmdd) {
    return yyyymmdd.length() == 8
        ? yyyymmdd.substring(0, 4) + "-" + yyyymmdd.substring(4, 6) + "-" + yyyymmdd.substring(6)
        : yyyymmdd;
  }

  /** RFC 4180 quoting; every descriptor and reason is quoted so the files read the same way. */
  static String quote(String field) {
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  private static String abbreviate(String line) {
    return line.length() <= 60 ? line : line.substring(0, 60) + "...";
  }
}
