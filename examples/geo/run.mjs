// @ts-check
// The geo library from Node, through the bindings wasmbind generated from
// geo.h. Build them first (`make example`, or see README.md), then:
//
//   node examples/geo/run.mjs
//
// Prints a short report; tests/examples/geo.test.mjs checks its values.
import load from '../../build/examples/geo/geo.js';

const lib = await load(); // reads build/examples/geo/geo.wasm

const paris = { lat: 48.8566, lon: 2.3522 };
const london = { lat: 51.5074, lon: -0.1278 };

/** @param {string} label @param {unknown} value */
const line = (label, value) => console.log(`  ${label.padEnd(22)} ${value}`);

console.log('Paris to London');
const meters = lib.geo_distance_m(paris, london);
for (const unit of [lib.GeoUnit.GEO_KILOMETERS, lib.GeoUnit.GEO_MILES, lib.GeoUnit.GEO_NAUTICAL_MILES])
  line(`distance (${lib.geo_unit_symbol(unit)})`, lib.geo_convert(meters, unit).toFixed(1));
const bearing = lib.geo_bearing_deg(paris, london);
line('initial bearing', `${bearing}° ${lib.geo_compass(bearing)}`);
line('midpoint', lib.geo_format_point(lib.geo_midpoint(paris, london), false));
line('Paris in DMS', lib.geo_format_point(paris, true));

console.log('Parsing');
const parsed = lib.geo_parse_point('51.5074 N, 0.1278 W');
line('"51.5074 N, 0.1278 W"', `${parsed.out.lat}, ${parsed.out.lon}`);
const bad = lib.geo_parse_point('91, 0');
line('"91, 0"', `${bad.return} (${lib.geo_last_error()})`);

console.log('Encoded polyline (Google\'s example)');
const route = [{ lat: 38.5, lon: -120.2 }, { lat: 40.7, lon: -120.95 }, { lat: 43.252, lon: -126.453 }];
const encoded = lib.geo_polyline_encode(route, lib.GEO_POLYLINE_PRECISION);
line('encoded', encoded);
const decoded = lib.geo_polyline_decode(encoded, lib.GEO_POLYLINE_PRECISION);
line('decoded', decoded.pts.map((/** @type {{lat: number, lon: number}} */ p) => `(${p.lat}, ${p.lon})`).join(' '));

console.log('Track');
const track = lib.geo_track_new('Paris → London, by train');
const start = 1716022800000n; // 2024-05-18 09:00 UTC
lib.geo_track_add(track, paris, start);
lib.geo_track_add(track, { lat: 50.9097, lon: 1.8121 }, start + 5_400_000n); // Calais, 1 h 30 later
lib.geo_track_add(track, london, start + 8_100_000n); // 2 h 15 after Paris
line('name', lib.geo_track_name(track));
line('points', lib.geo_track_count(track));
line('length (km)', (lib.geo_track_length_m(track) / 1000).toFixed(1));
line('duration (ms)', lib.geo_track_duration_ms(track));
line('average speed (km/h)', lib.geo_track_speed_kmh(track).toFixed(1));
const box = lib.geo_track_bounds(track);
line('bounds', `${box.south}..${box.north} N, ${box.west}..${box.east} E`);
let visited = 0;
lib.geo_track_each(track, () => { visited++; }, 0);
line('visited by callback', visited);
lib.geo_track_free(track);

console.log('Constants');
line('GEO_EARTH_RADIUS_M', lib.GEO_EARTH_RADIUS_M);
