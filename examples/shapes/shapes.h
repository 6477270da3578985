/* A small example library header for trying `ferry bind`. */
#ifndef SHAPES_H
#define SHAPES_H
#include <stddef.h>
#include <stdint.h>

#define SHAPES_VERSION "1.2.0"
#define SHAPES_MAX_POINTS 1024u
#define SHAPES_EPSILON 1e-9

/** The kind of a shape. */
typedef enum shape_kind {
    SHAPE_CIRCLE,   /**< a circle: one point and a radius */
    SHAPE_POLYGON,  /**< a closed polygon */
} shape_kind;

/** A point in the plane. */
typedef struct point { double x, y; } point;

/** Flags packed into one word. */
struct shape_flags {
    unsigned visible : 1;
    unsigned filled : 1;
    unsigned layer : 6;
};

/** An opaque shape handle. */
typedef struct shape shape;

typedef void (*shape_visit_fn)(const point *p, void *user_data);

/** Creates a polygon from `n` points; returns NULL on allocation failure. */
shape *shape_polygon_new(const point *pts, size_t n) __attribute__((warn_unused_result));
/** Frees a shape; NULL is ignored. */
void shape_free(shape *s);
/** The area of `s`, which must not be NULL. */
double shape_area(const shape *s) __attribute__((nonnull(1)));
int shape_visit(const shape *s, shape_visit_fn f, void *user_data);
int shape_printf(const char *fmt, ...);

extern const uint32_t shapes_abi_version;
#endif
