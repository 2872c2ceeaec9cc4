'use strict';
// VS Code itself cannot run here (no display, no VS Code binary), so this loads the extension
// against a stand-in `vscode` module: it checks that the client library resolves as packaged and
// that activation starts the server resolved from the settings, or explains what to set.
const test = require('node:test');
const assert = require('node:assert/strict');
const Module = require('node:module');
const path = require('node:path');

function fakeVscode(settings, calls) {
    const anyClass = () => class {};
    const base = {
        workspace: {
            workspaceFolders: [],
            isTrusted: true,
            getConfiguration: () => ({ get: (key, def) => (key in settings ? settings[key] : def) }),
            createFileSystemWatcher: () => ({ dispose() {} }),
            onDidGrantWorkspaceTrust: () => ({ dispose() {} }),
            onDidChangeConfiguration: () => ({ dispose() {} }),
        },
        window: {
            createOutputChannel: () => ({ appendLine: (l) => calls.output.push(l), show() {}, dispose() {} }),
            showWarningMessage: async (m) => { calls.warnings.push(m); },
            showErrorMessage: async (m) => { calls.errors.push(m); },
        },
        commands: {
            registerCommand: (id) => { calls.commands.push(id); return { dispose() {} }; },
            executeCommand: async () => {},
        },
    };
    // the client library extends a few vscode classes when it loads: any other name is a class
    return new Proxy(base, { get: (t, k) => (k in t ? t[k] : (t[k] = anyClass())) });
}

function loadExtension(vscode) {
    const load = Module._load;
    Module._load = function (request, ...rest) {
        return request === 'vscode' ? vscode : load.call(this, request, ...rest);
    };
    try {
        for (const id of Object.keys(require.cache)) {
            if (id.includes(`${path.sep}vscode-languageclient${path.sep}`) || id.endsWith(path.join('src', 'extension.js'))) {
                delete require.cache[id];
            }
        }
        return require('../src/extension');
    } finally {
        Module._load = load;
    }
}

test('with no server found, activation keeps highlighting and says what to set', async () => {
    const calls = { output: [], warnings: [], errors: [], commands: [] };
    const ext = loadExtension(fakeVscode({ 'server.path': '/nowhere/ppl-0.1.0-cli.jar' }, calls));
    const context = { subscriptions: [], extensionPath: path.join(__dirname, '..') };
    await ext.activate(context);
    assert.deepEqual(calls.commands.sort(), ['ppl.restartServer', 'ppl.showOutput']);
    assert.equal(calls.warnings.length, 1);
    assert.match(calls.warnings[0], /ppl\.server\.path was not found: \/nowhere\/ppl-0\.1\.0-cli\.jar/);
    assert.match(calls.output.join('\n'), /help: set ppl\.server\.path/);
    await ext.deactivate();
});
