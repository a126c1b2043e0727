namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>Unauthenticated loopback admin API for scripts (never recorded in the request log).</summary>
internal static class AdminEndpoints
{
    public const string Prefix = "/_emulator";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup(Prefix);
        admin.MapGet("/requests", (TwilioEmulatorState state) => state.Requests);
        admin.MapGet("/state", (TwilioEmulatorState state) =>
            new { state.Accounts, state.Trunks, state.CredentialLists, state.PhoneNumbers });
        admin.MapPost("/accounts", (AdminAccountRequest? body, TwilioEmulatorState state) => Guard(() =>
        {
            var status = body?.Status ?? EmulatedAccountStatus.Active;
            var account = body?.Sid is null && body?.AuthToken is null
                ? state.AddAccount(body?.FriendlyName, status)
                : state.AddAccount(body.Sid ?? Sids.New("AC"), body.AuthToken ?? Sids.NewToken(), body.FriendlyName ?? "Emulated Account", status);
            if (body?.SecondaryAuthToken is { } secondary)
            {
                state.SetSecondaryAuthToken(account.Sid, secondary);
            }

            return Results.Ok(new { sid = account.Sid, authToken = account.AuthToken, secondaryAuthToken = body?.SecondaryAuthToken });
        }));
        admin.MapPost("/accounts/{accountSid}/phone-numbers", (string accountSid, AdminPhoneNumberRequest body, TwilioEmulatorState state) => Guard(() =>
        {
            var number = state.AddIncomingPhoneNumber(accountSid, body.PhoneNumber, body.FriendlyName);
            return Results.Ok(new { sid = number.Sid, phoneNumber = number.PhoneNumber });
        }));
        // Stands in for "rotate the Auth Token in the Twilio Console": the account gets a new primary token (?authToken=,
        // or a random one) and the old token stops working at once. No body, so a bare `curl -X POST` works.
        admin.MapPost("/accounts/{accountSid}/auth-token", (string accountSid, string? authToken, TwilioEmulatorState state) => Guard(() =>
        {
            authToken ??= Sids.NewToken();
            state.SetAuthToken(accountSid, authToken);
            return Results.Ok(new { sid = accountSid, authToken });
        }));
        // Stands in for "someone else created a secondary Auth Token" (?authToken=, or a random one); it authenticates
        // alongside the primary. DELETE removes it (204 also when there is none).
        admin.MapPost("/accounts/{accountSid}/secondary-auth-token", (string accountSid, string? authToken, TwilioEmulatorState state) => Guard(() =>
        {
            authToken ??= Sids.NewToken();
            state.SetSecondaryAuthToken(accountSid, authToken);
            return Results.Ok(new { sid = accountSid, secondaryAuthToken = authToken });
        }));
        admin.MapDelete("/accounts/{accountSid}/secondary-auth-token", (string accountSid, TwilioEmulatorState state) => Guard(() =>
        {
            state.SetSecondaryAuthToken(accountSid, null);
            return Results.NoContent();
        }));
        admin.MapPost("/faults", (AdminFaultRequest body, TwilioEmulatorState state) => Guard(() =>
        {
            state.EnqueueFaults(body.Operation, [.. body.Faults]);
            return Results.NoContent();
        }));
        admin.MapPost("/latency", (AdminLatencyRequest body, TwilioEmulatorState state) => Guard(() =>
        {
            state.SetLatency(body.Operation, body.Latency);
            return Results.NoContent();
        }));
        // Stands in for "someone dials the number": ?to= is E.164 with '+' sent as %2B (an unencoded '+' arrives as a space
        // and is put back). 200 with the InboundCallRoute even when the call would fail (errorCode says why).
        admin.MapGet("/inbound-calls/route", (string? to, TwilioEmulatorState state) => Guard(() =>
        {
            if (string.IsNullOrWhiteSpace(to))
            {
                throw new ArgumentException("Query parameter 'to' (an E.164 number, '+' sent as %2B) is required.", nameof(to));
            }

            var number = to.Trim();
            return Results.Ok(state.RouteInboundCall(to.StartsWith(' ') && !number.StartsWith('+') ? "+" + number : number));
        }));
        // Stands in for an INVITE with digest credentials to a trunk's termination URI.
        admin.MapPost("/sip-auth", (AdminSipAuthRequest body, TwilioEmulatorState state) => Guard(() =>
        {
            var authenticated = state.AuthenticatesSipCall(
                body.TerminationHost ?? "",
                body.Username ?? throw new ArgumentException("'username' is required.", nameof(body)),
                body.Password ?? throw new ArgumentException("'password' is required.", nameof(body)));
            return Results.Ok(new { authenticated });
        }));
        admin.MapPost("/reset", (TwilioEmulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });
    }

    private static IResult Guard(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentException exception)
        {
            return Results.BadRequest(new { error = exception.Message });
        }
    }
}
