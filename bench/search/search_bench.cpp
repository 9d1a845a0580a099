// bench/search: runs queries through Repository::Search exactly as
// `dossier search` does (ranked, top 20, snippets, permissions, count) and
// prints one JSON line per query: class, query, milliseconds, hits, total.
//
//   dossier_search_bench REPO QUERIES.tsv [USER [DEPT]]
//
// QUERIES.tsv has lines "class <TAB> query". USER (default admin) searches;
// DEPT adds a --dept filter: both make a search check every match it
// ranks (a user who may not see every document, a filter).
//
// In process, so that the figures are the search's, not a process start's.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "dossier/repository.h"

int main(int argc, char** argv) {
  if (argc < 3 || argc > 5) {
    std::fprintf(stderr, "usage: %s REPO QUERIES.tsv [USER [DEPT]]\n", argv[0]);
    return 1;
  }
  auto repo = dossier::Repository::Open(argv[1]);
  if (!repo.ok()) {
    std::fprintf(stderr, "%s\n", repo.status().message().c_str());
    return 1;
  }
  auto actor = (*repo)->ActorFor(argc > 3 ? argv[3] : "admin");
  if (!actor.ok()) return 1;
  std::ifstream in(argv[2]);
  std::string line;
  bool warm = false;
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    dossier::SearchRequest request;
    request.query = line.substr(tab + 1);
    request.limit = 20;
    if (argc > 4) request.dept = argv[4];
    if (!warm) {  // the first search builds the folding table: not a query's cost
      (void)(*repo)->Search(*actor, request);
      warm = true;
    }
    auto start = std::chrono::steady_clock::now();
    auto result = (*repo)->Search(*actor, request);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!result.ok()) {
      std::fprintf(stderr, "%s: %s\n", request.query.c_str(), result.status().message().c_str());
      return 1;
    }
    std::printf("{\"class\":\"%s\",\"ms\":%.3f,\"hits\":%zu,\"total\":%lld}\n",
                line.substr(0, tab).c_str(), ms, result->hits.size(),
                static_cast<long long>(result->total));
  }
  return 0;
}
