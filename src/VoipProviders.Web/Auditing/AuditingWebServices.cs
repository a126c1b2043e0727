using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Web.Auditing;

/// <summary>Over HTTP, the actor of a change comes from the request's token (see <see cref="HttpAuditActorProvider"/>).</summary>
internal sealed class AuditingWebServices : IFeatureServices
{
    public void AddServices(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditActorProvider, HttpAuditActorProvider>();
    }
}
