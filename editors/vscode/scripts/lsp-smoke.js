'use strict';
// Starts the PPL language server the way the extension does and talks LSP to it over stdio:
// initialize, open a bundled policy with a misspelt field, print the diagnostics, shut down.
// A check of the client side without VS Code:
//   node scripts/lsp-smoke.js [ppl.server.path]     (default: ../../ppl, the repository's launcher)
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const rpc = require('vscode-jsonrpc/node');
const { resolveServer } = require('../src/server');

const root = path.resolve(__dirname, '..', '..', '..');
const server = resolveServer({
    serverPath: path.resolve(process.argv[2] || path.join(root, 'ppl')),
    jvmArgs: ['-XX:+UseSerialGC'],
    workspaceFolders: [root],
    workspaceTrusted: true,
});
if (server.error) {
    console.error(`lsp-smoke: ${server.error}\nhelp: ${server.hint}`);
    process.exit(66);
}
console.log(`lsp-smoke: ${server.command} ${server.args.join(' ')}`);
const child = spawn(server.command, server.args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
let done = false;
child.on('exit', (code) => {
    if (done) return;
    console.error(`lsp-smoke: the server exited with status ${code} before it sent diagnostics`);
    process.exit(1);
});
const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
const file = path.join(root, 'policies', 'coding', 'duplicates.ppl');
const uri = 'file://' + file;
const text = fs.readFileSync(file, 'utf8').replace(/\.code\b/, '.cdoe');
const timer = setTimeout(() => {
    console.error('lsp-smoke: no diagnostics within 60 s');
    child.kill();
    process.exit(1);
}, 60000);
connection.onNotification('textDocument/publishDiagnostics', async (params) => {
    if (params.uri !== uri) return;
    for (const d of params.diagnostics) {
        console.log(`${path.relative(root, file)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.code || ''} ${d.message}`);
    }
    clearTimeout(timer);
    done = true;
    await connection.sendRequest('shutdown');
    connection.sendNotification('exit');
    setTimeout(() => process.exit(params.diagnostics.length > 0 ? 0 : 1), 500);
});
connection.listen();
(async () => {
    const init = await connection.sendRequest('initialize', {
        processId: process.pid, rootUri: 'file://' + root, capabilities: {},
        workspaceFolders: [{ uri: 'file://' + root, name: 'ppl' }],
    });
    console.log(`lsp-smoke: server capabilities: ${Object.keys(init.capabilities || {}).join(', ')}`);
    connection.sendNotification('initialized', {});
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'ppl', version: 1, text } });
})().catch((e) => {
    console.error(`lsp-smoke: ${e.message}`);
    process.exit(1);
});
