using System.Net;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Trunking.V1;
using Twilio.Rest.Trunking.V1.Trunk;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary>
/// DeleteIncomingPhoneNumber (api v2010, 204 per twilio-oai): the tenant releases a number from the account, and with it
/// the number leaves whatever trunk it was attached to.
/// </summary>
public sealed class IncomingPhoneNumberReleaseContractTests : EmulatorTestBase
{
    private const string WrongToken = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Release_answers_204_and_the_number_leaves_the_account_and_its_trunk()
    {
        var recorder = new ResponseRecorder();
        var client = Client(recorder: recorder);
        var numbers = AddNumbers(3);
        var trunk = await TrunkResource.CreateAsync(client: client);
        await PhoneNumberResource.CreateAsync(trunk.Sid, numbers[0].Sid, client);
        await PhoneNumberResource.CreateAsync(trunk.Sid, numbers[1].Sid, client);

        var released = await IncomingPhoneNumberResource.DeleteAsync(numbers[0].Sid, client: client);

        released.Should().BeTrue();
        recorder.Last.Should().BeEquivalentTo(new { Method = "DELETE", Status = HttpStatusCode.NoContent, MediaType = (string?)null, Body = "" });
        State.RequestsFor(TwilioOperation.DeleteIncomingPhoneNumber).Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Method = "DELETE",
            Path = $"/2010-04-01/Accounts/{Account.Sid}/IncomingPhoneNumbers/{numbers[0].Sid}.json",
            OriginalHost = "api.twilio.com",
            Authenticated = true,
            ResponseStatus = 204,
            Form = new Dictionary<string, string>(),
        });
        State.PhoneNumbers.Select(p => p.Sid).Should().Equal(numbers[1].Sid, numbers[2].Sid);
        State.Trunks.Single().PhoneNumberSids.Should().Equal(numbers[1].Sid);

        var fetch = () => IncomingPhoneNumberResource.FetchAsync(numbers[0].Sid, client: client);
        (await fetch.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
        var onTrunk = () => PhoneNumberResource.FetchAsync(trunk.Sid, numbers[0].Sid, client);
        (await onTrunk.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
        var trunkNumbers = await Task.Run(async () => (await PhoneNumberResource.ReadAsync(trunk.Sid, client: client)).ToList());
        trunkNumbers.Select(n => n.Sid).Should().Equal(numbers[1].Sid);
        var accountNumbers = await Task.Run(async () => (await IncomingPhoneNumberResource.ReadAsync(client: client)).ToList());
        accountNumbers.Select(n => n.Sid).Should().Equal(numbers[1].Sid, numbers[2].Sid);
    }

    [Fact]
    public async Task Release_of_a_number_on_no_trunk_only_removes_it_and_the_number_can_be_bought_again()
    {
        var number = AddNumbers(1)[0];

        (await IncomingPhoneNumberResource.DeleteAsync(number.Sid, client: Client())).Should().BeTrue();

        State.PhoneNumbers.Should().BeEmpty();
        var again = State.AddIncomingPhoneNumber(Account.Sid, number.PhoneNumber);
        again.Sid.Should().NotBe(number.Sid, "a re-bought number is a new IncomingPhoneNumber");
    }

    [Fact]
    public async Task Release_twice_is_404_20404()
    {
        var client = Client();
        var number = AddNumbers(1)[0];
        await IncomingPhoneNumberResource.DeleteAsync(number.Sid, client: client);

        var again = () => IncomingPhoneNumberResource.DeleteAsync(number.Sid, client: client);

        var error = (await again.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(404);
        error.Code.Should().Be(20404);
        error.Message.Should().Be($"The requested resource /2010-04-01/Accounts/{Account.Sid}/IncomingPhoneNumbers/{number.Sid}.json was not found");
        State.RequestsFor(TwilioOperation.DeleteIncomingPhoneNumber).Select(r => r.ResponseStatus).Should().Equal(204, 404);
    }

    [Fact]
    public async Task Release_of_another_accounts_number_is_404_and_keeps_it_on_its_trunk()
    {
        var client = Client();
        var number = AddNumbers(1)[0];
        var trunk = await TrunkResource.CreateAsync(client: client);
        await PhoneNumberResource.CreateAsync(trunk.Sid, number.Sid, client);
        var other = State.AddAccount("Other tenant");

        var act = () => IncomingPhoneNumberResource.DeleteAsync(number.Sid, client: Client(other));

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(404);
        error.Code.Should().Be(20404);
        State.RequestsFor(TwilioOperation.DeleteIncomingPhoneNumber).Single().Path
            .Should().Be($"/2010-04-01/Accounts/{other.Sid}/IncomingPhoneNumbers/{number.Sid}.json");
        State.PhoneNumbers.Should().ContainSingle().Which.TrunkSid.Should().Be(trunk.Sid);
    }

    [Fact]
    public async Task Release_with_wrong_credentials_is_401_20003_and_keeps_the_number()
    {
        var number = AddNumbers(1)[0];

        var act = () => IncomingPhoneNumberResource.DeleteAsync(number.Sid, client: Client(authToken: WrongToken));

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(401);
        error.Code.Should().Be(20003);
        State.RequestsFor(TwilioOperation.DeleteIncomingPhoneNumber).Single().Should().BeEquivalentTo(new { Authenticated = false, ResponseStatus = 401 });
        State.PhoneNumbers.Should().ContainSingle();
    }

    [Fact]
    public async Task Release_can_be_made_to_fail_by_an_injected_fault_and_then_works()
    {
        var number = AddNumbers(1)[0];
        State.EnqueueFaults(TwilioOperation.DeleteIncomingPhoneNumber, EmulatedFault.Http(503));
        var client = Client();

        var failing = () => IncomingPhoneNumberResource.DeleteAsync(number.Sid, client: client);

        (await failing.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(503);
        State.PhoneNumbers.Should().ContainSingle();
        (await IncomingPhoneNumberResource.DeleteAsync(number.Sid, client: client)).Should().BeTrue();
        State.PhoneNumbers.Should().BeEmpty();
    }
}
