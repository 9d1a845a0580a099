#!/usr/bin/env bash
# The walk-through `make run` performs: a newcomer's first tour of Dossier.
# Usage: walkthrough.sh REPO_DIR   (DOSSIER_BIN points at the dossier binary)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="${1:?usage: walkthrough.sh REPO_DIR}"
dossier="${DOSSIER_BIN:-dossier}"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '%s$ dossier %s\n' "${DOSSIER_USER:+[$DOSSIER_USER] }" "$*"; "$dossier" "$@"; }

rm -rf "$repo" "$repo-copy"
mkdir -p "$(dirname "$repo")"
export DOSSIER_REPO="$repo"

step "1. Create a repository (the first user is admin)"
run init "$repo"

step "2. Add the people who work with it"
export DOSSIER_USER=admin
run user add 张三 --role clerk
run user add 李经理 --role manager
run user add 王律师 --role legal
run user add 赵会计 --role finance
run user add 陈总 --role director
run user add 档案员 --role archivist
# Passwords for signing in to the server (dossier serve); demo ones, to be changed.
for person in 张三:Zhang-San-Demo-2026 李经理:Li-Manager-Demo-2026 王律师:Wang-Legal-Demo-2026 \
              赵会计:Zhao-Finance-Demo-2026 陈总:Chen-Director-Demo-2026 档案员:Archivist-Demo-2026 \
              admin:Keeper-Of-Demo-2026; do
  printf '%s\n' "${person#*:}" | run user passwd "${person%%:*}" --password-file -
done
run user list

step "3. The document types, each with its numbering and retention class"
run types

step "4. 张三 registers a contract with its clauses and its text"
export DOSSIER_USER=张三
contract=$("$dossier" add contract --title "服务器采购合同" --meta "$here/contract-server-purchase.json" \
  --comment "起草" "$here/contract-server-purchase.txt" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["number"])')
echo "registered $contract"
run show "$contract"

step "5. The price changes during negotiation: a new version, nothing overwritten"
run version "$contract" --set amount.value:=1250000 --set "quality=原厂全新正品，质保三年" --comment "谈判后调价"
run history "$contract"
run diff "$contract" 1 2

step "6. Review and approval: the contract is major (over ¥1,000,000), so legal and finance co-review it"
run transition "$contract" submit
DOSSIER_USER=李经理 run pending
DOSSIER_USER=李经理 run transition "$contract" approve --comment "条款齐全"
echo "A clerk may not approve; the refusal says why and what is allowed:"
run transition "$contract" approve || true
DOSSIER_USER=王律师 run transition "$contract" approve --comment "违约条款合规"
DOSSIER_USER=赵会计 run transition "$contract" approve --comment "付款节点与预算一致"
DOSSIER_USER=陈总 run transition "$contract" approve
run transition "$contract" sign --set signing_date=2026-02-20 --set signatory_ours=陈明 \
  --set signatory_theirs=刘强 --set seal=合同专用章
echo "Signed: its content is frozen; a change now needs an amendment agreement:"
run version "$contract" --set quantity=20台 || true
run distribute "$contract" --to 财务部 --to 项目部 --note 纸质副本
run transition "$contract" start-performance

step "7. Minutes of the progress meeting, with resolutions, owners and due dates"
minutes=$("$dossier" add meeting-minutes --title "服务器采购项目四月例会纪要" --meta "$here/minutes-april.json" --json \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["number"])')
echo "registered $minutes"
run link "$minutes" --minutes-of "$contract"
DOSSIER_USER=李经理 run transition "$minutes" approve
run transition "$minutes" distribute
run resolutions

step "8. A written amendment agreement, linked to the contract it amends"
sed "s/HT-[0-9]*-SW-0001/$contract/" "$here/amendment-delivery.json" > "$repo.amendment.json"
amendment=$("$dossier" add amendment --title "服务器采购合同补充协议（一）" --meta "$repo.amendment.json" --json \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["number"])')
rm -f "$repo.amendment.json"
run link "$amendment" --amends "$contract"
run transition "$amendment" submit
DOSSIER_USER=李经理 run transition "$amendment" approve
DOSSIER_USER=陈总 run transition "$amendment" approve
run show "$contract"

step "9. Confidential material is shown only to those allowed"
export DOSSIER_USER=李经理
run add generic --title "报价底线（内部掌握）" --confidentiality 秘密 --set department=商务部
echo "张三 (clearance 内部) lists the documents and does not see it:"
DOSSIER_USER=张三 run list

step "10. Performance ends; the contract's whole file is archived under one 档号"
echo "Acceptance and payment are recorded as performance records of the contract:"
record=$(DOSSIER_USER=张三 "$dossier" add performance-record --title "服务器到货验收及付款" --set "contract_number=$contract" \
  --set date=2026-09-28 --set event=payment --set amount.value:=1250000 --set amount.currency=CNY \
  --set progress_percent:=100 --set department=商务部 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["number"])')
DOSSIER_USER=张三 run link "$record" --attaches-to "$contract"
DOSSIER_USER=李经理 run transition "$contract" complete
export DOSSIER_USER=档案员
run file "$contract" || true
echo "The approval form is missing; the clerk registers and attaches it:"
form=$(DOSSIER_USER=张三 "$dossier" add approval-form --title "服务器采购合同审批表" --set "contract_number=$contract" \
  --set department=商务部 --set date=2026-02-18 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["number"])')
DOSSIER_USER=张三 run link "$form" --attaches-to "$contract"
run file "$contract"
run archive "$contract"
run archive "$minutes"

step "11. The contract ledger (合同台账) and its statistics"
run ledger
run ledger --by quarter

step "12. PDF: the contract text, its file's catalogue and the ledger (PDF/A, Chinese fonts embedded as subsets)"
run render "$contract" -o "$repo/$contract.pdf"
run render "$contract" --template archive-catalogue -o "$repo/$contract-catalogue.pdf"
run render --template ledger --by quarter -o "$repo/ledger.pdf"

step "13. Search: Chinese full text, traditional and simplified alike, only what the user may see"
run search 违约金
run search 例會紀要

step "14. Export: the ledger to Excel, the list to CSV, this year's archive as a BagIt package; import it elsewhere"
mkdir -p "$repo/exports"
DOSSIER_USER=档案员 run export xlsx --table ledger -o "$repo/exports/合同台账.xlsx"
DOSSIER_USER=档案员 run export csv -o "$repo/exports/文件清单.csv"
DOSSIER_USER=档案员 run export bagit --archived-in "$(date -u +%Y)" -o "$repo/exports/归档.tar.gz"
run keys export -o "$repo/exports/signing-key.pub"
run init "$repo-copy"
# The copy trusts what this repository signs: an altered package is refused.
DOSSIER_REPO="$repo-copy" DOSSIER_USER=admin run trust add "$repo/exports/signing-key.pub" --label 总部档案库
DOSSIER_REPO="$repo-copy" DOSSIER_USER=admin run import "$repo/exports/归档.tar.gz"
DOSSIER_REPO="$repo-copy" DOSSIER_USER=admin run verify

step "15. Retention: disposition dates, a hold on a counterparty in dispute, the daily disposal schedule"
run retention show "$contract"
run retention show "$minutes"
DOSSIER_USER=王律师 run hold place --counterparty 北京华信 --reason "合同纠纷诉讼中" --authority "法务部"
DOSSIER_USER=王律师 run hold list
run retention due --within 36500
run disposal schedule

step "16. The archivist verifies the whole repository: blobs, versions, audit chain, numbering, metadata"
run verify
run numbers check
run audit "$contract"

cat <<DONE

Done. The repository is in $repo. Try, for example:
  export DOSSIER_REPO=$repo DOSSIER_USER=张三
  $dossier list
  $dossier show $contract --json
  $dossier get $contract -o /tmp/contract-files
DONE
