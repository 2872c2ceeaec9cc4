package dev.ppl.format;

import java.util.List;
import java.util.Random;

/**
 * Writes random policy text that parses (it need not check): every declaration, clause and
 * expression form of the grammar, with random spacing, line breaks, blank lines and comments
 * between tokens. Used by the formatter's properties.
 */
final class PolicyTextGenerator {
    private static final List<String> NAMES = List.of("l", "em", "inj", "h", "d", "x", "i");
    private static final List<String> FIELDS = List.of("code", "units", "serviceDate", "modifiers", "line", "drug",
            "diagnoses", "note", "payer", "id");
    private static final List<String> SETS = List.of("INJECTION", "OFFICE_EM", "DRUG", "B12_DEF", "DISTINCT");

    private final Random random;
    private final StringBuilder out = new StringBuilder();
    private boolean lastWasPunctuation = true;
    private boolean afterComment;

    PolicyTextGenerator(long seed) {
        this.random = new Random(seed);
    }

    String policy() {
        if (chance(3)) {
            out.append("# generated policy\n");
            afterComment = true;
        }
        word("policy");
        qualified("gen", "policy", "x" + random.nextInt(9));
        header();
        int decls = random.nextInt(7);
        for (int k = 0; k < decls; k++) {
            newline();
            switch (random.nextInt(6)) {
                case 0 -> codeSet();
                case 1 -> table();
                case 2, 3 -> rule();
                case 4 -> disable();
                default -> test();
            }
        }
        if (chance(4)) {
            out.append(chance(2) ? "  # trailing remark" : "\n# closing remark");
        }
        return out.append('\n').toString();
    }

    // ------------------------------------------------------------------ header

    private void header() {
        word("version");
        word(random.nextInt(3) + "." + random.nextInt(10) + ".0");
        if (chance(2)) {
            word("title");
            string("A title");
        }
        if (chance(2)) {
            words("applies", "to", "payer", "type");
            list(() -> word(pick(List.of("medicare", "medicaid", "commercial"))));
        } else {
            words("applies", "to", "payer", "id");
            list(() -> qualified("acme", "health"));
        }
        if (chance(3)) {
            word("jurisdiction");
            list(() -> word(pick(List.of("JN", "JF", "J15"))));
        }
        word("effective");
        if (chance(2)) {
            word("from");
            word("2020-10-01");
        } else {
            word("2026-01-01");
            word("to");
            word("2026-12-31");
        }
        if (chance(2)) {
            word("cites");
            list(() -> string("NCCI PTP edits"));
        }
        if (chance(4)) {
            word("extends");
            qualified("medicare", "injection", "core");
        }
    }

    // ------------------------------------------------------------ declarations

    private void codeSet() {
        word(pick(List.of("codes", "diagnoses", "modifiers")));
        word(pick(SETS) + random.nextInt(3));
        punct("=");
        setExpr(2);
        if (chance(4)) {
            word("cites");
            string("LCD L33634");
        }
    }

    private void setExpr(int depth) {
        int kind = depth == 0 ? 0 : random.nextInt(4);
        switch (kind) {
            case 0 -> setLiteral();
            case 1 -> word(pick(SETS));
            default -> {
                setExpr(depth - 1);
                punct(kind == 2 ? "+" : "-");
                setExpr(depth - 1);
            }
        }
    }

    private void setLiteral() {
        punct("{");
        int n = random.nextInt(4);
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                punct(",");
            }
            switch (random.nextInt(4)) {
                case 0 -> word("96372");
                case 1 -> {
                    word("99202");
                    punct("-");
                    word("99205");
                }
                case 2 -> word("D51.*");
                default -> word("J3420");
            }
        }
        punct("}");
    }

    private void table() {
        word("table");
        word("T" + random.nextInt(5));
        if (chance(2)) {
            word("from");
            string("table.csv");
        }
        word("key");
        list(() -> word("code"));
        word("columns");
        list(() -> {
            word(pick(List.of("code", "limit", "per", "from", "to")));
            punct(":");
            word(pick(List.of("code", "number", "quantity", "date", "text")));
        });
        if (chance(3)) {
            words("effective", "from", "from", "to", "to");
        }
        if (chance(3)) {
            word("cites");
            string("CMS MUE");
        }
        int rows = random.nextInt(3);
        for (int k = 0; k < rows; k++) {
            word("row");
            list(() -> {
                switch (random.nextInt(6)) {
                    case 0 -> {
                        if (chance(2)) {
                            punct("-");
                        }
                        word("10");
                        if (chance(2)) {
                            word("mg");
                        }
                    }
                    case 1 -> string("text");
                    case 2 -> word("2026-01-01");
                    case 3 -> word("J3420");
                    case 4 -> word("word");
                    default -> word("missing");
                }
            });
        }
    }

    private void rule() {
        if (chance(4)) {
            word("override");
        }
        word("rule");
        ruleId();
        if (chance(2)) {
            string("What the rule checks");
        }
        if (chance(4)) {
            word("because");
            string("a reason");
        }
        if (chance(3)) {
            word("cites");
            string("Pub. 100-04");
        }
        if (chance(2)) {
            words("for", "each");
            list(() -> {
                word(pick(NAMES));
                word("in");
                expr(1);
            });
            if (chance(2)) {
                word("where");
                expr(2);
            }
        }
        int lets = random.nextInt(3);
        for (int k = 0; k < lets; k++) {
            word("let");
            word(pick(NAMES) + k);
            punct("=");
            expr(2);
        }
        int branches = 1 + random.nextInt(2);
        for (int k = 0; k < branches; k++) {
            word("when");
            expr(3);
            outcome();
        }
    }

    private void outcome() {
        word(pick(List.of("reject", "deny", "review", "info")));
        if (chance(2)) {
            word("claim");
        } else {
            word("line");
            expr(0);
        }
        if (chance(2)) {
            words("group", "CO");
        }
        if (chance(2)) {
            words("carc", pick(List.of("16", "4", "B7")));
        }
        if (chance(3)) {
            word("rarc");
            list(() -> word(pick(List.of("M20", "N362"))));
        }
        word("message");
        string(chance(2) ? "line {l.line} ({l.code}) {{x}}" : "plain");
        if (chance(2)) {
            word("fix");
            string("do {count(x in lines)} things");
        }
        if (chance(3)) {
            word("cites");
            string("NCCI {l.code}");
        }
    }

    private void disable() {
        words("disable", "rule");
        ruleId();
        word("because");
        string("not here");
    }

    private void test() {
        word("test");
        string("a test");
        if (chance(2)) {
            word("using");
            string("../claims/x.json");
        } else {
            word("claim");
            json(2);
        }
        int patches = random.nextInt(4);
        for (int k = 0; k < patches; k++) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    words("with", "line", "1");
                    jsonPath();
                    punct("=");
                    json(1);
                }
                case 1 -> {
                    word("with");
                    jsonPath();
                    punct("=");
                    json(1);
                }
                case 2 -> words("without", "line", "3");
                default -> {
                    word("without");
                    jsonPath();
                }
            }
        }
        int expects = 1 + random.nextInt(3);
        for (int k = 0; k < expects; k++) {
            word("expect");
            switch (random.nextInt(3)) {
                case 0 -> {
                    ruleId();
                    if (chance(2)) {
                        words("on", "line", "1");
                    }
                    if (chance(2)) {
                        word("deny");
                    }
                    if (chance(2)) {
                        words("carc", "4");
                    }
                }
                case 1 -> {
                    word("no");
                    ruleId();
                }
                default -> words("outcome", pick(List.of("clean", "deny", "info")));
            }
        }
    }

    private void jsonPath() {
        word(pick(List.of("payer", "lines", "encounter")));
        if (chance(3)) {
            glued("[");
            glued("0");
            glued("]");
        }
        if (chance(2)) {
            glued(".");
            glued(pick(List.of("jurisdiction", "note", "code")));
        }
    }

    private void json(int depth) {
        int kind = depth == 0 ? 2 + random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0 -> {
                punct("{");
                int n = random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        punct(",");
                    }
                    string("key" + k);
                    punct(":");
                    json(depth - 1);
                }
                punct("}");
            }
            case 1 -> {
                punct("[");
                int n = random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        punct(",");
                    }
                    json(depth - 1);
                }
                punct("]");
            }
            case 2 -> string("value");
            case 3 -> {
                if (chance(2)) {
                    punct("-");
                }
                word("12");
            }
            case 4 -> word(chance(2) ? "true" : "false");
            default -> word("null");
        }
    }

    // ------------------------------------------------------------- expressions

    private void expr(int depth) {
        if (depth <= 0) {
            primary();
            return;
        }
        switch (random.nextInt(14)) {
            case 0 -> {
                expr(depth - 1);
                punct(".");
                word(pick(FIELDS));
            }
            case 1 -> {
                word(pick(List.of("MUE", "PTP")));
                punct("[");
                expr(depth - 1);
                if (chance(2)) {
                    punct(",");
                    expr(depth - 1);
                }
                if (chance(3)) {
                    word("on");
                    expr(depth - 1);
                }
                punct("]");
                if (chance(2)) {
                    punct(".");
                    word("limit");
                }
            }
            case 2 -> {
                punct("-");
                expr(depth - 1);
            }
            case 3 -> {
                expr(depth - 1);
                punct(pick(List.of("*", "/", "+", "-")));
                expr(depth - 1);
            }
            case 4 -> {
                expr(depth - 1);
                word("within");
                words("30", "days");
                word(pick(List.of("before", "after", "of")));
                expr(depth - 1);
            }
            case 5 -> {
                expr(depth - 1);
                punct(pick(List.of("=", "!=", "<", "<=", ">", ">=")));
                expr(depth - 1);
            }
            case 6 -> {
                expr(depth - 1);
                if (chance(2)) {
                    word("not");
                }
                word("in");
                if (chance(2)) {
                    setLiteral();
                } else {
                    word(pick(SETS));
                }
            }
            case 7 -> {
                expr(depth - 1);
                word("is");
                if (chance(2)) {
                    word("not");
                }
                word(pick(List.of("present", "missing", "blank")));
            }
            case 8 -> {
                word("not");
                expr(depth - 1);
            }
            case 9 -> {
                expr(depth - 1);
                word(chance(2) ? "and" : "or");
                expr(depth - 1);
            }
            case 10 -> {
                punct("(");
                word(pick(List.of("any", "no")));
                word(pick(NAMES));
                word("in");
                expr(depth - 1);
                if (chance(2)) {
                    word("where");
                    expr(depth - 1);
                }
                punct(")");
            }
            case 11 -> {
                punct("(");
                word("every");
                word(pick(NAMES));
                word("in");
                expr(depth - 1);
                if (chance(2)) {
                    word("where");
                    expr(depth - 1);
                }
                word("satisfies");
                expr(depth - 1);
                punct(")");
            }
            case 12 -> {
                punct("(");
                expr(depth - 1);
                punct(")");
            }
            default -> primary();
        }
    }

    private void primary() {
        switch (random.nextInt(11)) {
            case 0 -> words("40", pick(List.of("mg", "mcg", "days")));
            case 1 -> word(pick(List.of("1", "2.5", "1000")));
            case 2 -> string("text");
            case 3 -> word("2026-03-02");
            case 4 -> word(pick(List.of("J3420", "D51.0", "0075T")));
            case 5 -> word(chance(2) ? "true" : "false");
            case 6 -> setLiteral();
            case 7 -> {
                word("count");
                punct("(");
                word(pick(NAMES));
                word("in");
                word("lines");
                if (chance(2)) {
                    word("where");
                    word("true");
                }
                punct(")");
            }
            case 8 -> {
                word("sum");
                punct("(");
                word("x");
                punct(".");
                word("units");
                word("for");
                word("x");
                word("in");
                word("lines");
                punct(")");
            }
            case 9 -> {
                word(pick(List.of("billingUnits", "max", "validNpi")));
                punct("(");
                int n = random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        punct(",");
                    }
                    word(pick(NAMES));
                }
                punct(")");
            }
            default -> word(pick(NAMES));
        }
    }

    // ----------------------------------------------------------------- tokens

    private void ruleId() {
        word(pick(List.of("em", "drug", "units", "no")));
        int parts = random.nextInt(3);
        for (int k = 0; k < parts; k++) {
            glued("-");
            glued(pick(List.of("same", "day", "25", "line", "missing", "policy")));
        }
    }

    private void qualified(String... parts) {
        word(parts[0]);
        for (int k = 1; k < parts.length; k++) {
            glued(chance(2) ? "." : "-");
            glued(parts[k]);
        }
    }

    private void list(Runnable item) {
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                punct(",");
            }
            item.run();
        }
    }

    private void words(String... ws) {
        for (String w : ws) {
            word(w);
        }
    }

    private void string(String s) {
        word("\"" + s + "\"");
    }

    /** A token that needs a separator from a word before it. */
    private void word(String w) {
        separator(lastWasPunctuation);
        out.append(w);
        lastWasPunctuation = false;
    }

    /** A punctuation token: may touch its neighbours. */
    private void punct(String p) {
        // `D51.0*` would lex as one code pattern
        separator(!p.equals("*"));
        out.append(p);
        lastWasPunctuation = true;
    }

    /** Part of a word: nothing between it and the token before. */
    private void glued(String s) {
        out.append(s);
        lastWasPunctuation = false;
    }

    private void newline() {
        out.append(chance(2) ? "\n\n" : "\n");
        afterComment = false;
        lastWasPunctuation = true;
    }

    private void separator(boolean mayTouch) {
        if (out.isEmpty()) {
            return;
        }
        int r = random.nextInt(100);
        String sep;
        if (r < 45) {
            sep = " ";
        } else if (r < 60) {
            sep = "\n  ";
        } else if (r < 65) {
            sep = "\n\n";
        } else if (r < 70) {
            sep = "   ";
        } else if (r < 73) {
            sep = "\t";
        } else if (r < 79) {
            sep = "  # note\n";
        } else if (r < 84) {
            sep = "\n    # on its own line\n ";
        } else {
            sep = mayTouch ? "" : " ";
        }
        if (afterComment && !sep.contains("\n")) {
            sep = "\n";
        }
        out.append(sep);
        afterComment = false;
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
