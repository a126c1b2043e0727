using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using VoipProviders.Application;
using VoipProviders.Infrastructure;
using VoipProviders.Infrastructure.BackgroundWork;
using VoipProviders.Infrastructure.Configuration;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.Web;
using VoipProviders.Web.Auth;
using VoipProviders.Web.Calling;
using VoipProviders.Web.ErrorHandling;
using VoipProviders.Web.Health;
using VoipProviders.Web.Http;
using VoipProviders.Web.Infrastructure;
using VoipProviders.Web.Json;
using VoipProviders.Web.OpenApi;
using VoipProviders.Web.Operations;
using VoipProviders.Web.RateLimiting;
using VoipProviders.Web.Telemetry;
using VoipProviders.Web.TwilioProviders;

if (args is ["dev-token", .. var tokenArgs])
{
    return DevTokenCommand.Run(tokenArgs);
}

if (args is ["reprotect-secrets", .. var reprotectArgs])
{
    return await ReprotectSecretsCommand.RunAsync(reprotectArgs);
}

var builder = WebApplication.CreateBuilder(args);
// HostOptions:ShutdownTimeout (default 30 s) bounds a stop, database or not (README, Operations).
builder.Services.Configure<HostOptions>(builder.Configuration.GetSection("HostOptions"));

builder.Services.AddVoipProvidersApplication();
builder.Services.AddVoipProvidersInfrastructure(builder.Configuration);
builder.Services.AddVoipProvidersMediator();
builder.Services.AddVoipProvidersAuthentication();
builder.Services.AddRequestBodyLimit();
builder.Services.AddStrictTransportSecurity();
builder.Services.AddOrganizationRateLimiting();
builder.Services.AddVoipProvidersOpenApi();
// Traces and metrics over OTLP when the OTEL_* variables name an endpoint; nothing otherwise (ADR-020).
builder.Services.AddVoipProvidersTelemetry(builder.Configuration);
// The HTTP edge's part of each feature (its JSON converters, its OpenAPI transformers) and every settings class of the host.
builder.Services.AddFeaturesOf(typeof(Program).Assembly);

builder.Services.Configure<JsonOptions>(options =>
{
    // Numbers are numbers: "5" is not accepted for 5, and the schema says so.
    options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    options.SerializerOptions.Converters.Add(new UtcTimestampJsonConverter());
});
// Malformed bodies throw, so the exception handler can name the field in a ValidationProblemDetails.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddVoipProvidersProblemDetails();

// Readiness: the database, this replica's job engine and the outbox (ADR-021); the answer names each check's status.
builder.Services.AddHealthChecks()
    .AddDbContextCheck<VoipProvidersDbContext>("database", tags: ["ready"])
    .AddBackgroundWorkChecks("ready");

var app = builder.Build();

// Every setting is checked here, before a hosted service, a migration or Kestrel starts: a bad one stops the process
// with a message naming it. Host.StartAsync would check them too, but a host whose start fails is disposed by RunAsync,
// and whoever waits for the start (a test host) could then see the disposed container instead of the reason.
app.Services.GetService<IStartupValidator>()?.Validate();

// First, so that every answer carries them, refusals and problems included.
app.UseSecurityHeaders();
app.UseStrictTransportSecurity();
// Early, so that even a refusal by authentication under /internal says it must not be cached.
app.UseInternalApiNoStore();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimit();
app.UseAuthentication();
app.UseAuthorization();
// After authorization: an anonymous request is refused before it can spend an organization's budget.
app.UseRateLimiter();
app.UseMiddleware<IdempotencyKeyMiddleware>();

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference("/scalar").AllowAnonymous();
}

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions
{
    Predicate = check => check.Tags.Contains("ready"),
    ResponseWriter = HealthReportWriter.WriteAsync,
}).AllowAnonymous();
app.MapEndpointGroups();
app.MapInternalApi();
app.MapInternalOperations();
app.MapInternalCleanupOperations();

// Taken now: the host is disposed by the time a failed start reaches the catch below.
var lifetime = app.Lifetime;
try
{
    await app.RunAsync();
}
catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
{
    // Told to stop (SIGTERM) while still starting, e.g. waiting for an unreachable database: nothing has started, so
    // there is nothing to finish. An ordinary stop, not a crash.
}

return 0;

/// <summary>The host's entry point; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;
