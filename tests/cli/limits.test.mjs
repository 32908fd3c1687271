// C at the edges of the integer types, where the generator must do what
// clang -fsyntax-only --target=wasm32-unknown-emscripten does (the messages
// below are clang's) without undefined behaviour: the ASan/UBSan build stops
// at the first signed overflow. Every build of the generator.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const generators = {
  native: [join(root, 'build/wasmbind')],
  'native (ASan, UBSan)': [join(root, 'build/wasmbind-asan')],
  wasm: [process.execPath, join(root, 'build/wasmbind-wasm.cjs')],
};

const dir = mkdtempSync(join(tmpdir(), 'wasmbind-limits-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name, text) => writeFileSync(join(dir, name), text);

write('enum_max.h', 'enum E { A = 0x7fffffffffffffff, B, C };\nenum E f(void);\n');
write('enum_umax.h', 'enum E { A = 0xffffffffffffffffull, B, C };\nenum E f(void);\n');
write('line_max.h', '#line 2147483647\nenum { L1 = __LINE__ };\nenum { L2 = __LINE__ };\n' +
  'struct { int a; } s;\n');
write('line_error.h', '#line 2147483647\n\nint broken(int a,, int b);\n');
/* Each array declaration and where clang reports it too large (LINE:COL). */
const arrays = [
  ['array_int.h', 'int a[0x40000000];', '1:7'],
  ['array_2d.h', 'int a[0x40000000][0x40000000];', '1:19'],
  ['array_member.h', 'struct S { int a[0x40000000]; int b[0x40000000]; };', '1:18'],
  ['array_typedef.h', 'typedef char T[0x80000000];\nT x[2];', '2:5'],
  ['array_param.h', 'int f(char p[0x100000000]);', '1:14'],
  ['array_huge.h', 'char a[0xffffffffffffffffu];', '1:8'],
];
for (const [file, decl] of arrays) write(file, `${decl}\n`);
write('array_ok.h', 'int a[0x3fffffff];\nchar b[0xffffffff];\n');

for (const [name, command] of Object.entries(generators)) {
  const run = (...args) => {
    const r = spawnSync(command[0], [...command.slice(1), ...args], {
      encoding: 'utf8', cwd: dir, timeout: 20_000,
    });
    assert.doesNotMatch(r.stderr, /runtime error|AddressSanitizer/, r.stderr);
    return r;
  };
  const constants = (ir) => Object.fromEntries(JSON.parse(ir).enums.flatMap(
    (e) => e.constants.map((c) => [c.name, c.value])));

  describe(`integer limits (${name})`, () => {
    test('an enumerator after INT64_MAX wraps with a warning, as in clang', () => {
      const r = run('ir', 'enum_max.h');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /^enum_max\.h:1:34: warning: incremented enumerator value 9223372036854775808 is not representable in the largest integer type$/m);
      assert.deepEqual(constants(r.stdout),
        { A: '9223372036854775807', B: '-9223372036854775808', C: '-9223372036854775807' });
    });

    test('an enumerator after UINT64_MAX wraps to 0 with a warning, as in clang', () => {
      const r = run('ir', 'enum_umax.h');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /^enum_umax\.h:1:37: warning: incremented enumerator value 18446744073709551616 is not representable in the largest integer type$/m);
      assert.deepEqual(constants(r.stdout), { A: '18446744073709551615', B: 0, C: 1 });
    });

    test('#line 2147483647: the lines after it go past INT_MAX', () => {
      const r = run('ir', 'line_max.h');
      assert.equal(r.status, 0, r.stderr);
      const ir = JSON.parse(r.stdout);
      assert.deepEqual(constants(r.stdout), { L1: 2147483647, L2: 2147483648 });
      assert.equal(ir.records[0].name, 'struct (unnamed@line_max.h:2147483649:1)');
      const bad = run('ir', 'line_error.h');
      assert.equal(bad.status, 1, bad.stderr);
      assert.match(bad.stderr, /^line_error\.h:2147483648:18: error: /m);
    });

    test('arrays of 4 GiB or more are too large, located at the bound', () => {
      for (const [file, , where] of arrays) {
        const r = run('ir', file);
        assert.equal(r.status, 1, `${file}\n${r.stderr}`);
        assert.match(r.stderr, new RegExp(`^${file.replace('.', '\\.')}:${where}: error: array is too large \\(\\d+ elements\\)$`, 'm'));
      }
      const ok = run('ir', 'array_ok.h');
      assert.equal(ok.status, 0, ok.stderr);
    });
  });
}
