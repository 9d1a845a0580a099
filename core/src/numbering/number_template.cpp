#include "numbering/number_template.h"

namespace dossier {

namespace {
constexpr const char* kCounterPlaceholder = "{#}";

bool IsCounter(const std::string& name) { return name == "seq" || name == "item"; }

// A field value must not blur the number: no spaces, separators of paths,
// braces or control characters.
bool FitsInNumber(const std::string& value) {
  if (value.empty()) return false;
  for (unsigned char c : value) {
    if (c < 0x21 || c == 0x7f || c == '/' || c == '\\' || c == '{' || c == '}') return false;
  }
  return true;
}
}  // namespace

Result<NumberTemplate> NumberTemplate::Parse(const std::string& text) {
  NumberTemplate t;
  t.text_ = text;
  int counters = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '}')
      return Status::InvalidArgument("number template '" + text + "': '}' without '{'");
    if (text[i] != '{') {
      size_t end = text.find_first_of("{}", i);
      if (end == std::string::npos) end = text.size();
      t.parts_.push_back(Part{false, text.substr(i, end - i), 0});
      i = end;
      continue;
    }
    size_t close = text.find('}', i);
    if (close == std::string::npos)
      return Status::InvalidArgument("number template '" + text + "': '{' is not closed");
    std::string inner = text.substr(i + 1, close - i - 1);
    Part part{true, inner, 0};
    if (auto colon = inner.find(':'); colon != std::string::npos) {
      part.text = inner.substr(0, colon);
      std::string width = inner.substr(colon + 1);
      if (width.empty() || width.size() > 2 ||
          width.find_first_not_of("0123456789") != std::string::npos) {
        return Status::InvalidArgument("number template '" + text + "': width of '" + part.text +
                                       "' is not a number");
      }
      part.width = std::stoi(width);
    }
    if (part.text.empty())
      return Status::InvalidArgument("number template '" + text + "': empty field name");
    if (IsCounter(part.text)) {
      ++counters;
      t.counter_width_ = part.width;
    } else if (part.width != 0) {
      return Status::InvalidArgument("number template '" + text +
                                     "': only the counter (seq or item) takes a width");
    }
    t.parts_.push_back(part);
    i = close + 1;
  }
  if (counters != 1) {
    return Status::InvalidArgument("number template '" + text +
                                   "' needs exactly one counter field, {seq} or {item}");
  }
  return t;
}

std::vector<std::string> NumberTemplate::FieldNames() const {
  std::vector<std::string> out;
  for (const auto& p : parts_) {
    if (p.is_field && !IsCounter(p.text)) out.push_back(p.text);
  }
  return out;
}

Result<std::string> NumberTemplate::Scope(const std::map<std::string, std::string>& values) const {
  std::string out;
  for (const auto& p : parts_) {
    if (!p.is_field) {
      out += p.text;
      continue;
    }
    if (IsCounter(p.text)) {
      out += kCounterPlaceholder;
      continue;
    }
    auto it = values.find(p.text);
    if (it == values.end() || it->second.empty()) {
      return Status::InvalidArgument("number template '" + text_ + "': no value for field '" +
                                     p.text + "'");
    }
    if (!FitsInNumber(it->second)) {
      return Status::InvalidArgument("number template '" + text_ + "': value '" + it->second +
                                     "' of field '" + p.text +
                                     "' cannot stand in a number (spaces, slashes or braces)");
    }
    out += it->second;
  }
  return out;
}

std::string NumberTemplate::Format(const std::string& scope, int64_t seq) const {
  std::string digits = std::to_string(seq);
  if (static_cast<int>(digits.size()) < counter_width_) {
    digits.insert(0, static_cast<size_t>(counter_width_) - digits.size(), '0');
  }
  std::string out = scope;
  auto pos = out.find(kCounterPlaceholder);
  out.replace(pos, 3, digits);
  return out;
}

}  // namespace dossier
