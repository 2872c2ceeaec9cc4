/**
 * {@code ppl lsp}: a language server (LSP over standard input and output, Eclipse LSP4J) for
 * policy files. It runs the checker and linter of {@code ppl check} over the whole policy set of
 * the workspace, with the editor's unsaved text in place of the files on disk, and answers
 * completion, hover, definitions, references, outlines, formatting, quick fixes and test runs
 * from the same syntax trees and side tables. Only the CLI uses it; the core does not depend on
 * it.
 */
package dev.ppl.lsp;
