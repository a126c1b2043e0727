using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>Starts a replica that must refuse to start (a bad setting) and returns why it refused.</summary>
internal static class HostStart
{
    private const int Attempts = 5;

    public static string FailureOf(IntegrationFixture fixture, IReadOnlyDictionary<string, string> settings)
    {
        var all = new Dictionary<string, string>(settings) { ["BackgroundJobs:Enabled"] = "false" };
        var failure = string.Empty;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            using var factory = new VoipProvidersApiFactory(fixture.ConnectionString, fixture.EmulatorBaseAddress, all);
            factory.UseKestrel(0);
            try
            {
                factory.StartServer();
            }
            catch (ObjectDisposedException exception)
            {
                // WebApplicationFactory sometimes loses the race with a host whose start failed: it then reports the
                // disposed container instead of the start-up failure. Start again to see the real reason.
                failure = exception.ToString();
                continue;
            }
            catch (Exception exception)
            {
                return exception.ToString();
            }

            throw new Xunit.Sdk.XunitException("The host started, but it should have refused to.");
        }

        return failure;
    }
}
