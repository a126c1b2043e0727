using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using VoipProviders.Application.Common.Configuration;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>How the HTTP edge reads and documents what only Twilio providers have: the Auth Token.</summary>
internal sealed class TwilioProvidersWebServices : IFeatureServices
{
    public void AddServices(IServiceCollection services)
    {
        services.Configure<JsonOptions>(options => options.SerializerOptions.Converters.Add(new TwilioAuthTokenJsonConverter()));
        services.Configure<OpenApiOptions>(OpenApiSetup.DocumentName, options => options.AddSchemaTransformer<TwilioAuthTokenSchemaTransformer>());
    }
}
