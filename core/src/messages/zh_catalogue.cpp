// The Chinese catalogue of the core's messages: each entry an English form
// (a regular expression over the whole message) and its Chinese wording.
// In the wording, {N} is the N-th group as it is; {role:N} a role code by its
// name (clerk → 商务专员); {roles:N} a list of role codes ("manager, legal");
// {act:N} what was refused: an action of a workflow (approve → 批准) or a
// phrase of the core's role checks ("archive documents" → 归档文件);
// {acts:N} a list of workflow actions. A name the catalogue does not know
// leaves the whole message untranslated.
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "dossier/access.h"
#include "dossier/messages.h"

namespace dossier {

namespace {

struct Entry {
  const char* english;
  const char* chinese;
};

const Entry kCatalogue[] = {
    // Who may do what.
    {R"((.+) \((\w+)\) may not (\S+) (\S+); that needs the role (.+?)(; allowed now for (.+): (.*))?)",
     "{1}（{role:2}）无权{act:3} {4}：需要的角色为{roles:5}{6}"},
    {R"((.+) \((\w+)\) may not (.+); that needs the role (.+))",
     "{1}（{role:2}）无权{act:3}：需要的角色为{roles:4}"},
    {R"(nobody reviews their own document: (.+) registered (.+?)(; allowed now for (.+): (.*))?)",
     "任何人不得审核自己的文件：{2} 由 {1} 登记{3}"},
    {R"(nobody reviews their own document: (.+) submitted (.+?)(; allowed now for (.+): (.*))?)",
     "任何人不得审核自己的文件：{2} 由 {1} 提交{3}"},
    {R"((.+) has already approved (.+) in this round(; allowed now for (.+): (.*))?)",
     "{1} 已在本轮审核中同意 {2}{3}"},
    {R"((.+) may not register a document marked (.+) \(above their clearance\))",
     "{1} 无权登记密级为{2}的文件（高于其知悉范围）"},
    {R"('(\S+)' is not possible: (\S+) is (\S+) \((\S+)\)(; allowed now for (.+): (.*))?)",
     "现在不能{act:1}：{2} 处于“{3}”{5}"},
    // Documents.
    {R"(no document '(.+)')", "没有文件“{1}”（或您无权查看）"},
    {R"((\S+) is archived: archived material is immutable)", "{1} 已归档：归档材料不可更改"},
    {R"((\S+) was destroyed: only its residual record remains)", "{1} 已销毁：只留有其销毁记录"},
    {R"((\S+) is void)", "{1} 已作废"},
    {R"(nothing changed: the new version would equal version (\d+))",
     "没有任何变化：新版本将与第 {1} 版相同"},
    {R"(metadata /body: '(.+)' is not a file of this document \(its files: (.+)\))",
     "元数据 body：“{1}”不是本文件所含的文件（所含文件：{2}）"},
    {R"(metadata /body: '(.+)' is not a drafted text: .*)",
     "元数据 body：“{1}”不是可排版的合同正文：正文须为 "
     "Word（.docx）、Markdown（.md）或文本（.txt）文件"},
    // Users and sign-in.
    {R"(no user '(.+)'( in this repository)?)", "没有用户“{1}”"},
    {R"(no active user '(.+)')", "没有在用的用户“{1}”"},
    {R"(user '(.+)' is deactivated)", "用户“{1}”已停用"},
    {R"(user '(.+)' already exists)", "用户“{1}”已存在"},
    {R"(the current password is wrong)", "当前密码不正确"},
    {R"(the password is wrong)", "密码不正确"},
    {R"(the new password is the current one)", "新密码与当前密码相同"},
    {R"(who is acting\? use --as USER or set DOSSIER_USER)",
     "未指明操作人：请用 --as 用户名，或设置 DOSSIER_USER"},
    // The repository.
    {R"(no repository given: use --repo DIR or set DOSSIER_REPO)",
     "未指明档案库：请用 --repo 目录，或设置 DOSSIER_REPO"},
    {R"((.+) is not a Dossier repository \(no (\S+)\); create one with 'dossier init (.+)')",
     "{1} 不是 Dossier 档案库（没有 {2}）；可用 'dossier init {3}' 创建"},
    // Backups and restores.
    {R"((.+) exists; a backup is made in a new folder, never over anything)",
     "{1} 已存在：备份只做到新的文件夹中，从不覆盖任何内容"},
    {R"((.+) exists; a restored repository is made in a new folder, never over anything)",
     "{1} 已存在：档案库只恢复到新的（或空的）文件夹中，从不覆盖任何内容"},
    {R"((.+) appeared while it was being made; nothing was replaced)",
     "{1} 在制作过程中被别人建立：没有覆盖任何内容"},
    {R"(name the backup's folder, not '(.*)')", "请给出备份文件夹的名称，而不是“{1}”"},
    {R"(name the restored repository's folder, not '(.*)')",
     "请给出恢复目标文件夹的名称，而不是“{1}”"},
    {R"(a backup goes outside the repository, not into (.+))",
     "备份须放在档案库之外，不能放进 {1}"},
    {R"((.+) is not a Dossier backup \(no readable (\S+) and (\S+)\))",
     "{1} 不是 Dossier 备份（没有可读的 {2} 和 {3}）"},
    {R"((.+) is not a Dossier backup \(no readable (\S+)\))",
     "{1} 不是 Dossier 备份（没有可读的 {2}）"},
    {R"((.+) is a backup of another repository)", "{1} 是另一个档案库的备份"},
    {R"((.+) is not a Dossier repository \(no (\S+)\))", "{1} 不是 Dossier 档案库（没有 {2}）"},
};

// The phrases of the core's role checks (Impl::RequireRole) and the shipped
// workflows' actions.
const std::map<std::string, std::string> kActs = {
    {"archive documents", "归档文件"},
    {"take a checkpoint", "生成审计检查点"},
    {"check checkpoints", "核对审计检查点"},
    {"lend documents", "借出档案"},
    {"record returns", "登记归还"},
    {"propose destruction lists", "编制销毁清册"},
    {"take lines off destruction lists", "从销毁清册中撤出条目"},
    {"execute destruction lists", "执行销毁"},
    {"finish destructions", "完成销毁"},
    {"distribute copies", "分发文件"},
    {"collect the store's leftovers", "清理存储残留"},
    {"see what a user holds", "查看用户经手事项"},
    {"change users", "修改用户"},
    {"add users", "添加用户"},
    {"place holds", "冻结档案"},
    {"release holds", "解除冻结"},
    {"set another user's password", "设置他人密码"},
    {"end another user's sessions", "结束他人的会话"},
    {"create tokens for another user", "为他人创建令牌"},
    {"import packages", "导入档案包"},
    {"make the repository's signing key", "生成档案库签名密钥"},
    {"trust another repository's key", "信任其他档案库的密钥"},
    {"stop trusting a key", "取消信任密钥"},
    {"set another user's language", "设置他人的语言"},
    {"change retention classes", "修改保管期限"},
    {"submit", "提交"},
    {"approve", "批准"},
    {"reject", "驳回"},
    {"request-changes", "退回修改"},
    {"sign", "签订"},
    {"start-performance", "开始履行"},
    {"complete", "履行完毕"},
    {"terminate", "解除"},
    {"distribute", "分发"},
    {"submit-report", "提交"},
};

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(", ", start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 2;
  }
  return out;
}

std::optional<std::string> RoleNameOf(const std::string& code) {
  auto role = ParseRole(code);
  if (!role) return std::nullopt;
  return std::string(RoleName(*role));
}

std::optional<std::string> ActOf(const std::string& act) {
  auto it = kActs.find(act);
  if (it == kActs.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Joined(const std::string& list,
                                  std::optional<std::string> (*name)(const std::string&),
                                  const char* separator) {
  if (list == "none") return std::string("无");  // how the core says an empty list
  std::string out;
  for (const auto& item : SplitList(list)) {
    auto n = name(item);
    if (!n) return std::nullopt;
    out += (out.empty() ? "" : separator) + *n;
  }
  return out.empty() ? std::optional<std::string>("无") : out;
}

// The tail every refused transition carries: what the actor may do now.
std::optional<std::string> AllowedNow(const std::smatch& m, size_t group) {
  if (group + 2 >= m.size() || !m[group].matched) return std::string();
  auto acts = Joined(m[group + 2].str(), ActOf, "、");
  if (!acts) return std::nullopt;
  return "；" + m[group + 1].str() + " 现在可以：" + *acts;
}

std::optional<std::string> Fill(const std::string& wording, const std::smatch& m) {
  std::string out;
  for (size_t i = 0; i < wording.size();) {
    if (wording[i] != '{') {
      out += wording[i++];
      continue;
    }
    size_t close = wording.find('}', i);
    std::string token = wording.substr(i + 1, close - i - 1);
    i = close + 1;
    size_t colon = token.find(':');
    std::string kind = colon == std::string::npos ? "" : token.substr(0, colon);
    size_t group = std::stoul(colon == std::string::npos ? token : token.substr(colon + 1));
    std::string value = group < m.size() ? m[group].str() : "";
    std::optional<std::string> text;
    if (kind.empty() && value.rfind("; allowed now for ", 0) == 0)
      text = AllowedNow(m, group);
    else if (kind.empty())
      text = value;
    else if (kind == "role")
      text = RoleNameOf(value);
    else if (kind == "roles")
      text = Joined(value, RoleNameOf, "或");
    else if (kind == "act")
      text = ActOf(value);
    if (!text) return std::nullopt;
    out += *text;
  }
  return out;
}

}  // namespace

std::string MessageInChinese(std::string_view message) {
  // Compiled once: messages are few, the catalogue is fixed.
  static const std::vector<std::pair<std::regex, std::string>> compiled = [] {
    std::vector<std::pair<std::regex, std::string>> out;
    for (const auto& e : kCatalogue) out.emplace_back(std::regex(e.english), e.chinese);
    return out;
  }();
  const std::string text(message);
  for (const auto& [form, wording] : compiled) {
    std::smatch m;
    if (!std::regex_match(text, m, form)) continue;
    // A form that matches but names something unknown: a later, more
    // general form may still say it whole.
    if (auto chinese = Fill(wording, m)) return *chinese;
  }
  return "";
}

}  // namespace dossier
