#!/usr/bin/env bash
# Runs the service locally: a throwaway PostgreSQL, the Twilio emulator with a demo account on http://127.0.0.1:5081,
# and the API on http://127.0.0.1:5080 (migrations applied at start-up); then prints a bearer token, the demo
# account's credentials and curl examples. Ctrl+C stops everything and removes the throwaway database.
#
#   build/run.sh [--api-port N] [--emulator-port N]
#   (or VOIPPROVIDERS_DEV_API_PORT, VOIPPROVIDERS_DEV_EMULATOR_PORT)
#
# PostgreSQL: $VOIPPROVIDERS_DEV_POSTGRES if set; else Testcontainers when a Docker engine is reachable; else the
# machine's PostgreSQL binaries through build/lib/postgres.sh (installs Debian's postgresql package if missing).
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
# shellcheck source=lib/postgres.sh
source build/lib/postgres.sh
unset VP_PG_CONNECTION VP_PG_DATADIR VP_PG_BINDIR
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

devhost_pid=""

stop_devhost() {
  if [ -n "$devhost_pid" ]; then kill -TERM "$devhost_pid" 2>/dev/null || true; fi
}

cleanup() {
  if [ -n "$devhost_pid" ] && kill -0 "$devhost_pid" 2>/dev/null; then
    kill -TERM "$devhost_pid" 2>/dev/null || true
    wait "$devhost_pid" 2>/dev/null || true
  fi
  stop_local_postgres
}
trap cleanup EXIT
# The dev host runs in the background so that these traps fire at once and reach it; it stops the web host itself.
trap stop_devhost INT TERM

echo "Building the dev host and the API..." >&2
if ! build_output=$(dotnet build build/VoipProviders.DevHost/VoipProviders.DevHost.csproj -c Debug -nologo -v quiet -tl:off 2>&1); then
  echo "$build_output" >&2
  exit 1
fi

if [ -z "${VOIPPROVIDERS_DEV_POSTGRES:-}" ] && ! docker_engine_reachable; then
  echo "No Docker engine reachable; starting a throwaway PostgreSQL from the machine's binaries..." >&2
  start_local_postgres voip_providers
  export VOIPPROVIDERS_DEV_POSTGRES="$VP_PG_CONNECTION"
fi

dotnet build/VoipProviders.DevHost/bin/Debug/net10.0/VoipProviders.DevHost.dll "$@" &
devhost_pid=$!
# wait returns early when a trapped signal arrives; keep waiting until the dev host has finished shutting down.
while kill -0 "$devhost_pid" 2>/dev/null; do wait "$devhost_pid" || true; done
status=0
wait "$devhost_pid" || status=$?
devhost_pid=""
exit "$status"
