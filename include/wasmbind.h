/* wasmbind.h: annotations that tell wasmbind how to bind a C declaration.
 *
 * Place them before the type they qualify:
 *   WB_OWNED char *describe(const Point *p);
 *   int parse(const char *text, WB_OUT Point *out);
 *
 * For wasmbind (and clang) they are annotate attributes that wasmbind reads;
 * for other compilers they expand to nothing. Either way they change nothing
 * in the compiled code. */
#ifndef WASMBIND_ANNOTATIONS_H
#define WASMBIND_ANNOTATIONS_H

#if defined(__WASMBIND__) || defined(__clang__)
#define WB__ANNOTATE(text) __attribute__((annotate(text)))
#else
#define WB__ANNOTATE(text)
#endif

/* The returned (or WB_OUT) memory becomes the caller's: freed with free(). */
#define WB_OWNED WB__ANNOTATE("wb_owned")
/* Owned, and released with fn instead of free(). */
#define WB_FREE(fn) WB__ANNOTATE("wb_free:" #fn)
/* A T * parameter that is not passed from JS: its value after the call is returned. */
#define WB_OUT WB__ANNOTATE("wb_out")
/* A T * parameter passed in, whose value after the call is returned. */
#define WB_INOUT WB__ANNOTATE("wb_inout")
/* A pointer to `param` elements; the binding fills in `param`. */
#define WB_LEN(param) WB__ANNOTATE("wb_len:" #param)
/* A caller-allocated output buffer: the binding allocates `cap` elements
 * (`cap`, an integer parameter JS passes, C gets) and returns what C
 * produced; WB_OUTPUT_LENGTH(len) says how much: `result`, or an integer
 * out parameter (left out: the capacity). Rules `output P, length L`. */
#define WB_OUTPUT(cap) WB__ANNOTATE("wb_output:" #cap)
#define WB_OUTPUT_LENGTH(len) WB__ANNOTATE("wb_output_length:" #len)
/* A pointer that may be NULL (`null` in JS). */
#define WB_NULLABLE WB__ANNOTATE("wb_nullable")
/* A function C calls and JS implements (load()'s options.imports.env),
 * marshalled like the library's own functions, in the other direction. */
#define WB_IMPORT WB__ANNOTATE("wb_import")

#endif
