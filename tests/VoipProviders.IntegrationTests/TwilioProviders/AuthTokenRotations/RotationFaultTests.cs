using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>
/// Issue 20 §2: Twilio faults (401, 404, 429, 5xx, a timeout, an effect whose answer is lost) at each call of a
/// rotation. Each ends where it must — completed on the new token, or failed on the old one with the secondary it made
/// deleted — and the module holds a token Twilio accepts at the end either way.
/// </summary>
public sealed class RotationFaultTests(IntegrationFixture fixture) : AuthTokenRotationTest(fixture)
{
    private static readonly TimeSpan TimeoutDelay = VoipProvidersApiFactory.AttemptTimeout + TimeSpan.FromSeconds(1);

    public static TheoryData<TwilioOperation, string, string> Faults => new()
    {
        { TwilioOperation.CreateSecondaryAuthToken, "401", "failed:twilio_credentials_rejected" },
        { TwilioOperation.CreateSecondaryAuthToken, "404", "completed" },
        { TwilioOperation.CreateSecondaryAuthToken, "429", "completed" },
        { TwilioOperation.CreateSecondaryAuthToken, "500", "completed" },
        { TwilioOperation.CreateSecondaryAuthToken, "applied-then-500", "completed" },
        { TwilioOperation.CreateSecondaryAuthToken, "timeout", "completed" },
        { TwilioOperation.FetchAccount, "401", "failed:twilio_secondary_token_rejected" },
        { TwilioOperation.FetchAccount, "404", "failed:twilio_secondary_token_rejected" },
        { TwilioOperation.FetchAccount, "429", "completed" },
        { TwilioOperation.FetchAccount, "500", "completed" },
        { TwilioOperation.FetchAccount, "timeout", "completed" },
        { TwilioOperation.PromoteAuthToken, "401", "completed" },
        { TwilioOperation.PromoteAuthToken, "404", "completed" },
        { TwilioOperation.PromoteAuthToken, "429", "completed" },
        { TwilioOperation.PromoteAuthToken, "500", "completed" },
        { TwilioOperation.PromoteAuthToken, "applied-then-500", "completed" },
        { TwilioOperation.PromoteAuthToken, "timeout", "completed" },
        { TwilioOperation.PromoteAuthToken, "applied-then-timeout", "completed" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_at_a_call_ends_the_rotation_as_it_must_with_a_working_token(TwilioOperation operation, string fault, string expected)
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var oldToken = Twilio.GetAuthToken(provider.Account.Sid);
        // FetchAccount's first call in a rotation is the secondary's validation.
        Twilio.EnqueueFaults(operation, Fault(fault));

        var rotationId = await StartAcceptedAsync(id, StartBody(0));
        var ended = await WaitUntilEndedAsync(id, rotationId, TimeSpan.FromSeconds(60));

        var expectedStatus = expected.Split(':')[0];
        ended.GetProperty("status").GetString().Should().Be(expectedStatus, ended.ToString());
        Twilio.PendingFaults(operation).Should().Be(0, "the fault was met");
        var stored = await StoredTokenAsync(id);
        stored.Should().Be(Twilio.GetAuthToken(provider.Account.Sid), "the module holds the token Twilio accepts");
        if (expectedStatus == "completed")
        {
            stored.Should().NotBe(oldToken);
            Twilio.RequestsFor(TwilioOperation.PromoteAuthToken).Count(r => r.ResponseStatus == 200 || r.Fault is { ApplyThenFail: true })
                .Should().Be(1, "one promotion took effect");
            Twilio.GetSecondaryAuthToken(provider.Account.Sid).Should().BeNull("no secondary is left behind");
        }
        else
        {
            ended.GetProperty("failure").GetProperty("code").GetString().Should().Be(expected.Split(':')[1]);
            stored.Should().Be(oldToken, "a failed rotation keeps the token");
            Twilio.RequestsFor(TwilioOperation.PromoteAuthToken).Should().BeEmpty();
            await EventuallyAsync(
                () => Task.FromResult(Twilio.GetSecondaryAuthToken(provider.Account.Sid) is null),
                "the secondary the rotation made is deleted");
        }

        (await Rotations.ProviderAsync(id)).ActiveRotationId.Should().BeNull();
    }

    [Fact]
    public async Task The_new_token_refused_right_after_the_promotion_still_completes_the_rotation_and_is_logged()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var rotationId = await StartAcceptedAsync(id, StartBody(2));
        await WaitUntilStepAsync(id, rotationId, "waiting");
        // The next account read after the promotion is the new token's check.
        Twilio.EnqueueFaults(TwilioOperation.FetchAccount, EmulatedFault.Http(401));

        var ended = await WaitUntilEndedAsync(id, rotationId);

        ended.GetProperty("status").GetString().Should().Be("completed", "the promotion happened and cannot be undone");
        Twilio.PendingFaults(TwilioOperation.FetchAccount).Should().Be(0);
        (await StoredTokenAsync(id)).Should().Be(Twilio.GetAuthToken(provider.Account.Sid));
        Fixture.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 7007, "the refusal is logged as an error for the operator");
    }

    [Theory]
    [InlineData(500, 6)]
    [InlineData(429, 2)]
    [InlineData(401, 1)]
    public async Task The_clean_up_of_a_cancelled_rotation_retries_Twilio_failures_until_the_secondary_is_gone(int status, int times)
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var rotationId = await StartAcceptedAsync(id, StartBody(300));
        await WaitUntilStepAsync(id, rotationId, "waiting");
        Twilio.EnqueueFaults(
            TwilioOperation.DeleteSecondaryAuthToken,
            [.. Enumerable.Repeat(status == 429 ? EmulatedFault.RateLimited("0") : EmulatedFault.Http(status), times)]);

        using var cancelled = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}");
        cancelled.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);

        if (status == 401)
        {
            // Twilio refuses the provider's own token: nothing more can be done with it; the job gives up, logged.
            await EventuallyAsync(() => Task.FromResult(Twilio.PendingFaults(TwilioOperation.DeleteSecondaryAuthToken) == 0), "the clean-up tried");
            await Task.Delay(TimeSpan.FromSeconds(2));
            Twilio.GetSecondaryAuthToken(provider.Account.Sid).Should().NotBeNull("the delete was refused");
            (await Rotations.OfProviderAsync(id)).Single().CleanupPending.Should().BeTrue("what is left is on record");
            Fixture.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 7008);
            return;
        }

        await EventuallyAsync(() => Task.FromResult(Twilio.GetSecondaryAuthToken(provider.Account.Sid) is null), "the clean-up deleted the secondary", TimeSpan.FromSeconds(30));
        Twilio.PendingFaults(TwilioOperation.DeleteSecondaryAuthToken).Should().Be(0);
        await EventuallyAsync(async () => !(await Rotations.OfProviderAsync(id)).Single().CleanupPending, "the clean-up is recorded");
    }

    private static EmulatedFault Fault(string fault) => fault switch
    {
        "401" => EmulatedFault.Http(401),
        "404" => EmulatedFault.Http(404),
        "429" => EmulatedFault.RateLimited("0"),
        "500" => EmulatedFault.Http(500),
        "applied-then-500" => EmulatedFault.AppliedThenFailed(),
        "timeout" => EmulatedFault.Timeout(TimeoutDelay),
        "applied-then-timeout" => EmulatedFault.AppliedThenFailed(504) with { Delay = TimeoutDelay },
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };
}
