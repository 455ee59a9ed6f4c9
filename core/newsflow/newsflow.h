/* newsflow/newsflow.h: the plugin author's whole world in one include.
 * Everything a plugin may use of the core is declared under newsflow/. */
#ifndef NEWSFLOW_H
#define NEWSFLOW_H

#include <newsflow/version.h>
#include <newsflow/error.h>
#include <newsflow/article.h>
#include <newsflow/plugin.h>
#include <newsflow/json.h>
#include <newsflow/output.h>
#include <newsflow/text.h>
#include <newsflow/data.h>
#include <newsflow/charset.h>
#include <newsflow/http.h>
#include <newsflow/fieldmap.h>
#include <newsflow/fields.h>
#include <newsflow/wire.h>
#include <newsflow/sniff.h>
#include <newsflow/serialised.h>
#include <newsflow/safe.h>
#include <newsflow/date.h>
#include <newsflow/names.h>

#endif /* NEWSFLOW_H */
