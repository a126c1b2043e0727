#!/usr/bin/env bash
# Runs every test in the solution (Release) and prints the runner's per-assembly summary and the totals; then, on a full
# run, the TypeScript client's checks and tests against the real service (build/client-test.sh, Node's summary).
# Extra arguments go to `dotnet test` and leave the client out, e.g. build/test.sh --filter "FullyQualifiedName~Integration".
# VOIPPROVIDERS_SKIP_CLIENT_TESTS=1 leaves the client out of a full run.
#
# PostgreSQL for the integration tests: $VOIPPROVIDERS_TEST_POSTGRES if set; else Testcontainers when a Docker engine
# is reachable; else a throwaway cluster from the machine's binaries through build/lib/postgres.sh (installs Debian's
# postgresql package if missing), removed on exit.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
# shellcheck source=lib/postgres.sh
source build/lib/postgres.sh
unset VP_PG_CONNECTION VP_PG_DATADIR VP_PG_BINDIR
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

log=$(mktemp "${TMPDIR:-/tmp}/voipproviders-test.XXXXXX")
cleanup() {
  if [ -n "${client_pid:-}" ]; then kill "$client_pid" 2>/dev/null || true; fi
  stop_local_postgres
  rm -f "$log" "$log.client"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${VOIPPROVIDERS_TEST_POSTGRES:-}" ]; then
  if docker_engine_reachable; then
    echo "Docker engine reachable: the integration tests start PostgreSQL with Testcontainers." >&2
  else
    echo "No Docker engine reachable; starting a throwaway PostgreSQL from the machine's binaries..." >&2
    start_local_postgres voip_providers_tests
    export VOIPPROVIDERS_TEST_POSTGRES="$VP_PG_CONNECTION"
  fi
fi

status=0
client_status=0
client_pid=""
client_log="$log.client"
if [ "$#" -eq 0 ] && [ -z "${VOIPPROVIDERS_SKIP_CLIENT_TESTS:-}" ]; then
  # A full run builds first, then runs the TypeScript client's checks and tests (build/client-test.sh) while the .NET
  # tests run: they spend most of their time waiting on the service, and the two together fit CI's budget.
  dotnet build VoipProviders.sln -c Release -nologo -tl:off -v quiet 2>&1 | tee "$log" || status=$?
  if [ "$status" -eq 0 ]; then
    # The same PostgreSQL server when it is this run's throwaway one, in a database of the client's own.
    client_postgres=""
    if [ -n "${VP_PG_CONNECTION:-}" ]; then
      client_postgres="${VP_PG_CONNECTION/Database=voip_providers_tests/Database=voip_providers_client}"
    fi
    VOIPPROVIDERS_DEV_POSTGRES="$client_postgres" bash build/client-test.sh --no-build >"$client_log" 2>&1 &
    client_pid=$!
    dotnet test VoipProviders.sln -c Release --no-build -nologo -tl:off 2>&1 | tee "$log" || status=$?
  fi
else
  dotnet test VoipProviders.sln -c Release -nologo -tl:off "$@" 2>&1 | tee "$log" || status=$?
fi

# VSTest prints one line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, Duration: ... - X.dll (net10.0)".
summary=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^[[:space:]]*(Passed|Failed)!' || true)
echo
echo "Test summary:"
if [ -n "$summary" ]; then echo "$summary"; else echo "  (no test assembly reported a result)"; fi
totals=$(printf '%s\n' "$summary" | awk '
  { for (i = 1; i <= NF; i++) { key = $i; sub(/:$/, "", key); val = $(i + 1); sub(/,$/, "", val)
      if (key == "Failed") f += val; else if (key == "Passed") p += val; else if (key == "Skipped") s += val } }
  END { printf "%d %d %d", p, f, s }')
read -r passed failed skipped <<<"$totals"
echo "Total: $passed passed, $failed failed, $skipped skipped"

if [ -n "$client_pid" ]; then
  wait "$client_pid" || client_status=$?
  echo
  echo "TypeScript client (build/client-test.sh):"
  cat "$client_log"
  if [ "$client_status" -ne 0 ]; then echo "The TypeScript client's checks or tests failed (exit code $client_status)." >&2; fi
fi

if [ "$status" -ne 0 ]; then
  echo "dotnet test failed (exit code $status)." >&2
  exit "$status"
fi
if [ "$failed" -ne 0 ]; then
  echo "$failed test(s) failed." >&2
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
if [ "$client_status" -ne 0 ]; then
  exit "$client_status"
fi
