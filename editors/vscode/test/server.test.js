'use strict';
// How the extension finds `ppl lsp`: src/server.js, with a fake file system.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { resolveServer } = require('../src/server');

const EXT = '/ext/dev-ppl.ppl-vscode-0.1.0';
const REPO = '/home/ana/ppl';
const files = (...paths) => (p) => paths.includes(p);
const base = { extensionPath: EXT, env: { PATH: '/usr/bin' }, platform: 'linux', home: '/home/ana', workspaceTrusted: true };

test('a jar in ppl.server.path runs with java -jar ... lsp', () => {
    const jar = '/opt/ppl/ppl-0.1.0-cli.jar';
    const r = resolveServer({ ...base, serverPath: jar, jvmArgs: ['-Xmx1g'], exists: files(jar) });
    assert.deepEqual([r.command, r.args], ['java', ['-Xmx1g', '-jar', jar, 'lsp']]);
});

test('java comes from ppl.java.path, else JAVA_HOME, else the PATH', () => {
    const jar = '/opt/ppl/ppl-0.1.0-cli.jar';
    const javaHome = path.join('/jdk17', 'bin', 'java');
    assert.equal(resolveServer({ ...base, serverPath: jar, javaPath: '/jdk21/bin/java', exists: files(jar) }).command,
        '/jdk21/bin/java');
    assert.equal(resolveServer({ ...base, env: { JAVA_HOME: '/jdk17' }, serverPath: jar, exists: files(jar, javaHome) }).command,
        javaHome);
    assert.equal(resolveServer({ ...base, env: { JAVA_HOME: '/nowhere' }, serverPath: jar, exists: files(jar) }).command, 'java');
});

test('a launcher in ppl.server.path runs as launcher lsp, ~ and ${workspaceFolder} expanded', () => {
    const launcher = path.join(REPO, 'ppl');
    let r = resolveServer({ ...base, serverPath: '~/ppl/ppl', exists: files(launcher) });
    assert.deepEqual([r.command, r.args], [launcher, ['lsp']]);
    r = resolveServer({ ...base, serverPath: '${workspaceFolder}/ppl', workspaceFolders: [REPO], exists: files(launcher) });
    assert.deepEqual([r.command, r.args], [launcher, ['lsp']]);
});

test('a ppl.server.path that does not exist is an error with a hint, not a fallback', () => {
    const bundled = path.join(EXT, 'server', 'ppl-cli.jar');
    const r = resolveServer({ ...base, serverPath: '/opt/missing.jar', exists: files(bundled) });
    assert.match(r.error, /ppl\.server\.path was not found: \/opt\/missing\.jar/);
    assert.match(r.hint, /ppl-0\.1\.0-cli\.jar/);
});

test('without a setting: the bundled jar first, then the workspace launcher, then the PATH', () => {
    const bundled = path.join(EXT, 'server', 'ppl-cli.jar');
    const launcher = path.join(REPO, 'ppl');
    const g4 = path.join(REPO, 'grammar', 'dev', 'ppl', 'syntax', 'Ppl.g4');
    const onPath = path.join('/usr/bin', 'ppl');
    const ws = { ...base, workspaceFolders: [REPO] };
    assert.deepEqual(resolveServer({ ...ws, exists: files(bundled, launcher, g4, onPath) }).args,
        ['-jar', bundled, 'lsp']);
    assert.equal(resolveServer({ ...ws, exists: files(launcher, g4, onPath) }).command, launcher);
    assert.equal(resolveServer({ ...ws, exists: files(launcher, onPath) }).command, onPath, 'a ppl file that is no PPL checkout');
    assert.match(resolveServer({ ...ws, exists: files() }).error, /no PPL language server was found/);
});

test('an untrusted workspace never runs a script from the workspace', () => {
    const launcher = path.join(REPO, 'ppl');
    const g4 = path.join(REPO, 'grammar', 'dev', 'ppl', 'syntax', 'Ppl.g4');
    const untrusted = { ...base, workspaceFolders: [REPO], workspaceTrusted: false };
    assert.match(resolveServer({ ...untrusted, exists: files(launcher, g4) }).error, /no PPL language server/);
    assert.match(resolveServer({ ...untrusted, serverPath: './ppl', exists: files(launcher, g4) }).error, /not trusted/);
    assert.match(resolveServer({ ...untrusted, serverPath: '${workspaceFolder}/ppl', exists: files(launcher) }).error, /not trusted/);
});

test('on Windows the launcher is ppl.cmd on the PATH, and no bash script is run', () => {
    const launcher = path.join(REPO, 'ppl');
    const g4 = path.join(REPO, 'grammar', 'dev', 'ppl', 'syntax', 'Ppl.g4');
    const cmd = path.win32.join('C:\\tools', 'ppl.cmd');
    const r = resolveServer({ ...base, platform: 'win32', env: { Path: 'C:\\tools' }, workspaceFolders: [REPO],
        exists: files(launcher, g4, cmd) });
    assert.equal(r.command, cmd);
});
