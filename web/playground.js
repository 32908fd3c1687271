// @ts-check
// The playground tab (shell.html): a C header in a textarea, its bindings
// generated as you type by web/wasmbind.mjs's generate() (the generator
// compiled to WebAssembly, running in the page), shown in three panes: the
// ES module, its .d.ts and the IR. Diagnostics are listed under the editor
// and marked in it: the line highlighted and underlined, a marker in the
// gutter. A click on one puts the caret where it points.
// page-tabs.js imports this module when the tab first opens, and calls start().
// When the first output is shown, <html data-playground="ready"> is set and
// window.wbPlayground.firstOutputMs holds performance.now() at that moment.
import { generate } from './web/wasmbind.mjs';

const NAME = 'shapes.h';
const MODULE = NAME.replace(/\.h$/, '');
const DEBOUNCE_MS = 150;

const EXAMPLE = `/* ${NAME}: edit me, the bindings follow as you type. */
#include <stdbool.h>
#include <stdint.h>
#include <wasmbind.h>

#define SHAPES_VERSION 2
#define SHAPES_MAX_SIDES 12

typedef enum { SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_POLYGON } shape_kind;

typedef struct {
  double x, y;
} vec2;

/* Opaque: a handle in JavaScript. */
typedef struct shape shape;

shape *shape_new(shape_kind kind, vec2 center, double size);
void shape_free(shape *s);
double shape_area(const shape *s);
bool shape_contains(const shape *s, vec2 p);
int64_t shape_id(const shape *s);

/* A string the caller must free: JavaScript gets a string. */
WB_OWNED char *shape_describe(const shape *s);

/* A callback: any JavaScript function. */
typedef void (*shape_visit)(vec2 corner, void *user);
int shape_each_corner(const shape *s, shape_visit visit, void *user);
`;

/** @param {string} id */
const byId = (id) => /** @type {any} */ (document.getElementById(id));

/**
 * One diagnostic of generate(): `file:line:col: severity: message`, then the
 * source line and the caret line (both kept as `context`).
 * @typedef {{ file: string | null, line: number, col: number, severity: string, message: string, context: string[] }} Diagnostic
 */

const LOCATED = /^(.*?):(\d+):(\d+): (fatal error|error|warning|note): (.*)$/;
const UNLOCATED = /^(?:(.*?): )?(fatal error|error|warning|note): (.*)$/;

/** @param {string} text @returns {Diagnostic[]} */
export function parseDiagnostics(text) {
  /** @type {Diagnostic[]} */
  const out = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = LOCATED.exec(line);
    const severity = (/** @type {string} */ s) => (s === 'fatal error' ? 'error' : s);
    if (m) {
      /** @type {Diagnostic} */
      const d = { file: m[1], line: Number(m[2]), col: Number(m[3]), severity: severity(m[4]), message: m[5], context: [] };
      // The source line and the caret line under it.
      if (i + 2 < lines.length && /^\s*\^/.test(lines[i + 2])) {
        d.context = [lines[i + 1], lines[i + 2]];
        i += 2;
      }
      out.push(d);
      continue;
    }
    if (!line.trim()) continue;
    const u = UNLOCATED.exec(line);
    out.push(u ? { file: u[1] ?? null, line: 0, col: 0, severity: severity(u[2]), message: u[3], context: [] }
      : { file: null, line: 0, col: 0, severity: 'error', message: line, context: [] });
  }
  return out;
}

/** @param {string} s */
const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));

const TOKENS = new RegExp([
  /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.source, // 1 comments
  /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)/.source, // 2 strings
  /\b(0x[0-9a-fA-F]+n?|\d+(?:\.\d+)?(?:e[+-]?\d+)?n?)\b/.source, // 3 numbers
  `\\b(${['export', 'function', 'const', 'let', 'var', 'return', 'if', 'else', 'for', 'while', 'do', 'new', 'class',
    'extends', 'interface', 'type', 'readonly', 'import', 'from', 'default', 'throw', 'try', 'catch', 'finally',
    'typeof', 'instanceof', 'declare', 'async', 'await', 'of', 'in', 'this', 'null', 'undefined', 'true', 'false',
    'get', 'set', 'static', 'switch', 'case', 'break', 'continue', 'unique', 'symbol', 'void', 'keyof'].join('|')})\\b`, // 4 keywords
].join('|'), 'g');
const TOKEN_CLASS = ['', 'tc', 'ts', 'tn', 'tk'];

/** Colors comments, strings, numbers and keywords of JavaScript, TypeScript
 * or JSON, as HTML. @param {string} text */
function highlight(text) {
  let html = '', last = 0;
  for (const m of text.matchAll(TOKENS)) {
    const at = /** @type {number} */ (m.index);
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    html += `${escapeHtml(text.slice(last, at))}<span class="${TOKEN_CLASS[group]}">${escapeHtml(m[0])}</span>`;
    last = at + m[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

/** @param {number} n */
const size = (n) => (n < 1000 ? `${n} B` : `${(n / 1000).toFixed(1)} kB`);

/**
 * A textarea with a line-number gutter and a backdrop that marks lines.
 * @param {HTMLTextAreaElement} textarea @param {HTMLElement} gutter @param {HTMLElement} backdrop
 */
function lineEditor(textarea, gutter, backdrop) {
  /** @type {Map<number, { severity: string, title: string }>} */
  let marks = new Map();
  let lineCount = 0;

  function render() {
    const lines = textarea.value.split('\n');
    if (lines.length !== lineCount || marks.size || gutter.querySelector('.mark')) {
      lineCount = lines.length;
      gutter.innerHTML = lines.map((_, i) => {
        const m = marks.get(i + 1);
        return m ? `<div class="mark is-${m.severity}" title="${escapeHtml(m.title)}">${i + 1}</div>` : `<div>${i + 1}</div>`;
      }).join('');
    }
    // The backdrop repeats the text, invisible, so that marks sit under it.
    // One block per line, of the line height: marks change no line's height.
    backdrop.innerHTML = lines.map((text, i) => {
      const m = marks.get(i + 1);
      return `<div${m ? ` class="line-mark is-${m.severity}"` : ''}>${escapeHtml(text)}</div>`;
    }).join('');
    sync();
  }

  function sync() {
    gutter.scrollTop = textarea.scrollTop;
    backdrop.scrollTop = textarea.scrollTop;
    backdrop.scrollLeft = textarea.scrollLeft;
  }

  textarea.addEventListener('scroll', sync);
  textarea.addEventListener('input', render);
  return {
    render,
    /** @param {Map<number, { severity: string, title: string }>} m */
    setMarks(m) {
      marks = m;
      render();
    },
    /** Puts the caret at line:col (1-based) and scrolls to it. @param {number} line @param {number} col */
    goTo(line, col) {
      const lines = textarea.value.split('\n');
      const l = Math.min(Math.max(line, 1), lines.length);
      let offset = 0;
      for (let i = 0; i < l - 1; i++) offset += lines[i].length + 1;
      offset += Math.min(Math.max(col - 1, 0), lines[l - 1].length);
      textarea.focus({ preventScroll: true });
      textarea.setSelectionRange(offset, offset);
      const lh = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
      const y = (l - 1) * lh;
      if (y < textarea.scrollTop || y > textarea.scrollTop + textarea.clientHeight - 2 * lh)
        textarea.scrollTop = Math.max(0, y - textarea.clientHeight / 3);
      textarea.closest('.editor, details')?.scrollIntoView({ block: 'nearest' });
      sync();
    },
  };
}

let started = false;

export async function start() {
  if (started) return;
  started = true;
  /** @type {HTMLTextAreaElement} */
  const header = byId('header');
  /** @type {HTMLTextAreaElement} */
  const rules = byId('rules');
  const status = byId('pg-status');
  const list = byId('diagnostics');
  const panes = { js: byId('out-js'), dts: byId('out-dts'), ir: byId('out-ir') };

  byId('editor-title').textContent = NAME;
  byId('out-js-title').textContent = `${MODULE}.js`;
  byId('out-dts-title').textContent = `${MODULE}.d.ts`;
  if (!header.value) header.value = EXAMPLE;
  const editor = lineEditor(header, byId('gutter'), byId('backdrop'));
  editor.render();

  let seq = 0, shown = 0, first = true;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  async function run() {
    const mine = ++seq;
    const t0 = performance.now();
    /** @type {{ ok: boolean, diagnostics: string, js: string | null, dts: string | null, ir: string | null }} */
    let out;
    try {
      out = await generate(header.value, { name: NAME, rules: rules.value.trim() ? rules.value : undefined });
    } catch (e) {
      out = { ok: false, diagnostics: `error: ${e instanceof Error ? e.message : String(e)}\n`, js: null, dts: null, ir: null };
    }
    if (mine < shown) return; // a later run already showed its result
    shown = mine;
    const ms = performance.now() - t0;
    show(out, ms);
  }

  /** @param {{ ok: boolean, diagnostics: string, js: string | null, dts: string | null, ir: string | null }} out @param {number} ms */
  function show(out, ms) {
    const diags = parseDiagnostics(out.diagnostics);
    // Marks in the editor: the worst diagnostic of each line of the header.
    /** @type {Map<number, { severity: string, title: string }>} */
    const marks = new Map();
    for (const d of diags) {
      if (d.file !== NAME || !d.line || d.severity === 'note') continue;
      const had = marks.get(d.line);
      if (had?.severity === 'error') continue;
      marks.set(d.line, { severity: d.severity, title: `${d.severity}: ${d.message}` });
    }
    editor.setMarks(marks);

    list.replaceChildren(...diags.map((d) => {
      const item = document.createElement('li');
      item.className = `diag is-${d.severity}`;
      const located = d.line > 0 && (d.file === NAME || d.file === 'rules');
      const el = document.createElement(located ? 'button' : 'div');
      el.className = 'diag-body';
      if (located) /** @type {HTMLButtonElement} */ (el).type = 'button';
      el.dataset.line = String(d.line);
      el.dataset.file = d.file ?? '';
      const where = document.createElement('span');
      where.className = 'where';
      where.textContent = d.line ? `${d.file}:${d.line}:${d.col}` : (d.file ?? '');
      const sev = document.createElement('span');
      sev.className = 'sev';
      sev.textContent = d.severity;
      const msg = document.createElement('span');
      msg.className = 'msg';
      msg.textContent = d.message;
      el.append(sev, where, msg);
      if (d.context.length) {
        const pre = document.createElement('pre');
        pre.textContent = d.context.join('\n');
        el.append(pre);
      }
      if (located) el.addEventListener('click', () => {
        if (d.file === 'rules') {
          byId('rules-box').open = true;
          const lines = rules.value.split('\n');
          let offset = 0;
          for (let i = 0; i < Math.min(d.line, lines.length) - 1; i++) offset += lines[i].length + 1;
          rules.focus();
          rules.setSelectionRange(offset + d.col - 1, offset + d.col - 1);
        } else editor.goTo(d.line, d.col);
      });
      item.append(el);
      return item;
    }));

    const errors = diags.filter((d) => d.severity === 'error').length;
    const warnings = diags.filter((d) => d.severity === 'warning').length;
    const counts = [errors && `${errors} error${errors > 1 ? 's' : ''}`, warnings && `${warnings} warning${warnings > 1 ? 's' : ''}`]
      .filter(Boolean).join(', ');
    if (out.ok) {
      for (const k of /** @type {const} */ (['js', 'dts', 'ir'])) {
        const text = out[k] ?? '';
        if (panes[k].textContent !== text) panes[k].innerHTML = highlight(text);
        byId(`out-${k}-size`).textContent = size(new TextEncoder().encode(text).length);
        panes[k].classList.remove('stale');
      }
      status.textContent = `Generated in ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms${counts ? ` · ${counts}` : ''}`;
      status.className = `pill ${warnings ? 'warn' : 'ok'}`;
    } else {
      for (const p of Object.values(panes)) p.classList.add('stale');
      status.textContent = counts || 'Failed';
      status.className = 'pill bad';
    }
    document.documentElement.dataset.playgroundOk = String(out.ok);
    if (first && out.ok) {
      first = false;
      /** @type {any} */ (window).wbPlayground = { firstOutputMs: performance.now() };
      document.documentElement.dataset.playground = 'ready';
    }
  }

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  };
  header.addEventListener('input', schedule);
  rules.addEventListener('input', schedule);
  // Tab inserts two spaces in the editors (Esc, then Tab, leaves them).
  for (const ta of [header, rules]) {
    let escaped = false;
    ta.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { escaped = true; return; }
      if (e.key === 'Tab' && !e.shiftKey && !escaped && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        document.execCommand('insertText', false, '  ');
      }
      escaped = false;
    });
  }
  await run();
}
