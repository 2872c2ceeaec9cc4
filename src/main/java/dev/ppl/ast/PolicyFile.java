package dev.ppl.ast;

import dev.ppl.source.SourceFile;
import java.util.List;

/** One parsed policy file: one version of one policy. */
public record PolicyFile(SourceFile source, Header header, List<Decl> decls) {

    public PolicyFile {
        decls = List.copyOf(decls);
    }
}
