using System.Diagnostics;
using Microsoft.IdentityModel.JsonWebTokens;
using VoipProviders.Web.Auth;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>ADR-010: <c>dev-token</c> mints tokens only in Development, for at most 24 hours. Runs the real host binary.</summary>
public sealed class DevTokenCommandTests
{
    private const string Key = "dev-token-tests-signing-key-0123456789abcdef";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public async Task Outside_Development_dev_token_refuses_and_prints_no_token(string environment)
    {
        var (exitCode, output, error) = await RunAsync(environment, "--org", "org_x", "--hours", "1");

        exitCode.Should().NotBe(0);
        output.Should().BeEmpty();
        error.Should().Contain("only works in the Development environment").And.Contain(environment);
    }

    [Theory]
    [InlineData("25")]
    [InlineData("720")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("twelve")]
    public async Task In_Development_a_lifetime_outside_1_to_24_hours_is_a_clear_error(string hours)
    {
        var (exitCode, output, error) = await RunAsync("Development", "--org", "org_x", "--hours", hours);

        exitCode.Should().NotBe(0);
        output.Should().BeEmpty();
        error.Should().Contain("--hours must be a whole number from 1 to 24");
    }

    [Fact]
    public async Task In_Development_it_prints_a_token_for_the_organization_that_lives_the_given_hours()
    {
        var (exitCode, output, error) = await RunAsync("Development", "--org", "org_x", "--hours", "24");

        exitCode.Should().Be(0, error);
        var token = new JsonWebToken(output.Trim());
        token.GetClaim("org_id").Value.Should().Be("org_x");
        token.Issuer.Should().Be("dev-token-tests");
        (token.ValidTo - token.IssuedAt).Should().Be(TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task In_Development_service_prints_a_service_token_of_the_internal_api_without_an_organization()
    {
        var (exitCode, output, error) = await RunAsync("Development", "--hours", "2", "--service");

        exitCode.Should().Be(0, error);
        var token = new JsonWebToken(output.Trim());
        token.Audiences.Should().Equal("voip-providers-internal");
        token.GetClaim("scope").Value.Should().Be("voip-providers.sip");
        token.TryGetClaim("org_id", out _).Should().BeFalse("a service token speaks for no organization");
        token.Issuer.Should().Be("dev-token-tests");
        (token.ValidTo - token.IssuedAt).Should().Be(TimeSpan.FromHours(2));
    }

    [Fact]
    public void The_issuer_itself_refuses_lifetimes_over_the_cap()
    {
        var settings = new AuthOptions { Issuer = "i", Audience = "a", SigningKey = Key };

        var tooLong = () => DevTokenIssuer.Issue(settings, "org_x", TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1), TimeProvider.System);
        var none = () => DevTokenIssuer.Issue(settings, "org_x", TimeSpan.Zero, TimeProvider.System);

        tooLong.Should().Throw<ArgumentOutOfRangeException>();
        none.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string environment, params string[] arguments)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("dev-token-");
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = workingDirectory.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
            start.ArgumentList.Add("dev-token");
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add($"--Auth:SigningKey={Key}");
            start.ArgumentList.Add("--Auth:Issuer=dev-token-tests");
            start.ArgumentList.Add("--Auth:Audience=voip-providers");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
            start.Environment["DOTNET_ENVIRONMENT"] = environment;

            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            workingDirectory.Delete(recursive: true);
        }
    }
}
