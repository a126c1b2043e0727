using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Configuration;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Infrastructure.Twilio;

namespace VoipProviders.Infrastructure.PhoneNumbers;

/// <summary>The listing cache's settings are Twilio settings (<c>Twilio:NumberListCacheSeconds</c>, <c>…MaxNumbers</c>), validated with them.</summary>
internal sealed class AvailablePhoneNumberListSettings : IFeatureServices
{
    public void AddServices(IServiceCollection services) =>
        services.AddOptions<AvailablePhoneNumberListOptions>().Configure<IOptions<TwilioOptions>>((listing, twilio) =>
        {
            listing.NumberListCacheSeconds = twilio.Value.NumberListCacheSeconds;
            listing.NumberListCacheMaxNumbers = twilio.Value.NumberListCacheMaxNumbers;
        });
}
