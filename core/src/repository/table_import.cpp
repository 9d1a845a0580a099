// import-csv: a legacy ledger's rows registered as documents. The CSV is
// read here (not in a front end) so that every front end reads it the same
// way; each row is checked as `add` checks a document, then the valid rows
// go into the catalog in one transaction.
#include <map>

#include "dossier/repository.h"
#include "dossier/utf8.h"
#include "repository/repository_impl.h"
#include "util/encoding.h"
#include "util/json_util.h"

namespace dossier {

Result<CsvTable> ParseCsvTable(std::string_view bytes, const std::string& encoding) {
  CsvTable table;
  std::string text;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (encoding == "utf-8" || (encoding.empty() && IsValidUtf8(bytes))) {
    if (!IsValidUtf8(bytes))
      return Status::InvalidArgument("the file is not valid UTF-8 (try --encoding gb18030)");
    text.assign(bytes);
    table.encoding = "utf-8";
  } else if (encoding == "gb18030" || encoding.empty()) {
    if (!Gb18030ToUtf8(bytes, text)) {
      return Status::InvalidArgument(encoding.empty() ? "the file is neither UTF-8 nor GB18030 text"
                                                      : "the file is not GB18030 text");
    }
    table.encoding = "gb18030";
  } else {
    return Status::InvalidArgument("encoding '" + encoding + "': expected utf-8 or gb18030");
  }

  std::vector<CsvRow> records;
  CsvRow current;
  std::string field;
  bool quoted = false, field_started = false;
  int line = 1, quote_line = 0;
  current.line = 1;
  auto end_field = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    // A blank line is no record.
    if (!(current.fields.size() == 1 && current.fields[0].empty()))
      records.push_back(std::move(current));
    current = CsvRow{};
    current.line = line;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // the \n ends the record
    } else if (c == '\n' || c == '\r') {
      ++line;
      end_record();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted)
    return Status::InvalidArgument("line " + std::to_string(quote_line) +
                                   ": a quoted field is never closed");
  if (field_started || !field.empty() || !current.fields.empty()) end_record();
  if (records.empty()) return Status::InvalidArgument("the file holds no header row");
  table.header = std::move(records.front().fields);
  records.erase(records.begin());
  table.rows = std::move(records);
  return table;
}

Result<ColumnMapping> ParseColumnMapping(std::string_view text) {
  ColumnMapping m;
  size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
    return Status::InvalidArgument("--map '" + std::string(text) +
                                   "': expected COLUMN=field or COLUMN:=field");
  }
  m.json = text[eq - 1] == ':';
  m.column = std::string(text.substr(0, m.json ? eq - 1 : eq));
  m.target = std::string(text.substr(eq + 1));
  if (m.column.empty())
    return Status::InvalidArgument("--map '" + std::string(text) + "' names no column");
  return m;
}

Result<TableImportReport> Repository::ImportTable(const Actor& actor,
                                                  const TableImportRequest& request) {
  const DocumentType* type = impl_->types->Find(request.type);
  if (type == nullptr)
    return Status::InvalidArgument("unknown document type '" + request.type + "'");
  const auto& header = request.table.header;
  std::map<std::string, size_t> column_of;
  for (size_t i = 0; i < header.size(); ++i) column_of.emplace(header[i], i);
  bool has_title = false;
  for (const auto& m : request.mappings) {
    if (!column_of.count(m.column)) {
      std::string known;
      for (const auto& h : header) known += (known.empty() ? "" : ", ") + h;
      return Status::InvalidArgument("--map: the table has no column '" + m.column +
                                     "' (its columns: " + known + ")");
    }
    has_title = has_title || m.target == "title";
  }
  if (!has_title)
    return Status::InvalidArgument("map a column to the title (--map 合同名称=title)");

  // Every row checked as `add` checks a document; nothing written yet.
  TableImportReport report;
  struct Ready {
    const CsvRow* row;
    std::string title;
    Confidentiality level;
    Poco::Dynamic::Var metadata;
  };
  std::vector<Ready> ready;
  for (const auto& row : request.table.rows) {
    ++report.rows;
    auto reject = [&](const std::string& why) { report.rejected.push_back({row.line, why}); };
    if (row.fields.size() != header.size()) {
      reject("it has " + std::to_string(row.fields.size()) + " fields, the header has " +
             std::to_string(header.size()));
      continue;
    }
    NewDocument doc;
    doc.type = request.type;
    doc.set = request.set;
    std::string problem;
    for (const auto& m : request.mappings) {
      const std::string& value = row.fields[column_of[m.column]];
      if (m.target == "title") {
        doc.title = value;
      } else if (m.target == "confidentiality") {
        auto level = ParseConfidentiality(value.empty() ? "内部" : value);
        if (!level)
          problem = "column " + m.column + ": '" + value + "' is not 公开, 内部, 秘密 or 机密";
        else
          doc.confidentiality = *level;
      } else if (!value.empty()) {
        if (m.json && !ParseJson(value, m.column).ok() && problem.empty()) {
          problem = "column " + m.column + ": '" + value +
                    "' is not a number, true/false or other JSON value";
        }
        doc.set.push_back({m.target, value, m.json});
      }
    }
    if (problem.empty()) {
      Status s = ValidateLine(doc.title, "title", true);
      if (s.ok() && !actor.CanSee(doc.confidentiality)) {
        s = Status::PermissionDenied(std::string("marked ") +
                                     std::string(ConfidentialityName(doc.confidentiality)) +
                                     ", above " + actor.name + "'s clearance");
      }
      if (!s.ok()) problem = s.message();
    }
    if (problem.empty()) {
      auto metadata = impl_->BuildMetadata(*type, "{}", doc.set);
      auto scope = metadata.ok() ? impl_->NumberingScope(*type, *metadata)
                                 : Result<std::string>(metadata.status());
      if (!scope.ok())
        problem = scope.status().message();
      else
        ready.push_back({&row, doc.title, doc.confidentiality, *metadata});
    }
    if (!problem.empty()) reject(problem);
  }
  report.valid = static_cast<int>(ready.size());
  if (request.dry_run || ready.empty() || (!report.rejected.empty() && !request.partial))
    return report;

  Status s = impl_->WriteTransaction([&](Catalog& c) -> Status {
    for (const auto& r : ready) {
      auto doc = impl_->InsertNewDocument(
          c, actor, *type, r.title, r.metadata, r.level, {},
          "import-csv " + request.source + " line " + std::to_string(r.row->line));
      if (!doc.ok()) return doc.status().WithContext("line " + std::to_string(r.row->line));
      report.numbers.push_back(doc->summary.number);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  report.written = true;
  return report;
}

}  // namespace dossier
