// @ts-check
// The demo page's tabs (shell.html): Playground, and Examples with its two
// sub-tabs, geo and SQLite. The address's hash says which is open
// (#playground, #examples, #geo, #sqlite), so a reload or a link keeps it.
// Each part loads when its tab first opens: the generator (playground.js,
// which imports web/wasmbind.mjs), geo (Emscripten's index.js and index.wasm,
// whose <script> shell.html keeps in a template, and demo.js) and SQLite
// (page-sqlite.js, which fetches sqlite/sqlite3.js and sqlite3.wasm).

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Fetches modules now, in parallel, rather than one import after the other. @param {string[]} urls */
function preload(urls) {
  for (const href of urls) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.append(link);
  }
}

/** @type {Record<string, () => Promise<unknown>>} */
const STARTERS = {
  playground: () => {
    preload(['./web/wasmbind.mjs', './build/lib/wasmbind-module.mjs', './build/lib/wasmbind-api.js']);
    return import('./playground.js').then((m) => m.start());
  },
  geo: () => {
    // Emscripten's <script src="index.js">, kept in a template until now.
    const template = /** @type {HTMLTemplateElement} */ (document.getElementById('geo-script'));
    for (const old of template.content.querySelectorAll('script')) {
      const script = document.createElement('script');
      for (const { name, value } of old.attributes) script.setAttribute(name, value);
      script.text = old.text;
      document.body.append(script);
    }
    return import('./demo.js');
  },
  sqlite: () => {
    preload(['./sqlite/sqlite3.js']);
    return import('./page-sqlite.js').then((m) => m.start());
  },
};
/** @type {Set<string>} */
const started = new Set();

/** Starts a panel's script, once; a failure is reported in the page by the script itself. */
function startOnce(/** @type {string} */ name) {
  if (started.has(name) || !STARTERS[name]) return;
  started.add(name);
  STARTERS[name]().catch((e) => {
    console.error(e);
    const status = byId({ playground: 'pg-status', geo: 'status', sqlite: 'sqlite-status' }[name] ?? 'pg-status');
    status.textContent = `Failed to start: ${e instanceof Error ? e.message : String(e)}`;
    status.classList.add('failed');
  });
}

let lastExample = 'geo';

/** Shows one tab (and sub-tab) from a hash. @param {string} hash */
function show(hash) {
  let name = hash.replace(/^#/, '') || 'playground';
  if (!['playground', 'examples', 'geo', 'sqlite'].includes(name)) name = 'playground';
  const top = name === 'playground' ? 'playground' : 'examples';
  const sub = name === 'geo' || name === 'sqlite' ? name : lastExample;
  if (top === 'examples') lastExample = sub;
  for (const t of ['playground', 'examples']) {
    byId(`tab-${t}`).setAttribute('aria-selected', String(t === top));
    byId(`panel-${t}`).hidden = t !== top;
  }
  for (const t of ['geo', 'sqlite']) {
    byId(`tab-${t}`).setAttribute('aria-selected', String(t === sub));
    byId(`panel-${t}`).hidden = t !== sub;
  }
  document.documentElement.dataset.tab = top === 'playground' ? 'playground' : sub;
  startOnce(top === 'playground' ? 'playground' : sub);
}

// A click shows the tab at once and records it in the history (the Examples
// tab opens the example last seen there).
for (const tab of /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll('a[role="tab"]'))) {
  tab.addEventListener('click', (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button) return; // a new tab or window
    e.preventDefault();
    const hash = tab.id === 'tab-examples' ? `#${lastExample}` : /** @type {string} */ (tab.getAttribute('href'));
    if (location.hash !== hash) history.pushState(null, '', hash);
    show(hash);
  });
}
// Arrow keys move between the tabs of a tab list.
for (const list of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[role="tablist"]'))) {
  list.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const tabs = /** @type {HTMLElement[]} */ ([...list.querySelectorAll('[role="tab"]')]);
    const i = tabs.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    if (i < 0) return;
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    next.focus();
    next.click();
  });
}
addEventListener('hashchange', () => show(location.hash));
addEventListener('popstate', () => show(location.hash));
show(location.hash);
