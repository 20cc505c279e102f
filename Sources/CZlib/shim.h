#ifndef FUNDREPORT_CZLIB_SHIM_H
#define FUNDREPORT_CZLIB_SHIM_H

#include <zlib.h>

// deflateInit2 and inflateInit2 are macros (they pass zlib's version and the
// stream's size), which Swift cannot call: these functions do it for Swift.

/// A deflate stream that writes one gzip member (RFC 1952) at `level`.
static inline int fundreport_deflateInitGzip(z_stream *stream, int level) {
  return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

/// An inflate stream that reads gzip members only (no zlib or raw streams).
static inline int fundreport_inflateInitGzip(z_stream *stream) {
  return inflateInit2(stream, 15 + 16);
}

/// A raw deflate stream (no header: a ZIP entry's data, APPNOTE method 8) at `level`.
static inline int fundreport_deflateInitRaw(z_stream *stream, int level) {
  return deflateInit2(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}

/// A raw inflate stream (a ZIP entry's deflated data).
static inline int fundreport_inflateInitRaw(z_stream *stream) {
  return inflateInit2(stream, -15);
}

#endif
