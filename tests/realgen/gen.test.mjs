// `wasmbind gen` on real -dev headers as Debian ships them: the generated
// module imports, and every declaration it cannot bind is reported by one
// located warning. (tests/typecheck.test.mjs checks their .d.ts with tsc.)
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { realHeaders } from './headers.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const wasmbind = path.join(root, 'build/wasmbind');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'wasmbind-realgen-'));
after(() => fs.rmSync(out, { recursive: true, force: true }));

const HEADERS = realHeaders(out);

for (const [name, pkg, header, options] of HEADERS) {
  test(`gen ${name}: imports, every skipped declaration warned about`, async () => {
    assert.ok(fs.existsSync(header), `${header} is missing: make setup installs ${pkg}`);
    const js = path.join(out, `${name}.js`);
    const r = spawnSync(wasmbind, ['gen', header, ...options(), '-o', js], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    // Each warning is located and names what is not bound.
    const all = r.stderr.split('\n').filter((l) => / warning: /.test(l));
    for (const w of all) assert.match(w, /^\S+:\d+:\d+: warning: .*is not bound: /, w);
    const warnings = all.filter((w) => /warning: '\w+' is not bound: /.test(w)); // functions
    const mod = await import(pathToFileURL(js).href);
    assert.equal(typeof mod.default, 'function');
    assert.equal(typeof mod.wrap, 'function');
    const dts = fs.readFileSync(js.replace(/\.js$/, '.d.ts'), 'utf8');
    const library = dts.slice(dts.indexOf('export interface Library {'));
    const bound = (library.slice(0, library.indexOf('\n}\n')).match(/^ {2}\w+\(/gm) ?? []).length;
    const ir = JSON.parse(spawnSync(wasmbind, ['ir', header, ...options()], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);
    const declared = ir.functions.filter((f) => !f.static).length;
    assert.equal(bound + warnings.length, declared, 'every declared function is bound or warned about');
  });
}
