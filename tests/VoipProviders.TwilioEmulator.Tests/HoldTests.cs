using Twilio.Rest.Api.V2010;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary><see cref="TwilioEmulatorState.HoldNext"/>: one request waits, recorded, until the test releases it.</summary>
public sealed class HoldTests : EmulatorTestBase
{
    [Fact]
    public async Task The_next_request_of_the_operation_is_recorded_and_held_until_released_and_later_ones_pass()
    {
        var hold = State.HoldNext(TwilioOperation.FetchAccount);
        var client = Client();

        var held = AccountResource.FetchAsync(client: client);
        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));

        held.IsCompleted.Should().BeFalse();
        State.RequestsFor(TwilioOperation.FetchAccount).Should().ContainSingle().Which.ResponseStatus.Should().Be(0, "it has not been answered");
        hold.Release();
        (await held.WaitAsync(TimeSpan.FromSeconds(10))).Sid.Should().Be(Account.Sid);
        (await AccountResource.FetchAsync(client: client).WaitAsync(TimeSpan.FromSeconds(10))).Sid.Should().Be(Account.Sid, "a hold is one-shot");
    }

    [Fact]
    public async Task Reset_releases_a_held_request()
    {
        var hold = State.HoldNext(TwilioOperation.FetchAccount);
        var held = AccountResource.FetchAsync(client: Client());
        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));

        State.Reset();

        hold.IsReleased.Should().BeTrue();
        await held.Invoking(h => h.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<Twilio.Exceptions.ApiException>("the account is gone after the reset");
    }
}
