'use strict';
// Starts the PPL language server with the command line the extension would use and connects to it
// over stdio (JSON-RPC), for the scripts that talk LSP without VS Code (lsp-smoke, lsp-screenshot).
const path = require('node:path');
const { spawn } = require('node:child_process');
const rpc = require('vscode-jsonrpc/node');
const { resolveServer } = require('../src/server');

/** The repository's top folder: the workspace the server is started in. */
const root = path.resolve(__dirname, '..', '..', '..');

/**
 * Starts the server at `serverPath` (a jar or a launcher; default: ../../ppl) and sends
 * `initialize` and `initialized`. `name` prefixes every message; `onExit(code)` is called if the
 * server stops before `stop()`. Resolves to { connection, capabilities, stop }.
 */
async function startServer(name, serverPath, onExit) {
    const server = resolveServer({
        serverPath: path.resolve(serverPath || path.join(root, 'ppl')),
        jvmArgs: ['-XX:+UseSerialGC'],
        workspaceFolders: [root],
        workspaceTrusted: true,
    });
    if (server.error) {
        console.error(`${name}: ${server.error}\nhelp: ${server.hint}`);
        process.exit(66);
    }
    console.log(`${name}: ${server.command} ${server.args.join(' ')}`);
    const child = spawn(server.command, server.args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    let stopping = false;
    child.on('exit', (code) => {
        if (!stopping) onExit(code);
    });
    const connection = rpc.createMessageConnection(
        new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    connection.listen();
    const init = await connection.sendRequest('initialize', {
        processId: process.pid, rootUri: 'file://' + root, capabilities: {},
        workspaceFolders: [{ uri: 'file://' + root, name: 'ppl' }],
    });
    connection.sendNotification('initialized', {});
    const stop = async () => {
        stopping = true;
        await connection.sendRequest('shutdown');
        connection.sendNotification('exit');
    };
    return { connection, capabilities: init.capabilities || {}, stop };
}

module.exports = { root, startServer };
