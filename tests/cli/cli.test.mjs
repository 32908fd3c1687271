// The command line contract of docs/DESIGN.md, "Command line" (commands,
// options, exit codes, `file:line:col: error:` diagnostics), run against every
// build of the generator: native, native under ASan/UBSan, and the WebAssembly
// build.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const generators = {
  native: [join(root, 'build/wasmbind')],
  'native (ASan, UBSan)': [join(root, 'build/wasmbind-asan')],
  wasm: [process.execPath, join(root, 'build/wasmbind-wasm.cjs')],
};

const dir = mkdtempSync(join(tmpdir(), 'wasmbind-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name, text) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const good = write('good.h', `#include <stdint.h>
#include "wasmbind.h"
#define GOOD_LIMIT (1 << 10)
typedef struct { int32_t x, y; } Point; typedef struct { double v; } Wrapped;
int good_add(int a, int b);
WB_OWNED char *good_describe(const Point *p);
int good_printf(const char *fmt, ...);
long double good_precise(long double x);
void good_names(Wrapped (*name_of)(int id));
`);
const syntax = write('syntax.h', `int fine(void);
int broken(int a,, int b);
struct s { int x; };
`);
const viaMacro = write('macro.h', `#define DECLARE(name) int name(int x,)
DECLARE(first);
`);
const unsupported = write('half.h', `_Float16 halve(_Float16 z);
`);
const clash = write('clash.h', `enum status { STATUS_OK, STATUS_ERROR };
#define STATUS_OK STATUS_OK
#define STATUS_ERROR 7
int status_of(int x);
`);
const badAnnotation = write('annot.h', `#include "wasmbind.h"
void fill(WB_OUT int value);
double mean(WB_LEN(count) const double *xs, int n);
`);

for (const [name, command] of Object.entries(generators)) {
  const run = (...args) => {
    const r = spawnSync(command[0], [...command.slice(1), ...args], { encoding: 'utf8', cwd: dir });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  describe(`wasmbind CLI: ${name}`, () => {
    test("the error class is the library's: --name, else the header's name, never -o's", () => {
      const h = write('pixkit.h', 'typedef struct px px;\nint px_load(px *p);\n');
      const rules = write('pixkit.rules', 'px_load: error if negative\n');
      const cls = (...args) => {
        const r = run('gen', h, '--rules', rules, ...args);
        assert.equal(r.status, 0, r.stderr);
        return /class (\w+Error) extends Error/.exec(readFileSync(join(dir, 'pixkit-r.js'), 'utf8'))?.[1];
      };
      assert.equal(cls('-o', join(dir, 'pixkit-r.js')), 'PixkitError');
      assert.equal(cls('-o', join(dir, 'pixkit-r.js'), '--name', 'pixels'), 'PixelsError');
      assert.equal(cls('-o', join(dir, 'pixkit-r.js'), '--name=9lives'), 'LibraryError');
    });

    test('--help and --version exit 0', () => {
      const help = run('--help');
      assert.equal(help.status, 0);
      assert.match(help.stdout, /usage: wasmbind COMMAND/);
      assert.match(help.stdout, /exports HEADER/);
      const version = run('--version');
      assert.equal(version.status, 0);
      assert.match(version.stdout, /^wasmbind \d+\.\d+\.\d+\n$/);
    });

    test('bad usage exits 2 with a message', () => {
      for (const args of [[], ['frobnicate', good], ['ir'], ['gen', good], ['ir', good, '--bogus'],
        ['exports', good, '--format', 'xml'], ['check', good]]) {
        const r = run(...args);
        assert.equal(r.status, 2, `wasmbind ${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /wasmbind: error: |usage:/);
      }
    });

    test('a missing header exits 1', () => {
      const r = run('ir', join(dir, 'missing.h'));
      assert.equal(r.status, 1);
      assert.match(r.stderr, /missing\.h/);
    });

    test('ir prints wasmbind-ir/1 JSON', () => {
      const r = run('ir', good);
      assert.equal(r.status, 0, r.stderr);
      const ir = JSON.parse(r.stdout);
      assert.equal(ir.schema, 'wasmbind-ir/1');
      assert.equal(ir.target, 'wasm32-unknown-emscripten');
      assert.deepEqual(ir.functions.map((f) => f.name), ['good_add', 'good_describe', 'good_printf', 'good_precise', 'good_names']);
      assert.deepEqual(ir.constants, [{ name: 'GOOD_LIMIT', value: 1024, type: 'int' }]);
      assert.deepEqual(ir.records.map((r) => [r.name, r.size, r.align]), [['Point', 8, 4], ['Wrapped', 8, 8]]);
    });

    test('exports in each format; malloc and free first', () => {
      assert.equal(run('exports', good).stdout.trim(), '_malloc,_free,_good_add,_good_describe,_good_printf,_good_precise,_good_names');
      assert.match(run('exports', good, '--format', 'list').stdout, /^malloc\nfree\ngood_add\n/);
      assert.match(run('exports', good, '--format=ld').stdout, /--export=malloc --export=free --export=good_add/);
    });

    test('gen writes OUT.js and OUT.d.ts; what it cannot bind gets one located warning each', () => {
      const out = join(dir, `good-${name.split(' ')[0]}.js`);
      const r = run('gen', good, '-o', out);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(existsSync(out) && existsSync(out.replace(/\.js$/, '.d.ts')));
      assert.match(r.stderr, /good\.h:7:5: warning: 'good_printf' is not bound: a variadic function needs its arguments typed/);
      assert.match(r.stderr, /good\.h:8:13: warning: 'good_precise' is not bound: .*long double/);
      assert.match(r.stderr, /good\.h:9:6: warning: 'good_names' is not bound: the callback 'name_of'/);
      assert.equal(r.stderr.match(/warning:/g).length, 3);
      const js = readFileSync(out, 'utf8');
      assert.match(js, /^\/\/ Generated by wasmbind from good\.h\. Do not edit\.\n/);
      assert.doesNotMatch(js, new RegExp(dir.replace(/[/\\]/g, '.'))); // no absolute paths
      assert.match(js, /function good_add\(a, b\)/);
      assert.doesNotMatch(js, /good_printf\(/);
      const dts = readFileSync(out.replace(/\.js$/, '.d.ts'), 'utf8');
      assert.match(dts, /good_describe\(p: Point \| PointValue\): string \| null;/);
    });

    test('one name per library property: a clash is a located warning', () => {
      const out = join(dir, `clash-${name.split(' ')[0]}.js`);
      const r = run('gen', clash, '-o', out);
      assert.equal(r.status, 0, r.stderr);
      // STATUS_OK names the enumerator itself; STATUS_ERROR is another value.
      assert.equal(r.stderr.match(/warning:/g)?.length, 1, r.stderr);
      assert.match(r.stderr, /clash\.h:3:9: warning: constant 'STATUS_ERROR' is not bound: the name is taken/);
      assert.match(readFileSync(out.replace(/\.js$/, '.d.ts'), 'utf8'), /readonly STATUS_ERROR: 1;/);
    });

    test('syntax errors: file:line:col, the source line and a caret; exit 1; no output written', () => {
      const out = join(dir, 'syntax.js');
      const r = run('gen', syntax, '-o', out);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /syntax\.h:2:18: error: .*\nint broken\(int a,, int b\);\n {17}\^\n/);
      assert.ok(!existsSync(out));
    });

    test('every error is reported, with a note at the construct left unclosed', () => {
      const r = run('ir', write('unclosed.h', 'int f(int a;\nint ok(void);\nstruct s {\n  int x;\n'));
      assert.equal(r.status, 1);
      assert.match(r.stderr, /unclosed\.h:1:12: error: expected '\)' before ';'\nint f\(int a;\n {11}\^\n\S*unclosed\.h:1:6: note: to match this '\('\n/);
      assert.match(r.stderr, /unclosed\.h:5:1: error: expected '}' at end of the definition of 'struct s'/);
      assert.match(r.stderr, /unclosed\.h:3:10: note: to match this '\{'/);
    });

    test('an error inside a macro expansion notes the macro', () => {
      const r = run('ir', viaMacro);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /macro\.h:2:1: error: /);
      assert.match(r.stderr, /macro\.h:1:\d+: note: expanded from macro 'DECLARE'/);
    });

    test('an unsupported construct is a located error, not a crash', () => {
      const r = run('ir', unsupported);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /half\.h:1:1: error: the type '_Float16' is not supported on wasm32\n_Float16 halve/);
    });

    test('misplaced annotations are located errors', () => {
      const r = run('gen', badAnnotation, '-o', join(dir, 'annot.js'));
      assert.equal(r.status, 1);
      assert.match(r.stderr, /annot\.h:2:\d+: error: WB_OUT needs a pointer parameter/);
      assert.match(r.stderr, /annot\.h:3:\d+: error: WB_LEN\(count\): 'mean' has no parameter named 'count'/);
    });

    test('cpp options: -D, -U, -I, -include', () => {
      write('opt.h', `#include "inc.h"
#ifdef WITH_EXTRA
int extra(void);
#endif
#if LEVEL > 2
int high(void);
#endif
#ifndef REMOVED
int removed_is_gone(void);
#endif
`);
      const sub = join(dir, 'sub');
      spawnSync('mkdir', ['-p', sub]);
      writeFileSync(join(sub, 'inc.h'), 'int from_include(void);\n');
      writeFileSync(join(dir, 'pre.h'), '#define REMOVED 1\n');
      const r = run('ir', join(dir, 'opt.h'), '-I', sub, '-DWITH_EXTRA', '-D', 'LEVEL=3', '-include', join(dir, 'pre.h'), '-UNOTHING');
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).functions.map((f) => f.name), ['from_include', 'extra', 'high']);
    });

    test('option values joined to their options, as the library takes them', () => {
      const sub = join(dir, 'sub'); // opt.h, sub/inc.h, pre.h: the test above's
      const r = run('ir', join(dir, 'opt.h'), `-I${sub}`, '-DWITH_EXTRA', '-DLEVEL=3', `-include${join(dir, 'pre.h')}`, '-UNOTHING');
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).functions.map((f) => f.name), ['from_include', 'extra', 'high']);
      const out = join(dir, 'joined.js');
      const g = run('gen', good, '-o', out, '--wasm-file=other.wasm', '--module=joined');
      assert.equal(g.status, 0, g.stderr);
      assert.match(readFileSync(out, 'utf8'), /new URL\('\.\/other\.wasm'/);
      const bad = run('ir', good, '--strict=yes');
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /option '--strict' takes no value/);
    });
  });
}

test('the wasm build generates byte-identical output to the native CLI', () => {
  for (const header of [good, join(root, 'tests/e2e/mapping.h')]) {
    const outs = Object.values(generators).map((command, i) => {
      const out = join(dir, `same${i}`, 'lib.js');
      spawnSync('mkdir', ['-p', join(dir, `same${i}`)]);
      const r = spawnSync(command[0], [...command.slice(1), 'gen', header, '-o', out], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const ir = spawnSync(command[0], [...command.slice(1), 'ir', header], { encoding: 'utf8' }).stdout;
      return readFileSync(out, 'utf8') + readFileSync(out.replace(/\.js$/, '.d.ts'), 'utf8') + ir;
    });
    assert.equal(outs[1], outs[0]);
    assert.equal(outs[2], outs[0]);
  }
});
