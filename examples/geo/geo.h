/* geo: geodesy for GPS tracks.
 *
 * Great-circle distances, bearings and midpoints on a spherical Earth, bounding
 * boxes, Google's encoded polyline format, recorded tracks (points with
 * timestamps: length, duration, speed, simplification, GeoJSON) and polygon
 * geofences. Plain C11, no dependencies beyond libc.
 *
 * The header is also wasmbind's example: together its declarations use every
 * row of the default mapping table and every annotation of wasmbind.h.
 *
 * Errors: the functions that can fail return a negative number or NULL and
 * leave a message for geo_last_error(); they clear it when they succeed.
 * Ownership is stated on every function that returns memory. */
#ifndef GEO_H
#define GEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wasmbind.h"

/* The mean radius of the Earth (IUGG), in whole meters. */
#define GEO_EARTH_RADIUS_M 6371008
/* Decimal places of Google's polyline format (OSRM and Valhalla use 6). */
#define GEO_POLYLINE_PRECISION 5

/* A position in degrees: latitude -90..90 (north positive), longitude
 * -180..180 (east positive). */
typedef struct {
  double lat, lon;
} GeoPoint;

/* A latitude/longitude rectangle. Empty when south > north. */
typedef struct {
  double south, west, north, east;
} GeoBox;

typedef enum {
  GEO_METERS,
  GEO_KILOMETERS,
  GEO_MILES,
  GEO_NAUTICAL_MILES,
} GeoUnit;

/* A recorded track: named points with timestamps (opaque). */
typedef struct GeoTrack GeoTrack;
/* A polygon area, for "is this point inside" questions (opaque). */
typedef struct GeoFence GeoFence;

/* Called once per point of a track, in order. */
typedef void (*GeoVisitFn)(GeoPoint p, int64_t time_ms, void *user);

/* ---- points ---------------------------------------------------------- */

/* Great-circle (haversine) distance between two points, in meters. */
double geo_distance_m(GeoPoint a, GeoPoint b);
/* The point halfway along the great circle from a to b. */
GeoPoint geo_midpoint(GeoPoint a, GeoPoint b);
/* Initial bearing from `from` to `to`, in whole degrees 0..359 (0 = north). */
int16_t geo_bearing_deg(GeoPoint from, GeoPoint to);
/* The 16-wind compass point of a bearing ("N", "NNE", ... "NNW"); any whole
 * number of degrees, negative included. Static string: borrowed. */
const char *geo_compass(int16_t deg);
/* The point reached going distance_m meters from `from` at bearing_deg. */
GeoPoint geo_destination(GeoPoint from, double bearing_deg, double distance_m);
/* Brings a point into range: latitude folded into -90..90 (crossing a pole
 * turns the longitude around), longitude wrapped into -180..180. */
void geo_normalize(WB_INOUT GeoPoint *p);
/* Parses "48.8566, 2.3522", "48.8566 2.3522" or "48.8566 N 2.3522 E".
 * Returns 0 and sets *out, or -1 (see geo_last_error) leaving *out alone. */
int geo_parse_point(const char *text, WB_OUT GeoPoint *out);
/* "48.85660, 2.35220", or with dms "48°51′24″N 2°21′08″E". The caller owns
 * the string (free). */
WB_OWNED char *geo_format_point(GeoPoint p, bool dms);

/* ---- units ----------------------------------------------------------- */

/* meters expressed in unit. */
double geo_convert(double meters, GeoUnit unit);
/* "m", "km", "mi", "nmi"; "?" for an unknown unit. Static: borrowed. */
const char *geo_unit_symbol(GeoUnit unit);

/* ---- boxes ----------------------------------------------------------- */

/* The empty box (every extend replaces it). */
GeoBox geo_box_empty(void);
/* Grows *box to contain p. */
void geo_box_extend(GeoBox *box, GeoPoint p);
/* Whether p is inside box, edges included. */
bool geo_box_contains(const GeoBox *box, GeoPoint p);
/* The middle of the box (of its latitude and longitude ranges). */
GeoPoint geo_box_center(const GeoBox *box);

/* ---- encoded polylines ----------------------------------------------- */

/* Encodes n points with `precision` decimal places (1..10; 5 is Google's).
 * The caller owns the string (free); NULL on bad arguments. */
WB_OWNED char *geo_polyline_encode(WB_LEN(n) const GeoPoint *pts, size_t n, uint8_t precision);
/* Decodes a polyline. Returns 0 and sets *pts (released with
 * geo_points_free; NULL when there are no points) and *count, or -1 when the
 * text is malformed (see geo_last_error). */
int geo_polyline_decode(const char *text, uint8_t precision,
                        WB_OUT WB_FREE(geo_points_free) WB_LEN(count) GeoPoint **pts,
                        WB_OUT size_t *count);
/* Releases the points of geo_polyline_decode. NULL is ignored. */
void geo_points_free(GeoPoint *pts);

/* ---- tracks ---------------------------------------------------------- */

/* A new, empty track; a NULL name means "untitled". The caller owns it
 * (geo_track_free). */
GeoTrack *geo_track_new(WB_NULLABLE const char *name);
/* Releases a track. NULL is ignored. */
void geo_track_free(GeoTrack *t);
/* The track's name, borrowed: valid until geo_track_free. */
const char *geo_track_name(const GeoTrack *t);
/* Appends a point recorded at time_ms (milliseconds since the epoch, never
 * earlier than the previous point). Returns the new point count, or -1 (see
 * geo_last_error) for an invalid coordinate or a time going backwards. */
int geo_track_add(GeoTrack *t, GeoPoint p, int64_t time_ms);
/* Number of points. */
unsigned geo_track_count(const GeoTrack *t);
/* Sum of the distances between consecutive points, in meters. */
double geo_track_length_m(const GeoTrack *t);
/* Time from the first point to the last, in milliseconds. */
uint64_t geo_track_duration_ms(const GeoTrack *t);
/* Average speed over the track, km/h; 0 when the duration is 0. */
float geo_track_speed_kmh(const GeoTrack *t);
/* The smallest box holding every point, or NULL for an empty track. Borrowed:
 * it belongs to the track and follows later additions. */
WB_NULLABLE const GeoBox *geo_track_bounds(const GeoTrack *t);
/* The points, borrowed: valid until the track changes. *count gets their
 * number; NULL when the track is empty. */
WB_LEN(count) const GeoPoint *geo_track_points(const GeoTrack *t, WB_OUT size_t *count);
/* Calls fn(point, time, user) for every point, in order. */
void geo_track_each(const GeoTrack *t, GeoVisitFn fn, void *user);
/* Douglas-Peucker: drops the points that lie within tolerance_m meters of
 * the line through their kept neighbours. Returns the new point count. */
size_t geo_track_simplify(GeoTrack *t, float tolerance_m);
/* The track as a GeoJSON Feature (a LineString, the name in its properties).
 * The caller owns the string (free). */
WB_OWNED char *geo_track_geojson(const GeoTrack *t);

/* ---- geofences ------------------------------------------------------- */

/* A polygon of n >= 3 vertices (closed implicitly), or NULL (see
 * geo_last_error). The caller owns it (geo_fence_free). */
GeoFence *geo_fence_new(WB_LEN(n) const GeoPoint *vertices, size_t n);
/* Releases a fence. NULL is ignored. */
void geo_fence_free(GeoFence *f);
/* Whether p lies inside the polygon (even-odd rule, planar in degrees: meant
 * for areas that do not cross the antimeridian). */
bool geo_fence_contains(const GeoFence *f, GeoPoint p);

/* ---- errors ---------------------------------------------------------- */

/* The message of the last failed call, or NULL when the last call that can
 * fail succeeded. Static buffer: borrowed, valid until the next such call. */
WB_NULLABLE const char *geo_last_error(void);

#endif
