// Output helpers shared by the commands: JSON shapes (a stable interface:
// add fields, never rename or remove them) and aligned text tables.
#ifndef DOSSIER_CLI_OUTPUT_H_
#define DOSSIER_CLI_OUTPUT_H_

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <ostream>
#include <string>
#include <vector>

#include "cli/names.h"
#include "dossier/repository.h"
#include "dossier/text_table.h"
#include "json/shapes.h"

namespace dossier::cli {

// The shapes are the core's (core/json), shared with the server.
using json::AddLifecycleJson;
using json::ArchiveJson;
using json::AuditJson;
using json::DescribeDisposition;
using json::DocumentJson;
using json::HoldJson;
using json::RetentionJson;
using json::SummaryJson;
using json::VersionJson;

/// The state, the next actions and the review trail, as text, by the names
/// the workflow of `type` gives them.
void PrintLifecycle(std::ostream& out, const LifecycleState& life, const Names& names,
                    const std::string& type);

/// Prints a JSON value followed by a newline.
void PrintJson(std::ostream& out, const Poco::Dynamic::Var& value);

/// --set arguments: key=value sets a string; key:=json sets a JSON value
/// (number, bool, array...).
Result<std::vector<MetadataAssignment>> ParseSets(const std::vector<std::string>& sets);

/// Progress on standard error ("  verify: blobs 120/4000") when it is a
/// terminal; a null function otherwise. ClearProgress wipes the line.
ProgressFn TerminalProgress(const std::string& command);
void ClearProgress(const ProgressFn& progress);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_OUTPUT_H_
