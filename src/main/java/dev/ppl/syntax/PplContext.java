package dev.ppl.syntax;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * The class of every node of PPL's parse tree (the grammar's {@code contextSuperClass}): ANTLR's
 * own, except that a node's list of children starts with room for three instead of ten. Nearly
 * every node has one to three children, and the ten-slot arrays were a ninth of all the memory
 * building 10,000 rules allocated.
 */
public class PplContext extends ParserRuleContext {
    public PplContext() {}

    public PplContext(ParserRuleContext parent, int invokingStateNumber) {
        super(parent, invokingStateNumber);
    }

    @Override
    public <T extends ParseTree> T addAnyChild(T t) {
        if (children == null) {
            children = new java.util.ArrayList<>(3);
        }
        children.add(t);
        return t;
    }
}
