using System.Diagnostics;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Infrastructure.Auditing;
using VoipProviders.Web.Calling;

namespace VoipProviders.Web.Auditing;

/// <summary>
/// The actor of a change made over HTTP: <c>service</c> with its client id for a service token of the internal API,
/// else <c>user</c> with the token's subject; with the caller's address and the trace id its problems quote. Outside a
/// request (a job, the in-process facade) the scope's own actor stands.
/// </summary>
internal sealed class HttpAuditActorProvider(
    IHttpContextAccessor httpContextAccessor,
    AuditActorScope scope,
    IOptions<InternalApiOptions> internalApi) : IAuditActorProvider
{
    public AuditActor Current
    {
        get
        {
            if (scope.SystemActor is not null || httpContextAccessor.HttpContext is not { } httpContext)
            {
                return scope.Current;
            }

            var user = httpContext.User;
            var isService = internalApi.Value.Enabled && ServiceTokens.HasAudience(user, internalApi.Value.Audience);
            var id = isService
                ? ServiceTokens.CallerOf(user)
                : user.FindFirst("sub")?.Value ?? "unknown-user";
            var traceId = Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : httpContext.TraceIdentifier;
            return new AuditActor(
                isService ? AuditActorType.Service : AuditActorType.User,
                id,
                httpContext.Connection.RemoteIpAddress?.ToString(),
                traceId);
        }
    }
}
