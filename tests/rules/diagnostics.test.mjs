// Wrong rules files: each mistake is an error located in the rules file
// (FILE:LINE:COL, the source line, a caret) and exit status 1; a rule that
// matches nothing is a warning. The WebAssembly build of the generator must
// print and write exactly what the native one does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const native = root + 'build/wasmbind';
const wasm = root + 'build/wasmbind-wasm.cjs';

const header = `#include <stddef.h>
#define T_OK 0
typedef struct Thing Thing;
typedef struct Point { int x, y; } Point;
int thing_open(const char *name, Thing **out);
void thing_close(Thing *t);
int thing_write(Thing *t, const void *data, size_t n, const char *tag);
int thing_read(Thing *t, void *buf, int n);
int thing_each(Thing *t, int (*cb)(void *ud, int v), void *ud);
const char *thing_errmsg(Thing *t);
int thing_get_a(Thing *t);
int thing_get_b(Thing *t);
int thing_get_internal(Thing *t);
`;

function spawn(cmd, args, cwd) {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, encoding: 'utf8', timeout: 20_000 }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ status, signal: err?.signal ?? null, stdout, stderr });
    });
  });
}

/** Runs `gen t.h --rules r.rules -o out.js` with both generators in their own
 * directory; checks they agree; returns the native run and its outputs. */
async function gen(rules, extra = []) {
  const results = await Promise.all(
    [[native], [process.execPath, wasm]].map(async ([cmd, ...pre]) => {
      const dir = mkdtempSync(join(tmpdir(), 'wb-rules-'));
      try {
        writeFileSync(join(dir, 't.h'), header);
        writeFileSync(join(dir, 'r.rules'), rules);
        const run = await spawn(cmd, [...pre, 'gen', 't.h', '--rules', 'r.rules', '-o', 'out.js', ...extra], dir);
        for (const f of ['out.js', 'out.d.ts'])
          run[f] = existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : null;
        return run;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
  );
  const [n, w] = results;
  const what = (r) => `status ${r.status}, signal ${r.signal}\n${r.stderr}`;
  assert.ok(n.signal === null && n.status !== null && n.status < 128, `native generator crashed: ${what(n)}`);
  assert.ok(w.signal === null && w.status !== null, `wasm generator crashed or hung: ${what(w)}`);
  assert.equal(w.status, n.status, 'exit status, wasm vs native');
  assert.equal(w.stderr, n.stderr, 'stderr, wasm vs native');
  assert.equal(w.stdout, n.stdout, 'stdout, wasm vs native');
  assert.equal(w['out.js'], n['out.js'], 'out.js, wasm vs native');
  assert.equal(w['out.d.ts'], n['out.d.ts'], 'out.d.ts, wasm vs native');
  return n;
}

/** The diagnostic at line:col, with the source line and a caret under col. */
function diagnostic(stderr, kind, line, col, message, rules) {
  const source = rules.split('\n')[line - 1];
  const lines = stderr.split('\n');
  const at = `r.rules:${line}:${col}: ${kind}: `;
  const i = lines.findIndex((l) => l.startsWith(at) && message.test(l.slice(at.length)));
  assert.ok(i >= 0, `no "${at}${message}" in:\n${stderr}`);
  assert.equal(lines[i + 1], source, 'the source line');
  assert.equal(lines[i + 2], ' '.repeat(col - 1) + '^', 'the caret line');
}

async function expectError(rules, line, col, message) {
  const r = await gen(rules);
  assert.equal(r.status, 1, r.stderr);
  diagnostic(r.stderr, 'error', line, col, message, rules);
  assert.equal(r['out.js'], null, 'no output on errors');
  return r;
}

// Each mistake is followed by a valid rule, as in a real file; the mistake
// as the file's last rule is tested below.
const next = 'thing_get_a: nullable\n';

test('an unknown item', () =>
  expectError('thing_open: bogus\n' + next, 1, 13, /^unknown item 'bogus'$/));

test('an item without its argument, located after the item', async () => {
  const rules = 'thing_open(out): out, free\n' + next;
  const r = await gen(rules);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^r\.rules:1:23: error: expected the function that frees it$/m);
});

test("a missing ':'", () =>
  expectError('thing_open thing_close out\n' + next, 1, 1, /^expected ':' after the rule's selectors$/));

test('error unless a name that is not a constant', () =>
  expectError('thing_write: error unless T_OK NOT_A_CONSTANT\n' + next, 1, 32,
    /^'NOT_A_CONSTANT' is not an integer constant of the header$/));

test("'message' without 'error'", () =>
  expectError('thing_write: message thing_errmsg\n' + next, 1, 22, /^'message' goes with an 'error' item$/));

test("'message' naming no function", () =>
  expectError('thing_write: error if negative, message nope_fn\n', 1, 41, /^'nope_fn' is not a function of the header$/));

test("'type' naming a complete struct", () =>
  expectError('type Point: destroy thing_close\n', 1, 6, /^'Point' is a complete struct: 'handle' makes it one \(the library allocates it, JS never reads its fields\)$/));

test("'type' naming nothing", () =>
  expectError('# handles\ntype Nothing: destroy thing_close\n', 2, 6, /^no struct type named 'Nothing'$/));

test('a parameter the exact function does not have', () =>
  expectError('thing_open(out): out owned\n  \nthing_write(t data nope): nullable\n', 3, 20,
    /^'thing_write' has no parameter 'nope'$/));

test('a parameter position out of range', () =>
  expectError('thing_read(4): omit\n', 1, 12, /^'thing_read' has no parameter '4'$/));

test("'keep until' on a parameter that is not a callback", () =>
  expectError('thing_each(ud): userdata\nthing_write(tag): keep until data\n', 2, 19,
    /^'keep until' applies to a callback parameter; 'tag' is not one$/));

test("'len' naming a parameter that is not an integer", () =>
  expectError('thing_write(data):\n    len tag\n', 2, 5, /must be an integer parameter$/));

test('a stray character', () =>
  expectError('thing_write(tag): nullable @ omit\n', 1, 28, /^unexpected character in a rules file$/));

test('a rule that matches no function is a warning', async () => {
  const rules = 'thing_open(out): out\n\nnomatch_* thing_get_*(zz): omit\n';
  const r = await gen(rules);
  assert.equal(r.status, 0, r.stderr);
  diagnostic(r.stderr, 'warning', 3, 1, /^this rule matches no function$/, rules);
  diagnostic(r.stderr, 'warning', 3, 23, /^this rule matches no parameter$/, rules);
  assert.doesNotMatch(r.stderr, /error:/);
  assert.match(r['out.d.ts'], /thing_get_a\(t: Thing\): number;/);
});

test("'!' leaves functions out of a pattern's rule", async () => {
  const r = await gen('thing_get_*(t) !thing_get_internal: omit\n');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const dts = r['out.d.ts'];
  assert.match(dts, /^  thing_get_a\(\): number;$/m);
  assert.match(dts, /^  thing_get_b\(\): number;$/m);
  assert.match(dts, /^  thing_get_internal\(t: Thing\): number;$/m);
  // Without the exclusion, all three lose the parameter.
  const all = await gen('thing_get_*(t): omit\n');
  assert.match(all['out.d.ts'], /^  thing_get_internal\(\): number;$/m);
});

test('a type with a destructor, in a library that keeps no callback', async () => {
  const r = await gen('type Thing: destroy thing_close, methods thing_\nthing_open(out): out owned\n');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r['out.d.ts'], /^  close\(\): void;$/m);
});

test('a mistake in the last rule of the file is reported, not a crash', async () => {
  const cases = [
    ['thing_open: bogus\n', 1, 13, /^unknown item 'bogus'$/],
    ['thing_write: message thing_errmsg', 1, 22, /^'message' goes with an 'error' item$/],
    ['thing_open thing_close out\n', 1, 1, /^expected ':' after the rule's selectors$/],
  ];
  await Promise.all(cases.map(([rules, line, col, message]) => expectError(rules, line, col, message)));
  const r = await gen('thing_open(out): out, free\n');
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /error: expected the function that frees it$/m);
});

test('every error of a file is reported, not just the first', async () => {
  const rules = [
    'thing_open: bogus                       # unknown item',
    'thing_close(zz): omit                   # no such parameter',
    'type Point: destroy thing_close         # complete struct',
    'thing_write: error unless NOPE, message thing_errmsg',
    'thing_read: message thing_errmsg        # no error item',
    'thing_each(cb): keep until ud           # ud is no callback',
    'thing_each(ud): userdata',
    'thing_get_a: @ nullable',
    '',
  ].join('\n');
  const r = await gen(rules);
  assert.equal(r.status, 1, r.stderr);
  const expected = [
    [1, 13, /^unknown item 'bogus'$/],
    [2, 13, /^'thing_close' has no parameter 'zz'$/],
    [3, 6, /^'Point' is a complete struct/],
    [4, 27, /^'NOPE' is not an integer constant of the header$/],
    [5, 21, /^'message' goes with an 'error' item$/],
    [6, 17, /^keep until ud: 'thing_each' has no callback parameter 'ud'$/],
    [8, 14, /^unexpected character in a rules file$/],
  ];
  const missing = expected.filter(([line, col, message]) => {
    try {
      diagnostic(r.stderr, 'error', line, col, message, rules);
      return false;
    } catch {
      return true;
    }
  });
  assert.deepEqual(missing.map(([line]) => line), [], `errors not reported:\n${r.stderr}`);
});

test('a mistake in a rule that a pattern applies to many functions is said once', async () => {
  const rules = 'thing_get_*: owned\n';
  const r = await gen(rules);
  assert.equal(r.status, 1, r.stderr);
  const errors = r.stderr.split('\n').filter((l) => / error: /.test(l));
  assert.equal(errors.length, 1, r.stderr); // thing_get_a, _b and _internal alike
  assert.match(errors[0], /^r\.rules:1:14: error: WB_OWNED and WB_FREE need a pointer return$/);
});

test('an error item a pattern cannot apply to some functions: one warning listing them', async () => {
  const rules = 'thing_*: error if null\n';
  const r = await gen(rules);
  assert.equal(r.status, 0, r.stderr);
  const warnings = r.stderr.split('\n').filter((l) => / warning: /.test(l));
  assert.equal(warnings.length, 1, r.stderr);
  assert.match(warnings[0], /^r\.rules:1:10: warning: 'error if null' needs a pointer result: the rule leaves out thing_open, thing_close, thing_write, thing_read, thing_each, thing_get_a and 2 more$/);
  assert.match(r['out.d.ts'], /thing_errmsg\(t: Thing\): string;/); // the one it fits: never null
});
