// @ts-check
// The example library through its generated bindings: every row of the
// mapping table and every annotation (docs/DESIGN.md, "Default mapping",
// "Annotations"), as examples/geo/geo.h uses them; and examples/geo/run.mjs's
// report. Needs `make example` (build/examples/geo/geo.js, .d.ts, .wasm; part
// of TEST_PREREQS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import load, { wrap } from '../../build/examples/geo/geo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WASM = new URL('../../build/examples/geo/geo.wasm', import.meta.url);

/** @type {any} */
const lib = await load();

const paris = { lat: 48.8566, lon: 2.3522 };
const london = { lat: 51.5074, lon: -0.1278 };
const google = [{ lat: 38.5, lon: -120.2 }, { lat: 40.7, lon: -120.95 }, { lat: 43.252, lon: -126.453 }];
const GOOGLE_POLYLINE = '_p~iF~ps|U_ulLnnqC_mqNvxq`@';

/** assert.throws with the error's class and the parameter it must name.
 * @param {() => unknown} fn @param {Function} type @param {string} param */
function throwsNaming(fn, type, param) {
  assert.throws(fn, (/** @type {any} */ e) => {
    assert.ok(e instanceof type, `expected a ${type.name}, got ${e?.constructor?.name}: ${e?.message}`);
    assert.match(e.message, new RegExp(`\\b${param}\\b`), `the message names ${param}`);
    return true;
  });
}

/** A fresh track with Paris, Calais and London, 1 h 30 and 2 h 15 apart. */
function trainTrack(name = 'train') {
  const t = lib.geo_track_new(name);
  const start = 1716022800000n;
  assert.equal(lib.geo_track_add(t, paris, start), 1);
  assert.equal(lib.geo_track_add(t, { lat: 50.9097, lon: 1.8121 }, start + 5_400_000n), 2);
  assert.equal(lib.geo_track_add(t, london, start + 8_100_000n), 3);
  return t;
}

test('examples/geo/run.mjs prints the expected report', async () => {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['examples/geo/run.mjs'], { cwd: ROOT });
  assert.equal(stderr, '');
  const expect = [
    /distance \(km\)\s+343\.6\n/,
    /distance \(mi\)\s+213\.5\n/,
    /distance \(nmi\)\s+185\.5\n/,
    /initial bearing\s+330° NNW\n/,
    /midpoint\s+50\.18859, 1\.14662\n/,
    /Paris in DMS\s+48°51′24″N 2°21′08″E\n/,
    /"51\.5074 N, 0\.1278 W"\s+51\.5074, -0\.1278\n/,
    /"91, 0"\s+-1 \(latitude 91 is outside -90\.\.90\)\n/,
    /encoded\s+_p~iF~ps\|U_ulLnnqC_mqNvxq`@\n/,
    /decoded\s+\(38\.5, -120\.2\) \(40\.7, -120\.95\) \(43\.252, -126\.453\)\n/,
    /name\s+Paris → London, by train\n/,
    /points\s+3\n/,
    /length \(km\)\s+382\.1\n/,
    /duration \(ms\)\s+8100000\n/,
    /average speed \(km\/h\)\s+169\.8\n/,
    /bounds\s+48\.8566\.\.51\.5074 N, -0\.1278\.\.2\.3522 E\n/,
    /visited by callback\s+3\n/,
    /GEO_EARTH_RADIUS_M\s+6371008\n/,
  ];
  for (const re of expect) assert.match(stdout, re);
});

test('doubles and structs by value: distances, midpoints, destinations', () => {
  const d = lib.geo_distance_m(paris, london);
  assert.equal(typeof d, 'number');
  assert.ok(Math.abs(d - 343_556) < 1, `Paris-London ${d} m`);
  assert.equal(lib.geo_distance_m(paris, paris), 0);

  const m = lib.geo_midpoint(paris, london);
  assert.equal(Object.getPrototypeOf(m), Object.prototype, 'a plain object');
  assert.deepEqual(Object.keys(m), ['lat', 'lon']);
  assert.ok(Math.abs(m.lat - 50.188595) < 1e-6 && Math.abs(m.lon - 1.146618) < 1e-6, JSON.stringify(m));
  // One degree of latitude north, on a sphere of GEO_EARTH_RADIUS_M.
  const north = lib.geo_destination(paris, 0, (Math.PI / 180) * lib.GEO_EARTH_RADIUS_M);
  assert.ok(Math.abs(north.lat - 49.8566) < 1e-9 && Math.abs(north.lon - 2.3522) < 1e-9, JSON.stringify(north));
  // Extra properties are ignored; a missing or mistyped field is refused.
  assert.equal(lib.geo_distance_m({ ...paris, name: 'Paris' }, london), d);
  throwsNaming(() => lib.geo_distance_m({ lat: 1 }, london), TypeError, 'a');
  throwsNaming(() => lib.geo_distance_m(paris, { lat: '51', lon: 0 }), TypeError, 'b');
  throwsNaming(() => lib.geo_distance_m(paris, 5), TypeError, 'b');
  throwsNaming(() => lib.geo_destination(paris, '90', 1000), TypeError, 'bearing_deg');
  assert.ok(Number.isNaN(lib.geo_distance_m({ lat: NaN, lon: 0 }, paris)), 'NaN is a number');
});

test('integers up to 32 bits: int16_t, uint8_t, unsigned, size_t; range checks', () => {
  assert.equal(lib.geo_bearing_deg(paris, london), 330);
  assert.equal(lib.geo_bearing_deg(london, paris), 148);
  assert.equal(lib.geo_compass(330), 'NNW');
  assert.equal(lib.geo_compass(0), 'N');
  assert.equal(lib.geo_compass(-90), 'W');
  assert.equal(lib.geo_compass(32767), lib.geo_compass(32767 % 360));
  throwsNaming(() => lib.geo_compass(32768), RangeError, 'deg');
  throwsNaming(() => lib.geo_compass(-32769), RangeError, 'deg');
  throwsNaming(() => lib.geo_compass(1.5), RangeError, 'deg');
  throwsNaming(() => lib.geo_compass('90'), TypeError, 'deg');
  throwsNaming(() => lib.geo_compass(90n), TypeError, 'deg');

  assert.equal(lib.geo_polyline_encode(google, 5), GOOGLE_POLYLINE);
  throwsNaming(() => lib.geo_polyline_encode(google, 256), RangeError, 'precision');
  throwsNaming(() => lib.geo_polyline_encode(google, -1), RangeError, 'precision');
  // In range for uint8_t but refused by the C code: NULL, and a message.
  assert.equal(lib.geo_polyline_encode(google, 0), null);
  assert.equal(lib.geo_last_error(), 'precision 0 is outside 1..10');

  const t = trainTrack();
  assert.equal(lib.geo_track_count(t), 3); // unsigned
  assert.equal(lib.geo_track_simplify(t, 0), 3); // size_t
  lib.geo_track_free(t);
});

test('the library object is frozen', () => {
  assert.ok(Object.isFrozen(lib));
  assert.throws(() => { lib.geo_distance_m = () => 0; }, TypeError);
});

test('enums are frozen objects, their constants and #defines plain properties', () => {
  assert.ok(Object.isFrozen(lib.GeoUnit));
  assert.deepEqual({ ...lib.GeoUnit }, { GEO_METERS: 0, GEO_KILOMETERS: 1, GEO_MILES: 2, GEO_NAUTICAL_MILES: 3 });
  assert.equal(lib.GEO_MILES, 2);
  assert.equal(lib.GEO_EARTH_RADIUS_M, 6371008);
  assert.equal(lib.GEO_POLYLINE_PRECISION, 5);
  assert.equal(lib.geo_convert(1609.344, lib.GeoUnit.GEO_MILES), 1);
  assert.equal(lib.geo_convert(1852, lib.GeoUnit.GEO_NAUTICAL_MILES), 1);
  assert.equal(lib.geo_convert(1500, lib.GeoUnit.GEO_KILOMETERS), 1.5);
  assert.deepEqual(Object.values(lib.GeoUnit).map((u) => lib.geo_unit_symbol(u)), ['m', 'km', 'mi', 'nmi']);
  throwsNaming(() => lib.geo_convert(1, 'km'), TypeError, 'unit');
  throwsNaming(() => lib.geo_convert(1, 0.5), RangeError, 'unit');
  throwsNaming(() => lib.geo_convert('1', 0), TypeError, 'meters');
});

test('_Bool in and out', () => {
  const box = { south: 48, west: 2, north: 49, east: 3 };
  assert.equal(lib.geo_box_contains(box, paris), true);
  assert.equal(lib.geo_box_contains(box, london), false);
  assert.equal(lib.geo_format_point(paris, false), '48.85660, 2.35220');
  assert.equal(lib.geo_format_point(paris, true), '48°51′24″N 2°21′08″E');
  assert.equal(lib.geo_format_point({ lat: -33.8568, lon: 151.2153 }, true), '33°51′24″S 151°12′55″E');
  throwsNaming(() => lib.geo_format_point(paris, 1), TypeError, 'dms');
});

test('strings: UTF-8 both ways, null for NULL, borrowed and owned results', () => {
  const name = 'Café → Tour Eiffel 🚶 ✓';
  const t = lib.geo_track_new(name);
  assert.equal(lib.geo_track_name(t), name);
  lib.geo_track_free(t);
  const untitled = lib.geo_track_new(null); // WB_NULLABLE
  assert.equal(lib.geo_track_name(untitled), 'untitled');
  assert.equal(lib.geo_track_name(null), null, 'NULL comes back as null');
  lib.geo_track_free(untitled);
  throwsNaming(() => lib.geo_track_new(42), TypeError, 'name');
  throwsNaming(() => lib.geo_parse_point(undefined), TypeError, 'text');

  assert.equal(lib.geo_parse_point('48.8566, 2.3522').return, 0);
  assert.equal(lib.geo_last_error(), null, 'WB_NULLABLE string result: null');
  assert.equal(lib.geo_parse_point('48.8566 2.3522 ✓ café').return, -1);
  assert.equal(lib.geo_last_error(), 'unexpected "✓ café" after the longitude');
  // Messages quote the input without cutting a UTF-8 sequence in two.
  assert.equal(lib.geo_parse_point(`x${'é'.repeat(30)}`).return, -1);
  assert.equal(lib.geo_last_error(), `expected a latitude in "x${'é'.repeat(19)}"`);
  assert.equal(lib.geo_polyline_decode('_p~iF~ps|Ué', 5).return, -1);
  assert.equal(lib.geo_last_error(), 'invalid byte 0xc3 at offset 10');

  // A string far larger than any stack: temporaries are not on the wasm stack.
  const many = Array.from({ length: 20000 }, (_, i) => ({ lat: (i % 1800) / 20 - 45, lon: (i % 3600) / 20 - 90 }));
  const long = lib.geo_polyline_encode(many, 6);
  assert.ok(long.length > 100000, `${long.length} characters`);
  const back = lib.geo_polyline_decode(long, 6);
  assert.equal(back.return, 0);
  assert.equal(back.pts.length, many.length);
  assert.deepEqual(back.pts[12345], many[12345]);
});

test('WB_OUT and WB_INOUT: results keyed by parameter names', () => {
  assert.deepEqual(lib.geo_parse_point('51.5074 N, 0.1278 W'), { return: 0, out: { lat: 51.5074, lon: -0.1278 } });
  const bad = lib.geo_parse_point('91, 0');
  assert.equal(bad.return, -1);
  assert.equal(lib.geo_last_error(), 'latitude 91 is outside -90..90');

  // void return, one INOUT param: the value itself; the argument is copied in.
  const p = { lat: 95, lon: 10 };
  assert.deepEqual(lib.geo_normalize(p), { lat: 85, lon: -170 });
  assert.deepEqual(p, { lat: 95, lon: 10 }, 'the argument is not modified');
  assert.deepEqual(lib.geo_normalize({ lat: 0, lon: 540 }), { lat: 0, lon: 180 });
  assert.deepEqual(lib.geo_normalize({ lat: -100, lon: -30 }), { lat: -80, lon: 150 });
  throwsNaming(() => lib.geo_normalize({ lat: 1 }), TypeError, 'p');
});

test('WB_LEN arrays and WB_FREE out params: polylines and fences', () => {
  assert.equal(lib.geo_polyline_encode(google, 5), GOOGLE_POLYLINE);
  assert.equal(lib.geo_polyline_encode([], 5), '');
  const decoded = lib.geo_polyline_decode(GOOGLE_POLYLINE, 5);
  assert.equal(decoded.return, 0);
  assert.deepEqual(decoded.pts, google);
  const empty = lib.geo_polyline_decode('', 5);
  assert.equal(empty.return, 0);
  assert.deepEqual(empty.pts ?? [], []);
  const truncated = lib.geo_polyline_decode('_p~iF~ps|U_', 5);
  assert.equal(truncated.return, -1);
  assert.equal(lib.geo_last_error(), 'truncated value at offset 11');
  throwsNaming(() => lib.geo_polyline_encode('abc', 5), TypeError, 'pts');
  throwsNaming(() => lib.geo_polyline_encode([paris, { lat: 'x', lon: 0 }], 5), TypeError, 'pts');

  const square = [{ lat: 0, lon: 0 }, { lat: 0, lon: 10 }, { lat: 10, lon: 10 }, { lat: 10, lon: 0 }];
  const fence = lib.geo_fence_new(square);
  assert.equal(lib.geo_fence_contains(fence, { lat: 5, lon: 5 }), true);
  assert.equal(lib.geo_fence_contains(fence, { lat: 5, lon: 15 }), false);
  lib.geo_fence_free(fence);
  assert.equal(lib.geo_fence_new(square.slice(0, 2)), null);
  assert.equal(lib.geo_last_error(), 'a fence needs at least 3 vertices, got 2');
});

test('a WB_FREE function takes only memory the library gave out, never a copy', () => {
  // geo_points_free frees its argument: a plain object would be copied into
  // the bindings' own temporary block, which C would then free.
  const before = lib.geo_polyline_decode(GOOGLE_POLYLINE, 5).pts;
  throwsNaming(() => lib.geo_points_free({ lat: 1, lon: 2 }), TypeError, 'pts');
  throwsNaming(() => lib.geo_points_free([paris]), TypeError, 'pts');
  assert.doesNotThrow(() => lib.geo_points_free(null)); // free(NULL) does nothing
  // the temporaries are intact: the next calls that use them still work
  assert.deepEqual(lib.geo_polyline_decode(GOOGLE_POLYLINE, 5).pts, before);
  assert.equal(lib.geo_polyline_encode(google, 5), GOOGLE_POLYLINE);
});

test('64-bit integers: bigint in and out, safe numbers accepted', () => {
  const t = trainTrack();
  const duration = lib.geo_track_duration_ms(t);
  assert.equal(typeof duration, 'bigint');
  assert.equal(duration, 8_100_000n);
  // A safe-integer number is accepted; time must not go backwards.
  assert.equal(lib.geo_track_add(t, london, 1716022800000 + 9_000_000), 4);
  assert.equal(lib.geo_track_duration_ms(t), 9_000_000n);
  assert.equal(lib.geo_track_add(t, london, 0n), -1);
  assert.equal(lib.geo_last_error(), 'time 0 is before the previous point\'s 1716031800000');
  assert.equal(lib.geo_track_add(t, london, 2n ** 63n - 1n), 5);
  assert.equal(lib.geo_track_duration_ms(t), 2n ** 63n - 1n - 1716022800000n);
  throwsNaming(() => lib.geo_track_add(t, london, 2n ** 63n), RangeError, 'time_ms');
  throwsNaming(() => lib.geo_track_add(t, london, 2 ** 60), RangeError, 'time_ms');
  throwsNaming(() => lib.geo_track_add(t, london, 1.5), RangeError, 'time_ms');
  throwsNaming(() => lib.geo_track_add(t, london, '5'), TypeError, 'time_ms');
  lib.geo_track_free(t);

  // Negative times (before 1970) pass through the callback as negative bigints.
  const old = lib.geo_track_new('1969');
  lib.geo_track_add(old, paris, -86_400_000n);
  lib.geo_track_add(old, london, -1n);
  const times = [];
  lib.geo_track_each(old, (/** @type {any} */ _p, /** @type {bigint} */ ms) => { times.push(ms); }, 0);
  assert.deepEqual(times, [-86_400_000n, -1n]);
  assert.equal(lib.geo_track_duration_ms(old), 86_399_999n);
  lib.geo_track_free(old);
});

test('float: average speed and simplification tolerance', () => {
  const t = trainTrack();
  const speed = lib.geo_track_speed_kmh(t);
  const expected = Math.fround(lib.geo_track_length_m(t) / 8100 * 3.6);
  assert.equal(speed, expected, 'a float, exactly');
  assert.ok(Math.abs(speed - 169.8) < 0.05, `${speed} km/h`);
  throwsNaming(() => lib.geo_track_simplify(t, 'far'), TypeError, 'tolerance_m');
  // Calais is far from the straight line Paris-London: kept at 10 km, not at 100 km.
  assert.equal(lib.geo_track_simplify(t, 10_000), 3);
  assert.equal(lib.geo_track_simplify(t, 100_000), 2);
  assert.equal(lib.geo_track_count(t), 2);
  lib.geo_track_free(t);
});

test('struct pointers: views over linear memory, plain objects copied', () => {
  const t = lib.geo_track_new('views');
  assert.equal(lib.geo_track_bounds(t), null, 'NULL for an empty track');
  lib.geo_track_add(t, paris, 0n);
  const box = lib.geo_track_bounds(t);
  assert.ok(box instanceof lib.GeoBox, 'a GeoBox view');
  assert.deepEqual([box.south, box.west, box.north, box.east], [paris.lat, paris.lon, paris.lat, paris.lon]);
  // Borrowed: the view follows the track's own box.
  lib.geo_track_add(t, london, 1n);
  assert.deepEqual([box.south, box.west, box.north, box.east], [paris.lat, london.lon, london.lat, paris.lon]);
  // A view is accepted where a GeoBox * is expected; the C code writes through it.
  lib.geo_box_extend(box, { lat: 60, lon: 5 });
  assert.equal(box.north, 60);
  assert.equal(box.east, 5);
  assert.deepEqual(lib.geo_box_center(box), { lat: (48.8566 + 60) / 2, lon: (-0.1278 + 5) / 2 });
  // Writing a field writes memory.
  box.north = 70;
  assert.equal(lib.geo_box_contains(box, { lat: 65, lon: 0 }), true);
  lib.geo_track_free(t);

  // A view over memory the caller allocates: C grows the box in place.
  const p = lib.exports.malloc(lib.GeoBox.size);
  const own = lib.GeoBox.fromPointer(p);
  Object.assign(own, lib.geo_box_empty());
  lib.geo_box_extend(own, paris);
  lib.geo_box_extend(own, london);
  assert.deepEqual(own.toObject(), { south: 48.8566, west: -0.1278, north: 51.5074, east: 2.3522 });
  assert.deepEqual(JSON.parse(JSON.stringify(own)), own.toObject());
  assert.throws(() => { own.north = '52'; }, TypeError);
  lib.exports.free(p);

  // A plain object is copied for the call, and gets what C wrote back
  // (a non-const GeoBox *); a const one is only read.
  const plain = { south: 0, west: 0, north: 1, east: 1 };
  lib.geo_box_extend(plain, { lat: 5, lon: 5 });
  assert.deepEqual(plain, { south: 0, west: 0, north: 5, east: 5 });
  assert.deepEqual(lib.geo_box_center(plain), { lat: 2.5, lon: 2.5 });
  assert.deepEqual(lib.geo_box_empty(), { south: 90, west: 180, north: -90, east: -180 });
  throwsNaming(() => lib.geo_box_contains('box', paris), TypeError, 'box');
});

test('opaque handles: branded by type, null passes as NULL', () => {
  const t = trainTrack();
  const fence = lib.geo_fence_new([paris, london, { lat: 50, lon: 3 }]);
  assert.equal(typeof t, 'object');
  assert.notEqual(t, null);
  throwsNaming(() => lib.geo_track_count(fence), TypeError, 't');
  throwsNaming(() => lib.geo_fence_contains(t, paris), TypeError, 'f');
  throwsNaming(() => lib.geo_track_count({}), TypeError, 't');
  throwsNaming(() => lib.geo_track_count(1234), TypeError, 't');
  assert.equal(lib.geo_track_count(null), 0);
  assert.equal(lib.geo_track_length_m(null), 0);
  lib.geo_fence_free(fence);
  lib.geo_track_free(t);
});

test('callbacks: a JS function for the call, struct and bigint arguments, void *', () => {
  const t = trainTrack();
  /** @type {any[]} */
  const seen = [];
  lib.geo_track_each(t, (/** @type {any} */ p, /** @type {bigint} */ ms, /** @type {number} */ user) => {
    seen.push([p, ms, user]);
  }, 1234);
  assert.deepEqual(seen, [
    [paris, 1716022800000n, 1234],
    [{ lat: 50.9097, lon: 1.8121 }, 1716028200000n, 1234],
    [london, 1716030900000n, 1234],
  ]);
  // What the callback throws comes out of the C call.
  assert.throws(() => lib.geo_track_each(t, () => { throw new Error('stop here'); }, 0), /stop here/);
  // Calls from inside a callback work (nested temporaries).
  const names = [];
  lib.geo_track_each(t, (/** @type {any} */ p) => { names.push(lib.geo_format_point(p, false)); }, 0);
  assert.deepEqual(names, ['48.85660, 2.35220', '50.90970, 1.81210', '51.50740, -0.12780']);
  throwsNaming(() => lib.geo_track_each(t, () => {}, 'user data'), TypeError, 'user');
  // Nested: a callback that runs another callback-taking call.
  const pairs = [];
  lib.geo_track_each(t, (/** @type {any} */ a) => {
    lib.geo_track_each(t, (/** @type {any} */ b) => { pairs.push(Math.round(lib.geo_distance_m(a, b) / 1000)); }, 0);
  }, 0);
  assert.deepEqual(pairs, [0, 232, 344, 232, 0, 151, 344, 151, 0]);
  throwsNaming(() => lib.geo_track_each(t, 'not a function', 0), TypeError, 'fn');
  // Many calls: slots of the function table are reused.
  let count = 0;
  for (let i = 0; i < 2000; i++) lib.geo_track_each(t, () => { count++; }, 0);
  assert.equal(count, 6000);
  lib.geo_track_free(t);
});

test('geojson: an owned string that parses as JSON', () => {
  const t = trainTrack('say "hi"\n');
  const json = JSON.parse(lib.geo_track_geojson(t));
  assert.equal(json.properties.name, 'say "hi"\n');
  assert.deepEqual(json.geometry.coordinates, [[2.3522, 48.8566], [1.8121, 50.9097], [-0.1278, 51.5074]]);
  lib.geo_track_free(t);
});

test('nothing leaks: owned strings and WB_FREE arrays are released', async () => {
  // A fresh instance, to watch its heap through the library's own exports.
  /** @type {any} */
  const own = await load();
  const ex = own.exports;
  /** Where a large block lands: moves up when something below leaked. */
  const probe = () => {
    const p = ex.malloc(1 << 20);
    ex.free(p);
    return p;
  };
  own.geo_format_point(paris, true); // warm up the temporaries
  own.geo_polyline_decode(GOOGLE_POLYLINE, 5);
  const before = probe(), bytes = own.memory.buffer.byteLength;
  const t = own.geo_track_new('leak check');
  own.geo_track_add(t, paris, 0n);
  for (let i = 0; i < 20000; i++) {
    own.geo_format_point(paris, i % 2 === 0);
    own.geo_polyline_decode(GOOGLE_POLYLINE, 5);
    own.geo_polyline_encode(google, 5);
    own.geo_parse_point('48.8566 N 2.3522 E');
    own.geo_track_geojson(t);
    own.geo_track_name(t);
    own.geo_track_each(t, () => {}, 0);
  }
  own.geo_track_free(t);
  assert.equal(probe(), before, 'the heap did not move');
  assert.equal(own.memory.buffer.byteLength, bytes, 'memory did not grow');
});

test('memory growth inside a callback: C carries on with the grown memory', async () => {
  /** @type {any} */
  const own = await load();
  const t = own.geo_track_new('outer');
  for (let i = 0; i < 5; i++) own.geo_track_add(t, { lat: i, lon: -i }, BigInt(i));
  const big = own.geo_track_new('big');
  const before = own.memory.buffer.byteLength;
  /** @type {any[]} */
  const seen = [];
  own.geo_track_each(t, (/** @type {any} */ p, /** @type {bigint} */ ms) => {
    seen.push([p, ms]);
    if (ms === 1n) for (let i = 0; i < 400000; i++) own.geo_track_add(big, p, BigInt(i));
  }, 0);
  assert.ok(own.memory.buffer.byteLength > before, 'the memory grew during the call');
  assert.deepEqual(seen, [0, 1, 2, 3, 4].map((i) => [{ lat: i, lon: -i }, BigInt(i)]));
  assert.equal(own.geo_track_count(big), 400000);
  own.geo_track_free(big);
  own.geo_track_free(t);
});

test('memory growth: results stay right after the heap grows', async () => {
  /** @type {any} */
  const own = await load();
  const before = own.memory.buffer.byteLength;
  const t = own.geo_track_new('long');
  // 400,000 points (16 + 8 bytes each, doubled arrays): past the initial 16 MiB.
  for (let i = 0; i < 400000; i++) own.geo_track_add(t, { lat: (i % 1000) / 100, lon: 0 }, BigInt(i));
  assert.ok(own.memory.buffer.byteLength > before, 'the memory grew');
  assert.equal(own.geo_track_count(t), 400000);
  assert.equal(own.geo_track_name(t), 'long');
  assert.equal(own.geo_track_duration_ms(t), 399999n);
  const points = own.geo_track_points(t);
  assert.equal(points.length, 400000);
  assert.deepEqual(points[1234], { lat: 2.34, lon: 0 });
  own.geo_track_free(t);
});

test('WB_LEN on a return with its WB_OUT count: the array itself', () => {
  const t = trainTrack();
  assert.deepEqual(lib.geo_track_points(t), [paris, { lat: 50.9097, lon: 1.8121 }, london]);
  lib.geo_track_free(t);
  const empty = lib.geo_track_new('empty');
  assert.equal(lib.geo_track_points(empty), null, 'NULL: null');
  lib.geo_track_free(empty);
});

test('wasmbind check: both builds export every function of geo.h with its signature', async () => {
  for (const wasm of ['build/examples/geo/geo.wasm', 'build/demo/index.wasm']) {
    const { stdout } = await promisify(execFile)(`${ROOT}build/wasmbind`,
      ['check', 'examples/geo/geo.h', wasm, '-I', 'include'], { cwd: ROOT });
    assert.match(stdout, /^check: 34 functions, all exported with matching signatures$/m, wasm);
  }
});

test('the .d.ts describes the library', async () => {
  const dts = await readFile(new URL('../../build/examples/geo/geo.d.ts', import.meta.url), 'utf8');
  for (const re of [
    /^\/\/ Generated by wasmbind from geo\.h\. Do not edit\.\n/,
    /geo_distance_m\(a: GeoPointValue, b: GeoPointValue\): number;/,
    /geo_parse_point\(text: string\): \{ return: number; out: GeoPointValue; \};/,
    /geo_normalize\(p: GeoPointValue\): GeoPointValue;/,
    /geo_polyline_encode\(pts: ReadonlyArray<GeoPointValue>, precision: number\): string \| null;/,
    /geo_track_new\(name: string \| null\): GeoTrack \| null;/,
    /geo_track_add\(t: GeoTrack, p: GeoPointValue, time_ms: bigint \| number\): number;/,
    /geo_track_duration_ms\(t: GeoTrack\): bigint;/,
    /geo_track_bounds\(t: GeoTrack\): GeoBox \| null;/,
    /geo_track_each\(t: GeoTrack, fn: \(\(p: GeoPointValue, time_ms: bigint, user: number\) => void\), user: number\): void;/,
    /geo_box_contains\(box: GeoBox \| GeoBoxValue, p: GeoPointValue\): boolean;/,
    /geo_last_error\(\): string \| null;/,
    /readonly GEO_EARTH_RADIUS_M: 6371008;/,
    /export default function load\(/,
    /export function wrap\(/,
  ]) assert.match(dts, re);
});
