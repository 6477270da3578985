#!/usr/bin/env bash
# identity.sh OLD NEW: bind every library of the corpus list with two ferry
# binaries and report any difference in output or diagnostics. Used to show
# that a front-end performance change leaves ferry's output unchanged.
#   go build -o /tmp/ferry.old ./cmd/ferry   # before the change
#   go build -o /tmp/ferry.new ./cmd/ferry   # after
#   bench/identity.sh /tmp/ferry.old /tmp/ferry.new
set -u
old=$1 new=$2
list=${3:-$(dirname "$0")/../internal/bind/testdata/corpus/libs.txt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
same=0 diff=0 skip=0
while read -r name link rest; do
  case $name in ''|'#'*) continue;; esac
  args=() cflags=() after=0 missing=0
  case $link in pkg:*) args+=(--pkg-config "${link#pkg:}");; esac
  for w in $rest; do
    if [ $after = 1 ]; then cflags+=("$w"); continue; fi
    case $w in
      --) after=1;;
      wrap:*)
        : > "$tmp/$name-wrap.h"
        IFS=, read -ra inc <<< "${w#wrap:}"
        for i in "${inc[@]}"; do
          case $i in '<'*) echo "#include $i";; *) echo "#include <$i>";; esac >> "$tmp/$name-wrap.h"
        done
        args+=("$tmp/$name-wrap.h");;
      *) [ -e "$w" ] || missing=1; args+=("$w");;
    esac
  done
  if [ $missing = 1 ]; then skip=$((skip+1)); continue; fi
  [ ${#cflags[@]} -gt 0 ] && args+=(-- "${cflags[@]}")
  "$old" bind --no-cache "${args[@]}" > "$tmp/old.rs" 2> "$tmp/old.err"; oc=$?
  "$new" bind --no-cache "${args[@]}" > "$tmp/new.rs" 2> "$tmp/new.err"; nc=$?
  if [ $oc = $nc ] && cmp -s "$tmp/old.rs" "$tmp/new.rs" && cmp -s "$tmp/old.err" "$tmp/new.err"; then
    same=$((same+1))
  else
    diff=$((diff+1))
    echo "DIFF $name (exit $oc vs $nc)"
    diff "$tmp/old.err" "$tmp/new.err" | head -5
    diff "$tmp/old.rs" "$tmp/new.rs" | head -10
  fi
done < "$list"
echo "identity: $same same, $diff different, $skip not installed"
[ $diff = 0 ]
