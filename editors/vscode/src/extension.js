'use strict';
// The PPL extension: the TextMate grammar and language configuration are declared in
// package.json; this file starts `ppl lsp` and connects VS Code to it.
const vscode = require('vscode');
const { LanguageClient, RevealOutputChannelOn } = require('vscode-languageclient/node');
const { resolveServer } = require('./server');

let client;
let output;

function settings() {
    const config = vscode.workspace.getConfiguration('ppl');
    return {
        serverPath: config.get('server.path', ''),
        serverArgs: config.get('server.args', []),
        javaPath: config.get('java.path', ''),
        jvmArgs: config.get('java.args', []),
    };
}

async function start(context) {
    const s = settings();
    const folders = (vscode.workspace.workspaceFolders || [])
        .filter((f) => f.uri.scheme === 'file')
        .map((f) => f.uri.fsPath);
    const server = resolveServer({
        serverPath: s.serverPath,
        javaPath: s.javaPath,
        jvmArgs: s.jvmArgs,
        extensionPath: context.extensionPath,
        workspaceFolders: folders,
        // VS Code already ignores the workspace's ppl.server/ppl.java settings when untrusted
        workspaceTrusted: vscode.workspace.isTrusted,
    });
    if (server.error) {
        output.appendLine(`${server.error}\nhelp: ${server.hint}`);
        const choice = await vscode.window.showWarningMessage(`PPL: ${server.error}. ${server.hint}.`, 'Open Settings');
        if (choice === 'Open Settings') {
            await vscode.commands.executeCommand('workbench.action.openSettings', 'ppl.');
        }
        return;
    }
    const executable = {
        command: server.command,
        args: [...server.args, ...s.serverArgs],
        options: folders.length > 0 ? { cwd: folders[0] } : {},
    };
    output.appendLine(`starting the PPL language server (${server.source}): ${executable.command} ${executable.args.join(' ')}`);
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{ppl,csv}');
    context.subscriptions.push(watcher);
    client = new LanguageClient('ppl', 'PPL Language Server', { run: executable, debug: executable }, {
        documentSelector: [
            { scheme: 'file', language: 'ppl' },
            { scheme: 'untitled', language: 'ppl' },
        ],
        // a table's CSV file changes what its policy means: the server re-checks on either
        synchronize: { fileEvents: watcher },
        outputChannel: output,
        revealOutputChannelOn: RevealOutputChannelOn.Never,
    });
    try {
        await client.start();
    } catch (e) {
        client = undefined;
        const message = e && e.message ? e.message : String(e);
        output.appendLine(`the PPL language server did not start: ${message}`);
        const choice = await vscode.window.showErrorMessage(
            'PPL: the language server did not start (' + message + '). It needs Java 17 or later: set ppl.java.path '
            + 'to the java to use, or ppl.server.path to the ppl launcher. The PPL output panel shows the command that was run.',
            'Open Settings', 'Show Output');
        if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'ppl.');
        if (choice === 'Show Output') output.show();
    }
}

async function stop() {
    const running = client;
    client = undefined;
    if (running) await running.stop();
}

async function activate(context) {
    output = vscode.window.createOutputChannel('PPL');
    context.subscriptions.push(output);
    const restart = async () => {
        await stop();
        await start(context);
    };
    context.subscriptions.push(
        vscode.commands.registerCommand('ppl.restartServer', restart),
        vscode.commands.registerCommand('ppl.showOutput', () => output.show()),
        vscode.workspace.onDidGrantWorkspaceTrust(restart),
        vscode.workspace.onDidChangeConfiguration((e) => {
            if (e.affectsConfiguration('ppl.server') || e.affectsConfiguration('ppl.java')) restart();
        }),
    );
    await start(context);
}

function deactivate() {
    return stop();
}

module.exports = { activate, deactivate };
