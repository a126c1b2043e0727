using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace VoipProviders.Web.Http;

/// <summary>Response headers every answer carries, whatever produced it (an endpoint, a refusal, a problem, a health check).</summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// <c>X-Content-Type-Options: nosniff</c> on every response: a browser must never guess another type than the one
    /// declared (JSON, problem+json), so a body echoing user input is never run as a script or stylesheet.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>How long a browser keeps to https for this host once it has seen the header: a year, the usual production value.</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    /// <summary>
    /// <c>Strict-Transport-Security: max-age=31536000</c> on https answers when <c>Api:UseHsts</c> is on, never in
    /// Development (a browser would keep to https for localhost for a year). The framework's middleware leaves out
    /// plain-http requests (the header means nothing there) and the loopback host names.
    /// </summary>
    public static WebApplication UseStrictTransportSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.UseHsts)
        {
            app.UseHsts();
        }

        return app;
    }

    /// <summary>The header's settings: <see cref="HstsMaxAge"/>, no subdomains or preload (those commit other hosts of the domain).</summary>
    public static IServiceCollection AddStrictTransportSecurity(this IServiceCollection services) =>
        services.Configure<HstsOptions>(options =>
        {
            options.MaxAge = HstsMaxAge;
            options.IncludeSubDomains = false;
            options.Preload = false;
        });
}
