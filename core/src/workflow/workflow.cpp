#include "workflow/workflow.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>

#include "resources/resources.h"
#include "types/json_schema.h"
#include "util/file_util.h"
#include "util/json_util.h"

namespace dossier {

using Poco::JSON::Array;
using Poco::JSON::Object;

const WorkflowState* Workflow::State(const std::string& state) const {
  auto it = states.find(state);
  return it == states.end() ? nullptr : &it->second;
}

double Workflow::Setting(const std::string& name, double fallback) const {
  auto it = settings.find(name);
  return it == settings.end() ? fallback : it->second;
}

namespace {

constexpr std::pair<std::string_view, Stage> kStageCodes[] = {
    {"approved", Stage::kApproved},
    {"signed", Stage::kSigned},
    {"in_performance", Stage::kInPerformance},
    {"completed", Stage::kCompleted},
    {"terminated", Stage::kTerminated},
};

}  // namespace

std::optional<Stage> ParseStage(std::string_view code) {
  for (const auto& [text, stage] : kStageCodes) {
    if (text == code) return stage;
  }
  return std::nullopt;
}

Stage Workflow::StageOf(const std::string& state) const {
  const WorkflowState* s = State(state);
  return s == nullptr ? Stage::kNone : s->stage;
}

std::vector<std::string> Workflow::StatesAt(std::initializer_list<Stage> stages) const {
  std::vector<std::string> codes;
  for (const auto& [code, state] : states) {
    if (std::find(stages.begin(), stages.end(), state.stage) != stages.end()) codes.push_back(code);
  }
  return codes;
}

Stage WorkflowRegistry::StageOf(const std::string& type, const std::string& state) const {
  const Workflow* workflow = ForType(type);
  return workflow == nullptr ? Stage::kNone : workflow->StageOf(state);
}

namespace {

std::string_view Resource(std::string_view path) {
  for (const auto& r : resources::All()) {
    if (r.path == path) return r.data;
  }
  return {};
}

Result<std::vector<Role>> Roles(const Array::Ptr& arr, const std::string& where) {
  std::vector<Role> out;
  for (const auto& v : *arr) {
    auto role = ParseRole(v.toString());
    if (!role) return Status::InvalidArgument(where + ": unknown role '" + v.toString() + "'");
    out.push_back(*role);
  }
  return out;
}

Result<std::unique_ptr<Workflow>> Parse(const std::string& text, const std::string& file,
                                        const JsonSchema& meta, const TypeRegistry& types) {
  auto parsed = ParseJson(text, "workflow file " + file);
  if (!parsed.ok()) return parsed.status();
  DOSSIER_RETURN_IF_ERROR(meta.Validate(*parsed, "workflow file " + file));
  auto o = parsed->extract<Object::Ptr>();
  auto w = std::make_unique<Workflow>();
  std::string where = "workflow file " + file;
  w->code = o->getValue<std::string>("code");
  w->name_zh = o->getValue<std::string>("name_zh");
  w->name_en = o->getValue<std::string>("name_en");
  w->initial = o->getValue<std::string>("initial");
  for (const auto& t : *o->getArray("types")) {
    std::string code = t.toString();
    if (types.Find(code) == nullptr)
      return Status::InvalidArgument(where + ": types: unknown document type '" + code + "'");
    w->types.push_back(code);
  }
  if (o->has("settings")) {
    for (const auto& [k, v] : *o->getObject("settings")) w->settings[k] = v.convert<double>();
  }
  for (const auto& [code, v] : *o->getObject("states")) {
    auto so = v.extract<Object::Ptr>();
    WorkflowState s;
    s.code = code;
    s.name_zh = so->getValue<std::string>("name_zh");
    s.name_en = so->getValue<std::string>("name_en");
    s.frozen = so->optValue<bool>("frozen", false);
    if (so->has("approvals")) {
      auto roles = Roles(so->getArray("approvals"), where + ": states." + code + ".approvals");
      if (!roles.ok()) return roles.status();
      s.approvals = *roles;
    }
    if (so->has("stage")) {
      auto stage = ParseStage(so->getValue<std::string>("stage"));
      if (!stage)
        return Status::InvalidArgument(where + ": states." + code + ".stage: unknown stage '" +
                                       so->getValue<std::string>("stage") + "'");
      s.stage = *stage;
    }
    w->states[code] = s;
  }
  // A workflow file written before states had stages names none: its
  // states are the shipped ones, whose codes are the stages' own.
  const bool staged = std::any_of(w->states.begin(), w->states.end(), [](const auto& entry) {
    return entry.second.stage != Stage::kNone;
  });
  if (!staged) {
    for (auto& [code, state] : w->states) state.stage = ParseStage(code).value_or(Stage::kNone);
  }
  if (!w->State(w->initial))
    return Status::InvalidArgument(where + ": initial state '" + w->initial +
                                   "' is not among the states");
  auto transitions = o->getArray("transitions");
  for (size_t i = 0; i < transitions->size(); ++i) {
    auto to = transitions->getObject(static_cast<unsigned>(i));
    std::string at = where + ": transitions[" + std::to_string(i) + "]";
    WorkflowTransition t;
    t.action = to->getValue<std::string>("action");
    t.name_zh = to->optValue<std::string>("name_zh", t.action);
    for (const auto& f : *to->getArray("from")) {
      if (!w->State(f.toString()))
        return Status::InvalidArgument(at + ".from: unknown state '" + f.toString() + "'");
      t.from.insert(f.toString());
    }
    t.to = to->getValue<std::string>("to");
    if (!w->State(t.to)) return Status::InvalidArgument(at + ".to: unknown state '" + t.to + "'");
    auto roles = Roles(to->getArray("roles"), at + ".roles");
    if (!roles.ok()) return roles.status();
    t.roles = *roles;
    t.guard = to->optValue<std::string>("guard", "");
    t.review = to->optValue<bool>("review", false);
    t.comment_required = to->optValue<bool>("comment_required", false);
    t.distributes = to->optValue<std::string>("distributes", "");
    t.tracks_resolutions = to->optValue<std::string>("tracks_resolutions", "");
    if (to->has("requires")) {
      for (const auto& [key, pointer] : *to->getObject("requires"))
        t.required_data[key] = pointer.toString();
    }
    if (to->has("requires_clauses")) {
      for (const auto& [type, pointers] : *to->getObject("requires_clauses")) {
        if (std::find(w->types.begin(), w->types.end(), type) == w->types.end()) {
          return Status::InvalidArgument(at + ".requires_clauses: '" + type +
                                         "' is not among the workflow's types");
        }
        for (const auto& p : *pointers.extract<Array::Ptr>())
          t.required_clauses[type].push_back(p.toString());
      }
    }
    w->transitions.push_back(std::move(t));
  }
  return w;
}

}  // namespace

Result<std::unique_ptr<WorkflowRegistry>> WorkflowRegistry::Load(
    const std::filesystem::path& config_dir, const TypeRegistry& types) {
  auto meta_parsed = ParseJson(Resource("workflow.schema.json"), "built-in workflow.schema.json");
  if (!meta_parsed.ok()) return meta_parsed.status();
  auto meta = JsonSchema::Compile(*meta_parsed, "built-in workflow.schema.json");
  if (!meta.ok()) return meta.status();
  auto registry = std::make_unique<WorkflowRegistry>();
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(config_dir / "workflows", ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  // A repository without a workflows folder simply has no workflows.
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    auto text = ReadFileToString(path);
    if (!text.ok()) return text.status();
    auto w = Parse(*text, path.string(), **meta, types);
    if (!w.ok()) return w.status();
    for (const auto& type : (*w)->types) {
      if (registry->by_type_.count(type)) {
        return Status::InvalidArgument("workflow file " + path.string() + ": type '" + type +
                                       "' already follows workflow '" +
                                       registry->by_type_[type]->code + "'");
      }
      registry->by_type_[type] = w->get();
    }
    registry->workflows_.push_back(std::move(*w));
  }
  return registry;
}

const Workflow* WorkflowRegistry::ForType(const std::string& type) const {
  auto it = by_type_.find(type);
  return it == by_type_.end() ? nullptr : it->second;
}

std::vector<const Workflow*> WorkflowRegistry::All() const {
  std::vector<const Workflow*> out;
  for (const auto& w : workflows_) out.push_back(w.get());
  return out;
}

Status WriteDefaultWorkflows(const std::filesystem::path& config_dir) {
  std::error_code ec;
  std::filesystem::create_directories(config_dir / "workflows", ec);
  if (ec)
    return Status::IoError("cannot create " + (config_dir / "workflows").string() + ": " +
                           ec.message());
  for (const auto& r : resources::All()) {
    if (r.path.rfind("workflows/", 0) == 0)
      DOSSIER_RETURN_IF_ERROR(WriteFileAtomic(config_dir / std::string(r.path), r.data));
  }
  return SyncDirectory(config_dir / "workflows");
}

}  // namespace dossier
