package dev.ppl.data;

import java.util.List;

/** An import that found problems in its input; carries every problem found (up to a limit). */
public final class ImportException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<ImportProblem> problems;

    public ImportException(List<ImportProblem> problems) {
        super(problems.isEmpty() ? "import failed" : problems.get(0).render(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
