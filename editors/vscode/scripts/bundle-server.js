'use strict';
// Copies the PPL command-line jar into server/ so that `npm run package:bundled` makes a .vsix
// that needs only Java 17+: build the jar first with `mvn -B -DskipTests package` at the top.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..', '..');
const jar = path.join(root, 'target', 'ppl-0.1.0-cli.jar');
if (!fs.existsSync(jar)) {
    console.error(`bundle-server: ${path.relative(process.cwd(), jar)} is missing\n`
        + 'help: build it first with `mvn -B -DskipTests package` at the top of the repository');
    process.exit(1);
}
const newest = ['src/main', 'grammar', 'policies'].map((d) => path.join(root, d)).reduce((latest, dir) => {
    const walk = (p) => {
        const st = fs.statSync(p);
        return st.isDirectory() ? fs.readdirSync(p).reduce((m, n) => Math.max(m, walk(path.join(p, n))), 0) : st.mtimeMs;
    };
    return Math.max(latest, walk(dir));
}, 0);
if (fs.statSync(jar).mtimeMs < newest) {
    console.error('bundle-server: target/ppl-0.1.0-cli.jar is older than the sources\n'
        + 'help: build it again with `mvn -B -DskipTests package` at the top of the repository');
    process.exit(1);
}
fs.mkdirSync(path.join(__dirname, '..', 'server'), { recursive: true });
fs.copyFileSync(jar, path.join(__dirname, '..', 'server', 'ppl-cli.jar'));
console.log(`bundle-server: copied ${path.relative(process.cwd(), jar)} to server/ppl-cli.jar`);
