using Microsoft.Extensions.DependencyInjection;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>
/// Starts a replica that must refuse to start (a bad setting) and returns why it refused. The host checks every setting
/// right after it is built, before it starts (Program.cs): the refusal is the exception the entry point ends with, never
/// the disposed container of a host whose failed start was cleaned up under the test, so one attempt tells.
/// </summary>
internal static class HostStart
{
    public static Exception RefusalOf(
        IntegrationFixture fixture,
        IReadOnlyDictionary<string, string> settings,
        Action<IServiceCollection>? testServices = null)
    {
        var all = new Dictionary<string, string>(settings) { ["BackgroundJobs:Enabled"] = "false" };
        using var factory = new VoipProvidersApiFactory(fixture.ConnectionString, fixture.EmulatorBaseAddress, all, testServices);
        factory.UseKestrel(0);
        try
        {
            factory.StartServer();
        }
        catch (Exception exception)
        {
            exception.Should().NotBeOfType<ObjectDisposedException>("the host must report why it refused to start: {0}", exception);
            return exception;
        }

        throw new Xunit.Sdk.XunitException("The host started, but it should have refused to.");
    }

    public static string FailureOf(IntegrationFixture fixture, IReadOnlyDictionary<string, string> settings) =>
        RefusalOf(fixture, settings).ToString();
}
