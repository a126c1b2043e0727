#!/usr/bin/env bash
# Runs every test in the solution (Release) and prints the runner's per-assembly summary and the totals; on a full run
# also the TypeScript client's checks and tests against the real service (build/client-test.sh, Node's summary), and
# the integration tests in two test processes side by side (see below).
# Extra arguments go to `dotnet test` in one process and leave the client out, e.g.
# build/test.sh --filter "FullyQualifiedName~Integration". VOIPPROVIDERS_SKIP_CLIENT_TESTS=1 leaves the client out of a full run.
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
  if [ -n "${shard_pid:-}" ]; then kill "$shard_pid" 2>/dev/null || true; fi
  stop_local_postgres
  rm -f "$log" "$log.client" "$log.shard"
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

# The connection string $1 with its database set to $2 (the server's PostgreSQL creates it through the migrations).
# Empty stays empty: the test process or dev host then starts PostgreSQL itself (Testcontainers or the machine's binaries).
with_database() {
  if [ -z "$1" ]; then
    return 0
  elif printf '%s' "$1" | grep -qiE '(^|;)[[:space:]]*database='; then
    printf '%s' "$1" | sed -E "s/(^|;)[[:space:]]*database=[^;]*/\1Database=$2/I"
  else
    printf '%s;Database=%s' "$1" "$2"
  fi
}

status=0
client_status=0
client_pid=""
client_log="$log.client"
shard_pid=""
shard_log="$log.shard"
if [ "$#" -eq 0 ]; then
  # A full run builds once, then runs three things side by side, since the integration tests spend most of their time
  # waiting on the service, not on the CPU: the solution's tests without the Twilio-provider integration tests; those
  # (the largest namespace) in a second test process on a database of their own; and the TypeScript client's checks
  # and tests (build/client-test.sh) on a third. Each process has its own host, emulator and database, as one always did.
  dotnet build VoipProviders.sln -c Release -nologo -tl:off -v quiet 2>&1 | tee "$log" || status=$?
  if [ "$status" -eq 0 ]; then
    if [ -z "${VOIPPROVIDERS_SKIP_CLIENT_TESTS:-}" ]; then
      VOIPPROVIDERS_DEV_POSTGRES="$(with_database "${VOIPPROVIDERS_TEST_POSTGRES:-}" voip_providers_client)" \
        bash build/client-test.sh --no-build >"$client_log" 2>&1 &
      client_pid=$!
    fi

    shard_namespace="VoipProviders.IntegrationTests.TwilioProviders."
    VOIPPROVIDERS_TEST_POSTGRES="$(with_database "${VOIPPROVIDERS_TEST_POSTGRES:-}" voip_providers_tests_twilio_providers)" \
      dotnet test tests/VoipProviders.IntegrationTests/VoipProviders.IntegrationTests.csproj \
      -c Release --no-build -nologo -tl:off --filter "FullyQualifiedName~$shard_namespace" >"$shard_log" 2>&1 &
    shard_pid=$!
    dotnet test VoipProviders.sln -c Release --no-build -nologo -tl:off --filter "FullyQualifiedName!~$shard_namespace" \
      2>&1 | tee "$log" || status=$?
    shard_status=0
    wait "$shard_pid" || shard_status=$?
    shard_pid=""
    echo
    echo "Integration tests of VoipProviders.IntegrationTests.TwilioProviders (second test process):"
    cat "$shard_log"
    cat "$shard_log" >>"$log"
    if [ "$shard_status" -ne 0 ] && [ "$status" -eq 0 ]; then status=$shard_status; fi
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
