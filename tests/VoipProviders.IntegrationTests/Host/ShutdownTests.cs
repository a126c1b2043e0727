using System.Diagnostics;
using Npgsql;
using VoipProviders.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>
/// On SIGTERM the host exits within <c>HostOptions:ShutdownTimeout</c> whatever PostgreSQL does: a rolling deploy during
/// a database outage must not wait out every grace period. A real process (the built host), its own database (so that
/// its scheduler is not a member of the shared cluster) behind a relay the test cuts like a lost network.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ShutdownTests(IntegrationFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    /// <summary>What the process may take beyond the timeout to finish exiting, on a loaded machine.</summary>
    private static readonly TimeSpan ExitMargin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task With_the_database_unreachable_SIGTERM_stops_the_host_within_its_shutdown_timeout()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // SIGTERM is sent with kill(1); CI runs on Linux.
        }

        var elapsed = Stopwatch.StartNew();
        await using var database = await ScratchDatabase.CreateAsync(fixture.ConnectionString, "shutdown");
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = CuttableTcpProxy.Start(target.Host!, target.Port);
        var throughRelay = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port };

        await using var host = WebHostProcess.Start("Testing", HostArguments(throughRelay.ConnectionString));
        await host.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(60));
        output.WriteLine($"The host started after {elapsed.Elapsed.TotalSeconds:0.0} s.");

        relay.Cut();
        // The scheduler polls the database every second and the event dispatcher five times a second: one of them is
        // now waiting for an answer that will not come.
        await WaitUntilStalledAsync(relay, host);

        var stopping = Stopwatch.StartNew();
        await host.TerminateAsync();
        var exited = await host.WaitForExitAsync(ShutdownTimeout + ExitMargin);
        output.WriteLine($"SIGTERM at {elapsed.Elapsed.TotalSeconds - stopping.Elapsed.TotalSeconds:0.0} s; exited {stopping.Elapsed.TotalSeconds:0.0} s later.");

        exited.Should().BeTrue(
            $"the host must exit within its shutdown timeout ({ShutdownTimeout.TotalSeconds:0} s, plus {ExitMargin.TotalSeconds:0} s to exit); " +
            $"it still ran after {stopping.Elapsed.TotalSeconds:0.0} s. Its output:\n{host.Output}");
        host.ExitCode.Should().Be(0, $"a stop is not a crash. Its output:\n{host.Output}");
    }

    [Fact]
    public async Task With_the_database_unreachable_from_the_start_SIGTERM_stops_the_starting_host_within_its_shutdown_timeout()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // The database is never reached: the relay is cut before the host starts.
        var target = new NpgsqlConnectionStringBuilder(fixture.ConnectionString);
        await using var relay = CuttableTcpProxy.Start(target.Host!, target.Port);
        relay.Cut();
        var throughRelay = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Host = "127.0.0.1", Port = relay.Port };

        // As in production: no migrations at start, so the first to wait for the database is the key ring's load.
        await using var host = WebHostProcess.Start("Testing", [.. HostArguments(throughRelay.ConnectionString), "--Database:MigrateOnStartup=false"]);
        await WaitUntilStalledAsync(relay, host);

        var stopping = Stopwatch.StartNew();
        await host.TerminateAsync();
        var exited = await host.WaitForExitAsync(ShutdownTimeout + ExitMargin);
        output.WriteLine($"Exited {stopping.Elapsed.TotalSeconds:0.0} s after SIGTERM.");

        exited.Should().BeTrue($"a starting host stops on SIGTERM too; it still ran after {stopping.Elapsed.TotalSeconds:0.0} s. Its output:\n{host.Output}");
        host.ExitCode.Should().Be(0, $"a stop while starting is not a crash. Its output:\n{host.Output}");
    }

    private static async Task WaitUntilStalledAsync(CuttableTcpProxy relay, WebHostProcess host)
    {
        var exited = host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        if (await Task.WhenAny(relay.Stalled, exited) != relay.Stalled)
        {
            throw new Xunit.Sdk.XunitException(
                $"The host {(await exited ? $"exited with {host.ExitCode}" : "sent nothing to the database for 60 s")} instead of waiting for it. Its output:\n{host.Output}");
        }
    }

    private IEnumerable<string> HostArguments(string connectionString)
    {
        var emulator = fixture.EmulatorBaseAddress.ToString().TrimEnd('/');
        return
        [
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:VoipProviders={connectionString}",
            "--Database:MigrateOnStartup=true",
            "--DataProtection:AllowUnprotectedKeys=true",
            $"--Auth:Issuer={VoipProvidersApiFactory.Issuer}",
            $"--Auth:Audience={VoipProvidersApiFactory.Audience}",
            $"--Auth:SigningKey={VoipProvidersApiFactory.SigningKey}",
            "--Twilio:AllowInsecureBaseUrls=true",
            $"--Twilio:BaseUrls:api={emulator}",
            $"--Twilio:BaseUrls:trunking={emulator}",
            $"--Twilio:BaseUrls:accounts={emulator}",
            $"--Sip:Origination:Uris:0:Uri={VoipProvidersApiFactory.OriginationUri}",
            "--BackgroundJobs:IdleWaitTime=00:00:01",
            "--BackgroundJobs:ClusterCheckinInterval=00:00:02",
            $"--HostOptions:ShutdownTimeout={ShutdownTimeout}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        ];
    }
}
