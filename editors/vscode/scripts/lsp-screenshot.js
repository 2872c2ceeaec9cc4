'use strict';
// Drives the real PPL language server over stdio and draws what it answers on a bundled policy in
// an editor-like page: the policy highlighted by the grammar (render-html.js), the diagnostic of a
// deliberately misspelt field (squiggle and Problems panel), the hover on a code literal and the
// completion list after `l.`. Screenshots the page with headless Chromium for docs/images/lsp.png.
// Not a screenshot of VS Code: every box holds the server's own response.
//   node scripts/lsp-screenshot.js [ppl.server.path] [--out ../../docs/images/lsp.png]   (the page: target/lsp.html)
const fs = require('node:fs');
const path = require('node:path');
const { root, startServer } = require('./lsp-client');
const { escape, lineSet, loadGrammar, editorRows, EDITOR_CSS, screenshot } = require('./render-html');

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = path.resolve(outAt >= 0 ? args.splice(outAt, 2)[1] : path.join(root, 'docs', 'images', 'lsp.png'));
const file = path.join(root, 'policies', 'medicare', 'injection-core.ppl');
const uri = 'file://' + file;
const TYPO = ['when l.code = J1030 and l.units >= 2', 'when l.code = J1030 and l.unts >= 2'];
const HOVER_AT = ['(l.code = J1020 or l.code = J1030)', 'J1030'];
const COMPLETE_AT = ['when l.code = J1020', 'l.'];
const original = fs.readFileSync(file, 'utf8');
if (!original.includes(TYPO[0])) fail(`${path.relative(root, file)} no longer has \`${TYPO[0]}\`: update TYPO`);
const text = original.replace(TYPO[0], TYPO[1]);
const lines = text.split('\n');

function fail(message) {
    console.error(`lsp-screenshot: ${message}`);
    process.exit(1);
}

/** The 0-based position of `word` in the first line holding `context`. */
function positionOf([context, word], after = false) {
    const line = lines.findIndex((l) => l.includes(context));
    if (line < 0) fail(`${path.relative(root, file)} no longer has \`${context}\``);
    const character = lines[line].indexOf(context) + context.indexOf(word) + (after ? word.length : 1);
    return { line, character };
}

/** The little markdown the server writes (paragraphs, `code`, **bold**) as HTML. */
function markdown(md) {
    return md.split(/\n\n+/).map((p) => '<p>' + escape(p)
        .replace(/`([^`]+)`/g, '<code>$1</code>')
        .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
        .replace(/\n/g, '<br>') + '</p>').join('');
}

/** A wavy underline as an inline SVG (nothing fetched). */
function wave(color) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="6" height="4"><path d="M0 3 L1.5 1 L3 3 L4.5 1 L6 3" fill="none" stroke="${color}" stroke-width="1.2"/></svg>`;
    return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}

const KIND = { 2: 'method', 3: 'function', 5: 'field', 6: 'variable', 10: 'property', 12: 'value', 14: 'keyword', 21: 'constant' };

async function ask() {
    const { connection, stop } = await startServer('lsp-screenshot', args[0], (code) =>
        fail(`the server exited with status ${code} before it answered`));
    const diagnostics = new Promise((resolve) => {
        connection.onNotification('textDocument/publishDiagnostics', (params) => {
            // the first list may come from a check begun before the document was opened: wait for the typo's
            if (params.uri === uri && params.diagnostics.length) resolve(params.diagnostics);
        });
    });
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'ppl', version: 1, text } });
    const timer = setTimeout(() => fail('no diagnostic for the misspelt field within 60 s'), 60000);
    const diags = await diagnostics;
    clearTimeout(timer);
    const hoverAt = positionOf(HOVER_AT);
    const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt });
    const completeAt = positionOf(COMPLETE_AT, true);
    const completion = await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: completeAt });
    await stop();
    if (!hover || !hover.contents) fail('no hover on the code literal');
    const items = Array.isArray(completion) ? completion : (completion && completion.items) || [];
    if (!items.length) fail('no completion after `l.`');
    return { diags, hover, hoverAt, items, completeAt };
}

function page({ diags, hover, hoverAt, items, completeAt }, highlight) {
    const first = Math.max(1, hoverAt.line + 1 - 10);
    const last = Math.min(lines.length, completeAt.line + 1 + 12);
    const wanted = lineSet(`${first}-${last}`);
    const overlays = new Map();
    const add = (line, html) => overlays.set(line, (overlays.get(line) || '') + html);
    for (const d of diags) {
        const r = d.range;
        const width = r.end.line === r.start.line ? Math.max(1, r.end.character - r.start.character)
            : lines[r.start.line].length - r.start.character;
        add(r.start.line + 1, `<span class="squiggle sev${d.severity || 1}" style="left:${r.start.character}ch;width:${width}ch"></span>`);
    }
    const contents = hover.contents;
    const md = typeof contents === 'string' ? escape(contents) : contents.value !== undefined ? contents.value
        : contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n\n');
    const hoverStart = hover.range ? hover.range.start.character : hoverAt.character;
    if (hover.range) {
        add(hoverAt.line + 1, `<span class="hovered" style="left:${hoverStart}ch;width:${hover.range.end.character - hoverStart}ch"></span>`);
    }
    add(hoverAt.line + 1, `<div class="hover" style="left:${hoverStart}ch">${markdown(md)}</div>`);
    const rowsHtml = items.slice(0, 12).map((item, i) => {
        const kind = KIND[item.kind] || 'text';
        return `<div class="item${i === 0 ? ' focused' : ''}"><span class="icon ${kind}" title="${kind}">${kind === 'field' ? '◈' : '◆'}</span>` +
            `<span class="label">${escape(item.label)}</span><span class="detail">${escape(item.detail || '')}</span></div>`;
    }).join('');
    const doc = items[0].documentation;
    const docHtml = doc ? `<div class="doc">${markdown(typeof doc === 'string' ? doc : doc.value)}</div>` : '';
    add(completeAt.line + 1, `<span class="caret" style="left:${completeAt.character}ch"></span>` +
        `<div class="suggest" style="left:${completeAt.character}ch"><div class="list">${rowsHtml}</div>${docHtml}</div>`);
    const rows = editorRows(highlight(text), wanted, (n) => overlays.get(n) || '');
    const problems = diags.map((d) => {
        const [message, ...help] = d.message.split('\n');
        return `<div class="problem"><span class="err">×</span> ${escape(message)} <span class="src">${escape(d.source || '')}(${escape(String(d.code || ''))})</span>` +
            ` <span class="pos">[Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}]</span>` +
            help.map((h) => `<div class="help">${escape(h)}</div>`).join('') + '</div>';
    }).join('');
    const title = path.relative(root, file);
    const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}: ppl lsp</title>
<style>${EDITOR_CSS}
  .squiggle { position: absolute; top: 0; height: 20px; background: ${wave('#f14c4c')} left bottom / 6px 4px repeat-x; }
  .squiggle.sev2 { background-image: ${wave('#cca700')}; }
  .hovered { position: absolute; top: 0; height: 20px; background: rgba(173, 214, 255, 0.15); }
  .caret { position: absolute; top: 1px; height: 18px; width: 2px; background: #aeafad; }
  .ui, .hover, .suggest, .problems, .status { font-family: "DejaVu Sans", sans-serif; font-size: 13px; white-space: normal; }
  .hover { position: absolute; bottom: 22px; width: 560px; z-index: 3; background: #252526; color: #cccccc;
           border: 1px solid #454545; padding: 2px 10px; box-shadow: 0 2px 8px rgba(0,0,0,.6); line-height: 18px; }
  .hover p { margin: 6px 0; }
  .hover code, .doc code { font-family: "DejaVu Sans Mono", monospace; color: #d7ba7d; font-size: 12px; }
  .hover b, .doc b { color: #e8e8e8; }
  .suggest { position: absolute; top: 22px; z-index: 3; display: flex; align-items: flex-start; }
  .list { width: 420px; background: #252526; border: 1px solid #454545; box-shadow: 0 2px 8px rgba(0,0,0,.6); }
  .item { height: 22px; line-height: 22px; padding: 0 8px 0 4px; color: #cccccc; display: flex; white-space: nowrap;
          font-family: "DejaVu Sans Mono", monospace; font-size: 13px; }
  .item.focused { background: #04395e; outline: 1px solid #0078d4; }
  .icon { width: 20px; text-align: center; color: #75beff; }
  .label { flex: none; }
  .detail { flex: 1; text-align: right; color: #9d9d9d; font-family: "DejaVu Sans", sans-serif; font-size: 12px; overflow: hidden;
            text-overflow: ellipsis; padding-left: 12px; }
  .doc { width: 300px; background: #252526; color: #cccccc; border: 1px solid #454545; border-left: none; padding: 0 10px;
         line-height: 18px; box-shadow: 0 2px 8px rgba(0,0,0,.6); }
  .doc p { margin: 6px 0; }
  .problems { border-top: 1px solid #3c3c3c; background: #1e1e1e; color: #cccccc; padding: 0 16px 8px; }
  .problems .head { padding: 8px 0 6px; font-size: 11px; letter-spacing: .5px; color: #e7e7e7; }
  .problems .head b { border-bottom: 1px solid #e7e7e7; padding-bottom: 3px; font-weight: normal; }
  .problems .count { background: #616161; border-radius: 9px; padding: 0 6px; margin-left: 4px; }
  .problem { padding: 3px 0 3px 4px; line-height: 20px; }
  .err { display: inline-block; width: 14px; height: 14px; line-height: 14px; border-radius: 7px; text-align: center;
         background: #f14c4c; color: #1e1e1e; font-weight: bold; font-size: 12px; vertical-align: -1px; }
  .err.light { background: #ffffff; color: #007acc; }
  .src, .pos { color: #9d9d9d; }
  .help { padding-left: 22px; color: #9d9d9d; }
  .status { background: #007acc; color: #ffffff; padding: 3px 12px; font-size: 12px; display: flex; justify-content: space-between; }
</style></head>
<body><div class="tab"><b>${escape(path.basename(file))}</b> &nbsp; ${escape(title)} &nbsp;·&nbsp; PPL</div>
<div class="editor">
${rows.join('\n')}
</div>
<div class="problems"><div class="head"><b>PROBLEMS</b><span class="count">${diags.length}</span></div>${problems}</div>
<div class="status"><span><span class="err light">×</span> ${diags.filter((d) => (d.severity || 1) === 1).length} &nbsp;⚠ ${diags.filter((d) => d.severity === 2).length}</span>` +
`<span>drawn from the responses of ppl lsp: publishDiagnostics, hover, completion &nbsp;·&nbsp; Ln ${completeAt.line + 1}, Col ${completeAt.character + 1} &nbsp;·&nbsp; PPL</span></div>
</body></html>
`;
    return { html, height: 40 + 16 + rows.length * 20 + 8 + 36 + diags.length * 44 + 6 };
}

(async () => {
    const answers = await ask();
    const highlight = await loadGrammar();
    const { html, height } = page(answers, highlight);
    screenshot(html, out, 1300, height, path.join(__dirname, '..', 'target', 'lsp.html'));
    setTimeout(() => process.exit(0), 200);
})().catch((e) => fail(e.message));
