/* geo: geodesy for GPS tracks. See geo.h. */
#include "geo.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846
#define RADIUS ((double)GEO_EARTH_RADIUS_M)

static double rad(double deg) { return deg * (PI / 180.0); }
static double deg(double rad_) { return rad_ * (180.0 / PI); }

/* ---- errors ---------------------------------------------------------- */

/* The library keeps one message (it is single-threaded, as wasm32 is). */
static char error_text[200];
static bool error_set;

static void set_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(error_text, sizeof error_text, fmt, ap);
  va_end(ap);
  error_set = true;
}

static void clear_error(void) { error_set = false; }

const char *geo_last_error(void) { return error_set ? error_text : NULL; }

/* A malloc'ed copy of s (strdup is POSIX, not C11). */
static char *copy_string(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  return p ? memcpy(p, s, n) : NULL;
}

/* How many bytes of s to quote in a message: at most max, not cutting a
 * UTF-8 sequence in two. */
static int quote_len(const char *s, int max) {
  int n = 0;
  while (n < max && s[n])
    n++;
  if (s[n]) /* cut: back up to the start of a sequence */
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
      n--;
  return n;
}

static bool valid_point(GeoPoint p) {
  return p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180;
}

/* ---- points ---------------------------------------------------------- */

double geo_distance_m(GeoPoint a, GeoPoint b) {
  double dlat = rad(b.lat - a.lat), dlon = rad(b.lon - a.lon);
  double s1 = sin(dlat / 2), s2 = sin(dlon / 2);
  double h = s1 * s1 + cos(rad(a.lat)) * cos(rad(b.lat)) * s2 * s2;
  return 2 * RADIUS * atan2(sqrt(h), sqrt(1 - h));
}

/* Longitude wrapped into -180 < lon <= 180. */
static double wrap_lon(double lon) {
  lon = fmod(lon, 360);
  if (lon > 180)
    lon -= 360;
  else if (lon <= -180)
    lon += 360;
  return lon;
}

GeoPoint geo_midpoint(GeoPoint a, GeoPoint b) {
  double la1 = rad(a.lat), la2 = rad(b.lat), dlon = rad(b.lon - a.lon);
  double bx = cos(la2) * cos(dlon), by = cos(la2) * sin(dlon);
  double lat = atan2(sin(la1) + sin(la2), sqrt((cos(la1) + bx) * (cos(la1) + bx) + by * by));
  double lon = rad(a.lon) + atan2(by, cos(la1) + bx);
  return (GeoPoint){deg(lat), wrap_lon(deg(lon))};
}

int16_t geo_bearing_deg(GeoPoint from, GeoPoint to) {
  double la1 = rad(from.lat), la2 = rad(to.lat), dlon = rad(to.lon - from.lon);
  double y = sin(dlon) * cos(la2);
  double x = cos(la1) * sin(la2) - sin(la1) * cos(la2) * cos(dlon);
  double b = fmod(deg(atan2(y, x)) + 360, 360);
  int16_t whole = (int16_t)lround(b);
  return whole == 360 ? 0 : whole;
}

const char *geo_compass(int16_t degrees) {
  static const char *const winds[16] = {"N",  "NNE", "NE", "ENE", "E",  "ESE", "SE", "SSE",
                                        "S",  "SSW", "SW", "WSW", "W",  "WNW", "NW", "NNW"};
  int d = ((int)degrees % 360 + 360) % 360;
  /* Each wind covers 22.5 degrees centred on its direction: in 1/2 degrees. */
  return winds[((d * 2 + 22) / 45) % 16];
}

GeoPoint geo_destination(GeoPoint from, double bearing_deg, double distance_m) {
  double la1 = rad(from.lat), th = rad(bearing_deg), d = distance_m / RADIUS;
  double la2 = asin(sin(la1) * cos(d) + cos(la1) * sin(d) * cos(th));
  double lon = rad(from.lon) + atan2(sin(th) * sin(d) * cos(la1), cos(d) - sin(la1) * sin(la2));
  return (GeoPoint){deg(la2), wrap_lon(deg(lon))};
}

void geo_normalize(GeoPoint *p) {
  if (!p)
    return;
  /* Latitude into -180 <= lat < 180, then folded over the poles. */
  double lat = fmod(p->lat + 180, 360);
  if (lat < 0)
    lat += 360;
  lat -= 180;
  double lon = p->lon;
  if (lat > 90) {
    lat = 180 - lat;
    lon += 180;
  } else if (lat < -90) {
    lat = -180 - lat;
    lon += 180;
  }
  p->lat = lat;
  p->lon = wrap_lon(lon);
}

static const char *skip_spaces(const char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  return s;
}

/* number [hemisphere]: a signed decimal number, then optionally one of the two
 * hemisphere letters (the second one negates it). */
static const char *parse_coordinate(const char *s, double *v, char pos, char neg) {
  char *end;
  s = skip_spaces(s);
  *v = strtod(s, &end);
  if (end == s)
    return NULL;
  s = skip_spaces(end);
  char c = (char)(*s & ~0x20); /* upper case */
  if (c == pos) {
    s++;
  } else if (c == neg) {
    *v = -*v;
    s++;
  }
  return s;
}

int geo_parse_point(const char *text, GeoPoint *out) {
  GeoPoint p;
  const char *s = text;
  if (!text) {
    set_error("no text");
    return -1;
  }
  s = parse_coordinate(s, &p.lat, 'N', 'S');
  if (!s) {
    set_error("expected a latitude in \"%.*s\"", quote_len(text, 40), text);
    return -1;
  }
  s = skip_spaces(s);
  if (*s == ',')
    s++;
  s = parse_coordinate(s, &p.lon, 'E', 'W');
  if (!s) {
    set_error("expected a longitude in \"%.*s\"", quote_len(text, 40), text);
    return -1;
  }
  s = skip_spaces(s);
  if (*s != '\0') {
    set_error("unexpected \"%.*s\" after the longitude", quote_len(s, 20), s);
    return -1;
  }
  if (!(p.lat >= -90 && p.lat <= 90)) {
    set_error("latitude %g is outside -90..90", p.lat);
    return -1;
  }
  if (!(p.lon >= -180 && p.lon <= 180)) {
    set_error("longitude %g is outside -180..180", p.lon);
    return -1;
  }
  if (out)
    *out = p;
  clear_error();
  return 0;
}

/* Degrees, minutes and seconds of |v|, seconds rounded, then the hemisphere. */
static int format_dms(char *buf, size_t size, double v, char pos, char neg) {
  long long total = llround(fabs(v) * 3600);
  return snprintf(buf, size, "%lld\xc2\xb0%02lld\xe2\x80\xb2%02lld\xe2\x80\xb3%c", total / 3600,
                  total / 60 % 60, total % 60, v < 0 ? neg : pos);
}

char *geo_format_point(GeoPoint p, bool dms) {
  char buf[96];
  if (dms) {
    int n = format_dms(buf, sizeof buf, p.lat, 'N', 'S');
    buf[n++] = ' ';
    format_dms(buf + n, sizeof buf - (size_t)n, p.lon, 'E', 'W');
  } else {
    snprintf(buf, sizeof buf, "%.5f, %.5f", p.lat, p.lon);
  }
  return copy_string(buf);
}

/* ---- units ----------------------------------------------------------- */

double geo_convert(double meters, GeoUnit unit) {
  switch (unit) {
  case GEO_METERS: return meters;
  case GEO_KILOMETERS: return meters / 1000;
  case GEO_MILES: return meters / 1609.344;
  case GEO_NAUTICAL_MILES: return meters / 1852;
  }
  return NAN;
}

const char *geo_unit_symbol(GeoUnit unit) {
  switch (unit) {
  case GEO_METERS: return "m";
  case GEO_KILOMETERS: return "km";
  case GEO_MILES: return "mi";
  case GEO_NAUTICAL_MILES: return "nmi";
  }
  return "?";
}

/* ---- boxes ----------------------------------------------------------- */

GeoBox geo_box_empty(void) { return (GeoBox){90, 180, -90, -180}; }

void geo_box_extend(GeoBox *box, GeoPoint p) {
  if (!box)
    return;
  if (box->south > box->north) {
    *box = (GeoBox){p.lat, p.lon, p.lat, p.lon};
    return;
  }
  box->south = fmin(box->south, p.lat);
  box->north = fmax(box->north, p.lat);
  box->west = fmin(box->west, p.lon);
  box->east = fmax(box->east, p.lon);
}

bool geo_box_contains(const GeoBox *box, GeoPoint p) {
  return box && p.lat >= box->south && p.lat <= box->north && p.lon >= box->west &&
         p.lon <= box->east;
}

GeoPoint geo_box_center(const GeoBox *box) {
  if (!box)
    return (GeoPoint){NAN, NAN};
  return (GeoPoint){(box->south + box->north) / 2, (box->west + box->east) / 2};
}

/* ---- encoded polylines ----------------------------------------------- */

/* Appends one signed value in the polyline alphabet: zig-zag, then 5-bit
 * groups from the lowest, each but the last with 0x20 set, each plus 63. */
static char *encode_value(char *out, int64_t v) {
  uint64_t u = v < 0 ? ~((uint64_t)v << 1) : (uint64_t)v << 1;
  while (u >= 0x20) {
    *out++ = (char)((0x20 | (u & 0x1f)) + 63);
    u >>= 5;
  }
  *out++ = (char)(u + 63);
  return out;
}

static double power_of_ten(int n) {
  double f = 1;
  while (n-- > 0)
    f *= 10;
  return f;
}

char *geo_polyline_encode(const GeoPoint *pts, size_t n, uint8_t precision) {
  if (precision < 1 || precision > 10) {
    set_error("precision %d is outside 1..10", precision);
    return NULL;
  }
  if (!pts && n > 0) {
    set_error("no points");
    return NULL;
  }
  /* A value needs at most 13 characters (64 bits in 5-bit groups). */
  char *text = malloc(n * 2 * 13 + 1), *out = text;
  if (!text) {
    set_error("out of memory");
    return NULL;
  }
  double factor = power_of_ten(precision);
  int64_t prev_lat = 0, prev_lon = 0;
  for (size_t i = 0; i < n; i++) {
    if (!valid_point(pts[i])) {
      set_error("point %zu (%g, %g) is not a valid position", i, pts[i].lat, pts[i].lon);
      free(text);
      return NULL;
    }
    int64_t lat = llround(pts[i].lat * factor), lon = llround(pts[i].lon * factor);
    out = encode_value(out, lat - prev_lat);
    out = encode_value(out, lon - prev_lon);
    prev_lat = lat;
    prev_lon = lon;
  }
  *out = '\0';
  clear_error();
  return text;
}

/* Reads one value at *s; returns false with the error set when malformed. */
static bool decode_value(const char *text, const char **s, int64_t *v) {
  uint64_t result = 0;
  int shift = 0, c;
  do {
    if (**s == '\0') {
      set_error("truncated value at offset %d", (int)(*s - text));
      return false;
    }
    c = (unsigned char)**s - 63;
    if (c < 0 || c > 63) {
      if (**s > ' ' && **s < 127)
        set_error("invalid character '%c' at offset %d", **s, (int)(*s - text));
      else
        set_error("invalid byte 0x%02x at offset %d", (unsigned char)**s, (int)(*s - text));
      return false;
    }
    if (shift > 60) {
      set_error("value too long at offset %d", (int)(*s - text));
      return false;
    }
    result |= (uint64_t)(c & 0x1f) << shift;
    shift += 5;
    (*s)++;
  } while (c >= 0x20);
  *v = (result & 1) ? (int64_t)~(result >> 1) : (int64_t)(result >> 1);
  return true;
}

int geo_polyline_decode(const char *text, uint8_t precision, GeoPoint **pts, size_t *count) {
  *pts = NULL;
  *count = 0;
  if (!text) {
    set_error("no text");
    return -1;
  }
  if (precision < 1 || precision > 10) {
    set_error("precision %d is outside 1..10", precision);
    return -1;
  }
  size_t len = strlen(text);
  if (len == 0) {
    clear_error();
    return 0;
  }
  /* A point takes at least two characters. */
  GeoPoint *out = malloc(len / 2 * sizeof *out + sizeof *out);
  if (!out) {
    set_error("out of memory");
    return -1;
  }
  double factor = power_of_ten(precision);
  int64_t lat = 0, lon = 0, d;
  size_t n = 0;
  const char *s = text;
  while (*s) {
    if (!decode_value(text, &s, &d))
      goto fail;
    lat += d;
    if (*s == '\0') {
      set_error("a latitude without its longitude at the end");
      goto fail;
    }
    if (!decode_value(text, &s, &d))
      goto fail;
    lon += d;
    out[n++] = (GeoPoint){(double)lat / factor, (double)lon / factor};
  }
  *pts = out;
  *count = n;
  clear_error();
  return 0;
fail:
  free(out);
  return -1;
}

void geo_points_free(GeoPoint *pts) { free(pts); }

/* ---- tracks ---------------------------------------------------------- */

struct GeoTrack {
  char *name;
  GeoPoint *pts;
  int64_t *times;
  size_t n, cap;
  GeoBox bounds;
};

GeoTrack *geo_track_new(const char *name) {
  GeoTrack *t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  t->name = copy_string(name ? name : "untitled");
  if (!t->name) {
    free(t);
    return NULL;
  }
  t->bounds = geo_box_empty();
  return t;
}

void geo_track_free(GeoTrack *t) {
  if (!t)
    return;
  free(t->name);
  free(t->pts);
  free(t->times);
  free(t);
}

const char *geo_track_name(const GeoTrack *t) { return t ? t->name : NULL; }

int geo_track_add(GeoTrack *t, GeoPoint p, int64_t time_ms) {
  if (!t) {
    set_error("no track");
    return -1;
  }
  if (!valid_point(p)) {
    set_error("(%g, %g) is not a valid position", p.lat, p.lon);
    return -1;
  }
  if (t->n > 0 && time_ms < t->times[t->n - 1]) {
    set_error("time %lld is before the previous point's %lld", (long long)time_ms,
              (long long)t->times[t->n - 1]);
    return -1;
  }
  if (t->n == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 16;
    GeoPoint *pts = realloc(t->pts, cap * sizeof *pts);
    if (pts)
      t->pts = pts;
    int64_t *times = pts ? realloc(t->times, cap * sizeof *times) : NULL;
    if (!times) {
      set_error("out of memory");
      return -1;
    }
    t->times = times;
    t->cap = cap;
  }
  t->pts[t->n] = p;
  t->times[t->n] = time_ms;
  t->n++;
  geo_box_extend(&t->bounds, p);
  clear_error();
  return (int)t->n;
}

unsigned geo_track_count(const GeoTrack *t) { return t ? (unsigned)t->n : 0; }

double geo_track_length_m(const GeoTrack *t) {
  double sum = 0;
  for (size_t i = 1; t && i < t->n; i++)
    sum += geo_distance_m(t->pts[i - 1], t->pts[i]);
  return sum;
}

uint64_t geo_track_duration_ms(const GeoTrack *t) {
  if (!t || t->n < 2)
    return 0;
  return (uint64_t)(t->times[t->n - 1] - t->times[0]);
}

float geo_track_speed_kmh(const GeoTrack *t) {
  uint64_t ms = geo_track_duration_ms(t);
  if (ms == 0)
    return 0;
  return (float)(geo_track_length_m(t) / ((double)ms / 1000) * 3.6);
}

const GeoBox *geo_track_bounds(const GeoTrack *t) {
  return t && t->n > 0 ? &t->bounds : NULL;
}

const GeoPoint *geo_track_points(const GeoTrack *t, size_t *count) {
  size_t n = t ? t->n : 0;
  if (count)
    *count = n;
  return n ? t->pts : NULL;
}

void geo_track_each(const GeoTrack *t, GeoVisitFn fn, void *user) {
  for (size_t i = 0; t && fn && i < t->n; i++)
    fn(t->pts[i], t->times[i], user);
}

/* Distance in meters from p to the segment a-b, on a local flat projection
 * (equirectangular around a), good for the short segments of a track. */
static double segment_distance_m(GeoPoint p, GeoPoint a, GeoPoint b) {
  double k = cos(rad(a.lat));
  double bx = rad(b.lon - a.lon) * k * RADIUS, by = rad(b.lat - a.lat) * RADIUS;
  double px = rad(p.lon - a.lon) * k * RADIUS, py = rad(p.lat - a.lat) * RADIUS;
  double len2 = bx * bx + by * by;
  double u = len2 > 0 ? (px * bx + py * by) / len2 : 0;
  if (u < 0)
    u = 0;
  else if (u > 1)
    u = 1;
  return hypot(px - u * bx, py - u * by);
}

size_t geo_track_simplify(GeoTrack *t, float tolerance_m) {
  if (!t)
    return 0;
  if (t->n < 3 || !(tolerance_m > 0))
    return t->n;
  bool *keep = calloc(t->n, sizeof *keep);
  size_t *stack = malloc(t->n * 2 * sizeof *stack);
  if (!keep || !stack) {
    free(keep);
    free(stack);
    return t->n;
  }
  size_t top = 0;
  keep[0] = keep[t->n - 1] = true;
  stack[top++] = 0;
  stack[top++] = t->n - 1;
  while (top > 0) {
    size_t last = stack[--top], first = stack[--top];
    double worst = -1;
    size_t at = 0;
    for (size_t i = first + 1; i < last; i++) {
      double d = segment_distance_m(t->pts[i], t->pts[first], t->pts[last]);
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    if (worst > tolerance_m) {
      keep[at] = true;
      stack[top++] = first;
      stack[top++] = at;
      stack[top++] = at;
      stack[top++] = last;
    }
  }
  size_t n = 0;
  t->bounds = geo_box_empty();
  for (size_t i = 0; i < t->n; i++) {
    if (!keep[i])
      continue;
    t->pts[n] = t->pts[i];
    t->times[n] = t->times[i];
    geo_box_extend(&t->bounds, t->pts[n]);
    n++;
  }
  t->n = n;
  free(keep);
  free(stack);
  return n;
}

/* A growing string; `failed` once an allocation failed. */
typedef struct {
  char *s;
  size_t len, cap;
  bool failed;
} Text;

static void text_add(Text *b, const char *s, size_t n) {
  if (b->failed)
    return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    while (b->len + n + 1 > cap)
      cap *= 2;
    char *p = realloc(b->s, cap);
    if (!p) {
      b->failed = true;
      return;
    }
    b->s = p;
    b->cap = cap;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

static void text_str(Text *b, const char *s) { text_add(b, s, strlen(s)); }

/* A JSON number with at most 7 decimals (1 cm), trailing zeros dropped. */
static void text_coordinate(Text *b, double v) {
  char buf[40];
  int n = snprintf(buf, sizeof buf, "%.7f", v);
  while (n > 0 && buf[n - 1] == '0')
    n--;
  if (n > 0 && buf[n - 1] == '.')
    n--;
  if (n == 2 && buf[0] == '-' && buf[1] == '0')
    buf[0] = '0', n = 1;
  text_add(b, buf, (size_t)n);
}

/* A JSON string: quotes, backslashes and control characters escaped. */
static void text_json_string(Text *b, const char *s) {
  text_str(b, "\"");
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') {
      char esc[2] = {'\\', (char)c};
      text_add(b, esc, 2);
    } else if (c < 0x20) {
      char esc[8];
      snprintf(esc, sizeof esc, "\\u%04x", c);
      text_str(b, esc);
    } else {
      text_add(b, s, 1);
    }
  }
  text_str(b, "\"");
}

char *geo_track_geojson(const GeoTrack *t) {
  Text b = {0};
  text_str(&b, "{\"type\":\"Feature\",\"properties\":{\"name\":");
  text_json_string(&b, t ? t->name : "");
  text_str(&b, "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[");
  for (size_t i = 0; t && i < t->n; i++) {
    text_str(&b, i ? ",[" : "[");
    text_coordinate(&b, t->pts[i].lon);
    text_str(&b, ",");
    text_coordinate(&b, t->pts[i].lat);
    text_str(&b, "]");
  }
  text_str(&b, "]}}");
  if (b.failed) {
    free(b.s);
    return NULL;
  }
  return b.s;
}

/* ---- geofences ------------------------------------------------------- */

struct GeoFence {
  size_t n;
  GeoPoint v[];
};

GeoFence *geo_fence_new(const GeoPoint *vertices, size_t n) {
  if (!vertices || n < 3) {
    set_error("a fence needs at least 3 vertices, got %zu", vertices ? n : 0);
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    if (!valid_point(vertices[i])) {
      set_error("vertex %zu (%g, %g) is not a valid position", i, vertices[i].lat,
                vertices[i].lon);
      return NULL;
    }
  }
  GeoFence *f = malloc(sizeof *f + n * sizeof f->v[0]);
  if (!f) {
    set_error("out of memory");
    return NULL;
  }
  f->n = n;
  memcpy(f->v, vertices, n * sizeof f->v[0]);
  clear_error();
  return f;
}

void geo_fence_free(GeoFence *f) { free(f); }

bool geo_fence_contains(const GeoFence *f, GeoPoint p) {
  bool inside = false;
  for (size_t i = 0, j = f ? f->n - 1 : 0; f && i < f->n; j = i++) {
    GeoPoint a = f->v[i], b = f->v[j];
    if ((a.lat > p.lat) != (b.lat > p.lat) &&
        p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon)
      inside = !inside;
  }
  return inside;
}
