#!/usr/bin/env bash
# End-to-end performance scenarios (not part of the test run): the Release host, PostgreSQL and the Twilio emulator
# answering every call after a delay (default 100 ms; first argument in ms). The verification sweep scenario always
# uses 200 ms; its provider count (default 10000) and measuring window in seconds (default 180) are the second and
# third arguments. The event-lag scenario (issue #19) renames 1,000 providers open-loop at 200 per second for 30 s
# (after a 5 s warm-up) and times each ProviderUpdated from OccurredAt (and from the response) to a handler in the host.
# Prints each figure against its target and exits 1 if one is missed. Takes about 8 minutes.
# `--only import|list|event-lag|sweep` (repeatable) runs just those, e.g. `build/scenarios.sh --only event-lag`
# (about 2 minutes); VOIPPROVIDERS_SCENARIO_EVENT_LAG_CSV=<file> also writes that scenario's deliveries there.
#
# PostgreSQL: $VOIPPROVIDERS_SCENARIO_POSTGRES if set, else a throwaway cluster from the machine's binaries.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
# shellcheck source=lib/postgres.sh
source build/lib/postgres.sh
unset VP_PG_CONNECTION VP_PG_DATADIR VP_PG_BINDIR
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
trap stop_local_postgres EXIT

if [ -z "${VOIPPROVIDERS_SCENARIO_POSTGRES:-}" ]; then
  start_local_postgres voip_providers_scenarios
  export VOIPPROVIDERS_SCENARIO_POSTGRES="$VP_PG_CONNECTION"
fi

dotnet run -c Release --project tests/VoipProviders.Scenarios -- "$@"
