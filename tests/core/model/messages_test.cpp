// The Chinese catalogue of the core's messages: each form it knows, in the
// words the core uses (the refusals below are those the core writes), and
// what it leaves alone.
#include "dossier/messages.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

struct Case {
  const char* english;
  const char* chinese;  // "" when the message stays English
};

const Case kCases[] = {
    {"张三 (clerk) may not approve HT-2026-SW-0001; that needs the role manager, director; allowed "
     "now for 张三: submit, sign",
     "张三（商务专员）无权批准 HT-2026-SW-0001：需要的角色为商务经理或商务总监；张三 "
     "现在可以：提交、签订"},
    {"张三 (clerk) may not approve HT-2026-SW-0001; that needs the role manager; allowed now for "
     "张三: none",
     "张三（商务专员）无权批准 HT-2026-SW-0001：需要的角色为商务经理；张三 现在可以：无"},
    {"张三 (clerk) may not archive documents; that needs the role archivist",
     "张三（商务专员）无权归档文件：需要的角色为档案管理员"},
    {"李经理 (manager) may not take a checkpoint; that needs the role archivist, admin",
     "李经理（商务经理）无权生成审计检查点：需要的角色为档案管理员或系统管理员"},
    {"nobody reviews their own document: 李经理 submitted HT-2026-SW-0001; allowed now for 李经理: "
     "none",
     "任何人不得审核自己的文件：HT-2026-SW-0001 由 李经理 提交；李经理 现在可以：无"},
    {"'sign' is not possible: HT-2026-SW-0001 is 已归档 (archived); allowed now for 陈总: none",
     "现在不能签订：HT-2026-SW-0001 处于“已归档”；陈总 现在可以：无"},
    {"no document 'HT-2026-SW-0099'", "没有文件“HT-2026-SW-0099”（或您无权查看）"},
    {"HT-2026-SW-0001 is archived: archived material is immutable",
     "HT-2026-SW-0001 已归档：归档材料不可更改"},
    {"no user '王五' in this repository", "没有用户“王五”"},
    {"张三 may not register a document marked 机密 (above their clearance)",
     "张三 无权登记密级为机密的文件（高于其知悉范围）"},
    {"metadata /body: '正文.docx' is not a file of this document (its files: 合同.docx)",
     "元数据 body：“正文.docx”不是本文件所含的文件（所含文件：合同.docx）"},
    {"/srv/x is not a Dossier repository (no catalog.db); create one with 'dossier init /srv/x'",
     "/srv/x 不是 Dossier 档案库（没有 catalog.db）；可用 'dossier init /srv/x' 创建"},
    {"/srv/备份/1207 exists; a backup is made in a new folder, never over anything",
     "/srv/备份/1207 已存在：备份只做到新的文件夹中，从不覆盖任何内容"},
    {"/srv/恢复 exists; a restored repository is made in a new folder, never over anything",
     "/srv/恢复 已存在：档案库只恢复到新的（或空的）文件夹中，从不覆盖任何内容"},
    {"a backup goes outside the repository, not into /srv/repo/b",
     "备份须放在档案库之外，不能放进 /srv/repo/b"},
    {"/tmp/x is not a Dossier backup (no readable backup.json and catalog.db)",
     "/tmp/x 不是 Dossier 备份（没有可读的 backup.json 和 catalog.db）"},
    {"/srv/b2 is not a Dossier backup (no readable backup.json)",
     "/srv/b2 不是 Dossier 备份（没有可读的 backup.json）"},
    {"/srv/b1 is a backup of another repository", "/srv/b1 是另一个档案库的备份"},
    {"name the backup's folder, not '/'", "请给出备份文件夹的名称，而不是“/”"},
    // A role, or an action, the catalogue does not know: English whole, never half.
    {"张三 (clerk) may not countersign HT-1; that needs the role manager", ""},
    {"张三 (intern) may not archive documents; that needs the role archivist", ""},
    // A form it does not know.
    {"the metadata is empty: give a JSON object ({} for none)", ""},
};

TEST(Messages, TheCatalogueSaysEachKnownFormInChineseAndLeavesTheRestWhole) {
  for (const auto& c : kCases) EXPECT_EQ(MessageInChinese(c.english), c.chinese) << c.english;
}

}  // namespace
}  // namespace dossier
