// The JSON shapes of backups and restores. Keys keep the order they are set in.
#include "json/shapes.h"

namespace dossier::json {

using Poco::JSON::Object;

Object::Ptr BackupJson(const BackupReport& r) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("dest", r.dest.string());
  o->set("previous",
         r.previous.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.previous.string()));
  o->set("documents", r.documents);
  o->set("audit_seq", r.head.seq);
  o->set("audit_hash", r.head.hash);
  o->set("catalog_bytes", static_cast<Poco::UInt64>(r.catalog_bytes));
  o->set("files_copied", r.files_copied);
  o->set("bytes_copied", static_cast<Poco::UInt64>(r.bytes_copied));
  o->set("files_linked", r.files_linked);
  o->set("bytes_linked", static_cast<Poco::UInt64>(r.bytes_linked));
  o->set("seconds", r.seconds);
  o->set("verify", VerifyJson(r.verify));
  return o;
}

Object::Ptr RestoreJson(const RestoreReport& r) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("dir", r.dir.string());
  o->set("documents", r.documents);
  o->set("audit_seq", r.head.seq);
  o->set("audit_hash", r.head.hash);
  o->set("files", r.files);
  o->set("bytes", static_cast<Poco::UInt64>(r.bytes));
  o->set("seconds", r.seconds);
  o->set("verify", VerifyJson(r.verify));
  return o;
}

}  // namespace dossier::json
