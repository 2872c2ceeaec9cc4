'use strict';
// Starts the PPL language server the way the extension does and talks LSP to it over stdio:
// initialize, open a bundled policy with a misspelt field, print the diagnostics, shut down.
// A check of the client side without VS Code:
//   node scripts/lsp-smoke.js [ppl.server.path]     (default: ../../ppl, the repository's launcher)
const fs = require('node:fs');
const path = require('node:path');
const { root, startServer } = require('./lsp-client');

const file = path.join(root, 'policies', 'coding', 'duplicates.ppl');
const uri = 'file://' + file;
const text = fs.readFileSync(file, 'utf8').replace(/\.code\b/, '.cdoe');
const timer = setTimeout(() => {
    console.error('lsp-smoke: no diagnostic for the misspelt field within 60 s');
    process.exit(1);
}, 60000);

(async () => {
    const { connection, capabilities, stop } = await startServer('lsp-smoke', process.argv[2], (code) => {
        console.error(`lsp-smoke: the server exited with status ${code} before it sent diagnostics`);
        process.exit(1);
    });
    console.log(`lsp-smoke: server capabilities: ${Object.keys(capabilities).join(', ')}`);
    connection.onNotification('textDocument/publishDiagnostics', async (params) => {
        // the first list may come from a check begun before the document was opened: wait for the typo's
        if (params.uri !== uri || !params.diagnostics.length) return;
        for (const d of params.diagnostics) {
            console.log(`${path.relative(root, file)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.code || ''} ${d.message}`);
        }
        clearTimeout(timer);
        await stop();
        setTimeout(() => process.exit(0), 500);
    });
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'ppl', version: 1, text } });
})().catch((e) => {
    console.error(`lsp-smoke: ${e.message}`);
    process.exit(1);
});
