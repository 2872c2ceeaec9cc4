'use strict';
// Where the PPL language server comes from. No `vscode` import here, so node's test runner can
// check every case without an editor.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The jar `npm run package:bundled` puts inside the extension. */
const BUNDLED_JAR = path.join('server', 'ppl-cli.jar');

function isFile(p) {
    try {
        return fs.statSync(p).isFile();
    } catch {
        return false;
    }
}

/** `~` and `${workspaceFolder}` in a setting, made absolute against the first workspace folder. */
function expand(setting, workspaceFolders, home) {
    let p = setting.trim();
    const first = workspaceFolders[0];
    if (p.includes('${workspaceFolder}')) {
        if (!first) return null;
        p = p.split('${workspaceFolder}').join(first);
    }
    if (p === '~' || p.startsWith('~/')) p = path.join(home, p.slice(1));
    if (!path.isAbsolute(p)) p = first ? path.resolve(first, p) : path.resolve(p);
    return p;
}

/** The java to run a jar with: the setting, else JAVA_HOME's, else `java` from the PATH. */
function javaCommand(javaPath, env, platform, exists) {
    if (javaPath && javaPath.trim()) return javaPath.trim();
    const exe = platform === 'win32' ? 'java.exe' : 'java';
    if (env.JAVA_HOME) {
        const candidate = path.join(env.JAVA_HOME, 'bin', exe);
        if (exists(candidate)) return candidate;
    }
    return 'java';
}

function onPath(name, env, platform, exists) {
    const win = platform === 'win32';
    const dirs = (env.PATH || env.Path || '').split(win ? ';' : ':').filter(Boolean);
    const names = win ? [name + '.cmd', name + '.bat', name + '.exe'] : [name];
    for (const dir of dirs) {
        for (const n of names) {
            const candidate = (win ? path.win32 : path.posix).join(dir, n);
            if (exists(candidate)) return candidate;
        }
    }
    return null;
}

/**
 * How to start `ppl lsp`, in this order:
 * 1. the `ppl.server.path` setting: a jar (run with java) or a launcher such as the repository's
 *    `ppl` script;
 * 2. the jar bundled in the extension (a .vsix made with `npm run package:bundled`);
 * 3. a `ppl` launcher at the top of a trusted workspace folder (a checkout of the PPL repository:
 *    the launcher builds the jar when it is missing or stale; an untrusted folder's script is
 *    never run);
 * 4. `ppl` on the PATH.
 * Returns {command, args, source} or {error, hint} when nothing was found.
 */
function resolveServer(options) {
    const {
        serverPath = '',
        javaPath = '',
        jvmArgs = [],
        extensionPath,
        workspaceFolders = [],
        workspaceTrusted = false,
        env = process.env,
        platform = process.platform,
        home = os.homedir(),
        exists = isFile,
    } = options;
    const java = () => javaCommand(javaPath, env, platform, exists);
    const fromJar = (jar, source) => ({ command: java(), args: [...jvmArgs, '-jar', jar, 'lsp'], source });

    if (serverPath && serverPath.trim()) {
        const inWorkspace = serverPath.includes('${workspaceFolder}')
            || !(path.isAbsolute(serverPath.trim()) || serverPath.trim().startsWith('~'));
        if (inWorkspace && !workspaceTrusted) {
            return {
                error: `ppl.server.path (${serverPath}) points into the workspace, which is not trusted`,
                hint: 'trust the workspace (Workspaces: Manage Workspace Trust) or give an absolute path',
            };
        }
        const p = expand(serverPath, workspaceFolders, home);
        if (!p || !exists(p)) {
            return {
                error: `the PPL language server set in ppl.server.path was not found: ${serverPath}`,
                hint: 'set ppl.server.path to the ppl launcher of a PPL checkout or to ppl-0.1.0-cli.jar, or clear it to use the bundled server',
            };
        }
        return p.toLowerCase().endsWith('.jar')
            ? fromJar(p, 'setting ppl.server.path')
            : { command: p, args: ['lsp'], source: 'setting ppl.server.path' };
    }
    if (extensionPath) {
        const jar = path.join(extensionPath, BUNDLED_JAR);
        if (exists(jar)) return fromJar(jar, 'the jar bundled in the extension');
    }
    if (workspaceTrusted && platform !== 'win32') {
        for (const folder of workspaceFolders) {
            const launcher = path.join(folder, 'ppl');
            if (exists(launcher) && exists(path.join(folder, 'grammar', 'dev', 'ppl', 'syntax', 'Ppl.g4'))) {
                return { command: launcher, args: ['lsp'], source: `the ppl launcher of ${folder}` };
            }
        }
    }
    const found = onPath('ppl', env, platform, exists);
    if (found) return { command: found, args: ['lsp'], source: 'ppl on the PATH' };
    return {
        error: 'no PPL language server was found: highlighting works, diagnostics, completion and hover do not',
        hint: 'set ppl.server.path to ppl-0.1.0-cli.jar (built by `mvn -DskipTests package` in a PPL checkout) or to its ppl launcher, '
            + 'or install a .vsix that bundles the jar',
    };
}

module.exports = { resolveServer, javaCommand, expand, BUNDLED_JAR };
