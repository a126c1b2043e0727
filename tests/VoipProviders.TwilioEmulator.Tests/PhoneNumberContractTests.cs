using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Trunking.V1;
using Twilio.Rest.Trunking.V1.Trunk;

namespace VoipProviders.TwilioEmulator.Tests;

public sealed class PhoneNumberContractTests : EmulatorTestBase
{
    [Fact]
    public async Task Attach_through_the_trunk_sets_trunk_sid_and_detach_clears_it()
    {
        var client = Client();
        var number = AddNumbers(1)[0];
        var trunk = await TrunkResource.CreateAsync(client: client);

        var attached = await PhoneNumberResource.CreateAsync(trunk.Sid, number.Sid, client);

        attached.Sid.Should().Be(number.Sid);
        attached.TrunkSid.Should().Be(trunk.Sid);
        attached.PhoneNumber.ToString().Should().Be(number.PhoneNumber);
        attached.Links.Should().ContainKey("phone_number");
        (await IncomingPhoneNumberResource.FetchAsync(number.Sid, client: client)).TrunkSid.Should().Be(trunk.Sid);
        State.Trunks.Single().PhoneNumberSids.Should().Equal(number.Sid);

        var again = () => PhoneNumberResource.CreateAsync(trunk.Sid, number.Sid, client);
        (await again.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(400);

        (await PhoneNumberResource.DeleteAsync(trunk.Sid, number.Sid, client)).Should().BeTrue();
        State.PhoneNumbers.Single().TrunkSid.Should().BeNull();
    }

    [Fact]
    public async Task Attach_through_the_incoming_number_update_works_like_ie1_requires()
    {
        var client = Client();
        var number = AddNumbers(1)[0];
        var trunk = await TrunkResource.CreateAsync(client: client);

        var updated = await IncomingPhoneNumberResource.UpdateAsync(new UpdateIncomingPhoneNumberOptions(number.Sid) { TrunkSid = trunk.Sid }, client);

        updated.TrunkSid.Should().Be(trunk.Sid);
        State.PhoneNumbers.Single().TrunkSid.Should().Be(trunk.Sid);
        var form = State.RequestsFor(TwilioOperation.UpdateIncomingPhoneNumber).Single().Form;
        form.Should().Contain("TrunkSid", trunk.Sid);

        var detached = await IncomingPhoneNumberResource.UpdateAsync(new UpdateIncomingPhoneNumberOptions(number.Sid) { TrunkSid = "" }, client);
        detached.TrunkSid.Should().BeNull();
    }

    [Fact]
    public async Task Numbers_of_another_account_cannot_be_attached()
    {
        var other = State.AddAccount("Other");
        var foreign = AddNumbers(1, other)[0];
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);

        var act = () => PhoneNumberResource.CreateAsync(trunk.Sid, foreign.Sid, client);

        (await act.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
    }
}
