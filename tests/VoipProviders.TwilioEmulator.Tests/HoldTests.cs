using Twilio.Rest.Api.V2010;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary><see cref="TwilioEmulatorState.Hold"/>: the next requests wait, recorded, until the test releases them or the hold times out.</summary>
public sealed class HoldTests : EmulatorTestBase
{
    [Fact]
    public async Task The_next_request_of_the_operation_is_recorded_and_held_until_released_and_later_ones_pass()
    {
        var hold = State.Hold(TwilioOperation.FetchAccount, TimeSpan.FromMinutes(1));
        var client = Client();

        var held = AccountResource.FetchAsync(client: client);
        await hold.WhenHeldAsync(TimeSpan.FromSeconds(10));

        held.IsCompleted.Should().BeFalse();
        State.RequestsFor(TwilioOperation.FetchAccount).Should().ContainSingle().Which.ResponseStatus.Should().Be(0, "it has not been answered");
        hold.Release();
        (await held.WaitAsync(TimeSpan.FromSeconds(10))).Sid.Should().Be(Account.Sid);
        (await AccountResource.FetchAsync(client: client).WaitAsync(TimeSpan.FromSeconds(10))).Sid.Should().Be(Account.Sid, "a hold is one-shot");
    }

    [Fact]
    public async Task A_held_request_goes_on_by_itself_when_the_hold_times_out()
    {
        var hold = State.Hold(TwilioOperation.FetchAccount, TimeSpan.FromMilliseconds(200));
        var held = AccountResource.FetchAsync(client: Client());
        await hold.WhenHeldAsync(TimeSpan.FromSeconds(10));

        (await held.WaitAsync(TimeSpan.FromSeconds(30))).Sid.Should().Be(Account.Sid);
    }
}
