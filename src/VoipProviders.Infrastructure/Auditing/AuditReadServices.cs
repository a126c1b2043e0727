using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Auditing;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Infrastructure.Auditing;

/// <summary>Where the audit trail is read from.</summary>
internal sealed class AuditReadServices : IFeatureServices
{
    public void AddServices(IServiceCollection services) => services.AddScoped<IAuditEventReader, AuditEventReader>();
}
