#include "font.h"

#include <hb-subset.h>
#include <hb.h>

namespace dossier::pdf {

Result<std::shared_ptr<Font>> Font::Load(const std::string& path, unsigned index) {
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
  if (blob == nullptr) return Status::NotFound("cannot read font " + path);
  hb_face_t* face = hb_face_create(blob, index);
  hb_blob_destroy(blob);
  if (face == nullptr || hb_face_get_glyph_count(face) == 0) {
    hb_face_destroy(face);
    return Status::InvalidArgument(path + " is not a TrueType font (or has no face " +
                                   std::to_string(index) + ")");
  }
  std::shared_ptr<Font> font(new Font());
  font->path_ = path;
  font->face_ = face;
  font->font_ = hb_font_create(face);
  hb_font_make_immutable(font->font_);
  font->upem_ = hb_face_get_upem(face);
  return font;
}

Font::~Font() {
  hb_font_destroy(font_);
  hb_face_destroy(face_);
}

double Font::Advance(char32_t c) const {
  hb_codepoint_t glyph = 0;
  if (!hb_font_get_nominal_glyph(font_, c, &glyph)) return 0.5;
  return static_cast<double>(hb_font_get_glyph_h_advance(font_, glyph)) / upem_;
}

bool Font::CanDraw(char32_t c) const {
  if (c > 0xFFFF) return false;
  if (c == U' ') return true;
  hb_codepoint_t glyph = 0;
  return hb_font_get_nominal_glyph(font_, c, &glyph) && glyph != 0;
}

Result<std::string> Font::Subset(const std::set<char32_t>& chars) const {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input == nullptr) return Status::Internal("harfbuzz: cannot create a subset input");
  // Hinting instructions matter on low-resolution screens, not in an archived
  // PDF viewers scale; dropping them halves the embedded font.
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  // A PDF positions every glyph itself: layout tables (GSUB/GPOS/GDEF),
  // vertical metrics and grid-fitting hints are never read from an embedded
  // font. cmap, name and OS/2 stay: libharu reads them when it loads the subset.
  hb_set_t* dropped = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag :
       {"GSUB", "GPOS", "GDEF", "vhea", "vmtx", "gasp", "VORG", "BASE", "JSTF", "MATH", "DSIG"}) {
    hb_set_add(dropped, hb_tag_from_string(tag, 4));
  }
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  for (char32_t c : chars) hb_set_add(unicodes, c);
  hb_face_t* subset = hb_subset_or_fail(face_, input);
  hb_subset_input_destroy(input);
  if (subset == nullptr) return Status::Internal("harfbuzz could not subset " + path_);
  hb_blob_t* blob = hb_face_reference_blob(subset);
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  std::string bytes(data, length);
  hb_blob_destroy(blob);
  hb_face_destroy(subset);
  return bytes;
}

}  // namespace dossier::pdf
