package dev.ppl.claim;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * History drawn from a corpus of claims rather than carried by each claim: a claim's history is
 * the service lines of the same patient's earlier claims within a window of days. {@code ppl eval
 * --history-from-corpus} and PPL on Spark both use it, so both give every claim the same history.
 *
 * <p>The rules, all of them independent of the order claims arrive in:
 * <ul>
 *   <li>the patient is {@code patient.id}; a claim without one gets no history from the corpus and
 *       gives none;
 *   <li>a claim's date is its first date of service (the earliest line's); an <em>earlier</em> claim
 *       of the patient is one whose date is before this claim's date and at most {@code windowDays}
 *       days before it (claims of the same day are not each other's history);
 *   <li>every line of an earlier claim is one history entry: its claim id, date of service, code,
 *       units, modifiers, the codes of the diagnoses it points at, and its note (the note of the
 *       injection it administers; for a line that is no injection's administration or drug line,
 *       the encounter note);
 *   <li>entries come in the order of their claims (date, claim id, then the order the caller gives
 *       for ties, e.g. file and record) and of lines within a claim, after the history the claim
 *       carries itself; a corpus claim whose id is already in that history is not added again.
 * </ul>
 * A claim whose history then holds more entries than the evaluation limit allows is rejected by
 * the engine as over the limit, as a claim that carried them itself would be.
 */
public final class CorpusHistory {
    /** The window {@code --history-window} defaults to: a year, as most frequency limits are. */
    public static final int DEFAULT_WINDOW_DAYS = 365;

    private CorpusHistory() {}

    /** The patient a claim belongs to, or null when it names none. */
    public static String patientKey(Claim claim) {
        Patient p = claim.patient();
        return p == null || p.id() == null || p.id().isBlank() ? null : p.id();
    }

    /** A claim's date: its earliest date of service, or null when no line has one. */
    public static LocalDate date(Claim claim) {
        LocalDate first = null;
        for (ServiceLine l : claim.lines()) {
            if (l.serviceDate() != null && (first == null || l.serviceDate().isBefore(first))) {
                first = l.serviceDate();
            }
        }
        return first;
    }

    /** The claim's lines as history entries of later claims, in line order. */
    public static List<HistoryEntry> entries(Claim claim) {
        List<HistoryEntry> out = new ArrayList<>(claim.lines().size());
        for (ServiceLine l : claim.lines()) {
            List<String> diagnoses = new ArrayList<>();
            for (Integer pointer : l.diagnosisPointers()) {
                if (pointer != null && pointer >= 1 && pointer <= claim.diagnoses().size()) {
                    diagnoses.add(claim.diagnoses().get(pointer - 1).code());
                }
            }
            out.add(new HistoryEntry(claim.claimId(), l.serviceDate(), l.code(), l.units(), l.modifiers(), diagnoses,
                    note(claim, l.line())));
        }
        return out;
    }

    /** The note documenting a line: its injection's, else (when it is no injection's drug) the encounter's. */
    private static String note(Claim claim, int line) {
        for (Injection i : claim.injections()) {
            if (i.adminLine() != null && i.adminLine() == line) {
                return i.note();
            }
        }
        for (Injection i : claim.injections()) {
            for (InjectedDrug d : i.drugs()) {
                if (d.line() != null && d.line() == line) {
                    return null;
                }
            }
        }
        return claim.encounter() == null ? null : claim.encounter().note();
    }

    /**
     * One earlier claim of a patient, as history.
     *
     * @param date its date ({@link #date(Claim)})
     * @param claimId its id
     * @param entries its lines as history entries
     */
    public record Earlier(LocalDate date, String claimId, List<HistoryEntry> entries) {
        public Earlier {
            Objects.requireNonNull(date, "date");
            entries = List.copyOf(entries);
        }

        /** A claim as history of the patient's later claims; null when it has no date. */
        public static Earlier of(Claim claim) {
            LocalDate date = CorpusHistory.date(claim);
            return date == null ? null : new Earlier(date, claim.claimId(), CorpusHistory.entries(claim));
        }
    }

    /** Orders earlier claims by date, then claim id; callers break the remaining ties by input position. */
    public static final Comparator<Earlier> ORDER = Comparator.comparing(Earlier::date)
            .thenComparing(Earlier::claimId, Comparator.nullsFirst(Comparator.naturalOrder()));

    /**
     * The claim with the given earlier claims added to its history: those within {@code windowDays}
     * before its date, in the order given (callers give them in {@link #ORDER}), skipping claims
     * whose id the claim's own history already names.
     */
    public static Claim withHistory(Claim claim, Iterable<Earlier> earlier, int windowDays) {
        LocalDate date = date(claim);
        if (date == null) {
            return claim;
        }
        LocalDate from = date.minusDays(windowDays);
        Set<String> carried = new HashSet<>();
        for (HistoryEntry h : claim.history()) {
            if (h.claimId() != null) {
                carried.add(h.claimId());
            }
        }
        List<HistoryEntry> history = null;
        for (Earlier e : earlier) {
            if (!e.date().isBefore(date) || e.date().isBefore(from)
                    || (e.claimId() != null && carried.contains(e.claimId()))) {
                continue;
            }
            if (history == null) {
                history = new ArrayList<>(claim.history());
            }
            history.addAll(e.entries());
        }
        if (history == null) {
            return claim;
        }
        return new Claim(claim.claimId(), claim.payer(), claim.patient(), claim.billingProvider(),
                claim.renderingProvider(), claim.supervisingProvider(), claim.placeOfService(), claim.priorAuthorization(), claim.diagnoses(),
                claim.lines(), claim.encounter(), claim.injections(), history);
    }

    /**
     * One patient's claims seen in date order (a sorted stream, as Spark gives a partition sorted by
     * patient and date): the earlier claims still inside the window. Not thread-safe.
     */
    public static final class Window {
        private final int windowDays;
        private final Deque<Earlier> kept = new ArrayDeque<>();

        public Window(int windowDays) {
            if (windowDays < 0) {
                throw new IllegalArgumentException("the history window must not be negative: " + windowDays);
            }
            this.windowDays = windowDays;
        }

        /**
         * The claim with its history from the claims {@link #add added} before it. Claims must be
         * asked for in date order; ones of the same date may be asked for before any of them is added.
         */
        public Claim historyOf(Claim claim) {
            LocalDate date = date(claim);
            if (date == null) {
                return claim;
            }
            LocalDate from = date.minusDays(windowDays);
            while (!kept.isEmpty() && kept.peekFirst().date().isBefore(from)) {
                kept.pollFirst(); // later claims have later dates: it is outside their windows too
            }
            return withHistory(claim, kept, windowDays);
        }

        /** Remembers a claim as history of the patient's later claims. */
        public void add(Claim claim) {
            Earlier e = Earlier.of(claim);
            if (e != null) {
                kept.addLast(e);
            }
        }
    }
}
