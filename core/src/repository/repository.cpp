// Opening and creating repositories, users and types.
#include "dossier/repository.h"

#include <Poco/JSON/Object.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>

#include "audit/audit_chain.h"
#include "identity/password.h"
#include "identity/user_name.h"
#include "repository/locale_config.h"
#include "repository/obligations.h"
#include "repository/repository_impl.h"
#include "repository/signing.h"
#include "store/fs_blob_store.h"
#include "util/file_util.h"
#include "util/invisible.h"
#include "util/json_util.h"
#include "util/number_text.h"
#include "util/sha256.h"
#include "util/time_util.h"

namespace dossier {

namespace {
constexpr const char* kCatalogFile = kCatalogFileName;
constexpr const char* kStoreDir = kStoreDirName;
constexpr const char* kConfigDir = "config";
constexpr const char* kFormatKey = "repository_format";
constexpr const char* kFormatVersion = "1";

std::string UserDetails(const User& u) {
  Poco::JSON::Object o;
  o.set("role", std::string(RoleCode(u.role)));
  o.set("clearance", static_cast<int>(u.clearance));
  o.set("active", u.active);
  o.set("department", u.department);
  if (!u.language.empty())
    o.set("language", u.language);  // a preference: verify does not hold it to the trail
  return CanonicalJson(Poco::Dynamic::Var(Poco::JSON::Object::Ptr(new Poco::JSON::Object(o))));
}
}  // namespace

// --- Impl helpers -----------------------------------------------------------

std::string Repository::Impl::Now() const { return FormatIsoUtc(clock->Now()); }
int Repository::Impl::Year() const { return YearOf(clock->Now()); }

Status Repository::Impl::RequireRole(const Actor& actor, std::initializer_list<Role> roles,
                                     const std::string& action) {
  for (Role r : roles) {
    if (actor.role == r) return Status::Ok();
  }
  std::string names;
  for (Role r : roles) names += (names.empty() ? "" : ", ") + std::string(RoleCode(r));
  return Status::PermissionDenied(actor.name + " (" + std::string(RoleCode(actor.role)) +
                                  ") may not " + action + "; that needs the role " + names);
}

Result<DocumentRow> Repository::Impl::Resolve(Catalog& catalog, const Actor& actor,
                                              std::string_view ref) const {
  std::string key(ref);
  auto not_found = Status::NotFound("no document '" + key + "'");
  if (key.empty()) return Status::InvalidArgument("empty document reference");
  auto by_number = catalog.FindDocumentByNumber(key);
  if (!by_number.ok()) return by_number.status();
  std::optional<DocumentRow> row = *by_number;
  if (!row && key.size() >= 8 && key.size() <= 32 &&
      key.find_first_not_of("0123456789abcdef") == std::string::npos) {
    auto ids = catalog.FindIdsByPrefix(key, 2);
    if (!ids.ok()) return ids.status();
    if (ids->size() == 2)
      return Status::InvalidArgument("document id prefix '" + key +
                                     "' is ambiguous; give more characters");
    if (ids->size() == 1) {
      auto by_id = catalog.FindDocumentById((*ids)[0]);
      if (!by_id.ok()) return by_id.status();
      row = *by_id;
    }
  }
  if (!row || !actor.CanSee(row->summary.confidentiality)) return not_found;
  return *row;
}

Status ValidateText(const std::string& text, const std::string& field, bool required) {
  if (required && text.empty()) return Status::InvalidArgument(field + " is empty");
  if (!IsValidUtf8(text)) return Status::InvalidArgument(field + " is not valid UTF-8");
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
      return Status::InvalidArgument(field + " contains a control character");
  }
  return Status::Ok();
}

Status ValidateLine(const std::string& text, const std::string& field, bool required) {
  DOSSIER_RETURN_IF_ERROR(ValidateText(text, field, required));
  if (const size_t length = CountCodePoints(text); length > kMaxLineCharacters) {
    return Status::InvalidArgument(field + " is " + WithThousands(static_cast<int64_t>(length)) +
                                   " characters long; a one-line field holds at most " +
                                   std::to_string(kMaxLineCharacters));
  }
  if (text.find_first_of("\n\r\t") != std::string::npos) {
    return Status::InvalidArgument(field +
                                   " is more than one line (it contains a line break or tab)");
  }
  if (auto c = InvisibleCharacterIn(text)) {
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(*c));
    return Status::InvalidArgument(
        field + " contains the invisible character " + code +
        " (a direction override or zero-width character makes a text show other than it is)");
  }
  // Blank: nothing but spaces, ideographic (U+3000) and no-break (U+00A0) ones included.
  size_t pos = 0;
  char32_t c = 0;
  bool blank = true;
  while (pos < text.size() && DecodeUtf8(text, &pos, &c)) {
    if (c != ' ' && c != 0x3000 && c != 0x00A0) blank = false;
  }
  if (!text.empty() && blank) return Status::InvalidArgument(field + " is blank (spaces only)");
  return Status::Ok();
}

std::string NewDocumentId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  unsigned char bytes[16];
  for (int i = 0; i < 16; i += 8) {
    uint64_t r = rng();
    for (int k = 0; k < 8; ++k) bytes[i + k] = static_cast<unsigned char>(r >> (8 * k));
  }
  return ToHex(bytes, 16);
}

// --- Open / Init ----------------------------------------------------------------

Repository::Repository(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Repository::~Repository() = default;

const std::filesystem::path& Repository::root() const { return impl_->root; }

namespace {

// Options a caller set out of range are refused, naming the value, rather
// than quietly clamped.
Status CheckOpenOptions(const OpenOptions& options) {
  if (options.search.term_lists_from_rows < 5) {
    return Status::InvalidArgument("search.term_lists_from_rows must be at least 5, not " +
                                   std::to_string(options.search.term_lists_from_rows));
  }
  if (options.search.character_scan_from_rows < 0) {
    return Status::InvalidArgument("search.character_scan_from_rows must be at least 0, not " +
                                   std::to_string(options.search.character_scan_from_rows));
  }
  if (options.max_file_size == 0) return Status::InvalidArgument("max_file_size must be above 0");
  return Status::Ok();
}

}  // namespace

Result<InitReport> Repository::Init(const std::filesystem::path& dir, const OpenOptions& options,
                                    const std::string& admin_password,
                                    const std::string& admin_name,
                                    const std::filesystem::path& signing_key) {
  DOSSIER_RETURN_IF_ERROR(CheckOpenOptions(options));
  DOSSIER_RETURN_IF_ERROR(
      ValidateUserName(admin_name).WithContext("the first administrator's name"));
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) {
    if (!std::filesystem::is_directory(dir, ec))
      return Status::InvalidArgument(dir.string() + " exists and is not a folder");
    if (!std::filesystem::is_empty(dir, ec)) {
      return Status::InvalidArgument(
          dir.string() + " is not empty; a repository is created in a new or empty folder");
    }
  }
  InitReport report;
  report.admin_name = admin_name;
  report.admin_password = admin_password;
  if (admin_password.empty()) {
    report.admin_password = GeneratePassword();
    report.admin_password_generated = true;
  } else {
    DOSSIER_RETURN_IF_ERROR(
        CheckPasswordPolicy(admin_password, admin_name).WithContext(admin_name + "'s password"));
  }
  auto hash = HashPassword(report.admin_password);
  if (!hash.ok()) return hash.status();
  report.signing_key_file =
      signing_key.empty() ? DefaultKeyFile(dir) : std::filesystem::absolute(signing_key);
  DOSSIER_RETURN_IF_ERROR(
      RequireOutside(report.signing_key_file, dir, "the signing key", kKeyOutsideReason));
  // `init ./var/demo` in a checkout without ./var: the key's folder is the repository's parent.
  std::filesystem::create_directories(report.signing_key_file.parent_path(), ec);
  if (ec)
    return Status::IoError("cannot create " + report.signing_key_file.parent_path().string() +
                           ": " + ec.message());
  auto key = CreateOrReuseKeyFile(report.signing_key_file);
  if (!key.ok()) return key.status();
  report.signing_key_id = KeyId(key->PublicKey());

  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create " + dir.string() + ": " + ec.message());
  // The owner alone (the service account) reads the repository: people
  // reach it through the server, which checks who they are.
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  if (ec)
    return Status::IoError("cannot restrict " + dir.string() + " to its owner: " + ec.message());
  DOSSIER_RETURN_IF_ERROR(WriteDefaultConfig(dir / kConfigDir));
  DOSSIER_RETURN_IF_ERROR(WriteDefaultWorkflows(dir / kConfigDir));
  DOSSIER_RETURN_IF_ERROR(WriteSigningConfig(dir / kConfigDir, report.signing_key_file));
  DOSSIER_RETURN_IF_ERROR(CreateFsBlobStore(dir / kStoreDir));

  auto clock = options.clock ? options.clock : SystemClock();
  std::string now = FormatIsoUtc(clock->Now());
  {
    DOSSIER_ASSIGN_OR_RETURN(auto made, Catalog::Create(dir / kCatalogFile, now));
    Catalog& catalog = *made;
    auto tx = catalog.BeginWrite();
    if (!tx.ok()) return tx.status();
    DOSSIER_RETURN_IF_ERROR(catalog.SetMeta(kFormatKey, kFormatVersion));
    DOSSIER_RETURN_IF_ERROR(catalog.SetMeta("created_at", now));
    User admin{admin_name, Role::kAdmin, DefaultClearance(Role::kAdmin), true, now};
    DOSSIER_RETURN_IF_ERROR(catalog.InsertUser(admin));
    DOSSIER_RETURN_IF_ERROR(
        catalog.SetPassword(admin_name, *hash, report.admin_password_generated, now));
    DOSSIER_RETURN_IF_ERROR(
        AppendAudit(catalog, now, "system", "init", "repository", R"({"format":1})"));
    DOSSIER_RETURN_IF_ERROR(
        AppendAudit(catalog, now, "system", "user.add", admin_name, UserDetails(admin)));
    Catalog::KeyRow own_key = OwnKeyRow(*key, now, "system");
    DOSSIER_RETURN_IF_ERROR(catalog.InsertSigningKey(own_key));
    Poco::JSON::Object::Ptr key_details = new Poco::JSON::Object();
    key_details->set("key_id", own_key.key_id);
    key_details->set("file", report.signing_key_file.string());
    DOSSIER_RETURN_IF_ERROR(AppendAudit(catalog, now, "system", "key.generate", own_key.key_id,
                                        CanonicalJson(Poco::Dynamic::Var(key_details))));
    DOSSIER_RETURN_IF_ERROR(tx->Commit());
  }
  DOSSIER_RETURN_IF_ERROR(RestrictTreeToOwner(dir));
  DOSSIER_RETURN_IF_ERROR(SyncDirectory(dir));
  return report;
}

Result<std::unique_ptr<Repository>> Repository::Open(const std::filesystem::path& dir,
                                                     const OpenOptions& options) {
  DOSSIER_RETURN_IF_ERROR(CheckOpenOptions(options));
  std::error_code ec;
  if (!std::filesystem::exists(dir / kCatalogFile, ec)) {
    // NotFound: the front end, knowing who named the path, says whether to create one.
    return Status::NotFound(dir.string() + " is not a Dossier repository (no " + kCatalogFile +
                            ")");
  }
  auto impl = std::make_unique<Impl>();
  impl->root = std::filesystem::absolute(dir);
  impl->options = options;
  impl->clock = options.clock ? options.clock : SystemClock();
  {
    // A repository we cannot write (backup media, a write-once copy) is
    // opened to be read: listing, searching and verifying work; every
    // change is refused up front (Impl::RequireWritable).
    impl->read_only =
        ::access(dir.c_str(), W_OK) != 0 || ::access((dir / kCatalogFile).c_str(), W_OK) != 0;
    DOSSIER_ASSIGN_OR_RETURN(
        auto opened, Catalog::OpenFile(dir, dir / kCatalogFile, impl->read_only, impl->Now()));
    Catalog& catalog = *opened;
    auto format = catalog.GetMeta(kFormatKey);
    if (!format.ok()) return format.status();
    if (format->value_or("") != kFormatVersion) {
      return Status::InvalidArgument(dir.string() + " has repository format '" +
                                     format->value_or("?") + "', this dossier reads format " +
                                     kFormatVersion);
    }
  }
  auto types = TypeRegistry::Load(dir / kConfigDir);
  if (!types.ok()) return types.status();
  impl->types = std::move(*types);
  auto workflows = WorkflowRegistry::Load(dir / kConfigDir, *impl->types);
  if (!workflows.ok()) return workflows.status();
  impl->workflows = std::move(*workflows);
  auto schedules = LoadRetentionSchedules(dir / kConfigDir);
  if (!schedules.ok()) return schedules.status();
  impl->schedules = std::move(*schedules);
  auto disposal = LoadDisposalConfig(dir / kConfigDir);
  if (!disposal.ok()) return disposal.status();
  impl->disposal = std::move(*disposal);
  auto archive = LoadArchiveConfig(dir / kConfigDir, impl->schedules);
  if (!archive.ok()) return archive.status();
  impl->archive = std::move(*archive);
  auto seals = LoadSeals(dir / kConfigDir);
  if (!seals.ok()) return seals.status();
  impl->seals = std::move(*seals);
  auto sessions = LoadSessionSettings(dir / kConfigDir);
  if (!sessions.ok()) return sessions.status();
  impl->sessions = *sessions;
  auto zone = LoadTimeZone(dir / kConfigDir);
  if (!zone.ok()) return zone.status();
  impl->time_zone = *zone;
  impl->store = OpenFsBlobStore(impl->root / kStoreDir);
  impl->pool =
      std::make_unique<CatalogPool>(impl->root / kCatalogFile, impl->read_only, options.search);
  return std::unique_ptr<Repository>(new Repository(std::move(impl)));
}

// --- Users ------------------------------------------------------------------------

Result<Actor> Repository::ActorFor(std::string_view user_name) const {
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  auto user = (*catalog)->FindUser(std::string(user_name));
  if (!user.ok()) return user.status();
  if (!*user)
    return Status::NotFound("no user '" + std::string(user_name) + "' in this repository");
  if (!(*user)->active)
    return Status::PermissionDenied("user '" + std::string(user_name) + "' is deactivated");
  return Actor{(*user)->name, (*user)->role, (*user)->clearance, (*user)->department,
               (*user)->language};
}

Status Repository::Impl::CheckDepartment(const std::string& department) const {
  if (department.empty()) return Status::Ok();
  auto names = types->DepartmentNames();
  if (std::find(names.begin(), names.end(), department) != names.end()) return Status::Ok();
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : "、") + n;
  return Status::InvalidArgument("'" + department +
                                 "' is not a department of config/departments.json (" +
                                 (known.empty() ? "none listed" : known) + ")");
}

Result<std::optional<std::string>> Repository::Impl::OwnDepartment(
    const Actor& actor, const std::optional<std::string>& dept) {
  if (!dept || (*dept != "本部门" && *dept != "mine")) return dept;
  if (actor.department.empty()) {
    return Status::InvalidArgument("'" + *dept + "' is the acting user's department, and " +
                                   actor.name +
                                   " has none; an admin gives one with 'dossier user set " +
                                   actor.name + " --department NAME'");
  }
  return std::optional<std::string>(actor.department);
}

Status Repository::AddUser(const Actor& actor, const std::string& name, Role role,
                           std::optional<Confidentiality> clearance,
                           const std::string& department) {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(actor, {Role::kAdmin}, "add users"));
  DOSSIER_RETURN_IF_ERROR(ValidateUserName(name));
  DOSSIER_RETURN_IF_ERROR(impl_->CheckDepartment(department));
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto existing = c.FindUser(name);
    if (!existing.ok()) return existing.status();
    if (*existing) return Status::AlreadyExists("user '" + name + "' already exists");
    auto users = c.ListUsers();
    if (!users.ok()) return users.status();
    std::vector<std::string> names;
    for (const auto& u : *users) names.push_back(u.name);
    DOSSIER_RETURN_IF_ERROR(CheckNotConfusable(name, names));
    User user{name, role,         clearance.value_or(DefaultClearance(role)),
              true, impl_->Now(), department};
    DOSSIER_RETURN_IF_ERROR(c.InsertUser(user));
    DOSSIER_RETURN_IF_ERROR(
        AppendAudit(c, user.created_at, actor.name, "user.add", name, UserDetails(user)));
    return Status::Ok();
  });
}

Status Repository::UpdateUser(const Actor& actor, const std::string& name, std::optional<Role> role,
                              std::optional<Confidentiality> clearance, std::optional<bool> active,
                              std::optional<std::string> department) {
  DOSSIER_RETURN_IF_ERROR(Impl::RequireRole(actor, {Role::kAdmin}, "change users"));
  if (department) DOSSIER_RETURN_IF_ERROR(impl_->CheckDepartment(*department));
  // Reviews are the role's, found through the workflows, before the write.
  std::vector<PendingItem> reviews;
  if (active && !*active) {
    auto only = ReviewsOnlyFor(*this, name);
    if (!only.ok()) return only.status();
    reviews = std::move(*only);
  }
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto existing = c.FindUser(name);
    if (!existing.ok()) return existing.status();
    if (!*existing) return Status::NotFound("no user '" + name + "'");
    User user = **existing;
    if (role) user.role = *role;
    if (clearance) user.clearance = *clearance;
    if (active) user.active = *active;
    if (department) user.department = *department;
    if ((*existing)->active && !user.active) {
      auto held = HeldInCatalog(c, name);
      if (!held.ok()) return held.status();
      held->reviews = reviews;
      if (!held->empty()) {
        return Status::Conflict(DescribeObligations(name, *held) +
                                "; settle them first, or deactivate with a handover to another "
                                "user (--handover-to USER)");
      }
    }
    return impl_->SaveUser(c, actor, user);
  });
}

Status Repository::Impl::SaveUser(Catalog& c, const Actor& actor, const User& user) const {
  if (user.name == actor.name && (!user.active || user.role != Role::kAdmin)) {
    return Status::InvalidArgument(
        "an admin cannot deactivate or demote themselves; ask another admin");
  }
  DOSSIER_RETURN_IF_ERROR(c.UpdateUser(user));
  if (!user.active) {
    auto ended = c.DeleteSessionsOf(user.name, "");  // a deactivated user is signed out everywhere
    if (!ended.ok()) return ended.status();
  }
  return AppendAudit(c, Now(), actor.name, "user.update", user.name, UserDetails(user));
}

Status Repository::SetUserLanguage(const Actor& actor, const std::string& name,
                                   const std::string& language) {
  if (actor.name != name)
    DOSSIER_RETURN_IF_ERROR(
        Impl::RequireRole(actor, {Role::kAdmin}, "set another user's language"));
  if (language != "zh" && language != "en" && !language.empty()) {
    return Status::InvalidArgument("language '" + language +
                                   "': expected zh (中文) or en (English)");
  }
  return impl_->WriteTransaction([&](Catalog& c) -> Status {
    auto existing = c.FindUser(name);
    if (!existing.ok()) return existing.status();
    if (!*existing) return Status::NotFound("no user '" + name + "'");
    User user = **existing;
    if (user.language == language) return Status::Ok();
    user.language = language;
    DOSSIER_RETURN_IF_ERROR(c.UpdateUser(user));
    return AppendAudit(c, impl_->Now(), actor.name, "user.update", user.name, UserDetails(user));
  });
}

Result<std::vector<User>> Repository::ListUsers(const Actor& actor) const {
  (void)actor;  // every user may see who works with the repository
  auto catalog = impl_->pool->Acquire();
  if (!catalog.ok()) return catalog.status();
  return (*catalog)->ListUsers();
}

namespace {

// A workflow's states in the order a document meets them: the initial state,
// then each transition's target as the workflow file lists them.
std::vector<NamedCode> StatesInOrder(const Workflow& w) {
  std::vector<NamedCode> out;
  auto add = [&](const std::string& code) {
    const WorkflowState* st = w.State(code);
    if (st == nullptr) return;
    for (const auto& n : out)
      if (n.code == code) return;
    out.push_back({st->code, st->name_zh, st->name_en});
  };
  add(w.initial);
  for (const auto& t : w.transitions) add(t.to);
  for (const auto& [code, st] : w.states) add(code);  // any state no transition reaches
  return out;
}

}  // namespace

std::vector<NamedCode> CoreStatusNames() {
  return {{kStatusRegistered, "已登记", "Registered"},
          {kStatusVoid, "已作废", "Void"},
          {kStatusArchived, "已归档", "Archived"},
          {kStatusDestroyed, "已销毁", "Destroyed"}};
}

const std::string& Repository::TimeZone() const { return impl_->time_zone; }

std::vector<DocumentTypeInfo> Repository::Types() const {
  std::vector<DocumentTypeInfo> out;
  for (const auto* t : impl_->types->All()) {
    DocumentTypeInfo info = t->info;
    info.registrable = !IsDisposalRecordType(info.code);
    if (const Workflow* w = impl_->workflows->ForType(info.code)) {
      info.workflow = w->code;
      info.states = StatesInOrder(*w);
      for (const auto& t : w->transitions) {
        for (const auto& from : t.from) {
          bool seen = std::any_of(
              info.actions.begin(), info.actions.end(),
              [&](const ActionName& a) { return a.action == t.action && a.from == from; });
          if (seen) continue;
          ActionName name{t.action, from, t.name_zh, {}};
          for (const auto& [key, pointer] : t.required_data) name.data.push_back(pointer);
          info.actions.push_back(std::move(name));
        }
      }
    }
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace dossier
