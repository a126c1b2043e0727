using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace VoipProviders.Web.Auth;

/// <summary>
/// The fallback policy also covers requests that match no endpoint at all. Nothing can be served there, so instead of
/// a 401 such a request goes on to the 404 <c>route_not_found</c> it would get anyway; every real endpoint is judged as usual.
/// </summary>
internal sealed class UnknownRouteAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        context.GetEndpoint() is null
            ? next(context)
            : _default.HandleAsync(next, context, policy, authorizeResult);
}
