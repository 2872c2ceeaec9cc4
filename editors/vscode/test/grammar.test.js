'use strict';
// The TextMate grammar against the real policies: every bundled policy tokenizes with no
// "invalid" scope, a few known tokens get their scopes, and the grammar knows every keyword,
// function and unit the language has (read from the Java sources, so a new one is noticed).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { loadGrammar, tokenize } = require('./tokenize');

const ROOT = path.join(__dirname, '..', '..', '..');
const POLICIES = path.join(ROOT, 'policies');

function policyFiles(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return policyFiles(p);
        return e.name.endsWith('.ppl') ? [p] : [];
    }).sort();
}

const innermost = (t) => t.scopes[t.scopes.length - 1];

/** The token of `text` on the first line of `file` that matches `lineRe`. */
function tokenOn(tokens, lines, file, lineRe, text) {
    const index = lines.findIndex((l) => lineRe.test(l));
    assert.ok(index >= 0, `${file}: no line matches ${lineRe}`);
    const token = tokens[index].find((t) => t.text === text);
    assert.ok(token, `${file}:${index + 1}: no token ${JSON.stringify(text)} in ${JSON.stringify(lines[index])}: `
        + tokens[index].map((t) => JSON.stringify(t.text)).join(' '));
    return token;
}

function assertScope(token, prefix, where) {
    assert.ok(token.scopes.some((s) => s === prefix || s.startsWith(prefix + '.')),
        `${where}: ${JSON.stringify(token.text)} should be ${prefix}, is ${token.scopes.join(' ')}`);
}

let grammar;
test.before(async () => {
    grammar = await loadGrammar();
});

test('every bundled policy tokenizes with no invalid scope', () => {
    const files = policyFiles(POLICIES);
    assert.ok(files.length >= 10, `expected the bundled policies under ${POLICIES}, found ${files.length}`);
    const problems = [];
    let lineCount = 0;
    for (const file of files) {
        const tokens = tokenize(grammar, fs.readFileSync(file, 'utf8'));
        lineCount += tokens.length;
        for (const line of tokens) {
            for (const t of line) {
                if (t.scopes.some((s) => s.startsWith('invalid'))) {
                    problems.push(`${path.relative(ROOT, file)}:${t.line}:${t.column}: ${JSON.stringify(t.text)} is ${innermost(t)}`);
                }
            }
        }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
    assert.ok(lineCount > 1000, `only ${lineCount} lines tokenized`);
});

test('known tokens of the bundled policies get their scopes', () => {
    const file = path.join(POLICIES, 'medicare', 'injection-core.ppl');
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split(/\r?\n/);
    const tokens = tokenize(grammar, text);
    const on = (re, t) => tokenOn(tokens, lines, 'injection-core.ppl', re, t);

    // keywords
    assertScope(on(/^policy /, 'policy'), 'storage.type.policy', 'policy header');
    assertScope(on(/^policy /, 'medicare.injection.core'), 'entity.name.namespace.policy', 'policy id');
    assertScope(on(/^rule drug-line-missing/, 'rule'), 'storage.type.rule', 'rule');
    assertScope(on(/^rule drug-line-missing/, 'drug-line-missing'), 'entity.name.function.rule', 'rule id');
    assertScope(on(/^\s+for each inj in lines/, 'each'), 'keyword.control', 'for each');
    assertScope(on(/^\s+deny line inj group CO carc 16 rarc N56/, 'deny'), 'keyword.control.severity', 'deny');
    // code literals: CPT, HCPCS, ICD-10 patterns, modifiers, adjustment codes
    assertScope(on(/^codes INJECTION\s+= \{ 96372 \}/, '96372'), 'constant.other.code.cpt', 'CPT code');
    assertScope(on(/^codes J_CODES/, 'J0120'), 'constant.other.code.hcpcs', 'HCPCS code');
    assertScope(on(/^codes J_CODES/, 'J_CODES'), 'entity.name.type.codeset', 'code set name');
    assertScope(on(/^modifiers DISTINCT/, 'XE'), 'constant.other.code.modifier', 'modifier');
    assertScope(on(/^\s+deny line inj group CO carc 16 rarc N56/, 'CO'), 'constant.other.code.group', 'group code');
    assertScope(on(/^\s+deny line inj group CO carc 16 rarc N56/, 'N56'), 'constant.other.code.rarc', 'RARC');
    // strings, templates, comments
    assertScope(on(/^\s+title "/, 'CPT 96372 on Medicare practitioner claims: drug line, units, modifiers, NCCI, documentation'),
        'string.quoted.double', 'title');
    assertScope(on(/^# CPT 96372 on Medicare/, '# CPT 96372 on Medicare practitioner claims: the national edits of the billing guide.'
        .slice(1)), 'comment.line.number-sign', 'comment');
    const hole = on(/^\s+message "96372 on line \{inj.line\}/, 'line');
    assertScope(hole, 'meta.embedded.expression', 'template hole');
    assertScope(hole, 'variable.other.property', 'field in a template hole');
    // quantities
    const mg = on(/let byMg = billingUnits\(dose, 6 mg\)/, 'mg');
    assertScope(mg, 'meta.quantity', '6 mg');
    assertScope(mg, 'keyword.other.unit', '6 mg');
    assertScope(on(/let byMg = billingUnits\(dose, 6 mg\)/, '6'), 'constant.numeric', '6 mg');
    assertScope(on(/let byMg = billingUnits\(dose, 6 mg\)/, 'billingUnits'), 'support.function.builtin', 'function');
    // dates and versions
    assertScope(on(/^\s+effective from 2020-10-01/, '2020-10-01'), 'constant.numeric.date', 'date');
    assertScope(on(/^\s+version 1\.\d+\.\d+/, lines.find((l) => /^\s+version /.test(l)).trim().split(/\s+/)[1]),
        'constant.numeric.version', 'version');
});

test('other code systems: ICD-10 diagnoses, NDCs, durations', () => {
    const cases = [
        ['lcd-l33967-b12.ppl', 'medicare', /^\s+D51\.\*,/, /^D51\.\*$/, 'constant.other.code.icd10'],
        ['lcd-l33967-b12.ppl', 'medicare', /^\s+D53\.1, D53\.9,/, /^D53\.9$/, 'constant.other.code.icd10'],
        ['lcd-l33967-b12.ppl', 'medicare', /^diagnoses B12_SUPPORTING/, /^diagnoses$/, 'storage.type.codeset'],
        ['example-hmo.ppl', 'commercial', /^ndcs PROLIA_NDC/, /^55513071001$/, 'constant.other.code.ndc'],
    ];
    for (const [name, dir, lineRe, tokenRe, scope] of cases) {
        const text = fs.readFileSync(path.join(POLICIES, dir, name), 'utf8');
        const lines = text.split(/\r?\n/);
        const index = lines.findIndex((l) => lineRe.test(l));
        assert.ok(index >= 0, `${name}: no line matches ${lineRe}`);
        const token = tokenize(grammar, text)[index].find((t) => tokenRe.test(t.text));
        assert.ok(token, `${name}:${index + 1}: no token like ${tokenRe}`);
        assertScope(token, scope, `${name}:${index + 1}`);
    }
    const [line] = tokenize(grammar, '  when h.serviceDate within 6 months before l.serviceDate');
    assertScope(line.find((t) => t.text === 'months'), 'keyword.other.unit', 'duration');
});

test('test patches name fields, not quantities', () => {
    const [line] = tokenize(grammar, '  with line 1 units = 4');
    const units = line.find((t) => t.text === 'units');
    assert.ok(!units.scopes.some((s) => s.startsWith('meta.quantity')), units.scopes.join(' '));
    assertScope(line.find((t) => t.text === 'with'), 'keyword.control.test', 'with');
});

test('what the lexer rejects is invalid', () => {
    const scopesOf = (text, token) => tokenize(grammar, text)[0].find((t) => t.text === token).scopes;
    assert.ok(scopesOf('  when l.units ~ 2', '~').includes('invalid.illegal.character.ppl'));
    assert.ok(scopesOf('  when l.units ! 2', '!').includes('invalid.illegal.character.ppl'));
    assert.ok(scopesOf('  fix "no closing quote', '"no closing quote').includes('invalid.illegal.unterminated-string.ppl'));
    // and a closed one on the next line is a plain string again
    const [, second] = tokenize(grammar, '  cites "open\n  cites "closed"');
    assert.ok(second.find((t) => t.text === 'closed').scopes.includes('string.quoted.double.ppl'));
});

test('every keyword of grammar/.../Ppl.g4 is highlighted as one', () => {
    const g4 = fs.readFileSync(path.join(ROOT, 'grammar', 'dev', 'ppl', 'syntax', 'Ppl.g4'), 'utf8');
    const keywords = [...g4.matchAll(/^[A-Z_]+\s*:\s*'([a-z]+)'\s*;/gm)].map((m) => m[1]);
    assert.ok(keywords.length >= 70, `found ${keywords.length} keywords in Ppl.g4`);
    // words that are also names (fields, columns) are keywords only where the grammar uses them so
    const contexts = {
        type: 'applies to payer type medicare', id: 'applies to payer id acme',
        codes: 'codes X = { 1 }', modifiers: 'modifiers X = { 25 }', ndcs: 'ndcs X = { 1 }',
        per: '  sum l.units per volume',
    };
    const wrong = [];
    for (const k of keywords) {
        const line = contexts[k] || `  ${k}`;
        const token = tokenize(grammar, line)[0].find((t) => t.text === k);
        const scope = token ? innermost(token) : '(no token)';
        if (!/^(keyword|storage|constant\.language|support\.variable)\./.test(scope)) wrong.push(`${k}: ${scope}`);
    }
    assert.deepEqual(wrong, []);
});

test('every built-in function and unit of the checker is highlighted', () => {
    const builtin = fs.readFileSync(path.join(ROOT, 'src', 'main', 'java', 'dev', 'ppl', 'check', 'Builtin.java'), 'utf8');
    const functions = [...builtin.matchAll(/^\s+[A-Z_]+\("(\w+)"/gm)].map((m) => m[1]);
    assert.ok(functions.length >= 15, `found ${functions.length} functions in Builtin.java`);
    for (const f of functions) {
        const token = tokenize(grammar, `  let x = ${f}(a, b)`)[0].find((t) => t.text === f);
        assertScope(token, 'support.function.builtin', f);
    }
    const unit = fs.readFileSync(path.join(ROOT, 'src', 'main', 'java', 'dev', 'ppl', 'value', 'Unit.java'), 'utf8');
    const duration = fs.readFileSync(path.join(ROOT, 'src', 'main', 'java', 'dev', 'ppl', 'value', 'Duration.java'), 'utf8');
    const spellings = [...unit.matchAll(/Map\.entry\("(\w+)"/g), ...duration.matchAll(/"([a-z]+)"/g)].map((m) => m[1]);
    assert.ok(spellings.length >= 20, `found ${spellings.length} unit spellings`);
    for (const s of spellings) {
        for (const spelling of [s, s.toUpperCase()]) {
            const token = tokenize(grammar, `  let x = 2 ${spelling}`)[0].find((t) => t.text === spelling);
            assertScope(token, 'keyword.other.unit', `2 ${spelling}`);
        }
    }
});
