// @ts-check
// The npm package: `npm pack`, then install the tarball into an empty folder
// with no network, and use both the command (`wasmbind`, the WebAssembly
// build of the generator) and the API (`import { generate, bind } from 'wasmbind'`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** @param {string} cmd @param {string[]} args @param {string} cwd */
function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

test('npm pack, install offline into an empty folder, then the CLI and the API work', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wasmbind-pack-'));
  try {
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], root));
    const tarball = join(dir, packed.filename);
    const size = statSync(tarball).size;
    console.log(`# tarball ${packed.filename}: ${size} bytes, ${packed.entryCount} files, ${packed.unpackedSize} bytes unpacked`);
    const files = packed.files.map((/** @type {{path: string}} */ f) => f.path);
    for (const f of ['web/wasmbind.mjs', 'web/wasmbind.d.ts', 'web/cli.cjs', 'build/wasmbind-wasm.cjs',
      'build/lib/wasmbind-module.mjs', 'build/lib/wasmbind-api.js', 'include/wasmbind.h'])
      assert.ok(files.includes(f), `${f} is in the package`);
    assert.ok(!files.some((/** @type {string} */ f) => f.startsWith('src/') || f.startsWith('tests/')), 'no sources or tests');

    const app = join(dir, 'app');
    run('mkdir', ['-p', app], dir);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    run('npm', ['install', '--offline', '--no-package-lock', tarball], app);

    // The command: the same command line as the native tool.
    writeFileSync(join(app, 'demo.h'), '#include "wasmbind.h"\nWB_OWNED char *greet(const char *name);\nint add(int a, int b);\n');
    assert.match(run(join(app, 'node_modules/.bin/wasmbind'), ['--version'], app), /^wasmbind \d+\.\d+\.\d+/);
    assert.equal(run(join(app, 'node_modules/.bin/wasmbind'), ['exports', 'demo.h'], app), '_malloc,_free,_greet,_add\n');
    run(join(app, 'node_modules/.bin/wasmbind'), ['gen', 'demo.h', '-o', 'demo.js'], app);
    const cli = readFileSync(join(app, 'demo.d.ts'), 'utf8');
    assert.match(cli, /^  greet\(name: string\): string \| null;$/m);

    // The API, from the installed package, with the CLI's output as reference.
    writeFileSync(join(app, 'use.mjs'), `
      import { generate } from 'wasmbind';
      import { readFileSync } from 'node:fs';
      const g = await generate(readFileSync('demo.h', 'utf8'), { name: 'demo.h' });
      process.stdout.write(JSON.stringify({ ok: g.ok, same: g.dts === readFileSync('demo.d.ts', 'utf8') && g.js === readFileSync('demo.js', 'utf8') }));
    `);
    assert.deepEqual(JSON.parse(run(process.execPath, ['use.mjs'], app)), { ok: true, same: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
