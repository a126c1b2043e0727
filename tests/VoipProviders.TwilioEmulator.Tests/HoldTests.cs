using Twilio.Exceptions;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Trunking.V1;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary><see cref="TwilioEmulatorState.Hold"/>: the next requests of an operation wait, recorded, until the test lets them go.</summary>
public sealed class HoldTests : EmulatorTestBase
{
    [Fact]
    public async Task A_held_request_is_recorded_and_answered_only_once_released_and_later_requests_pass()
    {
        using var hold = State.Hold(TwilioOperation.CreateTrunk, TimeSpan.FromSeconds(30));
        var client = Client();

        var held = TrunkResource.CreateAsync(domainName: "held.pstn.twilio.com", client: client);
        await hold.WhenHeldAsync();

        State.RequestsFor(TwilioOperation.CreateTrunk).Should().ContainSingle("a held request is recorded on arrival")
            .Which.ResponseStatus.Should().Be(0, "it has not been answered");
        State.Trunks.Should().BeEmpty("it has not been handled either");
        held.IsCompleted.Should().BeFalse();
        (await TrunkResource.CreateAsync(domainName: "later.pstn.twilio.com", client: client)).Should().NotBeNull("the hold takes one request");
        (await AccountResource.FetchAsync(client: client)).Should().NotBeNull("other operations pass");

        hold.Release();

        (await held.WaitAsync(TimeSpan.FromSeconds(10))).DomainName.Should().Be("held.pstn.twilio.com");
        State.Trunks.Should().HaveCount(2);
        hold.Held.Should().Be(1);
    }

    [Fact]
    public async Task A_held_request_goes_on_by_itself_when_the_hold_times_out_and_a_reset_releases_it()
    {
        var client = Client();
        using (var timesOut = State.Hold(TwilioOperation.ListTrunks, TimeSpan.FromMilliseconds(100)))
        {
            (await TrunkResource.ReadAsync(client: client).WaitAsync(TimeSpan.FromSeconds(10))).Should().BeEmpty();
            timesOut.Held.Should().Be(1);
        }

        using var reset = State.Hold(TwilioOperation.FetchAccount, TimeSpan.FromMinutes(5));
        var held = AccountResource.FetchAsync(client: client);
        await reset.WhenHeldAsync();
        State.Reset();

        (await FluentActions.Awaiting(() => held.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<ApiException>(
            "the reset released the request and forgot the account it asked for")).Which.Status.Should().Be(401);
    }
}
