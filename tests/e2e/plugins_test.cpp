// The plugin loader, through `dossier plugins`.
#include <gtest/gtest.h>

#include "dossier/plugin.h"
#include "e2e/run_dossier.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

TEST(Plugins, LoadsAMatchingPluginAndRefusesAnotherApiVersionNamingBoth) {
  testing::TempDir dir;
  auto o = testing::RunDossier({"plugins", "--json"}, dir.path(),
                               std::string("DOSSIER_PLUGIN_PATH=") + DOSSIER_PLUGIN_FIXTURES);
  ASSERT_EQ(o.exit_code, 0) << o.err;
  auto plugins = o.Json().extract<Array::Ptr>();
  std::map<std::string, Object::Ptr> by_file;
  for (size_t i = 0; i < plugins->size(); ++i) {
    auto p = plugins->getObject(static_cast<unsigned>(i));
    by_file[std::filesystem::path(p->getValue<std::string>("path")).filename().string()] = p;
  }
  ASSERT_TRUE(by_file.count("libdossier_testgood.so")) << o.out;
  ASSERT_TRUE(by_file.count("libdossier_testold.so")) << o.out;
  auto good = by_file["libdossier_testgood.so"];
  EXPECT_TRUE(good->getValue<bool>("loaded"));
  EXPECT_EQ(good->getValue<std::string>("name"), "testgood");
  auto old = by_file["libdossier_testold.so"];
  EXPECT_FALSE(old->getValue<bool>("loaded"));
  std::string error = old->getValue<std::string>("error");
  EXPECT_NE(error.find("999"), std::string::npos) << error;
  EXPECT_NE(error.find("API " + std::to_string(DOSSIER_PLUGIN_API_VERSION)), std::string::npos)
      << error;

  auto text = testing::RunDossier({"plugins"}, dir.path(),
                                  std::string("DOSSIER_PLUGIN_PATH=") + DOSSIER_PLUGIN_FIXTURES);
  EXPECT_NE(text.out.find("REFUSED"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("libdossier_testold.so"), std::string::npos) << text.out;
}

TEST(Plugins, WithoutThePdfPluginRenderSaysItIsNotInstalled) {
  testing::TempDir dir;
  std::string bare = testing::BinaryWithoutPlugins(dir.path());
  std::string repo = (dir / "repo").string();
  ASSERT_EQ(testing::Process({"init", repo}, dir.path(), "", bare).Wait().exit_code, 0);
  auto o =
      testing::Process({"--repo", repo, "--as", "admin", "render", "--list"}, dir.path(), "", bare)
          .Wait();
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("the PDF plugin is not installed"), std::string::npos) << o.err;
  EXPECT_EQ(o.out, "");
}

}  // namespace
}  // namespace dossier
