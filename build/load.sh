#!/usr/bin/env bash
# Load benchmark (issue #9; not part of the test run): the project's Release host against a bare reference server
# (tests/VoipProviders.LoadTests --reference-server) over the same PostgreSQL rows and the same Twilio emulator, each
# in a process of its own on loopback Kestrel. GET, list, PATCH auth-token and verify are driven by a fixed number of
# clients for a fixed time, project and reference alternating round by round; prints req/s, p50, p99 and the status
# mix per endpoint and server, the ratios, each target as met/MISSED, and exits 1 if one is missed (--no-fail: 0).
# Takes about 11 minutes with the defaults; --smoke (or VOIPPROVIDERS_LOAD_SMOKE=1) is a short check that it works.
# Options: --help, e.g. build/load.sh --endpoints get,patch --rounds 5 --latency-ms 50.
#
# PostgreSQL: $VOIPPROVIDERS_LOAD_POSTGRES if set, else a throwaway cluster from the machine's binaries.
# The project's host: $VOIPPROVIDERS_LOAD_WEB_DLL (a built VoipProviders.Web.dll, e.g. of another commit) if set, else
# src/VoipProviders.Web of this work tree, published in Release.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
# shellcheck source=lib/postgres.sh
source build/lib/postgres.sh
unset VP_PG_CONNECTION VP_PG_DATADIR VP_PG_BINDIR
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# Both programs are published to a folder of their own, so builds running meanwhile never change the binaries under test.
out=$(mktemp -d "${TMPDIR:-/tmp}/voipproviders-load.XXXXXX")
cleanup() {
  stop_local_postgres
  rm -rf "$out"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    dotnet run -c Release --project tests/VoipProviders.LoadTests -- --help
    exit 0
  fi
done

web_dll="${VOIPPROVIDERS_LOAD_WEB_DLL:-}"
if [ -z "$web_dll" ]; then
  echo "Publishing the Web host (Release)..." >&2
  dotnet publish src/VoipProviders.Web -c Release -o "$out/web" -nologo -v quiet >/dev/null
  web_dll="$out/web/VoipProviders.Web.dll"
fi
echo "Publishing the load driver (Release)..." >&2
dotnet publish tests/VoipProviders.LoadTests -c Release -o "$out/load" -nologo -v quiet >/dev/null

if [ -z "${VOIPPROVIDERS_LOAD_POSTGRES:-}" ]; then
  start_local_postgres voip_providers_load
  export VOIPPROVIDERS_LOAD_POSTGRES="$VP_PG_CONNECTION"
fi

dotnet "$out/load/VoipProviders.LoadTests.dll" --web-dll "$web_dll" "$@"
