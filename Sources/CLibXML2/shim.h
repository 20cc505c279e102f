#ifndef FUNDREPORT_CLIBXML2_SHIM_H
#define FUNDREPORT_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian's libxml2 is built against the system ICU, which clashes with the
// ICU that Foundation bundles; fundreport never needs libxml2's ICU parts.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlmemory.h>

// `xmlFree` is a global function pointer, which Swift 6 treats as shared
// mutable state; calling it through a function keeps that out of Swift.
static inline void fundreport_xmlFree(void *pointer) { xmlFree(pointer); }

#endif
