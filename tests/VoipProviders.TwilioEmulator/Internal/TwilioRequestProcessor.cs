using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>
/// Handles every non-admin request: record → latency → hold → barrier → fault (before auth) or auth + handler (its
/// next-page link replaced when a test set one; → fault replaces the response when ApplyThenFail) → complete the record
/// → write.
/// </summary>
internal sealed class TwilioRequestProcessor(TwilioEmulatorState state, IHostApplicationLifetime lifetime)
{
    private static readonly FrozenDictionary<string, string> Empty = FrozenDictionary<string, string>.Empty;

    /// <summary>Twilio does not escape '+' or '&amp;' in its JSON.</summary>
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (request.Path.StartsWithSegments(AdminEndpoints.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            // Unknown admin route: not a Twilio request, so not recorded.
            await WriteAsync(context.Response, TwilioResult.NotFound(path), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var route = TwilioRouter.Match(request.Method, path);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stopping.Token;
        var form = await ReadFormAsync(request, cancellationToken).ConfigureAwait(false);
        var credentials = BasicCredentials.Parse(request.Headers.Authorization);
        var sequence = state.BeginRequest(sequence => new RecordedRequest
        {
            Sequence = sequence,
            ReceivedAt = state.Now,
            Operation = route.Operation,
            Method = request.Method,
            Path = path,
            Query = request.QueryString.Value ?? "",
            OriginalHost = NullIfEmpty(request.Headers["X-Twilio-Original-Host"].ToString()),
            AuthUser = credentials?.User,
            Form = form,
            UserAgent = NullIfEmpty(request.Headers.UserAgent.ToString()),
        });

        try
        {
            await state.PassGatesAsync(route.Operation, cancellationToken).ConfigureAwait(false);
            var fault = state.TryDequeueFault(route.Operation);
            var (account, tokenUsed) = Authenticate(credentials, route);
            TwilioResult result;
            if (fault is null)
            {
                result = WithNextPageLink(Handle(route, account, path, form, Values(request.Query)), state.NextPageLink(route.Operation));
            }
            else
            {
                if (fault.ApplyThenFail)
                {
                    _ = Handle(route, account, path, form, Values(request.Query));
                }

                result = TwilioResult.FromFault(fault);
            }

            state.CompleteRequest(sequence, fault is { AbortConnection: true } ? 0 : result.Status, account is not null, tokenUsed, fault);
            if (fault is { Delay.Ticks: > 0 })
            {
                await Task.Delay(fault.Delay, cancellationToken).ConfigureAwait(false);
            }

            if (fault is { AbortConnection: true })
            {
                context.Abort();
                return;
            }

            await WriteAsync(context.Response, result, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client gave up (e.g. a Timeout fault) or the emulator is stopping.
            context.Abort();
        }
    }

    /// <summary>A list answer whose next-page link is replaced (see <see cref="TwilioEmulatorState.SetNextPageLink"/>).</summary>
    private static TwilioResult WithNextPageLink(TwilioResult result, string? link)
    {
        if (link is null || result.Body is not JsonObject body)
        {
            return result;
        }

        if (body.ContainsKey("next_page_uri"))
        {
            body["next_page_uri"] = link;
        }
        else if (body["meta"] is JsonObject meta && meta.ContainsKey("next_page_url"))
        {
            meta["next_page_url"] = link;
        }

        return result;
    }

    private static async Task WriteAsync(HttpResponse response, TwilioResult result, CancellationToken cancellationToken)
    {
        response.StatusCode = result.Status;
        response.Headers["Twilio-Request-Id"] = Sids.New("RQ");
        if (result.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter;
        }

        if (result.Status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
        }

        if (result.Body is { } body)
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(body.ToJsonString(JsonOptions), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyDictionary<string, string>> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Empty;
        }

        try
        {
            return Values(await request.ReadFormAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidDataException)
        {
            return Empty;
        }
    }

    /// <summary>Repeated keys are joined with ','.</summary>
    private static FrozenDictionary<string, string> Values(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> pairs) =>
        pairs.ToFrozenDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static bool SameSecret(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    /// <summary>
    /// The account is null unless: a Basic header for a known account with its primary or its secondary token, the v2010
    /// path account is that account, and the account is active (a suspended/closed account may still fetch itself). The
    /// token kind says which token the password matched, even when a later rule failed.
    /// </summary>
    private (EmulatedAccount? Account, EmulatedAuthTokenKind? TokenUsed) Authenticate(BasicCredentials? credentials, RouteMatch route) =>
        credentials is null ? default : state.Locked<(EmulatedAccount?, EmulatedAuthTokenKind?)>(store =>
        {
            var account = store.FindAccount(credentials.User);
            if (account is null || MatchToken(account, credentials.Password) is not { } tokenUsed)
            {
                return default;
            }

            if (route.PathAccountSid is { } pathAccount && !string.Equals(pathAccount, account.Sid, StringComparison.Ordinal))
            {
                return (null, tokenUsed);
            }

            return account.Status == EmulatedAccountStatus.Active || route.Operation == TwilioOperation.FetchAccount
                ? (account, tokenUsed)
                : (null, tokenUsed);
        });

    /// <summary>The primary is checked first; each comparison runs in constant time.</summary>
    private static EmulatedAuthTokenKind? MatchToken(EmulatedAccount account, string password)
    {
        var primary = SameSecret(account.AuthToken, password);
        var secondary = account.SecondaryAuthToken is { } token && SameSecret(token, password);
        return primary ? EmulatedAuthTokenKind.Primary : secondary ? EmulatedAuthTokenKind.Secondary : null;
    }

    private TwilioResult Handle(
        RouteMatch route, EmulatedAccount? account, string path, IReadOnlyDictionary<string, string> form, IReadOnlyDictionary<string, string> query)
    {
        if (account is null)
        {
            return TwilioResult.Unauthorized();
        }

        if (route.Operation == TwilioOperation.Unknown)
        {
            return TwilioResult.NotFound(path);
        }

        var call = new TwilioCall(account, path, route.Values, form, query, state.Now);
        try
        {
            return state.Locked(store => TwilioDispatcher.Dispatch(route.Operation, call, store));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return TwilioResult.Error(StatusCodes.Status500InternalServerError, 20500, $"Emulator error: {exception.Message}");
        }
    }
}
