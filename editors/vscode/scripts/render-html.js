'use strict';
// Renders a bundled policy highlighted by the PPL grammar into a self-contained HTML page,
// coloured the way VS Code colours tokens (vscode-textmate's theme support, Dark+ colours), and
// screenshots it with headless Chromium when it is installed. Used for docs/images/.
//   node scripts/render-html.js [policy.ppl] [--lines 36-66,101-113] [--out target/highlight.png]
// scripts/lsp-screenshot.js draws on the same page with what the language server answers.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const oniguruma = require('vscode-oniguruma');
const textmate = require('vscode-textmate');

const here = path.join(__dirname, '..');

// The colours of VS Code's Dark+ theme for the scopes the PPL grammar gives.
const THEME = {
    name: 'Dark+ (the scopes PPL uses)',
    settings: [
        { settings: { foreground: '#D4D4D4', background: '#1E1E1E' } },
        { scope: 'comment', settings: { foreground: '#6A9955' } },
        { scope: 'string', settings: { foreground: '#CE9178' } },
        { scope: 'constant.character.escape', settings: { foreground: '#D7BA7D' } },
        { scope: 'constant.numeric', settings: { foreground: '#B5CEA8' } },
        { scope: 'constant.language', settings: { foreground: '#569CD6' } },
        { scope: 'constant.other.code', settings: { foreground: '#4FC1FF' } },
        { scope: 'keyword', settings: { foreground: '#569CD6' } },
        { scope: 'keyword.control', settings: { foreground: '#C586C0' } },
        { scope: 'keyword.control.severity', settings: { foreground: '#F48771', fontStyle: 'bold' } },
        { scope: 'keyword.operator', settings: { foreground: '#D4D4D4' } },
        { scope: 'keyword.operator.wordlike', settings: { foreground: '#569CD6' } },
        { scope: 'keyword.other.unit', settings: { foreground: '#4EC9B0' } },
        { scope: 'storage', settings: { foreground: '#569CD6' } },
        { scope: 'entity.name.function', settings: { foreground: '#DCDCAA' } },
        { scope: 'support.function', settings: { foreground: '#DCDCAA' } },
        { scope: 'entity.name.type', settings: { foreground: '#4EC9B0' } },
        { scope: 'entity.name.namespace', settings: { foreground: '#4EC9B0' } },
        { scope: 'support.constant', settings: { foreground: '#4EC9B0' } },
        { scope: 'variable', settings: { foreground: '#9CDCFE' } },
        { scope: 'support.variable', settings: { foreground: '#9CDCFE' } },
        { scope: 'punctuation.section.embedded', settings: { foreground: '#569CD6' } },
        { scope: 'invalid', settings: { foreground: '#F44747' } },
    ],
};

function escape(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Lines as `from-to,n,...` (1-based) into a set of line numbers. */
function lineSet(ranges) {
    const wanted = new Set();
    for (const r of ranges.split(',')) {
        const [from, to] = r.split('-').map(Number);
        for (let n = from; n <= (to || from); n++) wanted.add(n);
    }
    return wanted;
}

/** The PPL grammar loaded into vscode-textmate with the Dark+ colours above. */
async function loadGrammar() {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm);
    const grammarPath = path.join(here, 'syntaxes', 'ppl.tmLanguage.json');
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (p) => new oniguruma.OnigScanner(p),
            createOnigString: (s) => new oniguruma.OnigString(s),
        }),
        loadGrammar: async () => textmate.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath),
        theme: THEME,
    });
    const grammar = await registry.loadGrammar('source.ppl');
    const colors = registry.getColorMap();
    /** Every line of `text` as coloured HTML spans; the whole text is tokenized, so each line starts in its real state. */
    return function highlight(text) {
        let state = textmate.INITIAL;
        return text.split(/\r?\n/).map((line) => {
            const result = grammar.tokenizeLine2(line, state);
            state = result.ruleStack;
            const t = result.tokens;
            let html = '';
            for (let k = 0; k < t.length; k += 2) {
                const start = t[k];
                const end = k + 2 < t.length ? t[k + 2] : line.length;
                const meta = t[k + 1];
                const fg = colors[(meta >>> 15) & 0x1ff];
                const style = (meta >>> 11) & 0xf;
                const css = `color:${fg}` + (style & 1 ? ';font-style:italic' : '') + (style & 2 ? ';font-weight:bold' : '');
                html += `<span style="${css}">${escape(line.substring(start, end))}</span>`;
            }
            return html;
        });
    };
}

/**
 * The editor rows of the wanted lines (a `⋮` row between ranges). `extra(n)` may add HTML
 * inside the row of line n (overlays positioned in `ch` from the start of the code).
 */
function editorRows(htmlLines, wanted, extra = () => '') {
    const rows = [];
    let previous = 0;
    htmlLines.forEach((html, i) => {
        if (!wanted.has(i + 1)) return;
        if (previous && i + 1 !== previous + 1) rows.push('<div class="row gap"><span class="n">⋮</span></div>');
        previous = i + 1;
        rows.push(`<div class="row"><span class="n">${i + 1}</span><span class="code">${html}${extra(i + 1)}</span></div>`);
    });
    return rows;
}

/** The look of an editor tab and its lines, shared by both screenshots. */
const EDITOR_CSS = `
  body { margin: 0; background: #1e1e1e; font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 14px; }
  .tab { background: #252526; color: #cccccc; padding: 8px 16px; font-family: "DejaVu Sans", sans-serif; font-size: 13px;
         border-bottom: 1px solid #3c3c3c; }
  .tab b { color: #ffffff; font-weight: normal; border-bottom: 2px solid #0078d4; padding-bottom: 6px; }
  .editor { padding: 8px 0; }
  .row { white-space: pre; line-height: 20px; color: #d4d4d4; }
  .n { display: inline-block; width: 48px; padding-right: 20px; text-align: right; color: #858585; }
  .gap .n { color: #5a5a5a; }
  .code { position: relative; display: inline-block; }
`;

/** Writes `page` to `htmlPath` (default: next to `out`) and screenshots it with headless Chromium when there is one. */
function screenshot(page, out, width, height, htmlPath = out.replace(/\.png$/, '') + '.html') {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.mkdirSync(path.dirname(htmlPath), { recursive: true });
    fs.writeFileSync(htmlPath, page);
    console.log(`wrote ${htmlPath}`);
    const chromium = '/usr/bin/chromium';
    if (!fs.existsSync(chromium)) {
        console.log('no /usr/bin/chromium: open the HTML page in a browser instead');
        return;
    }
    execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
        `--window-size=${width},${height}`, `--screenshot=${out}`, 'file://' + htmlPath], { stdio: 'inherit' });
    console.log(`wrote ${out}`);
}

async function main() {
    const args = process.argv.slice(2);
    const option = (name, def) => {
        const i = args.indexOf(name);
        return i >= 0 ? args.splice(i, 2)[1] : def;
    };
    const ranges = option('--lines', '36-66,101-113');
    const out = path.resolve(option('--out', path.join(here, 'target', 'highlight.png')));
    const file = path.resolve(args[0] || path.join(here, '..', '..', 'policies', 'commercial', 'example-hmo.ppl'));
    const highlight = await loadGrammar();
    const rows = editorRows(highlight(fs.readFileSync(file, 'utf8')), lineSet(ranges));
    const title = path.relative(path.join(here, '..', '..'), file);
    const page = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>${EDITOR_CSS}</style></head>
<body><div class="tab"><b>${escape(path.basename(file))}</b> &nbsp; ${escape(title)} &nbsp;·&nbsp; PPL</div>
<div class="editor">
${rows.join('\n')}
</div></body></html>
`;
    screenshot(page, out, 1500, 40 + 16 + rows.length * 20 + 8);
}

module.exports = { THEME, escape, lineSet, loadGrammar, editorRows, EDITOR_CSS, screenshot };

if (require.main === module) {
    main().catch((e) => {
        console.error(`render-html: ${e.message}`);
        process.exit(1);
    });
}
