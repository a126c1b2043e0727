#!/usr/bin/env bash
# The TypeScript client (clients/typescript): installs it from its lockfile (npm ci), checks that its generated types
# match docs/openapi/v1.json, lints the document (redocly, recommended rules), then runs its tests (Node's test runner)
# against the real service, which the dev host starts on free loopback ports: the Twilio emulator and the web host over
# PostgreSQL. build/test.sh runs this after the .NET tests.
#
#   build/client-test.sh [--no-build]     (--no-build: the Release build of the solution is already there)
#
# PostgreSQL: $VOIPPROVIDERS_DEV_POSTGRES if set (the database is created by the migrations); else Testcontainers when
# a Docker engine is reachable; else a throwaway cluster from the machine's binaries, removed on exit.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
# shellcheck source=lib/postgres.sh
source build/lib/postgres.sh
unset VP_PG_CONNECTION VP_PG_DATADIR VP_PG_BINDIR
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

build=true
for argument in "$@"; do
  case "$argument" in
    --no-build) build=false ;;
    *) echo "usage: build/client-test.sh [--no-build]" >&2; exit 2 ;;
  esac
done

trap stop_local_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v node >/dev/null && command -v npm >/dev/null || { echo "error: the client's tests need Node.js 20+ and npm on PATH." >&2; exit 1; }

echo "TypeScript client: npm ci, generated types, redocly lint, build..." >&2
(
  cd clients/typescript
  npm ci --no-audit --no-fund --loglevel=error
  npm run --silent check:generated
  npm run --silent lint:openapi 2>&1 | grep -v -E '^\s*(║|╔|╚)' || { echo "error: redocly lint failed." >&2; exit 1; }
  npm run --silent build
)

if $build; then
  dotnet build build/VoipProviders.DevHost/VoipProviders.DevHost.csproj -c Release -nologo -v quiet -tl:off
fi

if [ -z "${VOIPPROVIDERS_DEV_POSTGRES:-}" ] && ! docker_engine_reachable; then
  echo "No Docker engine reachable; starting a throwaway PostgreSQL from the machine's binaries..." >&2
  start_local_postgres voip_providers_client
  export VOIPPROVIDERS_DEV_POSTGRES="$VP_PG_CONNECTION"
fi

api_port=$(_free_port)
emulator_port=$(_free_port)
while [ "$emulator_port" = "$api_port" ]; do emulator_port=$(_free_port); done

echo "TypeScript client tests against the service (API 127.0.0.1:$api_port, emulator 127.0.0.1:$emulator_port):" >&2
dotnet build/VoipProviders.DevHost/bin/Release/net10.0/VoipProviders.DevHost.dll --api-port "$api_port" --emulator-port "$emulator_port" \
  -- node --test --test-reporter=spec clients/typescript/dist/test/
