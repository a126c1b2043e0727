using System.Globalization;

namespace VoipProviders.DevHost;

/// <summary>A loopback port the dev host listens on (or has the web host listen on), and how to move it.</summary>
internal sealed record PortSetting(string Purpose, string Option, string Variable, int Port)
{
    public string HowToChange => $"{Option} N or {Variable}=N";
}

/// <summary>
/// Ports from <c>--api-port N</c> and <c>--emulator-port N</c>, else from
/// <c>VOIPPROVIDERS_DEV_API_PORT</c> and <c>VOIPPROVIDERS_DEV_EMULATOR_PORT</c>, else 5080 and 5081; the PostgreSQL connection string handed over in <see cref="PostgresVariable"/>;
/// and, after <c>--</c>, a command to run against the started service instead of waiting for Ctrl+C.
/// </summary>
internal sealed record DevHostOptions(PortSetting Api, PortSetting Emulator, string? PostgresConnectionString, IReadOnlyList<string> Command)
{
    public const string PostgresVariable = "VOIPPROVIDERS_DEV_POSTGRES";

    private const string Usage =
        "usage: build/run.sh [--api-port N] [--emulator-port N] [-- command args...] (or VOIPPROVIDERS_DEV_API_PORT, VOIPPROVIDERS_DEV_EMULATOR_PORT)";

    private static readonly PortSetting[] Defaults =
    [
        new("API", "--api-port", "VOIPPROVIDERS_DEV_API_PORT", 5080),
        new("Twilio emulator", "--emulator-port", "VOIPPROVIDERS_DEV_EMULATOR_PORT", 5081),
    ];

    public IReadOnlyList<PortSetting> Ports => [Api, Emulator];

    public static DevHostOptions Parse(IReadOnlyList<string> args, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var command = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--")
            {
                command.AddRange(args.Skip(i + 1));
                if (command.Count == 0)
                {
                    throw new DevHostException($"'--' must be followed by a command. {Usage}");
                }

                break;
            }

            var parts = args[i].Split('=', 2);
            var option = parts[0];
            if (!Array.Exists(Defaults, p => p.Option == option))
            {
                throw new DevHostException($"Unknown argument '{args[i]}'. {Usage}");
            }

            given[option] = parts.Length == 2 ? parts[1]
                : i + 1 < args.Count ? args[++i]
                : throw new DevHostException($"{option} needs a port number. {Usage}");
        }

        var ports = Array.ConvertAll(Defaults, p => p with { Port = ParsePort(given.GetValueOrDefault(p.Option) ?? getEnvironmentVariable(p.Variable), p) });
        if (ports.DistinctBy(p => p.Port).Count() != ports.Length)
        {
            throw new DevHostException($"The API and emulator ports must differ (got {string.Join(", ", ports.Select(p => p.Port))}).");
        }

        var postgres = getEnvironmentVariable(PostgresVariable);
        return new DevHostOptions(ports[0], ports[1], string.IsNullOrWhiteSpace(postgres) ? null : postgres, command);
    }

    private static int ParsePort(string? value, PortSetting setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return setting.Port;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new DevHostException($"'{value}' ({setting.Option} / {setting.Variable}) is not a TCP port number.");
    }
}
