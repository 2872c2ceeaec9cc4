'use strict';
// Loads the PPL TextMate grammar with the same engine VS Code uses (vscode-textmate on the
// Oniguruma regex library compiled to WebAssembly) and tokenizes text line by line.
const fs = require('node:fs');
const path = require('node:path');
const oniguruma = require('vscode-oniguruma');
const textmate = require('vscode-textmate');

const GRAMMAR = path.join(__dirname, '..', 'syntaxes', 'ppl.tmLanguage.json');

let registryPromise;

function registry() {
    if (!registryPromise) {
        const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
        const onigLib = oniguruma.loadWASM(wasm).then(() => ({
            createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
            createOnigString: (s) => new oniguruma.OnigString(s),
        }));
        registryPromise = Promise.resolve(new textmate.Registry({
            onigLib,
            loadGrammar: async (scopeName) => scopeName === 'source.ppl'
                ? textmate.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR)
                : null,
        }));
    }
    return registryPromise;
}

/** The grammar of source.ppl. */
async function loadGrammar() {
    const grammar = await (await registry()).loadGrammar('source.ppl');
    if (!grammar) throw new Error('could not load ' + GRAMMAR);
    return grammar;
}

/**
 * Tokenizes text: one array per line of {text, scopes, line, column}, the state carried from
 * line to line as VS Code does.
 */
function tokenize(grammar, text) {
    let state = textmate.INITIAL;
    return text.split(/\r?\n/).map((line, index) => {
        const result = grammar.tokenizeLine(line, state);
        state = result.ruleStack;
        return result.tokens.map((t) => ({
            text: line.substring(t.startIndex, t.endIndex),
            scopes: t.scopes,
            line: index + 1,
            column: t.startIndex + 1,
        }));
    });
}

module.exports = { loadGrammar, tokenize, GRAMMAR };
