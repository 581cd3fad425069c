// The review module's public API in one include, for the CLI (`quizscan review`):
// queue functions, value validation, CSV list/apply, and the web server.
#pragma once

#include "review/queue.hpp"      // list_queue, resolve_item, undo_item, undo_last, history
#include "review/queue_csv.hpp"  // write_queue_csv, apply_corrections_csv, print_apply_report
#include "review/server.hpp"     // ServerOptions, ReviewServer, run_review_server
#include "review/validate.hpp"   // validate_value
