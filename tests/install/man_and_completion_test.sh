#!/usr/bin/env bash
# The man pages and the bash completion a build makes: every command of the
# program is on a page, the pages render without a warning, and the completion
# completes commands, subcommands, options and the plugins' commands.
# Usage: man_and_completion_test.sh BUILD_DIR DOSSIER_BINARY
set -euo pipefail
build="${1:?usage: man_and_completion_test.sh BUILD_DIR DOSSIER_BINARY}"
dossier="${2:?usage: man_and_completion_test.sh BUILD_DIR DOSSIER_BINARY}"
fail() { echo "FAILED: $*" >&2; exit 1; }

pages=("$build"/man/*.1.gz)
[ "${#pages[@]}" -ge 7 ] || fail "${#pages[@]} man pages in $build/man"
for page in "${pages[@]}"; do
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null || true)
  [ -z "$warnings" ] || fail "$(basename "$page") renders with warnings: $warnings"
done
text=$(for page in "${pages[@]}"; do zcat "$page"; done)
commands=$("$dossier" --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF {print $1}')
plugin_commands=$("$dossier" --help | sed -n '/^Commands from plugins:/,$p' | awk 'NR > 1 && NF {print $1}')
[ "$(echo "$commands" | wc -l)" -ge 40 ] || fail "dossier --help listed: $commands"
for command in $commands $plugin_commands; do
  grep -q "dossier $command\b" <<<"$text" || fail "no man page shows 'dossier $command'"
done
man -l "${pages[0]}" >/dev/null 2>&1 || true

completion="$build/completion/dossier"
[ -s "$completion" ] || fail "no completion script at $completion"
complete_words() {  # the words the completion offers for a command line ending in the word being typed
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _dossier; echo "${COMPREPLY[*]}"' _ "$completion" "$@"
}
[[ " $(complete_words dossier ba) " == *" backup "* ]] || fail "dossier ba<TAB> offered: $(complete_words dossier ba)"
[[ " $(complete_words dossier user a) " == *" add "* ]] || fail "dossier user a<TAB> offered: $(complete_words dossier user a)"
[[ " $(complete_words dossier add --ti) " == " --title " ]] || fail "dossier add --ti<TAB> offered: $(complete_words dossier add --ti)"
[[ " $(complete_words dossier --repo /srv/x ver) " == *" verify "* ]] || fail "a global option's value was taken for the command"
[[ " $(complete_words dossier disp) " == *" disposal "* ]] || fail "the disposal plugin's command is not completed"
[[ " $(complete_words dossier --lang '') " == " zh en " ]] || fail "--lang <TAB> offered: $(complete_words dossier --lang '')"
[ -z "$(complete_words dossier add --title T fi)" ] || fail "a file argument was completed as a word of ours"
# The program prints the same script the build installed.
diff <(DOSSIER_PLUGIN_PATH= "$dossier" completion bash) "$completion" >/dev/null || fail "dossier completion bash differs from $completion"
echo "man pages and completion: ok"
