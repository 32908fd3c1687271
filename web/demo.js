// @ts-check
// The demo page's geo example (shell.html, Examples → geo): the geo library,
// compiled by emcc into this page's Emscripten Module, called through the
// bindings wasmbind generated from geo.h (./geo.js, copied next to this file
// by `make demo`). page-tabs.js starts Emscripten's index.js and imports this
// module when the geo tab first opens.
import { wrap } from './geo.js';

/** @typedef {{ lat: number, lon: number }} Point */
/** @typedef {import('./geo.js').Library} Library */

/** Emscripten's Module, set up by shell.html. @type {any} */
const Module = /** @type {any} */ (globalThis).Module;

/** A walk from the Louvre to the Eiffel Tower: lat, lon, seconds from the start. */
const WALK = [
  [48.8611, 2.3358, 0], [48.8617, 2.3324, 193], [48.8635, 2.3275, 501],
  [48.8656, 2.3212, 889], [48.8643, 2.3194, 1035], [48.8643, 2.314, 1331],
  [48.8638, 2.3133, 1388], [48.8636, 2.31, 1570], [48.8644, 2.302, 2014],
  [48.8628, 2.297, 2319], [48.8603, 2.2921, 2659], [48.8595, 2.2934, 2757],
  [48.8584, 2.2945, 2867],
];
/** 2024-05-18 09:00 UTC, in milliseconds: more than 32 bits. */
const WALK_START_MS = 1716022800000n;

/** @param {string} id */
function $(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`demo: no #${id} in the page`);
  return /** @type {any} */ (el);
}

/** @param {HTMLElement} el @param {string | null} message */
function showError(el, message) {
  el.hidden = !message;
  el.textContent = message ?? '';
}

/** @param {unknown} e */
const messageOf = (e) => (e instanceof Error ? e.message : String(e));

/** @param {number} x @param {number} digits */
const fixed = (x, digits) =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** @param {bigint} ms */
function formatDuration(ms) {
  const s = Number(ms / 1000n);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const two = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${h}:${two(m)}:${two(sec)}`;
}

/** The Emscripten runtime, once initialized. */
function runtimeReady() {
  return new Promise((resolve) => {
    if (Module?.geoReady) resolve(undefined);
    else document.addEventListener('geo-runtime-initialized', () => resolve(undefined), { once: true });
  });
}

/** @param {Library} lib */
function setUpDistance(lib) {
  const unit = $('unit');
  for (const [name, value] of Object.entries(lib.GeoUnit)) {
    const option = document.createElement('option');
    option.value = String(value);
    option.textContent = `${lib.geo_unit_symbol(value)} (${name.slice(4).toLowerCase().replace('_', ' ')})`;
    if (value === lib.GeoUnit.GEO_KILOMETERS) option.selected = true;
    unit.append(option);
  }

  /** @param {string} which @returns {Point | null} */
  function parse(which) {
    const text = $(which).value;
    const result = lib.geo_parse_point(text);
    const hint = $(`${which}-hint`);
    hint.dataset.usage ??= hint.textContent;
    if (result.return !== 0) {
      hint.textContent = hint.dataset.usage;
      showError($('distance-error'), `${which === 'from' ? 'From' : 'To'}: ${lib.geo_last_error()}`);
      return null;
    }
    hint.textContent = lib.geo_format_point(result.out, true);
    return result.out;
  }

  function compute() {
    showError($('distance-error'), null);
    const a = parse('from'), b = a && parse('to');
    if (!a || !b) {
      for (const id of ['distance', 'bearing', 'midpoint']) $(id).textContent = '–';
      return;
    }
    const u = /** @type {import('./geo.js').GeoUnit} */ (Number(unit.value));
    const value = lib.geo_convert(lib.geo_distance_m(a, b), u);
    $('distance').textContent = `${fixed(value, 2)} ${lib.geo_unit_symbol(u)}`;
    const bearing = lib.geo_bearing_deg(a, b);
    $('bearing').textContent = `${bearing}° ${lib.geo_compass(bearing)}`;
    $('midpoint').textContent = lib.geo_format_point(lib.geo_midpoint(a, b), true);
  }

  $('distance-form').addEventListener('submit', (/** @type {Event} */ e) => {
    e.preventDefault();
    compute();
  });
  unit.addEventListener('change', compute);
  compute();
}

/** @param {Library} lib */
function setUpPolyline(lib) {
  /** @returns {Point[]} */
  function readPoints() {
    /** @type {Point[]} */
    const points = [];
    const lines = $('points').value.split('\n');
    lines.forEach((/** @type {string} */ line, /** @type {number} */ i) => {
      if (!line.trim()) return;
      const r = lib.geo_parse_point(line);
      if (r.return !== 0) throw new Error(`line ${i + 1}: ${lib.geo_last_error()}`);
      points.push(r.out);
    });
    return points;
  }

  /** @param {string} text */
  function decode(text) {
    const list = $('decoded');
    list.replaceChildren();
    const r = lib.geo_polyline_decode(text, Number($('precision').value));
    if (r.return !== 0) {
      showError($('polyline-error'), `Cannot decode: ${lib.geo_last_error()}`);
      return;
    }
    for (const p of r.pts ?? []) {
      const item = document.createElement('li');
      item.textContent = `${p.lat}, ${p.lon}`;
      list.append(item);
    }
  }

  function encode() {
    showError($('polyline-error'), null);
    let points;
    try {
      points = readPoints();
    } catch (e) {
      showError($('polyline-error'), messageOf(e));
      return;
    }
    const text = lib.geo_polyline_encode(points, Number($('precision').value));
    if (text === null) {
      showError($('polyline-error'), `Cannot encode: ${lib.geo_last_error()}`);
      return;
    }
    $('polyline').textContent = text;
    $('polyline-input').value = text;
    decode(text);
  }

  $('encode').addEventListener('click', encode);
  $('precision').addEventListener('change', encode);
  $('decode').addEventListener('click', () => {
    showError($('polyline-error'), null);
    decode($('polyline-input').value.trim());
  });
  encode();
}

/** @param {Library} lib */
function setUpTrack(lib) {
  const svg = $('track-map');
  const NS = 'http://www.w3.org/2000/svg';

  /** @param {Point[]} all @param {Point[]} kept */
  function draw(all, kept) {
    const lats = all.map((p) => p.lat), lons = all.map((p) => p.lon);
    const south = Math.min(...lats), north = Math.max(...lats);
    const west = Math.min(...lons), east = Math.max(...lons);
    const k = Math.cos(((south + north) / 2) * (Math.PI / 180)); // meters per degree of longitude, relative
    const w = 320, h = 180, pad = 14;
    const scale = Math.min((w - 2 * pad) / ((east - west) * k || 1), (h - 2 * pad) / (north - south || 1));
    const ox = (w - (east - west) * k * scale) / 2, oy = (h - (north - south) * scale) / 2;
    /** @param {Point} p */
    const xy = (p) => [ox + (p.lon - west) * k * scale, h - oy - (p.lat - south) * scale].map((v) => v.toFixed(1));
    const line = (/** @type {Point[]} */ pts, /** @type {string} */ cls) => {
      const el = document.createElementNS(NS, 'polyline');
      el.setAttribute('points', pts.map((p) => xy(p).join(',')).join(' '));
      el.setAttribute('class', cls);
      return el;
    };
    const dots = kept.map((p) => {
      const c = document.createElementNS(NS, 'circle');
      const [x, y] = xy(p);
      c.setAttribute('cx', x);
      c.setAttribute('cy', y);
      c.setAttribute('r', '3');
      return c;
    });
    /** @param {Point} p @param {string} text @param {'start' | 'end'} anchor */
    const label = (p, text, anchor) => {
      const t = document.createElementNS(NS, 'text');
      const [x, y] = xy(p);
      t.setAttribute('x', x);
      t.setAttribute('y', String(Number(y) + 16));
      t.setAttribute('text-anchor', anchor);
      t.textContent = text;
      return t;
    };
    svg.replaceChildren(line(all, 'all'), line(kept, 'kept'), ...dots,
      label(all[0], 'Louvre', 'end'), label(all[all.length - 1], 'Eiffel Tower', 'start'));
  }

  function update() {
    const tolerance = Number($('tolerance').value);
    $('tolerance-value').textContent = `${tolerance} m`;
    const track = lib.geo_track_new('Louvre → Tour Eiffel');
    if (!track) throw new Error('geo_track_new: out of memory');
    try {
      for (const [lat, lon, s] of WALK) lib.geo_track_add(track, { lat, lon }, WALK_START_MS + BigInt(s * 1000));
      /** @type {Point[]} */
      const all = [];
      lib.geo_track_each(track, (/** @type {Point} */ p) => { all.push(p); }, 0);
      lib.geo_track_simplify(track, tolerance);
      /** @type {Point[]} */
      const kept = [];
      lib.geo_track_each(track, (/** @type {Point} */ p) => { kept.push(p); }, 0);
      draw(all, kept);

      $('track-name').textContent = lib.geo_track_name(track);
      $('track-points').textContent = `${lib.geo_track_count(track)} of ${WALK.length}`;
      $('track-length').textContent = `${fixed(lib.geo_track_length_m(track) / 1000, 2)} km`;
      $('track-duration').textContent = formatDuration(lib.geo_track_duration_ms(track));
      $('track-speed').textContent = `${fixed(lib.geo_track_speed_kmh(track), 1)} km/h`;
      const box = lib.geo_track_bounds(track);
      $('track-bounds').textContent = box
        ? `${fixed(box.south, 4)}…${fixed(box.north, 4)} N, ${fixed(box.west, 4)}…${fixed(box.east, 4)} E`
        : '–';
      const geojson = lib.geo_track_geojson(track) ?? '';
      JSON.parse(geojson); // it is JSON
      $('track-geojson').textContent = `${new TextEncoder().encode(geojson).length} bytes`;
    } finally {
      lib.geo_track_free(track);
    }
  }

  $('tolerance').addEventListener('input', update);
  update();
}

async function main() {
  const status = $('status');
  try {
    await runtimeReady();
    const lib = wrap(Module);
    setUpDistance(lib);
    setUpPolyline(lib);
    setUpTrack(lib);
    for (const id of ['compute', 'encode', 'decode']) $(id).disabled = false;
    status.textContent = `Ready: geo.wasm, Earth radius ${lib.GEO_EARTH_RADIUS_M} m`;
    status.className = 'status ready';
    document.documentElement.dataset.state = 'ready';
  } catch (e) {
    status.textContent = `Failed: ${messageOf(e)}`;
    status.className = 'status failed';
    document.documentElement.dataset.state = 'error';
    throw e;
  }
}

main();
