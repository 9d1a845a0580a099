// A rendition kept as a version: written to a private temporary folder
// first, because a version's files are added from files (streamed and
// digested as any upload is).
#include "dossier/files.h"
#include "dossier/render.h"

namespace dossier {

Result<AttachedRendition> AttachRendition(Repository& repo, const Actor& actor,
                                          const Renderer& renderer, RenderRequest request) {
  if (request.ref.empty())
    return Status::InvalidArgument("name the document whose rendition is to be stored");
  request.exported_by.clear();
  request.exported_at.clear();
  auto rendition = renderer.Render(repo, actor, request);
  if (!rendition.ok()) return rendition.status();
  auto scratch = TempFolder::Create("dossier-render");
  if (!scratch.ok()) return scratch.status();
  const auto file = scratch->path() / rendition->file_name;
  DOSSIER_RETURN_IF_ERROR(WriteFileAtomic(file, rendition->content, Sync::kLater));
  VersionChange change;
  change.add_files = {FileInput{file.string(), rendition->file_name}};
  change.comment = "rendered with template " + rendition->template_name;
  auto version = repo.AddVersion(actor, request.ref, change);
  if (!version.ok()) return version.status();
  return AttachedRendition{std::move(*rendition), std::move(*version)};
}

}  // namespace dossier
