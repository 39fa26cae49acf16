#!/usr/bin/env bash
# The error rules of DEVELOPERS.md that the compiler cannot check by itself, over the
# production modules (not tests/, bench/, fuzz/):
#  1. every function declared to return Status, Result<T>, std::expected<...> (or one of the
#     former error aliases) is [[nodiscard]], so dropping its error does not compile (-Werror);
#  2. nothing is dropped with a `(void)` cast: a deliberate drop is `ignore_error(r, "why")`
#     (domain/error.h), which says why and is the one thing to grep for.
# Prints each violation as file:line and exits 1 if there is any.
set -uo pipefail
root=${1:-$(dirname "$0")/../..}
cd "$root" || exit 2

dirs=(domain codec eventstore engine projections simulator connectors server app testing)
existing=()
for d in "${dirs[@]}"; do [ -d "$d" ] && existing+=("$d"); done
status=0

# 1. A declaration line: optional specifiers, a fallible return type, a name and '('.
fallible='^\s*((static|virtual|inline|friend|constexpr|explicit)\s+)*(Status|Result<.*>|std::expected<.*>|(eventstore|connectors|projections|codec)::(Status|Result<.*>))\s+[A-Za-z_][A-Za-z0-9_:]*\s*\('
while IFS= read -r hit; do
  file=${hit%%:*}
  rest=${hit#*:}
  line=${rest%%:*}
  prev=""
  ((line > 1)) && prev=$(sed -n "$((line - 1))p" "$file")
  case "$prev" in *"[[nodiscard]]"*) continue ;; esac
  echo "$file:$line: fallible declaration without [[nodiscard]]"
  status=1
done < <(grep -rnE --include='*.h' "$fallible" "${existing[@]}" | grep -v '\[\[nodiscard\]\]')

# 1b. The same for a .cpp's own functions (unqualified, and no header of its module declares
#     the name; a member's definition has the attribute of its declaration).
while IFS= read -r hit; do
  file=${hit%%:*}
  name=$(echo "$hit" | sed -E 's/.*[[:space:]]([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*\(.*/\1/')
  grep -rqE --include='*.h' "\b$name\s*\(" "${file%%/*}" && continue
  echo "$file:$(echo "$hit" | cut -d: -f2): fallible function without [[nodiscard]]"
  status=1
done < <(grep -rnE --include='*.cpp' "${fallible/A-Za-z0-9_:/A-Za-z0-9_}" "${existing[@]}" |
         grep -v '\[\[nodiscard\]\]')

# 2. No (void) casts: ignore_error(result, "why") instead.
while IFS= read -r hit; do
  echo "${hit%%:*}:$(echo "$hit" | cut -d: -f2): (void) cast: use ignore_error(result, \"why\")"
  status=1
done < <(grep -rnE --include='*.h' --include='*.cpp' '(\(void\)|static_cast<void>\()\s*[A-Za-z_:]' "${existing[@]}")

exit $status
