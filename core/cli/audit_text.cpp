#include "cli/audit_text.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "dossier/json_input.h"

namespace dossier::cli {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

struct Named {
  const char* zh;
  const char* en;
};

const std::map<std::string, Named>& ActionNames() {
  static const std::map<std::string, Named> kNames = {
      {"init", {"创建仓库", "Repository created"}},
      {"user.add", {"添加用户", "User added"}},
      {"user.update", {"修改用户", "User changed"}},
      {"user.handover", {"离职交接", "Handover"}},
      {"user.passwd", {"设置密码", "Password set"}},
      {"user.second-factor.begin", {"开始绑定双重认证", "Second factor begun"}},
      {"user.second-factor.enable", {"启用双重认证", "Second factor enabled"}},
      {"user.second-factor.recovery-codes", {"重置恢复码", "Recovery codes renewed"}},
      {"user.second-factor.remove", {"解除双重认证", "Second factor removed"}},
      {"sign-in", {"登录", "Signed in"}},
      {"sign-in.failed", {"登录失败", "Sign-in failed"}},
      {"sign-in.lockout", {"登录锁定", "Sign-in locked out"}},
      {"sign-in.recovery-code", {"以恢复码登录", "Signed in with a recovery code"}},
      {"sign-out", {"退出", "Signed out"}},
      {"session.end", {"结束会话", "Session ended"}},
      {"token.create", {"创建令牌", "Token created"}},
      {"token.revoke", {"吊销令牌", "Token revoked"}},
      {"key.generate", {"生成签名密钥", "Signing key made"}},
      {"key.trust", {"信任密钥", "Key trusted"}},
      {"key.distrust", {"撤销信任", "Key distrusted"}},
      {"checkpoint", {"审计检查点", "Checkpoint"}},
      {"register", {"登记", "Registered"}},
      {"version", {"新版本", "New version"}},
      {"transition", {"流转", "Workflow step"}},
      {"link", {"关联", "Related"}},
      {"void", {"作废", "Voided"}},
      {"confidentiality", {"定密", "Classified"}},
      {"distribute", {"副本分发", "Copies given"}},
      {"resolution.done", {"决议办结", "Resolution done"}},
      {"archive", {"归档", "Archived"}},
      {"view", {"查看", "Viewed"}},
      {"download", {"下载", "Downloaded"}},
      {"lend", {"借出", "Lent"}},
      {"return", {"归还", "Returned"}},
      {"seal.request", {"用印申请", "Seal requested"}},
      {"seal.approve", {"用印批准", "Seal approved"}},
      {"seal.reject", {"用印驳回", "Seal refused"}},
      {"seal.use", {"用印", "Seal used"}},
      {"seal.return", {"印章归还", "Seal returned"}},
      {"hold", {"冻结", "Held"}},
      {"hold-release", {"解除冻结", "Hold released"}},
      {"retention", {"变更保管期限", "Retention changed"}},
      {"retention-extend", {"延长保管", "Kept longer"}},
      {"disposal-propose", {"拟定销毁清册", "Destruction list proposed"}},
      {"disposal-approve", {"销毁审批", "Destruction signed off"}},
      {"disposal-remove", {"撤出销毁清册", "Taken off a destruction list"}},
      {"disposal-execute", {"执行销毁", "Destruction begun"}},
      {"disposal-executed", {"销毁完毕", "Destruction done"}},
      {"disposal-skip", {"暂缓销毁", "Destruction skipped"}},
      {"destroy", {"销毁", "Destroyed"}},
      {"export", {"导出", "Exported"}},
      {"import", {"导入", "Imported"}},
      {"transfer", {"移交", "Transferred"}},
      {"reindex", {"重建索引", "Reindexed"}},
      {"gc", {"清理存储", "Store cleaned"}},
      {"backup", {"备份", "Backed up"}},
      {"restore", {"从备份恢复", "Restored from a backup"}},
  };
  return kNames;
}

enum class Kind { kText, kLevel, kRole, kYesNo, kType, kDocument, kDigest, kAction, kState };

struct Field {
  Named label;
  Kind kind;
};

// Keys the entries use, with how their values read; others keep their key.
const std::map<std::string, Field>& Fields() {
  static const std::map<std::string, Field> kFields = {
      {"number", {{"编号", "number"}, Kind::kText}},
      {"title", {{"标题", "title"}, Kind::kText}},
      {"type", {{"类型", "type"}, Kind::kType}},
      {"status", {{"状态", "status"}, Kind::kState}},
      {"round", {{"轮次", "round"}, Kind::kText}},
      {"file", {{"文件", "file"}, Kind::kText}},
      {"format", {{"格式版本", "format"}, Kind::kText}},
      {"version", {{"版本", "version"}, Kind::kText}},
      {"digest", {{"摘要", "digest"}, Kind::kDigest}},
      {"confidentiality", {{"密级", "level"}, Kind::kLevel}},
      {"clearance", {{"可见密级", "clearance"}, Kind::kLevel}},
      {"from_level", {{"原密级", "was"}, Kind::kLevel}},
      {"role", {{"角色", "role"}, Kind::kRole}},
      {"active", {{"在用", "active"}, Kind::kYesNo}},
      {"department", {{"部门", "department"}, Kind::kText}},
      {"action", {{"动作", "action"}, Kind::kAction}},
      {"from", {{"从", "from"}, Kind::kState}},
      {"to", {{"至", "to"}, Kind::kState}},
      {"comment", {{"意见", "comment"}, Kind::kText}},
      {"reason", {{"原因", "reason"}, Kind::kText}},
      {"borrower", {{"借阅人", "borrower"}, Kind::kText}},
      {"original", {{"原件", "original"}, Kind::kYesNo}},
      {"due", {{"应还日期", "due"}, Kind::kText}},
      {"note", {{"备注", "note"}, Kind::kText}},
      {"seal", {{"印章", "seal"}, Kind::kText}},
      {"purpose", {{"用途", "purpose"}, Kind::kText}},
      {"use", {{"用印编号", "use"}, Kind::kText}},
      {"kind", {{"关系", "relation"}, Kind::kText}},
      {"target", {{"对象", "target"}, Kind::kDocument}},
      {"archive_code", {{"档号", "archive code"}, Kind::kText}},
      {"retention", {{"保管期限", "retention"}, Kind::kText}},
      {"address", {{"地址", "address"}, Kind::kText}},
      {"session", {{"会话", "session"}, Kind::kText}},
      {"label", {{"名称", "label"}, Kind::kText}},
      {"recipients", {{"接收方", "recipients"}, Kind::kText}},
      {"item", {{"事项", "item"}, Kind::kText}},
      {"files", {{"文件", "files"}, Kind::kText}},
      {"key_id", {{"密钥", "key"}, Kind::kText}},
  };
  return kFields;
}

std::string Scalar(const Var& v) {
  if (v.isEmpty()) return "";
  if (v.type() == typeid(Array::Ptr)) {
    std::string out;
    for (const auto& item : *v.extract<Array::Ptr>())
      out += (out.empty() ? "" : "、") + Scalar(item);
    return out;
  }
  if (v.type() == typeid(Object::Ptr)) {
    std::string out;
    for (const auto& [k, item] : *v.extract<Object::Ptr>())
      out += (out.empty() ? "" : " ") + k + " " + Scalar(item);
    return out;
  }
  return v.toString();
}

std::string Value(const Var& v, Kind kind, const std::string& doc_type,
                  const std::string& from_state, const Names& names,
                  const DocumentLabels& documents) {
  std::string text = Scalar(v);
  switch (kind) {
    case Kind::kLevel: {
      auto level = ParseConfidentiality(text);
      return level ? names.Level(*level) : text;
    }
    case Kind::kRole: {
      auto role = ParseRole(text);
      return role ? names.RoleOf(*role) : text;
    }
    case Kind::kYesNo:
      return names.YesNo(v.isBoolean() ? v.convert<bool>() : text == "1" || text == "true");
    case Kind::kType:
      return names.Type(text);
    case Kind::kDocument: {
      auto it = documents.find(text);
      return it == documents.end() ? text : it->second.number;
    }
    case Kind::kDigest:
      return text.substr(0, 12) + (text.size() > 12 ? "…" : "");
    case Kind::kAction:
      return doc_type.empty() ? text : names.Action(doc_type, from_state, text);
    case Kind::kState:
      return doc_type.empty() ? text : names.State(doc_type, text);
    case Kind::kText:
      return text;
  }
  return text;
}

}  // namespace

std::string AuditActionName(const std::string& action, const Names& names) {
  auto it = ActionNames().find(action);
  return it == ActionNames().end() ? action : names.Say(it->second.zh, it->second.en);
}

std::string AuditDetailsText(const AuditEntry& entry, const Names& names,
                             const DocumentLabels& documents) {
  auto parsed = ParseJson(entry.details_json, "audit details");
  if (!parsed.ok() || parsed->type() != typeid(Object::Ptr)) return entry.details_json;
  auto o = parsed->extract<Object::Ptr>();
  auto document = documents.find(entry.object);
  const std::string doc_type =
      document != documents.end() ? document->second.type : o->optValue<std::string>("type", "");
  const std::string from_state = o->optValue<std::string>("from", "");
  std::string out;
  for (const auto& [key, value] : *o) {
    auto field = Fields().find(key);
    std::string label =
        field == Fields().end() ? key : names.Say(field->second.label.zh, field->second.label.en);
    Kind kind = field == Fields().end() ? Kind::kText : field->second.kind;
    // A marking changed goes from one level to another, not from state to state.
    if (entry.action == "confidentiality" && kind == Kind::kState) kind = Kind::kLevel;
    std::string text = Value(value, kind, doc_type, from_state, names, documents);
    if (text.empty()) continue;  // an empty comment, no department: nothing to read
    out += (out.empty() ? "" : names.Say("；", "; ")) + label + names.Say("：", ": ") + text;
  }
  return out;
}

}  // namespace dossier::cli
