/* runtime_regions.c: the parts of web/runtime.js a generated module carries.
 *
 * runtime.js is cut into regions, each saying what it provides and which
 * other regions it needs:
 *
 *   //#region NAME provides DECL... [needs REGION...]
 *   ...
 *   //#endregion
 *
 * The plan names the runtime declarations the library's code calls
 * (plan_runtime.c); a module carries the regions that provide them and the
 * regions those need, whole and in file order. Nothing is scanned but these
 * marker lines: tests/runtime/regions.test.mjs checks that each region's
 * declarations are what it says it provides, and that it names every region
 * whose declarations it uses. Module-level regions sit before
 * `createInstanceRuntime` (indentation 0), instance-level ones inside it
 * (indentation 2). */
#include "internal.h"
#include <string.h>

/* web/runtime.js, embedded at build time (tools/embed.sh). */
extern const char wb_runtime_js[];

/* A list of words on a marker line, as [start, end). */
typedef struct {
  const char *start, *end;
} Words;

typedef struct {
  const char *name;
  int name_len;
  Words provides, needs;
  const char *body, *end; /* the lines between the markers */
  bool instance;          /* inside createInstanceRuntime */
  bool wanted;
} Region;

enum { MAX_REGIONS = 64 };

struct RuntimeRegions {
  Region regions[MAX_REGIONS];
  int n;
};

/* The next word of w from *p (advanced past it); its length, 0 at the end. */
static size_t next_word(const Words *w, const char **p) {
  if (!*p)
    return 0; /* no such list on the marker */
  while (*p < w->end && **p == ' ')
    (*p)++;
  size_t n = 0;
  while (*p + n < w->end && (*p)[n] != ' ')
    n++;
  *p += n;
  return n;
}

static bool has_word(const Words *w, const char *s, size_t len) {
  const char *p = w->start;
  for (size_t n; (n = next_word(w, &p)) > 0;)
    if (n == len && !strncmp(p - n, s, len))
      return true;
  return false;
}

/* The words after `key ` on [line, eol), up to the next keyword. */
static Words marker_words(const char *line, const char *eol, const char *key) {
  Words w = {NULL, NULL};
  size_t k = strlen(key);
  for (const char *p = line + 1; p + k < eol; p++)
    if (p[-1] == ' ' && !strncmp(p, key, k) && p[k] == ' ') {
      w.start = p + k + 1;
      const char *stop = strstr(w.start, " needs ");
      w.end = stop && stop < eol && strcmp(key, "needs") ? stop : eol;
      break;
    }
  return w;
}

/* Reads the region whose marker is at p (`//#region ...`); returns the end
 * of its `//#endregion` line. */
static const char *read_region(Region *r, const char *p, const char *instance_start) {
  const char *eol = strchr(p, '\n');
  r->name = p + 10;
  r->name_len = (int)strcspn(r->name, " \n");
  r->provides = marker_words(p, eol, "provides");
  r->needs = marker_words(p, eol, "needs");
  r->body = eol + 1;
  const char *end = strstr(r->body, "//#endregion");
  const char *next = end ? strchr(end, '\n') : NULL;
  while (end && end > r->body && end[-1] != '\n')
    end--; /* back to the start of the marker's line */
  r->end = end ? end : r->body;
  r->instance = instance_start && p > instance_start;
  return next;
}

RuntimeRegions *rt_regions(Ctx *ctx) {
  RuntimeRegions *rr = arena_alloc(ctx, sizeof *rr);
  const char *instance_start = strstr(wb_runtime_js, "export function createInstanceRuntime");
  for (const char *p = wb_runtime_js; p && (p = strstr(p, "//#region ")) && rr->n < MAX_REGIONS;) {
    /* A marker starts its line (after indentation); mentions in comments do not count. */
    const char *bol = p;
    while (bol > wb_runtime_js && bol[-1] == ' ')
      bol--;
    if (bol > wb_runtime_js && bol[-1] != '\n') {
      p += 10;
      continue;
    }
    p = read_region(&rr->regions[rr->n++], p, instance_start);
  }
  return rr;
}

/* Wants region r and, once, the regions it needs. */
static void want_region(RuntimeRegions *rr, Region *r) {
  if (r->wanted)
    return;
  r->wanted = true;
  const char *p = r->needs.start;
  for (size_t n; (n = next_word(&r->needs, &p)) > 0;)
    for (int i = 0; i < rr->n; i++)
      if ((size_t)rr->regions[i].name_len == n && !strncmp(rr->regions[i].name, p - n, n))
        want_region(rr, &rr->regions[i]);
}

bool rt_want(RuntimeRegions *rr, const char *decl) {
  for (int i = 0; i < rr->n; i++)
    if (has_word(&rr->regions[i].provides, decl, strlen(decl))) {
      want_region(rr, &rr->regions[i]);
      return true;
    }
  return false;
}

void rt_put(Buf *out, const RuntimeRegions *rr, bool instance) {
  const char *indent = instance ? "  " : "";
  buf_printf(out, "%s// wasmbind runtime: begin\n", indent);
  for (int i = 0; i < rr->n; i++) {
    const Region *r = &rr->regions[i];
    if (r->wanted && r->instance == instance)
      buf_putn(out, r->body, (size_t)(r->end - r->body));
  }
  buf_printf(out, "%s// wasmbind runtime: end\n", indent);
}

void rt_declared_names(Ctx *ctx, const RuntimeRegions *rr, Map *out) {
  for (int i = 0; i < rr->n; i++) {
    const Words *w = &rr->regions[i].provides;
    const char *p = w->start;
    for (size_t n; (n = next_word(w, &p)) > 0;)
      map_put(ctx, out, p - n, (int)n, (void *)(p - n));
  }
}
