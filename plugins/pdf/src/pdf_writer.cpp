#include "pdf_writer.h"

#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <set>

namespace dossier::pdf {

namespace {

// zlib level of the embedded font, two thirds of a file's bytes. Measured on
// the bench's contracts (54 KB subsets): level 4 is 2.6% smaller than 3 for 6%
// more time; level 6, libharu's, is 1.6% smaller again for 47% more.
constexpr int kFontLevel = 4;

// libharu reports errors through a callback; remember the first one.
struct ErrorSink {
  HPDF_STATUS code = 0;
  HPDF_STATUS detail = 0;
};
void OnError(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* sink = static_cast<ErrorSink*>(user);
  if (sink->code == 0) {
    sink->code = code;
    sink->detail = detail;
  }
}

struct DocDeleter {
  void operator()(HPDF_Doc d) const { HPDF_Free(d); }
};
using DocPtr = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter>;

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Hex4(char32_t c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(c));
  return buf;
}

// A character as UTF-16BE hex, surrogate pairs included.
std::string Utf16Hex(char32_t c) {
  if (c < 0x10000) return Hex4(c);
  c -= 0x10000;
  return Hex4(0xD800 + (c >> 10)) + Hex4(0xDC00 + (c & 0x3FF));
}

// The codes a document's text is written in. Character i of the document's
// sorted character set is written as code kFirstCode + i, whatever its
// Unicode value: the font's CID-to-glyph map and widths then cover a few
// hundred codes instead of the whole Basic Multilingual Plane (libharu makes
// and compresses an entry for every code up to the highest one used), and
// the ToUnicode map gives every code its real character back.
class Codes {
 public:
  static constexpr char32_t kFirstCode = 0x100;  // clear of ASCII and the C1 controls
  static Result<Codes> For(const std::set<char32_t>& chars) {
    if (chars.size() > 0xD800 - kFirstCode)
      return Status::InvalidArgument("too many distinct characters for one PDF font");
    Codes codes;
    char32_t next = kFirstCode;
    for (char32_t c : chars) codes.code_[c] = next++;
    return codes;
  }
  char32_t Of(char32_t c) const { return code_.at(c); }
  std::string Encode(std::u32string_view text) const {
    std::u32string coded;
    for (char32_t c : text) coded += Of(c);
    return ToUtf8(coded);
  }
  const std::map<char32_t, char32_t>& all() const { return code_; }  // character -> code

 private:
  std::map<char32_t, char32_t> code_;
};

// A ToUnicode CMap from the document's codes to its characters (libharu's
// own is an encoding CMap that viewers reject).
std::string ToUnicodeCMap(const Codes& codes) {
  std::string s =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::vector<std::pair<char32_t, char32_t>> list(codes.all().begin(), codes.all().end());
  for (size_t i = 0; i < list.size(); i += 100) {
    size_t n = std::min<size_t>(100, list.size() - i);
    s += std::to_string(n) + " beginbfchar\n";
    for (size_t k = i; k < i + n; ++k)
      s += "<" + Hex4(list[k].second) + "> <" + Utf16Hex(list[k].first) + ">\n";
    s += "endbfchar\n";
  }
  s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return s;
}

std::string XmpPacket(const PdfInfo& info) {
  std::string date = info.date + "T00:00:00Z";
  return "<?xpacket begin='\xEF\xBB\xBF' id='W5M0MpCehiHzreSzNTczkc9d'?>\n"
         "<x:xmpmeta xmlns:x='adobe:ns:meta/'>\n"
         "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n"
         "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'>\n"
         "<dc:title><rdf:Alt><rdf:li xml:lang='x-default'>" +
         XmlEscape(info.title) +
         "</rdf:li></rdf:Alt></dc:title>\n"
         "<dc:creator><rdf:Seq><rdf:li>" +
         XmlEscape(info.author) +
         "</rdf:li></rdf:Seq></dc:creator>\n"
         "<dc:description><rdf:Alt><rdf:li xml:lang='x-default'>" +
         XmlEscape(info.subject) +
         "</rdf:li></rdf:Alt></dc:description>\n"
         "<dc:identifier>" +
         XmlEscape(info.identifier) +
         "</dc:identifier>\n"
         "</rdf:Description>\n"
         "<rdf:Description rdf:about='' xmlns:xmp='http://ns.adobe.com/xap/1.0/'>\n"
         "<xmp:CreateDate>" +
         date + "</xmp:CreateDate>\n<xmp:ModifyDate>" + date +
         "</xmp:ModifyDate>\n"
         "<xmp:CreatorTool>Dossier</xmp:CreatorTool>\n"
         "</rdf:Description>\n"
         "<rdf:Description rdf:about='' xmlns:pdf='http://ns.adobe.com/pdf/1.3/'>\n"
         "<pdf:Producer>Haru Free PDF Library 2.3.0</pdf:Producer>\n"
         "</rdf:Description>\n"
         "<rdf:Description rdf:about='' xmlns:pdfaid='http://www.aiim.org/pdfa/ns/id/'>\n"
         "<pdfaid:part>1</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>\n"
         "</rdf:Description>\n"
         "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end='w'?>";
}

HPDF_Date DateOf(const std::string& iso) {
  HPDF_Date d{};
  if (iso.size() == 10) {
    d.year = std::atoi(iso.substr(0, 4).c_str());
    d.month = std::atoi(iso.substr(5, 2).c_str());
    d.day = std::atoi(iso.substr(8, 2).c_str());
  } else {
    d.year = 2000;
    d.month = 1;
    d.day = 1;
  }
  d.ind = 'Z';
  return d;
}

// The file ID: a digest of everything the file is made from.
void FileId(const std::vector<Page>& pages, const PdfInfo& info, const std::string& subset,
            HPDF_BYTE out[16]) {
  HPDF_MD5_CTX ctx;
  HPDF_MD5Init(&ctx);
  auto add = [&ctx](const std::string& s) {
    HPDF_MD5Update(&ctx, reinterpret_cast<const HPDF_BYTE*>(s.data()),
                   static_cast<HPDF_UINT32>(s.size()));
    HPDF_MD5Update(&ctx, reinterpret_cast<const HPDF_BYTE*>("\0"), 1);
  };
  for (const auto& s :
       {info.title, info.author, info.subject, info.identifier, info.date, info.watermark, subset})
    add(s);
  char buf[128];
  for (const auto& p : pages) {
    add("page");
    for (const auto& t : p.texts) {
      std::snprintf(buf, sizeof buf, "%.3f %.3f %.3f", t.x, t.y, t.size);
      add(buf);
      add(ToUtf8(t.text));
    }
    for (const auto& r : p.rules) {
      std::snprintf(buf, sizeof buf, "%.3f %.3f %.3f %.3f %.3f", r.x1, r.y1, r.x2, r.y2, r.width);
      add(buf);
    }
  }
  HPDF_MD5Final(out, &ctx);
}

// A subset's tag, the six capital letters before '+' in its font name
// (PDF 32000 9.6.4): derived from the subset's bytes, so it differs between
// subsets and is the same on every rendering of one document.
std::string SubsetTag(const std::string& subset) {
  HPDF_MD5_CTX ctx;
  HPDF_MD5Init(&ctx);
  HPDF_MD5Update(&ctx, reinterpret_cast<const HPDF_BYTE*>(subset.data()),
                 static_cast<HPDF_UINT32>(subset.size()));
  HPDF_BYTE digest[16];
  HPDF_MD5Final(digest, &ctx);
  std::string tag(6, 'A');
  for (int i = 0; i < 6; ++i) tag[i] = static_cast<char>('A' + digest[i] % 26);
  return tag;
}

// libharu's public call loads fonts only from files; its font loader itself
// reads any stream, so the subset is handed over in memory.
Result<HPDF_FontDef> LoadSubset(HPDF_Doc pdf, const std::string& subset) {
  HPDF_Stream stream =
      HPDF_MemStream_New(pdf->mmgr, static_cast<HPDF_UINT>(std::max<size_t>(subset.size(), 1)));
  if (stream == nullptr) return Status::Internal("libharu could not allocate the font subset");
  HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(subset.data()),
                    static_cast<HPDF_UINT>(subset.size()));
  // The font keeps the stream (libharu reads glyph data from it) and frees it.
  HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, stream, HPDF_TRUE);
  if (def == nullptr) return Status::Internal("libharu could not read the font subset");
  if (HPDF_Doc_RegisterFontDef(pdf, def) != HPDF_OK) {
    HPDF_FontDef_Free(def);
    return Status::Internal("libharu could not register the font subset");
  }
  std::string tag = SubsetTag(subset);
  HPDF_TTFontDef_SetTagName(def, tag.data());
  return def;
}

// Writes "/Filter /FlateDecode" into a stream's dictionary: libharu drops a
// Filter entry it did not compress itself, and the data of the streams made
// by PrecompressedStream was compressed by us.
HPDF_STATUS WriteFlateFilter(HPDF_Dict, HPDF_Stream stream) {
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

HPDF_Dict PrecompressedStream(HPDF_Doc pdf, const Deflated& data) {
  HPDF_Dict dict = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  if (dict == nullptr) return nullptr;
  dict->filter = HPDF_STREAM_FILTER_NONE;
  dict->write_fn = WriteFlateFilter;
  HPDF_Stream_Write(dict->stream, reinterpret_cast<const HPDF_BYTE*>(data.bytes.data()),
                    static_cast<HPDF_UINT>(data.bytes.size()));
  return dict;
}

// The font descriptor with the font program: the harfbuzz subset itself,
// compressed here. libharu would otherwise rewrite the subset table by table
// (a seek and a read per glyph) and compress it at zlib's default level,
// which took a third of a document's time; it makes a descriptor only for a
// font that has none.
Status AttachFontProgram(HPDF_Doc pdf, HPDF_Font font, const Deflated& program) {
  auto* font_attr = static_cast<HPDF_FontAttr>(font->attr);
  HPDF_FontDef def = font_attr->fontdef;
  auto* def_attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
  HPDF_Dict file = PrecompressedStream(pdf, program);
  HPDF_Dict descriptor = HPDF_Dict_New(pdf->mmgr);
  if (file == nullptr || descriptor == nullptr)
    return Status::Internal("libharu could not make the font descriptor");
  HPDF_STATUS rc = HPDF_Xref_Add(pdf->xref, descriptor);
  rc += HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(program.raw_size));
  rc += HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
  rc += HPDF_Dict_AddNumber(descriptor, "Ascent", def->ascent);
  rc += HPDF_Dict_AddNumber(descriptor, "Descent", def->descent);
  rc += HPDF_Dict_AddNumber(descriptor, "Flags", static_cast<HPDF_INT32>(def->flags));
  rc += HPDF_Dict_Add(descriptor, "FontBBox", HPDF_Box_Array_New(pdf->mmgr, def->font_bbox));
  rc += HPDF_Dict_AddName(descriptor, "FontName", def_attr->base_font);
  rc += HPDF_Dict_AddNumber(descriptor, "ItalicAngle", def->italic_angle);
  rc += HPDF_Dict_AddNumber(descriptor, "StemV", def->stemv);
  rc += HPDF_Dict_AddNumber(descriptor, "XHeight", def->x_height);
  rc += HPDF_Dict_Add(descriptor, "FontFile2", file);
  if (rc != HPDF_OK) return Status::Internal("libharu could not fill the font descriptor");
  def->descriptor = descriptor;
  return Status::Ok();
}

// libharu 2.3.0 builds a TrueType font's CIDToGIDMap for its UTF-8
// encoding by looking up all 65,536 BMP code points in the font's cmap, each
// with a linear scan: three quarters of the time of a document. For an
// encoding of the CMap kind it looks up only the codes the encoding maps. So
// while the font is made, the encoder presents itself as such a CMap that
// maps exactly this document's codes (code = CID) to their characters; then
// it is restored, and text is written through it as UTF-8 of the codes.
HPDF_Font GetFontForCodes(HPDF_Doc pdf, const char* name, const Codes& codes) {
  HPDF_Encoder encoder = HPDF_GetEncoder(pdf, "UTF-8");
  if (encoder == nullptr || encoder->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE) return nullptr;
  auto* attr = static_cast<HPDF_CMapEncoderAttr>(encoder->attr);
  // The UTF-8 encoder keeps its own state inside cid_map: save both maps whole.
  auto saved_cids = std::make_unique<HPDF_UINT16[]>(256 * 256);
  auto saved_unicodes = std::make_unique<HPDF_UNICODE[]>(256 * 256);
  std::memcpy(saved_cids.get(), attr->cid_map, sizeof attr->cid_map);
  std::memcpy(saved_unicodes.get(), attr->unicode_map, sizeof attr->unicode_map);
  auto saved_fn = encoder->to_unicode_fn;
  std::memset(attr->cid_map, 0, sizeof attr->cid_map);
  std::memset(attr->unicode_map, 0, sizeof attr->unicode_map);
  char32_t highest = 0;
  for (const auto& [c, code] : codes.all()) {
    attr->cid_map[code >> 8][code & 0xFF] = static_cast<HPDF_UINT16>(code);
    attr->unicode_map[code >> 8][code & 0xFF] = static_cast<HPDF_UNICODE>(c);
    highest = std::max(highest, code);
  }
  // libharu writes widths and the CIDToGIDMap for codes below the highest
  // one only: a code past the last real one keeps that one in.
  attr->cid_map[(highest + 1) >> 8][(highest + 1) & 0xFF] = static_cast<HPDF_UINT16>(highest + 1);
  encoder->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
  HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
  encoder->to_unicode_fn = saved_fn;
  std::memcpy(attr->cid_map, saved_cids.get(), sizeof attr->cid_map);
  std::memcpy(attr->unicode_map, saved_unicodes.get(), sizeof attr->unicode_map);
  return font;
}

// Every character drawn must have a glyph in the font as embedded: a code
// the CIDToGIDMap sends to glyph 0 would print blank while text extraction
// still shows it. Checked on every document, so such a file is never made.
Status CheckEveryCharacterHasAGlyph(HPDF_Font font, const Codes& codes) {
  auto* attr = static_cast<HPDF_FontAttr>(font->attr);
  if (attr == nullptr || attr->map_stream == nullptr)
    return Status::Internal("libharu made no CIDToGIDMap");
  HPDF_Stream stream = attr->map_stream->stream;
  HPDF_UINT size = HPDF_Stream_Size(stream);
  std::string map(size, '\0');
  HPDF_Stream_Seek(stream, 0, HPDF_SEEK_SET);
  HPDF_Stream_Read(stream, reinterpret_cast<HPDF_BYTE*>(map.data()), &size);
  map.resize(size);
  for (const auto& [c, code] : codes.all()) {
    size_t at = static_cast<size_t>(code) * 2;
    if (at + 1 >= map.size() || (map[at] == 0 && map[at + 1] == 0)) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
      return Status::Internal(std::string("the embedded font would draw '") +
                              ToUtf8(std::u32string(1, c)) + "' (" + code + ") blank");
    }
  }
  return Status::Ok();
}

void AddMetadataStream(HPDF_Doc pdf, const PdfInfo& info) {
  HPDF_Dict xmp = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  HPDF_Dict_AddName(xmp, "Type", "Metadata");
  HPDF_Dict_AddName(xmp, "Subtype", "XML");
  xmp->filter = HPDF_STREAM_FILTER_NONE;  // PDF/A: metadata stays readable
  std::string packet = XmpPacket(info);
  HPDF_Stream_Write(xmp->stream, reinterpret_cast<const HPDF_BYTE*>(packet.data()),
                    static_cast<HPDF_UINT>(packet.size()));
  HPDF_Dict_Add(pdf->catalog, "Metadata", xmp);
}

void AddOutputIntent(HPDF_Doc pdf, const Deflated& icc) {
  HPDF_Dict profile = PrecompressedStream(pdf, icc);
  HPDF_Dict_AddNumber(profile, "N", 3);
  HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
  HPDF_Xref_Add(pdf->xref, intent);
  HPDF_Dict_AddName(intent, "Type", "OutputIntent");
  HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
  HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", nullptr));
  HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", nullptr));
  HPDF_Dict_Add(intent, "DestOutputProfile", profile);
  HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
  HPDF_Array_Add(intents, intent);
  HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);
}

void ReplaceToUnicode(HPDF_Font font, const Codes& codes) {
  auto* map = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
  if (map == nullptr) return;
  // Keys of an encoding CMap that a ToUnicode stream does not have.
  for (const char* key : {"CMapName", "CIDSystemInfo", "Type", "WMode"})
    HPDF_Dict_RemoveElement(map, key);
  HPDF_MemStream_FreeData(map->stream);
  std::string cmap = ToUnicodeCMap(codes);
  HPDF_Stream_Write(map->stream, reinterpret_cast<const HPDF_BYTE*>(cmap.data()),
                    static_cast<HPDF_UINT>(cmap.size()));
}

// A run split where its characters change font: (font, text) in order.
std::vector<std::pair<const Font*, std::u32string>> Segments(const FontStack& stack,
                                                             std::u32string_view text) {
  std::vector<std::pair<const Font*, std::u32string>> out;
  for (char32_t c : text) {
    const Font* font = stack.FontFor(c);
    if (font == nullptr)
      font = stack.fonts().front().font.get();  // caught by CheckEveryCharacterHasAGlyph
    if (out.empty() || out.back().first != font) out.emplace_back(font, std::u32string());
    out.back().second += c;
  }
  return out;
}

// One font as this document embeds it: the characters it draws, its subset,
// their codes and libharu's font.
struct Embedded {
  std::set<char32_t> chars;
  std::string subset;
  Codes codes;
  HPDF_Font hfont = nullptr;
};

class EmbeddedFonts {
 public:
  // The fonts in a fixed order (body's, then heading's), so that the same
  // document always gives the same bytes.
  explicit EmbeddedFonts(const Typefaces& faces) {
    for (const auto* stack : {&faces.body, &faces.heading}) {
      for (const auto& f : stack->fonts()) {
        if (std::find(order_.begin(), order_.end(), f.font.get()) == order_.end())
          order_.push_back(f.font.get());
      }
    }
  }
  void Use(const Font* font, std::u32string_view text) {
    auto& e = fonts_[font];
    e.chars.insert(text.begin(), text.end());
    e.chars.insert(U' ');
  }
  std::vector<std::pair<const Font*, Embedded*>> InOrder() {
    std::vector<std::pair<const Font*, Embedded*>> out;
    for (const Font* font : order_) {
      if (auto it = fonts_.find(font); it != fonts_.end()) out.emplace_back(font, &it->second);
    }
    return out;
  }
  const Embedded& Of(const Font* font) const { return fonts_.at(font); }

 private:
  std::vector<const Font*> order_;
  std::map<const Font*, Embedded> fonts_;
};

void DrawWatermark(HPDF_Page page, const EmbeddedFonts& fonts, const FontStack& stack,
                   const PageSetup& setup, const std::u32string& text) {
  HPDF_Page_SetGrayFill(page, 0.88);
  HPDF_Page_BeginText(page);
  const double angle = M_PI / 6;
  HPDF_Page_SetTextMatrix(page, std::cos(angle), std::sin(angle), -std::sin(angle), std::cos(angle),
                          setup.width * 0.12, setup.height * 0.3);
  for (const auto& [font, piece] : Segments(stack, text)) {
    const Embedded& e = fonts.Of(font);
    HPDF_Page_SetFontAndSize(page, e.hfont, 28);
    HPDF_Page_ShowText(page, e.codes.Encode(piece).c_str());
  }
  HPDF_Page_EndText(page);
  HPDF_Page_SetGrayFill(page, 0);
}

}  // namespace

Result<std::string> WritePdf(const std::vector<Page>& pages, const PageSetup& setup,
                             const Typefaces& faces, const PdfInfo& info,
                             const Deflated& icc_profile, WriteTimings* timings) {
  auto t0 = std::chrono::steady_clock::now();
  EmbeddedFonts fonts(faces);
  for (const auto& p : pages) {
    for (const auto& t : p.texts) {
      for (const auto& [font, piece] : Segments(faces.Of(t.face), t.text)) fonts.Use(font, piece);
    }
  }
  for (const auto& [font, piece] : Segments(faces.body, ToUtf32(info.watermark)))
    fonts.Use(font, piece);
  std::string subsets;  // all of them, for the file ID
  for (auto& [font, e] : fonts.InOrder()) {
    auto subset = font->Subset(e->chars);
    if (!subset.ok()) return subset.status();
    e->subset = std::move(*subset);
    subsets += e->subset;
  }
  auto t1 = std::chrono::steady_clock::now();

  ErrorSink errors;
  DocPtr doc(HPDF_New(OnError, &errors));
  if (!doc) return Status::Internal("libharu could not start a document");
  HPDF_Doc pdf = doc.get();
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");  // Info strings are written as UTF-16
  for (auto& [font, e] : fonts.InOrder()) {
    auto def = LoadSubset(pdf, e->subset);
    if (!def.ok()) return def.status();
    auto codes = Codes::For(e->chars);
    if (!codes.ok()) return codes.status();
    e->codes = std::move(*codes);
    e->hfont = GetFontForCodes(pdf, (*def)->base_font, e->codes);
    if (e->hfont == nullptr) {
      return Status::Internal("libharu could not use the font subset of " + font->path() +
                              " (error " + std::to_string(errors.code) + ")");
    }
    DOSSIER_RETURN_IF_ERROR(AttachFontProgram(pdf, e->hfont, Deflate(e->subset, kFontLevel)));
    DOSSIER_RETURN_IF_ERROR(CheckEveryCharacterHasAGlyph(e->hfont, e->codes));
    ReplaceToUnicode(e->hfont, e->codes);
    // libharu records "not found" from the lookups above as a pending error
    // that would refuse every later call; nothing failed.
    HPDF_ResetError(pdf);
  }

  pdf->pdf_version = HPDF_VER_14;  // PDF/A-1 is PDF 1.4
  HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, info.title.c_str());
  HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, info.author.c_str());
  HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, info.subject.c_str());
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "Dossier");
  HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, DateOf(info.date));
  HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, DateOf(info.date));
  AddMetadataStream(pdf, info);
  AddOutputIntent(pdf, icc_profile);
  HPDF_BYTE id[16];
  FileId(pages, info, subsets, id);
  HPDF_Array ids = HPDF_Array_New(pdf->mmgr);
  HPDF_Dict_Add(pdf->trailer, "ID", ids);
  HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, id, 16));
  HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, id, 16));

  auto failed = [&errors](const std::string& what) {
    char code[32];
    std::snprintf(code, sizeof code, "0x%04X/%u", static_cast<unsigned>(errors.code),
                  static_cast<unsigned>(errors.detail));
    return Status::Internal("libharu failed " + what + " (error " + code + ")");
  };
  if (errors.code != 0) return failed("preparing the document");
  for (const auto& p : pages) {
    HPDF_Page page = HPDF_AddPage(pdf);
    if (page == nullptr) return failed("adding a page");
    HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(setup.width));
    HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(setup.height));
    if (!info.watermark.empty())
      DrawWatermark(page, fonts, faces.body, setup, ToUtf32(info.watermark));
    for (const auto& r : p.rules) {
      HPDF_Page_SetLineWidth(page, static_cast<HPDF_REAL>(r.width));
      HPDF_Page_MoveTo(page, static_cast<HPDF_REAL>(r.x1),
                       static_cast<HPDF_REAL>(setup.height - r.y1));
      HPDF_Page_LineTo(page, static_cast<HPDF_REAL>(r.x2),
                       static_cast<HPDF_REAL>(setup.height - r.y2));
      HPDF_Page_Stroke(page);
    }
    HPDF_Page_BeginText(page);
    HPDF_Font current = nullptr;
    double size = 0;
    for (const auto& t : p.texts) {
      const FontStack& stack = faces.Of(t.face);
      double x = t.x;
      for (const auto& [font, piece] : Segments(stack, t.text)) {
        const Embedded& e = fonts.Of(font);
        if (e.hfont != current || t.size != size) {
          HPDF_Page_SetFontAndSize(page, e.hfont, static_cast<HPDF_REAL>(t.size));
          current = e.hfont;
          size = t.size;
        }
        HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(x),
                          static_cast<HPDF_REAL>(setup.height - t.y),
                          e.codes.Encode(piece).c_str());
        x += stack.Width(piece, t.size);
      }
    }
    HPDF_Page_EndText(page);
  }
  if (HPDF_SaveToStream(pdf) != HPDF_OK || errors.code != 0) return failed("writing the PDF");
  HPDF_UINT32 length = HPDF_GetStreamSize(pdf);
  std::string bytes(length, '\0');
  HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &length);
  bytes.resize(length);
  if (timings != nullptr) {
    timings->subset = std::chrono::duration<double>(t1 - t0).count();
    timings->libharu = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  }
  return bytes;
}

}  // namespace dossier::pdf
