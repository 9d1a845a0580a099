#!/usr/bin/env bash
# The end of `make run`: gives each demo user a one-time password (they choose
# their own at the first sign-in), prints them, and serves the repository
# until Ctrl-C. Usage: serve-demo.sh REPO_DIR ADDR:PORT (DOSSIER_BIN: the binary)
set -euo pipefail
repo="${1:?usage: serve-demo.sh REPO_DIR ADDR:PORT}"
listen="${2:?usage: serve-demo.sh REPO_DIR ADDR:PORT}"
dossier="${DOSSIER_BIN:-dossier}"

printf '\nOne-time passwords of the demo users (each chooses a new one at the first sign-in):\n\n'
for person in 张三:商务专员 李经理:商务经理 王律师:法务 赵会计:财务 陈总:商务总监 档案员:档案管理员 admin:系统管理员; do
  name="${person%%:*}"
  # 18 random letters and digits in three groups: easy to type, far beyond
  # guessing. (Every stage reads its input to the end: no SIGPIPE under pipefail.)
  password="$(head -c 512 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9' | cut -c1-18 | sed 's/\(......\)\(......\)/\1-\2-/')"
  printf '%s\n' "$password" | "$dossier" --repo "$repo" --as admin user passwd "$name" --password-file - --temporary >/dev/null
  printf '  %s（%s）：%s\n' "$name" "${person#*:}" "$password"
done
printf '\nOpen http://%s/ in a browser and sign in (Ctrl-C stops the server).\n' "$listen"
printf 'The API: http://%s/api/v1/openapi.json (docs/api.md)\n\n' "$listen"
exec "$dossier" --repo "$repo" serve --listen "$listen"
