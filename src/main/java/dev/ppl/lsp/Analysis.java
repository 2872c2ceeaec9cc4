package dev.ppl.lsp;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.ast.PolicyFile;
import dev.ppl.check.CheckedPolicy;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.SourceFile;
import java.util.List;
import java.util.Map;

/**
 * One check of the workspace's whole policy set, as {@code ppl check} makes it, with what the
 * editor features read.
 *
 * @param set the policies that compiled
 * @param sources every policy file checked, editor text in place of the disk's
 * @param files each policy file by its name in diagnostics
 * @param diagnostics the diagnostics of {@code ppl check}, by the name of the file they are in
 * @param unreadable why policy files on disk could not be read (they are left out)
 */
record Analysis(PolicySet set, List<PolicySource> sources, Map<String, FileModel> files,
        Map<String, List<Diagnostic>> diagnostics, List<String> unreadable) {

    /**
     * One policy file as the features see it.
     *
     * @param name its name in diagnostics (relative to the workspace root)
     * @param source its current text
     * @param ast its syntax tree; when the current text has syntax errors, the tree of the last
     *     text that parsed, whose spans are offsets in {@code astSource}
     * @param astSource the text {@code ast} was parsed from
     * @param checked the checked policy (with the side tables of whatever checked), or null
     * @param names every name written in {@code ast}, in order
     */
    record FileModel(String name, SourceFile source, PolicyFile ast, SourceFile astSource, CheckedPolicy checked,
            List<Occurrences.Occurrence> names) {

        /** Whether the syntax tree is of the current text (offsets can be used as they are). */
        boolean current() {
            return astSource == source || (astSource != null && astSource.text().equals(source.text()));
        }
    }

    FileModel file(String name) {
        return files.get(name);
    }

    /** The policy files whose header declares the policy {@code id}. */
    List<FileModel> policy(String id) {
        return files.values().stream().filter(f -> f.ast() != null && f.ast().header().id().text().equals(id)).toList();
    }
}
