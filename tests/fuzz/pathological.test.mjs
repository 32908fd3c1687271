// Pathological headers: each must end within a few seconds with exit status 1
// and a located `file:line:col: error:` diagnostic: no crash, no hang, no
// unlocated out-of-memory message. Runs the native CLI on files written to a
// temporary directory.
//
// Cases marked `todo` fail today (reported to the lead, issue 3); node --test
// runs and reports them without failing `make test`. Remove the mark once
// fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const wasmbind = join(root, 'build/wasmbind');
const dir = mkdtempSync(join(tmpdir(), 'wasmbind-patho-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const LIMIT_MS = 5000;
/* Large inputs that must take linear time: generous for a loaded machine. */
const LINEAR_BOUND_MS = 30_000;
const N = 1_000_000;

const write = (name, text) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

/** Runs `wasmbind ir` on the header; checks the outcome the contract asks for. */
function expectLocatedError(header, { line, message, file = header } = {}) {
  const t0 = performance.now();
  const r = spawnSync(wasmbind, ['ir', join(dir, header)], {
    cwd: dir, encoding: 'utf8', timeout: LIMIT_MS, maxBuffer: 512 << 20,
  });
  const ms = Math.round(performance.now() - t0);
  const err = (r.stderr ?? '').slice(0, 2000);
  assert.equal(r.signal, null, `${header}: killed by ${r.signal} after ${ms} ms (crash or hang)\n${err}`);
  assert.equal(r.status, 1, `${header}: exit status ${r.status} after ${ms} ms, expected 1\n${err}`);
  const located = new RegExp(`^[^\\n]*/${file.replace(/\./g, '\\.')}:(\\d+):(\\d+): error: ([^\\n]*)`, 'm');
  const m = err.match(located);
  assert.ok(m, `${header}: no located 'file:line:col: error:' message\n${err}`);
  if (line !== undefined)
    assert.equal(Number(m[1]), line, `${header}: error on line ${m[1]}\n${err}`);
  if (message)
    assert.match(m[3], message, err);
  assert.ok(ms < LIMIT_MS, `${header}: took ${ms} ms`);
}

test('a macro that expands exponentially (4^8 copies of 4^8 copies)', () => {
  write('exponential.h', `#define A(x) x x
#define B(x) A(A(A(A(x))))
#define C(x) B(B(B(B(x))))
#define D(x) C(C(C(C(x))))
int v = D(D(1));
`);
  expectLocatedError('exponential.h', { line: 5, message: /too many tokens|too large|too deep/ });
});

test('an include cycle without guards (a.h includes b.h includes a.h)', () => {
  write('cycle_a.h', '#include "cycle_b.h"\nint a;\n');
  write('cycle_b.h', '#include "cycle_a.h"\nint b;\n');
  // Reported in whichever file reaches the depth limit.
  expectLocatedError('cycle_a.h', { file: 'cycle_[ab].h', line: 1, message: /include/ });
});

test('an object-like macro worth 100 MB of tokens (10^8 "1,")', () => {
  let text = '#define X1 1,1,1,1,1,1,1,1,1,1\n';
  for (let i = 2; i <= 8; i++) text += `#define X${i} ${Array(10).fill(`X${i - 1}`).join(',')}\n`;
  write('hundred_mb.h', `${text}int big[] = { X8 };\n`);
  expectLocatedError('hundred_mb.h', { line: 9, message: /too many tokens|too large/ });
});

test('1,000,000 nested parentheses in #if', () => {
  write('if_parens.h', `#if ${'('.repeat(N)}1${')'.repeat(N)}\nint x;\n#endif\n`);
  expectLocatedError('if_parens.h', { line: 1 });
});

test('1,000,000 nested parentheses in an enum constant', () => {
  write('enum_parens.h', `enum { E = ${'('.repeat(N)}1${')'.repeat(N)} };\n`);
  expectLocatedError('enum_parens.h', { line: 1 });
});

test('1,000,000 nested parentheses in an array bound', () => {
  write('array_parens.h', `struct S { int a[${'('.repeat(N)}1${')'.repeat(N)}]; };\n`);
  expectLocatedError('array_parens.h', { line: 1 });
});

test('1,000,000 nested parentheses in a declarator', () => {
  write('declarator_parens.h', `int ${'('.repeat(N)}x${')'.repeat(N)};\n`);
  expectLocatedError('declarator_parens.h', { line: 1 });
});

test('1,000,000 nested function pointer declarators', () => {
  write('funcptr_parens.h', `int f(int ${'(*'.repeat(N)}g${')(void)'.repeat(N)});\n`);
  expectLocatedError('funcptr_parens.h', { line: 1 });
});

test('1,000,000 nested macro calls F(F(F(...)))',
  () => {
    write('macro_calls.h', `#define F(x) (x)\nint a[${'F('.repeat(N)}1${')'.repeat(N)}];\n`);
    expectLocatedError('macro_calls.h', { line: 2 });
  });

test('1,000,000 nested braces: anonymous struct members', () => {
  write('struct_braces.h', `struct S { ${'struct { '.repeat(N)}int z; ${'} a; '.repeat(N)}};\n`);
  expectLocatedError('struct_braces.h', { line: 1 });
});

test('1,000,000 nested braces and parentheses in skipped initializers', () => {
  write('init_braces.h', `int x = ${'{'.repeat(N)}1${'}'.repeat(N)};\nint y = ${'('.repeat(N)}1${')'.repeat(N)};\n`);
  expectLocatedError('init_braces.h', { line: 1 });
});

/** Runs the CLI with args; asserts it ends by itself within limitMs. */
function runTimed(args, limitMs = LIMIT_MS) {
  const t0 = performance.now();
  const r = spawnSync(wasmbind, args, {
    cwd: dir, encoding: 'utf8', timeout: limitMs, maxBuffer: 512 << 20,
  });
  const ms = Math.round(performance.now() - t0);
  const err = (r.stderr ?? '').slice(0, 2000);
  assert.equal(r.signal, null, `${args.join(' ')}: killed by ${r.signal} after ${ms} ms\n${err}`);
  assert.ok(ms < limitMs, `${args.join(' ')}: took ${ms} ms`);
  return { ...r, ms };
}

test('a rules pattern with 11 stars against a 40-character name', () => {
  const name = 'a'.repeat(40);
  write('stars.h', `void ${name}(void);\nvoid ${name}b(void);\n`);
  // Fails at the last character only: a backtracking matcher tries every
  // way to place the stars (C(40, 11) of them).
  write('stars.rules', `${'*a'.repeat(11)}c: nullable\n${'*a'.repeat(11)}b: nullable\n`);
  const r = runTimed(['exports', 'stars.h', '--rules', 'stars.rules']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /stars\.rules:1:1: warning: this rule matches no function/);
  assert.doesNotMatch(r.stderr, /stars\.rules:2/);
});

test('100,000 declarations: gen and ir take linear time', () => {
  // Typedef'd enums (the JS name of each is looked up from its typedef),
  // functions with an error rule whose message function the bindings look
  // up once per function, declared last.
  const lines = ['typedef struct H H;'];
  for (let i = 0; i < 25_000; i++)
    lines.push(`typedef enum E${i} { E${i}_A } E${i};`, `E${i} e${i}(H *h, E${i} x);`);
  for (let i = 0; i < 49_999; i++) lines.push(`int f${i}(H *h, double b);`);
  lines.push('const char *msg(H *h);');
  write('many.h', `${lines.join('\n')}\n`);
  write('many.rules', 'e* f*: error unless 0, message msg\n');
  // About 3 s each on a 2-core machine; quadratic lookups took minutes.
  const bound = LINEAR_BOUND_MS;
  const gen = runTimed(['gen', 'many.h', '--rules', 'many.rules', '-o', 'many.js'], bound);
  assert.equal(gen.status, 0, gen.stderr);
  const ir = runTimed(['ir', 'many.h'], bound);
  assert.equal(ir.status, 0, ir.stderr);
  assert.equal(JSON.parse(ir.stdout).functions.length, 75_000);
});

test('50,000 handle types, 25,000 view types, 100,000 enum constants: gen in linear time', () => {
  // The plan kept handles and views in lists searched for each use, each
  // handle class looked through every function for its methods, and each
  // enum constant was compared with every earlier one: minutes, now seconds.
  // (40 s before, 4.5 s after, on a 2-core machine)
  const lines = [];
  for (let i = 0; i < 50_000; i++) lines.push(`typedef struct h${i} h${i};`, `int f${i}(h${i} *p, int x);`);
  for (let i = 0; i < 25_000; i++) lines.push(`typedef struct { int a; double b; } s${i};`, `double g${i}(s${i} *p);`);
  lines.push(`enum big { ${Array.from({ length: 100_000 }, (_, i) => `B${i} = ${i}`).join(', ')} };`);
  write('types.h', `${lines.join('\n')}\n`);
  const gen = runTimed(['gen', 'types.h', '-o', 'types.js'], LINEAR_BOUND_MS);
  assert.equal(gen.status, 0, gen.stderr);
});

test('a struct of 100,000 members', () => {
  // Each member's name was checked against every earlier one's.
  const members = Array.from({ length: 100_000 }, (_, i) => `  int m${i};`);
  write('wide.h', `struct S {\n${members.join('\n')}\n};\nvoid use(struct S *s);\n`);
  for (const args of [['ir', 'wide.h'], ['gen', 'wide.h', '-o', 'wide.js']]) {
    const r = runTimed(args, LINEAR_BOUND_MS);
    assert.equal(r.status, 0, r.stderr);
  }
});
