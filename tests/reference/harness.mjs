// @ts-check
// The reference tests' machinery, shared by tests/reference.test.mjs (which
// compares) and tests/reference/bless.mjs (`make bless`, which rewrites): both
// run a case and strip its output the same way.
//
// A case is a header, tests/reference/NAME.h or tests/reference/features/NAME.h,
// beside its expected files:
//   NAME.js, NAME.d.ts   `wasmbind gen`, the runtime's text stripped (below)
//   NAME.json            `wasmbind ir`
//   NAME.stderr          gen's diagnostics, exactly; omitted when empty
//   NAME.ir.stderr       ir's diagnostics, exactly; omitted when empty
// The header may say, in comments:
//   /* wasmbind-args: --rules tests/reference/features/NAME.rules --strict */
//                        extra command line options, paths from the repository root
//   /* wasmbind-exit: 1 */   generation must fail with this status; such a
//                        case has only NAME.stderr (gen's), nothing else
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WASMBIND = process.env.WASMBIND || path.join(ROOT, 'build/wasmbind');
/** The directories of cases, from the root. */
export const DIRS = ['tests/reference', 'tests/reference/features'];

/** The expected files' suffixes, in the order they are compared. */
export const SUFFIXES = ['.js', '.d.ts', '.json', '.stderr', '.ir.stderr'];
/** Suffixes that may be omitted (an empty diagnostic stream). */
const OPTIONAL = new Set(['.stderr', '.ir.stderr']);

// The generator brackets the runtime it copies (src/runtime_regions.c, rt_put).
const BEGIN = '// wasmbind runtime: begin';
const END = '// wasmbind runtime: end';
export const PLACEHOLDER = '// wasmbind runtime: web/runtime.js, not compared';

/** Extra command line options written in the header. @param {string} text */
export function argsOf(text) {
  const m = /wasmbind-args:\s*(.*?)\s*\*\//.exec(text);
  return m ? m[1].split(/\s+/).filter(Boolean) : [];
}

/** The exit status the header expects of generation (0 unless it says). @param {string} text */
export function exitOf(text) {
  const m = /wasmbind-exit:\s*(\d+)\s*\*\//.exec(text);
  return m ? Number(m[1]) : 0;
}

/** Each runtime block (BEGIN to END lines, included) becomes one PLACEHOLDER
 * line with BEGIN's indentation. Unbalanced markers throw: a generator that
 * lost one must not pass by accident.
 * @param {string} js */
export function stripRuntime(js) {
  const out = [];
  let inside = false;
  for (const line of js.split('\n')) {
    const marker = line.trim();
    if (marker === BEGIN) {
      if (inside) throw new Error(`'${BEGIN}' inside a runtime block`);
      inside = true;
      out.push(line.slice(0, line.indexOf(BEGIN)) + PLACEHOLDER);
    } else if (marker === END) {
      if (!inside) throw new Error(`'${END}' without '${BEGIN}'`);
      inside = false;
    } else if (!inside) out.push(line);
  }
  if (inside) throw new Error(`'${BEGIN}' without '${END}'`);
  return out.join('\n');
}

/** Every case: { name, dir, header (from the root), stem (from the root), text }. */
export function listCases() {
  return DIRS.flatMap((dir) =>
    fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.h')).sort().map((f) => {
      const header = `${dir}/${f}`;
      return { name: header.slice('tests/reference/'.length), dir, header, stem: header.slice(0, -2), text: fs.readFileSync(path.join(ROOT, header), 'utf8') };
    }));
}

/** The expected files a case has: a failing one only NAME.stderr.
 * @param {{ text: string }} c @param {Record<string, string>} actual */
export function expectedSuffixes(c, actual) {
  if (exitOf(c.text) !== 0) return ['.stderr'];
  return SUFFIXES.filter((s) => !OPTIONAL.has(s) || actual[s] !== '');
}

/** Runs gen (and ir, when gen is to succeed) on a case; returns
 * { status, irStatus, files: { suffix: text } }, the .js stripped.
 * @param {{ header: string, text: string }} c @param {string} scratch a directory for gen's output */
export function runCase(c, scratch) {
  const args = argsOf(c.text);
  const base = path.basename(c.header, '.h');
  const out = path.join(scratch, `${base}.js`);
  fs.rmSync(out, { force: true });
  fs.rmSync(out.replace(/\.js$/, '.d.ts'), { force: true });
  const gen = spawnSync(WASMBIND, ['gen', c.header, ...args, '-o', out], { cwd: ROOT, encoding: 'utf8' });
  /** @type {Record<string, string>} */
  const files = { '.stderr': gen.stderr };
  const result = { status: gen.status, irStatus: /** @type {number | null} */ (null), files, jsPath: out, wrote: fs.existsSync(out) };
  if (exitOf(c.text) !== 0 || gen.status !== 0) return result;
  files['.js'] = stripRuntime(fs.readFileSync(out, 'utf8'));
  files['.d.ts'] = fs.readFileSync(out.replace(/\.js$/, '.d.ts'), 'utf8');
  const ir = spawnSync(WASMBIND, ['ir', c.header, ...args], { cwd: ROOT, encoding: 'utf8' });
  result.irStatus = ir.status;
  files['.json'] = ir.stdout;
  files['.ir.stderr'] = ir.stderr;
  return result;
}

/** Expected files without a header, and headers without an expected file
 * (a stale or a missing `make bless`). A failing case must have no output
 * files. Rules files are kept by a header of the same name.
 * @param {string[]} names the file names of one directory
 * @param {(header: string) => number} exitStatus the exit a header expects
 * @returns {string[]} one message per problem */
export function orphans(names, exitStatus) {
  const problems = [];
  const have = new Set(names);
  const suffixOf = (f) => [...SUFFIXES, '.rules'].sort((a, b) => b.length - a.length).find((s) => f.endsWith(s));
  for (const f of names) {
    const s = suffixOf(f);
    if (s && !have.has(f.slice(0, -s.length) + '.h')) problems.push(`${f} has no header ${f.slice(0, -s.length)}.h`);
  }
  for (const h of names.filter((f) => f.endsWith('.h'))) {
    const stem = h.slice(0, -2);
    const failing = exitStatus(h) !== 0;
    const must = failing ? ['.stderr'] : ['.js', '.d.ts', '.json'];
    for (const s of must) if (!have.has(stem + s)) problems.push(`${h} has no ${stem}${s}: make bless`);
    if (failing)
      for (const s of ['.js', '.d.ts', '.json', '.ir.stderr'])
        if (have.has(stem + s)) problems.push(`${h} must fail generation, yet ${stem}${s} exists`);
  }
  return problems;
}

/** A readable line diff: the changed lines, `-` expected and `+` actual,
 * with two lines of context and line numbers, from a longest common
 * subsequence (the files are small); at most `limit` lines.
 * @param {string} expected @param {string} actual */
export function lineDiff(expected, actual, limit = 80) {
  const e = expected.split('\n');
  const a = actual.split('\n');
  // lcs[i][j]: the common lines of e[i..] and a[j..]
  const lcs = Array.from({ length: e.length + 1 }, () => new Uint32Array(a.length + 1));
  for (let i = e.length - 1; i >= 0; i--)
    for (let j = a.length - 1; j >= 0; j--)
      lcs[i][j] = e[i] === a[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  /** @type {{ op: ' ' | '-' | '+', line: number, text: string }[]} */
  const ops = [];
  let i = 0, j = 0;
  while (i < e.length || j < a.length) {
    if (i < e.length && j < a.length && e[i] === a[j]) ops.push({ op: ' ', line: ++i, text: a[j++] });
    else if (i < e.length && (j === a.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ op: '-', line: ++i, text: e[i - 1] });
    else ops.push({ op: '+', line: ++j, text: a[j - 1] });
  }
  const near = ops.map((_, k) => ops.slice(Math.max(0, k - 2), k + 3).some((o) => o.op !== ' '));
  const out = ['(- expected, + actual, line numbers of each)'];
  ops.forEach((o, k) => {
    if (!near[k]) {
      if (out[out.length - 1] !== '  ...') out.push('  ...');
    } else out.push(`${o.op} ${String(o.line).padStart(4)} ${o.text}`);
  });
  if (out.length > limit) return [...out.slice(0, limit), `  ... ${out.length - limit} more lines`].join('\n');
  return out.join('\n');
}
