#!/usr/bin/env bash
# Fuzzes every marketplace adapter's `interpret`, the feed adapter and the catalog CSV parser with
# libFuzzer + AddressSanitizer, seeded with the test fixtures (docs/0013-fuzzing.md).
#
# Usage: Fuzz/run.sh [RUNS] [TARGET ...]
#   RUNS     executions per target (default 20000)
#   TARGET   any of: tiki lazada shopee sendo tiktokshop website feed catalog catalog-rows (default all)
# Environment:
#   FUZZ_OUT           build and work folder (default <repo>/.build-fuzz)
#   FUZZ_MAX_TIME      optional cap in seconds per target (libFuzzer -max_total_time)
#   FUZZ_SEED          fixed libFuzzer seed, for a reproducible run (default: random; see "Seed:" in the log)
#   CSV_SOURCES        the yaslab CSV.swift Sources folder (default .build/checkouts/CSV.swift/Sources)
#   SHARED_FIXTURES    extra seed fixtures (default <repo>/../shared/research/fixtures, when present)
#   SWIFTC, SWIFT      the compiler and the package manager (default swiftc, swift)
#
# Exits 0 when every target ran its RUNS without a crash, a timeout (-timeout=5 s per input) or an
# out-of-memory (-rss_limit_mb=2048); otherwise 1, with the offending input kept under
# <FUZZ_OUT>/crashes/. Reproduce one with: <FUZZ_OUT>/bin/<target> <FUZZ_OUT>/crashes/<file>
set -euo pipefail

runs=${1:-20000}
shift || true
[[ $runs =~ ^[0-9]+$ ]] || { echo "usage: Fuzz/run.sh [RUNS] [TARGET ...]" >&2; exit 2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fuzz=$root/Fuzz
out=${FUZZ_OUT:-$root/.build-fuzz}
csv_sources=${CSV_SOURCES:-$root/.build/checkouts/CSV.swift/Sources}
shared_fixtures=${SHARED_FIXTURES:-$root/../shared/research/fixtures}
swiftc=${SWIFTC:-swiftc}

all_targets=(tiki lazada shopee sendo tiktokshop website feed catalog catalog-rows)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")

# --- what each target is made of ------------------------------------------------------------------

# The adapter module a target fuzzes, its harness folder, and the test fixtures that seed it.
adapter_name() {
    case $1 in
    tiki) echo Tiki ;; lazada) echo Lazada ;; shopee) echo Shopee ;; sendo) echo Sendo ;;
    tiktokshop) echo TikTokShop ;; website) echo Website ;; feed) echo Feed ;;
    catalog) echo Catalog ;; catalog-rows) echo CatalogRows ;;
    *) echo "unknown target: $1 (expected one of: ${all_targets[*]})" >&2; return 1 ;;
    esac
}

# The folder of research/fixtures that also holds this marketplace's responses.
shared_name() {
    case $1 in
    tiki | lazada | shopee | sendo) echo "$1" ;; tiktokshop) echo tiktok ;; *) echo "" ;;
    esac
}

# --- building ---------------------------------------------------------------------------------------

# One package name for every module, as SwiftPM gives: `package` declarations cross modules.
# shellcheck disable=SC2054 # the comma belongs to the flag
common_flags=(-sanitize=fuzzer,address -parse-as-library -O -g -module-cache-path "$out/module-cache" -package-name ocop_watch)
project_flags=(-swift-version 6 -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility)

# Is $1 missing or older than any of the remaining files/folders' Swift sources?
stale() {
    local product=$1
    shift
    [[ -e $product ]] || return 0
    [[ -n $(find "$@" \( -name '*.swift' -o -name '*.o' \) -newer "$product" -print -quit) ]]
}

# build_module NAME "FLAGS" DEPENDENCY_OBJECTS... -- SOURCE_FOLDERS...
# Compiles one module, instrumented, into $out/obj/NAME.o and $out/modules/NAME.swiftmodule.
build_module() {
    local name=$1 flags=$2
    shift 2
    local deps=()
    while [[ $1 != -- ]]; do deps+=("$1"); shift; done
    shift
    local object=$out/obj/$name.o
    stale "$object" "$@" ${deps[@]+"${deps[@]}"} || return 0
    echo "build  module $name"
    local sources
    mapfile -t sources < <(find "$@" -name '*.swift' | sort)
    # shellcheck disable=SC2086 # $flags is a list of flags
    "$swiftc" "${common_flags[@]}" $flags -module-name "$name" -I "$out/modules" -wmo \
        -emit-module -emit-module-path "$out/modules/$name.swiftmodule" \
        -c "${sources[@]}" -o "$object"
}

# Builds the module(s) a target fuzzes and links its harness into $out/bin/TARGET.
build_target() {
    local target=$1 name objects support
    name=$(adapter_name "$target")
    build_module OCOPCore "${project_flags[*]}" -- "$root/Sources/OCOPCore"
    objects=("$out/obj/OCOPCore.o")
    case $target in
    catalog | catalog-rows)
        build_module CSV "-swift-version 5" -- "$csv_sources"
        build_module OCOPCatalog "${project_flags[*]}" "$out/obj/OCOPCore.o" "$out/obj/CSV.o" -- \
            "$root/Sources/OCOPCatalog"
        objects+=("$out/obj/CSV.o" "$out/obj/OCOPCatalog.o")
        support=("$fuzz/Sources/CatalogSupport")
        ;;
    *)
        build_module "${name}Adapter" "${project_flags[*]}" "$out/obj/OCOPCore.o" -- "$root/Adapters/$name"
        objects+=("$out/obj/${name}Adapter.o")
        support=()
        [[ $target == feed ]] || support=("$fuzz/Sources/PageSupport")
        ;;
    esac
    local binary=$out/bin/$target
    local harness=("$fuzz/Sources/Support" ${support[@]+"${support[@]}"} "$fuzz/Sources/$name")
    stale "$binary" "${harness[@]}" "${objects[@]}" || return 0
    echo "build  harness $target"
    local sources
    mapfile -t sources < <(find "${harness[@]}" -name '*.swift' | sort)
    # lld, because gold prints a warning for each of ASan's local symbols it cannot export.
    "$swiftc" "${common_flags[@]}" "${project_flags[@]}" -use-ld=lld -module-name "${name}Fuzz" -I "$out/modules" \
        "${sources[@]}" "${objects[@]}" -o "$binary"
}

# --- seeding ----------------------------------------------------------------------------------------

# seed DIR NAME PREFIX FILE [SKIP_LINES]: writes PREFIX (printf escapes) + FILE (minus its first line
# when SKIP_LINES is 1) as one seed input.
seed() {
    local dir=$1 name=$2 prefix=$3 file=$4 skip=${5:-0}
    {
        printf '%b' "$prefix"
        if [[ $skip == 1 ]]; then tail -n +2 "$file"; else cat "$file"; fi
    } >"$dir/$name"
}

# The catalog harnesses' leading byte for a file named products/producers/listings.csv.
catalog_role() {
    case $(basename "$1") in
    products.csv) echo 1 ;; producers.csv) echo 2 ;; listings.csv) echo 3 ;; *) echo 0 ;;
    esac
}

# Writes $out/seeds/TARGET: every fixture behind the harness's scenario bytes (status 200, the planned
# URL as final URL, the first configuration), so each seed starts as the response the test expects.
make_seeds() {
    local target=$1 name dir file shared
    name=$(adapter_name "$target")
    dir=$out/seeds/$target
    rm -rf "$dir"
    mkdir -p "$dir"
    case $target in
    catalog | catalog-rows)
        while IFS= read -r file; do
            local role key
            role=$(catalog_role "$file")
            key=$(echo "${file#"$root"/Tests/OCOPCatalogTests/Fixtures/}" | tr '/' '_')
            if [[ $target == catalog ]]; then
                seed "$dir" "$key" "\\x0$role\\x00" "$file"
                seed "$dir" "alone_$key" '\x00\x00' "$file"
            elif ((role > 0)); then
                seed "$dir" "$key" "\\x0$((role - 1))\\x00\\x00" "$file" 1
            fi
        done < <(find "$root/Tests/OCOPCatalogTests/Fixtures" -name '*.csv' | sort)
        ;;
    *)
        local folders=("$root/Tests/${name}AdapterTests/Fixtures")
        shared=$(shared_name "$target")
        [[ -n $shared && -d $shared_fixtures/$shared ]] && folders+=("$shared_fixtures/$shared")
        [[ $target == feed && -d $shared_fixtures/tiktok ]] && folders+=("$shared_fixtures/tiktok")
        while IFS= read -r file; do
            [[ $target == feed && $file == "$shared_fixtures"/* && $(basename "$file") != *feed* ]] && continue
            seed "$dir" "$(basename "$(dirname "$(dirname "$file")")")_$(basename "$file")" '\x00\x00\x00' "$file"
        done < <(find "${folders[@]}" -type f | sort)
        ;;
    esac
}

# Writes $out/dict/TARGET: the string literals of the code under test (JSON keys, markers, column
# names), which libFuzzer splices into inputs far faster than it would guess them.
make_dictionary() {
    local target=$1 name folders
    name=$(adapter_name "$target")
    case $target in
    catalog | catalog-rows) folders=("$root/Sources/OCOPCatalog") ;;
    *) folders=("$root/Adapters/$name" "$root/Sources/OCOPCore/Parsing") ;;
    esac
    find "${folders[@]}" -name '*.swift' -exec cat {} + |
        LC_ALL=C perl -ne 'while (/"((?:[^"\\]|\\.)*)"/g) {
            my $text = $1;
            next if $text =~ /\\/ || length($text) < 2 || length($text) > 64;
            $text =~ s/([^\x20-\x7e])/sprintf("\\x%02X", ord($1))/ge;
            print "\"$text\"\n";
        }' | sort -u >"$out/dict/$target"
}

# --- running ----------------------------------------------------------------------------------------

max_len() {
    case $1 in catalog | catalog-rows | feed) echo 65536 ;; *) echo 300000 ;; esac
}

# The value of a libFuzzer "stat::NAME: VALUE" line in LOG, or the fallback.
stat() {
    local value
    value=$(grep -oE "^stat::$2: *[0-9]+" "$1" | tail -1 | grep -oE '[0-9]+$' || true)
    echo "${value:-$3}"
}

if [[ ! -d $csv_sources ]] && printf '%s\n' "${targets[@]}" | grep -q '^catalog'; then
    echo "resolving packages for the CSV.swift sources"
    (cd "$root" && "${SWIFT:-swift}" package resolve)
fi

mkdir -p "$out"/{obj,modules,bin,seeds,corpus,dict,logs,crashes}
for target in "${targets[@]}"; do
    adapter_name "$target" >/dev/null
    build_target "$target"
done

export SWIFT_BACKTRACE=enable=no # libFuzzer and ASan report crashes; Swift's backtracer would hang on them
symbolizer=$(dirname "$(command -v "$swiftc")")/llvm-symbolizer
[[ -x $symbolizer ]] && export ASAN_SYMBOLIZER_PATH=$symbolizer

failed=0
summary=()
for target in "${targets[@]}"; do
    make_seeds "$target"
    make_dictionary "$target"
    mkdir -p "$out/corpus/$target"
    log=$out/logs/$target.log
    options=(-runs="$runs" -max_len="$(max_len "$target")" -rss_limit_mb=2048 -timeout=5 -print_final_stats=1
        -dict="$out/dict/$target" -artifact_prefix="$out/crashes/$target-")
    [[ -n ${FUZZ_MAX_TIME:-} ]] && options+=(-max_total_time="$FUZZ_MAX_TIME")
    [[ -n ${FUZZ_SEED:-} ]] && options+=(-seed="$FUZZ_SEED")
    echo "fuzz   $target: $runs runs (log: ${log#"$root"/})"
    started=$(date +%s%N)
    status=0
    "$out/bin/$target" "${options[@]}" "$out/corpus/$target" "$out/seeds/$target" >"$log" 2>&1 || status=$?
    elapsed_ms=$((($(date +%s%N) - started) / 1000000))

    last=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    executed=$(stat "$log" number_of_executed_units "${last:-0}")
    rate=$((executed * 1000 / (elapsed_ms > 0 ? elapsed_ms : 1)))
    rss=$(stat "$log" peak_rss_mb "?")
    corpus=$(find "$out/corpus/$target" -type f | wc -l)
    if ((status == 0)); then
        result=ok
        ((executed >= runs)) || result="ok (stopped at FUZZ_MAX_TIME)"
    else
        failed=1
        artifact=$(grep -oE 'Test unit written to [^ ]+' "$log" | tail -1 | sed 's/.* //' || true)
        # A Swift trap's reason and the first project frame under it, else the sanitizer's summary.
        kind=$(grep -m1 -oE 'Fatal error: .*' "$log" ||
            grep -m1 -oE 'Swift runtime failure: [^/]*[^/ ]' "$log" ||
            grep -m1 -oE 'ERROR: [A-Za-z]+: [^(]*' "$log" | sed 's/^ERROR: //' || echo "exit status $status")
        frame=$(grep -A3 -m1 'Swift runtime failure' "$log" | grep -oE "$root/[^ ]+\.swift:[0-9]+" | head -1 || true)
        [[ -z $frame ]] || kind="$kind at ${frame#"$root"/}"
        result="FAILED: $kind; input: ${artifact:-none}"
        echo "----- $target: end of $log"
        grep -vE '^#[0-9]+|^INFO:' "$log" | tail -40
        echo "-----"
    fi
    seconds=$(printf '%d.%d' $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100)))
    summary+=("$(printf '%-13s %10s %7s %6s %6s %7ss  %s' \
        "$target" "$executed" "$rate" "$rss" "$corpus" "$seconds" "$result")")
done

echo
printf '%-13s %10s %7s %6s %6s %8s  %s\n' target executions exec/s rss_mb corpus time result
printf '%s\n' "${summary[@]}"
exit $failed
