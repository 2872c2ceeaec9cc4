package dev.ppl.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one import; stops collecting after a limit so a wrong file is not a flood. */
final class Problems {
    static final int LIMIT = 50;
    private final List<ImportProblem> list = new ArrayList<>();
    private int dropped;

    void add(Path file, int line, int column, String message, String hint) {
        if (list.size() < LIMIT) {
            list.add(new ImportProblem(file, line, column, message, hint));
        } else {
            dropped++;
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int count() {
        return list.size() + dropped;
    }

    /** Throws when anything was found. */
    void throwIfAny() throws ImportException {
        if (list.isEmpty()) {
            return;
        }
        List<ImportProblem> all = new ArrayList<>(list);
        if (dropped > 0) {
            ImportProblem last = list.get(list.size() - 1);
            all.add(new ImportProblem(last.file(), 0, 0, dropped + " more problem(s) not shown",
                    "fix the ones above first; a file with this many is probably not the expected kind"));
        }
        throw new ImportException(all);
    }
}
