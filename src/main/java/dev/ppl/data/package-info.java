/**
 * Reference data: turns the official CMS and FDA files (NCCI procedure-to-procedure edits,
 * medically unlikely edits, the alpha-numeric HCPCS file, the ASP NDC-HCPCS crosswalk and the FDA
 * NDC directory's package file) into PPL table files with per-row effective dates, merging the
 * files of several quarters into one table. Layouts and the quarterly refresh are described in
 * {@code docs/reference-data.md}. A file that does not have the official layout is reported as
 * {@link dev.ppl.data.ImportProblem}s with file, line and column; nothing is thrown at a user.
 */
package dev.ppl.data;
