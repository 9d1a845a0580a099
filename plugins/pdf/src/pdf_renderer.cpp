#include "pdf_renderer.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <utility>

#include "dossier/files.h"
#include "dossier/ledger.h"
#include "model.h"
#include "pdf_writer.h"
#include "template.h"

namespace dossier::pdf {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Result<Object::Ptr> ParseObject(const std::string& text, const std::string& what) {
  try {
    Poco::JSON::Parser parser;
    auto v = parser.parse(text);
    if (v.type() != typeid(Object::Ptr))
      return Status::InvalidArgument(what + " is not a JSON object");
    return v.extract<Object::Ptr>();
  } catch (const std::exception& e) {
    return Status::InvalidArgument(what + ": " + e.what());
  }
}

Result<Template> LoadTemplate(const Repository& repo, const std::string& name) {
  auto text = repo.ConfigText("templates/" + name + ".json");
  if (!text.ok()) {
    std::string known;
    for (const auto& f : repo.ConfigFiles("templates"))
      known += (known.empty() ? "" : ", ") + f.substr(0, f.size() - 5);
    return Status::NotFound("no template '" + name + "' (templates: " + known + ")");
  }
  return ParseTemplate(name, *text);
}

bool Renders(const Template& t, const std::string& type) {
  return std::find(t.types.begin(), t.types.end(), type) != t.types.end() ||
         std::find(t.types.begin(), t.types.end(), "*") != t.types.end();
}

// The template for a document of `type`: the one named after the type, else
// the first that lists it by name (never one for any type, such as the cover sheet).
Result<Template> TemplateForType(const Repository& repo, const std::string& type) {
  auto own = LoadTemplate(repo, type);
  if (own.ok() && std::find(own->types.begin(), own->types.end(), type) != own->types.end())
    return own;
  for (const auto& file : repo.ConfigFiles("templates")) {
    auto t = LoadTemplate(repo, file.substr(0, file.size() - 5));
    if (t.ok() && std::find(t->types.begin(), t->types.end(), type) != t->types.end()) return t;
  }
  return Status::NotFound("no template renders documents of type " + type +
                          "; see 'dossier render --list'");
}

// With DOSSIER_PDF_PROFILE set, the process prints at exit where rendering
// spent its time, per document (bench/pdf uses it).
class Profile {
 public:
  static Profile& Get() {
    static Profile profile;
    return profile;
  }
  bool enabled() const { return enabled_; }
  void Add(double model, double layout, const WriteTimings& w) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++documents_;
    model_ += model;
    layout_ += layout;
    subset_ += w.subset;
    libharu_ += w.libharu;
  }
  ~Profile() {
    if (!enabled_ || documents_ == 0) return;
    double n = static_cast<double>(documents_) / 1000.0;  // milliseconds per document
    std::fprintf(
        stderr,
        "  %d documents (thread time, ms per document): data model %.2f, template + layout %.2f, "
        "font subset %.2f, libharu %.2f\n",
        documents_, model_ / n, layout_ / n, subset_ / n, libharu_ / n);
  }

 private:
  Profile() : enabled_(std::getenv("DOSSIER_PDF_PROFILE") != nullptr) {}
  bool enabled_;
  std::mutex mutex_;
  int documents_ = 0;
  double model_ = 0, layout_ = 0, subset_ = 0, libharu_ = 0;
};

// The first field of the data model whose text holds a character the font
// cannot draw and that `error` names, as a path ("document.metadata.parties.1.
// representative"): the layout knows the block, the user needs the field.
std::string FieldWithUndrawable(const Var& value, const TextMeasure& font, const std::string& error,
                                const std::string& path) {
  if (value.type() == typeid(Object::Ptr)) {
    auto object = value.extract<Object::Ptr>();
    for (const auto& [key, child] : *object) {
      std::string found =
          FieldWithUndrawable(child, font, error, path.empty() ? key : path + "." + key);
      if (!found.empty()) return found;
    }
  } else if (value.type() == typeid(Array::Ptr)) {
    auto array = value.extract<Array::Ptr>();
    for (size_t i = 0; i < array->size(); ++i) {
      std::string found = FieldWithUndrawable(array->get(static_cast<unsigned>(i)), font, error,
                                              path + "." + std::to_string(i));
      if (!found.empty()) return found;
    }
  } else if (value.isString()) {
    for (char32_t c : ToUtf32(value.toString())) {
      if (c != U'\n' && !font.CanDraw(c) &&
          error.find("'" + ToUtf8(std::u32string(1, c)) + "'") != std::string::npos)
        return path;
    }
  }
  return "";
}

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// A font named in both lists is loaded once.
using LoadedFonts = std::map<std::pair<std::string, unsigned>, std::shared_ptr<Font>>;

// The fonts of one list of config/pdf.json that load, in order; `tried`
// collects those that do not.
Result<std::vector<StackedFont>> LoadFonts(const Object& config, const char* key,
                                           LoadedFonts& loaded, std::string& tried) {
  std::vector<StackedFont> fonts;
  auto list = config.getArray(key);
  for (size_t i = 0; list && i < list->size(); ++i) {
    auto f = list->getObject(static_cast<unsigned>(i));
    if (!f) continue;
    std::string path = f->optValue<std::string>("path", "");
    std::string serves = f->optValue<std::string>("for", "");
    if (!serves.empty() && serves != "latin") {
      return Status::InvalidArgument("config/pdf.json, " + std::string(key) + " " +
                                     std::to_string(i + 1) +
                                     ": \"for\" is \"latin\" or absent, not '" + serves + "'");
    }
    auto index = f->optValue<unsigned>("index", 0);
    if (auto it = loaded.find({path, index}); it != loaded.end()) {
      fonts.push_back({it->second, serves == "latin"});
      continue;
    }
    auto font = Font::Load(path, index);
    if (font.ok())
      fonts.push_back({loaded[{path, index}] = *font, serves == "latin"});
    else
      tried += (tried.empty() ? "" : ", ") + path;
  }
  return fonts;
}

// Each face: its own list, then the other list's fonts it lacks, so both
// faces draw the same characters. Without heading_fonts, headings are set
// in the body's face.
Result<std::shared_ptr<const Typefaces>> LoadTypefaces(const Object& config) {
  std::string tried;
  LoadedFonts loaded;
  auto body = LoadFonts(config, "fonts", loaded, tried);
  if (!body.ok()) return body.status();
  auto heading =
      config.has("heading_fonts") ? LoadFonts(config, "heading_fonts", loaded, tried) : body;
  if (!heading.ok()) return heading.status();
  auto with_fallbacks = [](std::vector<StackedFont> first, const std::vector<StackedFont>& then) {
    for (const auto& f : then) {
      if (std::find(first.begin(), first.end(), f) == first.end()) first.push_back(f);
    }
    return first;
  };
  auto body_stack = with_fallbacks(*body, *heading);
  bool draws_chinese = false;
  for (const auto& f : body_stack) draws_chinese = draws_chinese || !f.latin_only;
  if (!draws_chinese) {
    return Status::NotFound(
        "no Chinese font of config/pdf.json could be loaded (tried " + tried +
        "); install fonts-arphic-uming and fonts-wqy-microhei or name a CJK TrueType font there");
  }
  auto heading_stack = with_fallbacks(*heading, *body);
  return std::make_shared<const Typefaces>(
      Typefaces{FontStack(body_stack), FontStack(heading_stack)});
}

}  // namespace

Result<std::vector<TemplateInfo>> PdfRenderer::Templates(const Repository& repo) const {
  std::vector<TemplateInfo> out;
  for (const auto& file : repo.ConfigFiles("templates")) {
    if (file.size() < 6 || file.substr(file.size() - 5) != ".json") continue;
    std::string name = file.substr(0, file.size() - 5);
    auto t = LoadTemplate(repo, name);
    if (!t.ok()) return t.status();
    out.push_back(
        {name, t->title, t->types,
         repo.HasOwnConfig("templates/" + file) ? "config/templates/" + file : "built-in"});
  }
  return out;
}

Result<PdfRenderer::Assets> PdfRenderer::LoadAssets(const Repository& repo) const {
  auto text = repo.ConfigText("pdf.json");
  if (!text.ok()) return text.status();
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = assets_.find(*text); it != assets_.end()) return it->second;
  auto config = ParseObject(*text, "config/pdf.json");
  if (!config.ok()) return config.status();
  Assets assets;
  auto faces = LoadTypefaces(**config);
  if (!faces.ok()) return faces.status();
  assets.faces = *faces;
  std::string icc = (*config)->optValue<std::string>("icc_profile", "");
  auto profile = ReadFileToString(icc);
  if (!profile.ok()) {
    return Status::NotFound(
        "the sRGB profile '" + icc +
        "' of config/pdf.json cannot be read (Debian package icc-profiles-free)");
  }
  assets.icc_profile = Deflate(*profile, 9);  // once per process: the smallest
  assets.organization = (*config)->optValue<std::string>("organization", "");
  assets_[*text] = assets;
  return assets;
}

Result<Rendition> PdfRenderer::Render(const Repository& repo, const Actor& actor,
                                      const RenderRequest& request) const {
  auto assets = LoadAssets(repo);
  if (!assets.ok()) return assets.status();
  auto t_model = std::chrono::steady_clock::now();
  Result<Template> tmpl = request.template_name.empty() ? Status::InvalidArgument("")
                                                        : LoadTemplate(repo, request.template_name);
  Result<DataModel> model = Status::Internal("");
  bool own_template = true;  // a register's template is its own
  if (request.ref.empty()) {
    if (!tmpl.ok()) return tmpl.status();
    if (!tmpl->types.empty()) {
      return Status::InvalidArgument(
          "template " + tmpl->name +
          " renders a document: name one (dossier render REF --template " + tmpl->name + ")");
    }
    model = LedgerModel(repo, actor, request.ledger);
  } else {
    model = DocumentModel(repo, actor, request.ref);
    if (!model.ok()) return model.status();
    auto own = TemplateForType(repo, model->type);
    if (request.template_name.empty()) tmpl = own;
    if (!tmpl.ok()) return tmpl.status();
    own_template = own.ok() && own->name == tmpl->name;
    if (!tmpl->types.empty() && !Renders(*tmpl, model->type)) {
      return Status::InvalidArgument("template " + tmpl->name +
                                     " does not render documents of type " + model->type);
    }
  }
  if (!model.ok()) return model.status();
  if (model->data.type() == typeid(Poco::JSON::Object::Ptr)) {
    Poco::JSON::Object::Ptr data = model->data.extract<Poco::JSON::Object::Ptr>();
    data->set("organization", assets->organization);
  }
  double model_seconds = Since(t_model);
  auto t_layout = std::chrono::steady_clock::now();
  auto layout = BuildLayout(*tmpl, model->data);
  if (!layout.ok()) return layout.status();
  layout->stamp = ToUtf32(model->stamp);
  PdfInfo info = model->info;
  if (model->confidential && !request.exported_by.empty()) {
    info.watermark =
        model->marking + " · " + request.exported_by + " 导出于 " + request.exported_at;
    // Drawn across each page, and said plainly in the footer, where it reads as text.
    layout->footer += U"　" + ToUtf32(info.watermark);
  }
  const Typefaces& faces = *assets->faces;
  auto pages = Layout(*layout, faces.measures());
  if (!pages.ok()) {
    Status s = pages.status();
    // The document's own metadata first: "derived" repeats some of it.
    std::string field;
    if (auto root = model->data.type() == typeid(Object::Ptr) ? model->data.extract<Object::Ptr>()
                                                              : nullptr;
        root && root->has("metadata")) {
      field = FieldWithUndrawable(root->get("metadata"), faces.body, s.message(), "metadata");
    }
    if (field.empty()) field = FieldWithUndrawable(model->data, faces.body, s.message(), "");
    if (!field.empty()) s = Status::InvalidArgument(s.message() + ", in field " + field);
    if (s.message().rfind("template " + tmpl->name, 0) != 0)
      s = s.WithContext("template " + tmpl->name);
    return s;
  }
  double layout_seconds = Since(t_layout);
  WriteTimings timings;
  auto pdf = WritePdf(*pages, layout->setup, faces, info, assets->icc_profile, &timings);
  if (!pdf.ok()) return pdf.status();
  if (Profile::Get().enabled()) Profile::Get().Add(model_seconds, layout_seconds, timings);
  Rendition r;
  r.content = std::move(*pdf);
  r.media_type = "application/pdf";
  // A document's own template gives NUMBER.pdf; another template of the same
  // document its own name (NUMBER-archive-catalogue.pdf), so one never replaces the other.
  r.file_name = model->file_stem + (own_template ? "" : "-" + tmpl->name) + ".pdf";
  r.template_name = tmpl->name;
  r.pages = static_cast<int>(pages->size());
  return r;
}

}  // namespace dossier::pdf
