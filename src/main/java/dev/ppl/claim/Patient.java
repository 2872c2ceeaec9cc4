package dev.ppl.claim;

import java.time.LocalDate;

/**
 * The beneficiary.
 *
 * @param id patient identifier
 * @param birthDate date of birth, or null
 * @param sex {@code F}, {@code M} or {@code U}, or null
 */
public record Patient(String id, LocalDate birthDate, String sex) {}
