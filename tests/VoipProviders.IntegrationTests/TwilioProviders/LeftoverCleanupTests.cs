using System.Net;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders;

/// <summary>
/// A connect that fails while Twilio also refuses to delete what it built: the leftovers are handed to the durable
/// clean-up job, which removes them once Twilio answers again — nothing stays orphaned in the tenant's account.
/// </summary>
public sealed class LeftoverCleanupTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_failed_connect_whose_trunk_could_not_be_deleted_is_cleaned_up_in_the_background()
    {
        var builder = NewProvider();
        Twilio.EnqueueFaults(TwilioOperation.AssociateCredentialList, EmulatedFault.Http(500));
        Twilio.EnqueueFaults(TwilioOperation.DeleteTrunk, [.. Enumerable.Repeat(EmulatedFault.Http(503), VoipProvidersApiFactory.MaxRetryAttempts + 1)]);

        using var response = await CreateProviderAsync(builder.Body());

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await Database.CountProvidersAsync()).Should().Be(0);
        Twilio.CredentialLists.Should().BeEmpty("the list was deleted at once");
        await EventuallyAsync(
            async () => Twilio.Trunks.Count == 0 && await Database.CountCleanupsAsync() == 0,
            "the clean-up job deleted the trunk the request could not");
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Select(r => r.ResponseStatus).Should().EndWith(204);
        await AssertSecretsNotLeakedAsync([builder.Account.AuthToken], builder.Account.Sid, await response.Content.ReadAsStringAsync());
    }
}
