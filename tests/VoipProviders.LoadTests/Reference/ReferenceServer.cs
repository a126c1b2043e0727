using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace VoipProviders.LoadTests.Reference;

/// <summary>
/// The bare reference the project is measured against (issue #9): plain minimal APIs on the same Kestrel defaults, JWT
/// bearer with the project's validation parameters, Npgsql on one <see cref="NpgsqlDataSource"/>, Data Protection over
/// the project's key ring and one HttpClient to Twilio. Same routes, same response shapes, same rows — and the work the
/// contract needs, no more: one SQL statement per read; for a rotation the version read, the Twilio account fetch with
/// the new token, the token protected and a version-guarded UPDATE; for a verification the project's Twilio calls and a
/// version-guarded store. No rate limiter, no MediatR pipeline, no EF Core, no commit marker, no Polly.
/// Settings: <c>Reference:ConnectionString</c>, <c>Reference:TwilioBaseUrl</c>, <c>Auth:{Issuer,Audience,SigningKey}</c>,
/// <c>DataProtection:ApplicationName</c>, <c>InternalApi:{Enabled,Audience}</c> and <c>Sip:Origination:Uris</c> (issue #18);
/// URLs as for any ASP.NET Core host.
/// </summary>
internal static partial class ReferenceServer
{
    public const string Argument = "--reference-server";

    private const string OrganizationClaim = "org_id";
    private const string InternalPolicy = "InternalApi";
    private const string SipScope = "voip-providers.sip";
    private const int DefaultTake = 20;
    private const int MaxTake = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder([.. args.Where(a => a != Argument)]);
        var configuration = builder.Configuration;
        var connectionString = configuration["Reference:ConnectionString"]
            ?? throw new InvalidOperationException("Reference:ConnectionString is required.");
        var twilioBaseUrl = new Uri((configuration["Reference:TwilioBaseUrl"] ?? throw new InvalidOperationException("Reference:TwilioBaseUrl is required.")).TrimEnd('/') + "/");

        var dataSource = NpgsqlDataSource.Create(connectionString);
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton(new ReferenceStore(dataSource, configuration.GetValue<bool>("Reference:Records")));
        builder.Services.AddSingleton<ReferenceSecrets>();
        builder.Services.AddSingleton<ReferenceVerifier>();
        builder.Services.AddSingleton<ReferenceOrigination>();
        builder.Services.AddSingleton(new ReferenceTwilio(new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            BaseAddress = twilioBaseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        }));

        builder.Services.AddDataProtection()
            .SetApplicationName(configuration["DataProtection:ApplicationName"] ?? "VoipProviders")
            .DisableAutomaticKeyGeneration();
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlRepository = new PostgresKeyRepository(dataSource));

        var audience = configuration["Auth:Audience"] ?? throw new InvalidOperationException("Auth:Audience is required.");
        var internalApi = configuration.GetValue<bool>("InternalApi:Enabled");
        var internalAudience = configuration["InternalApi:Audience"] ?? "voip-providers-internal";
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.IncludeErrorDetails = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateAudience = true,
                ValidAudiences = internalApi ? [audience, internalAudience] : [audience],
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "sub",
                ValidateIssuer = true,
                ValidIssuer = configuration["Auth:Issuer"],
                ValidTypes = ["JWT", "at+jwt"],
                ValidateIssuerSigningKey = true,
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(
                    configuration["Auth:SigningKey"] ?? throw new InvalidOperationException("Auth:SigningKey is required."))),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            };
        });
        // As the project: a tenant token has the tenants' audience and an organization; a service token of the internal
        // API has its audience and the SIP scope. Neither passes for the other.
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireClaim(OrganizationClaim)
                .RequireAssertion(context => HasAudience(context.User, audience))
                .Build())
            .AddPolicy(InternalPolicy, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => HasAudience(context.User, internalAudience) && HasScope(context.User, SipScope)));

        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/health/live", () => Results.Ok()).AllowAnonymous();
        var providers = app.MapGroup("/api/v1/providers");
        providers.MapGet("/", ListAsync);
        providers.MapGet("/{id}", GetAsync);
        providers.MapPatch("/twilio/{id}/auth-token", RotateAuthTokenAsync);
        providers.MapPost("/twilio/{id}/verify", VerifyAsync);
        if (internalApi)
        {
            app.MapGet("/internal/v1/inbound-calls/resolve", ResolveInboundCallAsync).RequireAuthorization(InternalPolicy);
        }

        await app.RunAsync();
        return 0;
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, ReferenceStore store, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var providerId))
        {
            return ReferenceProblems.Validation("id", "id must be a UUID.");
        }

        var row = await store.FindAsync(providerId, Organization(user), cancellationToken);
        return row is null
            ? ReferenceProblems.NotFound("Provider", providerId)
            : new JsonWriterResult(StatusCodes.Status200OK, ReferenceJson.ETag(row.Id, row.Version), writer => ReferenceJson.WriteProvider(writer, row));
    }

    private static async Task<IResult> ListAsync(HttpRequest http, ClaimsPrincipal user, ReferenceStore store, CancellationToken cancellationToken)
    {
        if (!TryQueryInt(http, "skip", 0, out var skip) || skip < 0)
        {
            return ReferenceProblems.Validation("skip", "skip must be 0 or more.");
        }

        if (!TryQueryInt(http, "take", DefaultTake, out var take) || take is < 1 or > MaxTake)
        {
            return ReferenceProblems.Validation("take", $"take must be between 1 and {MaxTake}.");
        }

        var (items, total) = await store.PageAsync(Organization(user), skip, take, cancellationToken);
        return new JsonWriterResult(StatusCodes.Status200OK, ReferenceJson.ContentETag, writer => ReferenceJson.WritePage(writer, items, total, skip, take));
    }

    private static async Task<IResult> RotateAuthTokenAsync(
        string id, HttpRequest http, ClaimsPrincipal user, ReferenceStore store, ReferenceTwilio twilio, ReferenceSecrets secrets, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var providerId))
        {
            return ReferenceProblems.Validation("id", "id must be a UUID.");
        }

        string? token;
        try
        {
            token = (await http.ReadFromJsonAsync<RotateAuthTokenBody>(cancellationToken))?.AuthToken;
        }
        catch (JsonException)
        {
            return ReferenceProblems.Validation("authToken", "The body is not valid JSON.");
        }
        catch (InvalidOperationException)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, extensions: new Dictionary<string, object?> { ["code"] = "unsupported_media_type" });
        }

        if (token is null || token.Length != 32 || !token.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)))
        {
            return ReferenceProblems.Validation("authToken", "authToken must be 32 lowercase hexadecimal characters.");
        }

        if (!TryIfMatch(http, providerId, out var acceptedVersions))
        {
            return ReferenceProblems.Validation("If-Match", "If-Match must be * or a list of ETags as the API sent them.");
        }

        if (await store.FindAccountAsync(providerId, Organization(user), cancellationToken) is not { } current)
        {
            return ReferenceProblems.NotFound("Twilio provider", providerId);
        }

        if (acceptedVersions is not null && !acceptedVersions.Contains(current.Version))
        {
            return ReferenceProblems.PreconditionFailed();
        }

        try
        {
            var account = await twilio.GetAsync(current.AccountSid, token, $"2010-04-01/Accounts/{current.AccountSid}.json", cancellationToken);
            if (account is null)
            {
                return ReferenceProblems.Unprocessable("twilio_credentials_rejected", "Twilio rejected the Account SID and Auth Token.");
            }

            if (account.Value.GetProperty("status").GetString() is var status and not "active")
            {
                return ReferenceProblems.Unprocessable("twilio_account_not_active", $"The Twilio account is {status}.");
            }
        }
        catch (TwilioRejectedException)
        {
            return ReferenceProblems.Unprocessable("twilio_credentials_rejected", "Twilio rejected the Account SID and Auth Token.");
        }
        catch (TwilioUnavailableException unavailable)
        {
            return ReferenceProblems.Twilio(unavailable);
        }

        var now = DateTimeOffset.UtcNow;
        now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
        var row = await store.RotateAuthTokenAsync(providerId, current.Version, secrets.ProtectAuthToken(providerId, token), now, CancellationToken.None);
        return row is null
            ? ReferenceProblems.Conflict("concurrent_update", "The provider was changed by another request at the same time. Read it again and retry.")
            : new JsonWriterResult(StatusCodes.Status200OK, ReferenceJson.ETag(row.Id, row.Version), writer => ReferenceJson.WriteProvider(writer, row));
    }

    private static async Task<IResult> VerifyAsync(string id, ClaimsPrincipal user, ReferenceVerifier verifier, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var providerId)
            ? await verifier.VerifyAsync(providerId, Organization(user), cancellationToken)
            : ReferenceProblems.Validation("id", "id must be a UUID.");

    /// <summary>
    /// The inbound resolution of issue #18: the project's input rules (E.164 number; a well-formed routing key and/or
    /// account SID), then one indexed SELECT; 200 with the owner or 404, never cached.
    /// </summary>
    private static async Task<IResult> ResolveInboundCallAsync(
        string? calledNumber, string? routingKey, string? accountSid, HttpContext http, ReferenceStore store, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (string.IsNullOrEmpty(calledNumber))
        {
            return ReferenceProblems.Validation("calledNumber", "calledNumber is required: the number that was dialled, in E.164 (+ and 2 to 15 digits).");
        }

        if (!E164().IsMatch(calledNumber))
        {
            return ReferenceProblems.Validation("calledNumber", "calledNumber must be E.164: + and 2 to 15 digits, e.g. +14155550100.");
        }

        if (routingKey is not null && (routingKey.Length is < 20 or > 63 || !routingKey.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))))
        {
            return ReferenceProblems.Validation("routingKey", "routingKey must be 20 to 63 lowercase letters and digits, as the origination URL carries it.");
        }

        if (accountSid is not null && !AccountSid().IsMatch(accountSid))
        {
            return ReferenceProblems.Validation("accountSid", "accountSid must be 'AC' followed by 32 lowercase hexadecimal characters.");
        }

        if (routingKey is null && accountSid is null)
        {
            return ReferenceProblems.Validation("routingKey", "Send routingKey, accountSid or both: the called number alone does not tell whose call it is.");
        }

        var row = await store.ResolveInboundCallAsync(calledNumber, routingKey, accountSid, cancellationToken);
        return row is null
            ? ReferenceProblems.NotFound($"Inbound call route '{calledNumber}' was not found.", http)
            : new JsonWriterResult(StatusCodes.Status200OK, null, writer => ReferenceJson.WriteInboundCall(writer, row));
    }

    private static string Organization(ClaimsPrincipal user) => user.FindFirst(OrganizationClaim)!.Value;

    private static bool HasAudience(ClaimsPrincipal user, string audience) =>
        user.FindAll("aud").Any(claim => string.Equals(claim.Value, audience, StringComparison.Ordinal));

    private static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.FindAll("scope").Any(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    [GeneratedRegex("^AC[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountSid();

    private static bool TryQueryInt(HttpRequest http, string name, int fallback, out int value)
    {
        var raw = http.Query[name];
        if (raw.Count == 0)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(raw.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// If-Match as the project reads it: none or * → any version (null); otherwise the versions named by strong tags
    /// <c>"{id:N}-{version}"</c> of this provider (possibly none, which no version satisfies). False when malformed.
    /// </summary>
    private static bool TryIfMatch(HttpRequest http, Guid id, out HashSet<long>? versions)
    {
        versions = null;
        var values = http.Headers.IfMatch;
        if (values.Count == 0)
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(values, out var tags) || tags.Count == 0)
        {
            return false;
        }

        if (tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any)))
        {
            return true;
        }

        var prefix = $"\"{id:N}-";
        versions = [];
        foreach (var tag in tags)
        {
            var text = tag.Tag.Value;
            if (!tag.IsWeak && text is not null && text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith('"')
                && long.TryParse(text.AsSpan(prefix.Length, text.Length - prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                versions.Add(version);
            }
        }

        return true;
    }

    private sealed record RotateAuthTokenBody(string? AuthToken);
}
