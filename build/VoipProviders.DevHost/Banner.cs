using System.Globalization;
using System.Text;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.DevHost;

/// <summary>What build/run.sh prints once the API is ready: where things are, credentials and curl examples.</summary>
internal static class Banner
{
    public static string Render(Facts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var api = facts.Api.GetLeftPart(UriPartial.Authority);
        var emulator = facts.Emulator.GetLeftPart(UriPartial.Authority);
        var rotate = $"{emulator}/_emulator/accounts/{facts.Account.Sid}/auth-token";
        var providers = "$VP_API/api/v1/providers/twilio";
        var allProviders = "$VP_API/api/v1/providers";
        var createBody = $$"""{"accountSid":"{{facts.Account.Sid}}","authToken":"{{facts.Account.AuthToken}}","name":"Demo provider"}""";
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine()
            .AppendLine("VoipProviders is running.")
            .AppendLine()
            .AppendLine(culture, $"  API               {api}")
            .AppendLine(culture, $"  API reference     {api}/scalar")
            .AppendLine(culture, $"  OpenAPI document  {api}/openapi/v1.json")
            .AppendLine(culture, $"  PostgreSQL        {facts.Database}")
            .AppendLine(culture, $"  Twilio emulator   {emulator}  (state: {emulator}/_emulator/state)")
            .AppendLine()
            .AppendLine(culture, $"Bearer token (organization {facts.Organization}, valid {facts.TokenLifetime.TotalHours:0} h, only for this run):")
            .AppendLine(culture, $"  {facts.BearerToken}")
            .AppendLine()
            .AppendLine(culture, $"Service token of the internal API (the platform's SIP service: audience voip-providers-internal, scope voip-providers.sip):")
            .AppendLine(culture, $"  {facts.ServiceToken}")
            .AppendLine()
            .AppendLine("Demo Twilio account (in the emulator):")
            .AppendLine(culture, $"  Account SID  {facts.Account.Sid}")
            .AppendLine(culture, $"  Auth Token   {facts.Account.AuthToken}")
            .AppendLine(culture, $"  Numbers      +14155550101, +14155550102, +442071838750 ({string.Join(", ", facts.PhoneNumberSids)})")
            .AppendLine()
            .AppendLine("Try it (bash):")
            .AppendLine()
            .AppendLine(culture, $"  export VP_API={api} VP_TOKEN='{facts.BearerToken}' VP_SIP_TOKEN='{facts.ServiceToken}'")
            .AppendLine()
            .AppendLine("  # 1. Connect the demo account (HTTP 201): validates it with the emulator, builds the SIP trunk; keeps the id")
            .AppendLine(culture, $"  CREATED=$(curl -sS -X POST \"{providers}\" -H \"Authorization: Bearer $VP_TOKEN\" -H 'Content-Type: application/json' \\")
            .AppendLine(culture, $"    -d '{createBody}' -w '\\nHTTP %{{http_code}}'); echo \"$CREATED\"")
            .AppendLine("  PROVIDER_ID=$(echo \"$CREATED\" | grep -o '\"id\":\"[^\"]*\"' | head -n 1 | cut -d '\"' -f 4)")
            .AppendLine()
            .AppendLine("  # 2. Get it (HTTP 200)")
            .AppendLine(culture, $"  curl -sS \"{providers}/$PROVIDER_ID\" -H \"Authorization: Bearer $VP_TOKEN\" -w '\\nHTTP %{{http_code}}\\n'")
            .AppendLine()
            .AppendLine("  # 3. Rotate the Auth Token: first in \"the Twilio Console\" (the emulator's admin API; the old token stops")
            .AppendLine("  #    working at once), then in the API, which checks the new token with Twilio before storing it (HTTP 200)")
            .AppendLine(culture, $"  NEW_AUTH_TOKEN=$(curl -sS -X POST {rotate} | grep -o '\"authToken\":\"[^\"]*\"' | cut -d '\"' -f 4)")
            .AppendLine(culture, $"  curl -sS -X PATCH \"{providers}/$PROVIDER_ID/auth-token\" -H \"Authorization: Bearer $VP_TOKEN\" -H 'Content-Type: application/json' \\")
            .AppendLine("    -d \"{\\\"authToken\\\":\\\"$NEW_AUTH_TOKEN\\\"}\" -w '\\nHTTP %{http_code}\\n'")
            .AppendLine()
            .AppendLine("  # 4. List the organization's providers, newest first (HTTP 200; filters: providerType, verificationStatus)")
            .AppendLine(culture, $"  curl -sS \"{allProviders}?skip=0&take=20\" -H \"Authorization: Bearer $VP_TOKEN\" -w '\\nHTTP %{{http_code}}\\n'")
            .AppendLine()
            .AppendLine("  # 5. Get it as a provider of any type (HTTP 200; providerType says which) and keep its ETag")
            .AppendLine(culture, $"  ETAG=$(curl -sS -D - -o /dev/null \"{allProviders}/$PROVIDER_ID\" -H \"Authorization: Bearer $VP_TOKEN\" | grep -i '^etag:' | cut -d ' ' -f 2 | tr -d '\\r'); echo \"ETag: $ETAG\"")
            .AppendLine()
            .AppendLine("  # 6. Rename it, move it to the Dublin edge and allow call transfer, only if nobody changed it since (HTTP 200;")
            .AppendLine("  #    a stale If-Match answers 412). Call transfer is set on the trunk in Twilio first.")
            .AppendLine(culture, $"  curl -sS -X PUT \"{providers}/$PROVIDER_ID\" -H \"Authorization: Bearer $VP_TOKEN\" -H 'Content-Type: application/json' \\")
            .AppendLine("    -H \"If-Match: $ETAG\" -d '{\"name\":\"Demo provider (EU)\",\"region\":\"ie1\",\"supportsCallTransfer\":true}' -w '\\nHTTP %{http_code}\\n'")
            .AppendLine()
            .AppendLine("  # 7. The numbers in the demo account (HTTP 200; imported says whether this provider has them already)")
            .AppendLine(culture, $"  curl -sS \"{providers}/$PROVIDER_ID/available-numbers?take=50\" -H \"Authorization: Bearer $VP_TOKEN\" -w '\\nHTTP %{{http_code}}\\n'")
            .AppendLine()
            .AppendLine("  # 8. Import two of them onto the trunk (HTTP 200 with the new ids; a third, unknown SID is reported as not_found)")
            .AppendLine(culture, $"  curl -sS -X POST \"{providers}/$PROVIDER_ID/import-numbers\" -H \"Authorization: Bearer $VP_TOKEN\" -H 'Content-Type: application/json' \\")
            .AppendLine(culture, $"    -d '{{\"phoneNumberSids\":[\"{facts.PhoneNumberSids[0]}\",\"{facts.PhoneNumberSids[1]}\",\"PN00000000000000000000000000000000\"]}}' -w '\\nHTTP %{{http_code}}\\n'")
            .AppendLine()
            .AppendLine("  # 9. The organization's imported numbers (HTTP 200); remove one (HTTP 204; it stays in the Twilio account)")
            .AppendLine(culture, $"  NUMBERS=$(curl -sS \"$VP_API/api/v1/phone-numbers?providerId=$PROVIDER_ID\" -H \"Authorization: Bearer $VP_TOKEN\"); echo \"$NUMBERS\"")
            .AppendLine("  NUMBER_ID=$(echo \"$NUMBERS\" | grep -o '\"id\":\"[^\"]*\"' | head -n 1 | cut -d '\"' -f 4)")
            .AppendLine(culture, $"  curl -sS -X DELETE \"{providers}/$PROVIDER_ID/phone-numbers/$NUMBER_ID\" -H \"Authorization: Bearer $VP_TOKEN\" -w 'HTTP %{{http_code}}\\n'")
            .AppendLine()
            .AppendLine("  # 10. Verify it now (HTTP 200: status and the five checks). It was verified in the background after each change")
            .AppendLine("  #     already, and is again every hour; verificationStatus and verificationDetails show the last run.")
            .AppendLine(culture, $"  curl -sS -X POST \"{providers}/$PROVIDER_ID/verify\" -H \"Authorization: Bearer $VP_TOKEN\" -w '\\nHTTP %{{http_code}}\\n'")
            .AppendLine()
            .AppendLine("  # 11. Where Twilio sends a call to the remaining number: the origination URL the connect created, carrying the")
            .AppendLine("  #     provider's routing key (the emulator's probe: what Twilio would do; an error code 32010 means no route)")
            .AppendLine(culture, $"  NUMBER=$(curl -sS \"$VP_API/api/v1/phone-numbers?providerId=$PROVIDER_ID\" -H \"Authorization: Bearer $VP_TOKEN\" | grep -o '\"phoneNumber\":\"[^\"]*\"' | head -n 1 | cut -d '\"' -f 4)")
            .AppendLine(culture, $"  curl -sS \"{emulator}/_emulator/inbound-calls/route?to=${{NUMBER/+/%2B}}\" -w '\\nHTTP %{{http_code}}\\n'")
            .AppendLine()
            .AppendLine("  # 12. The SIP ingress asks whose call it is, by the routing key the origination URL carried (HTTP 200; internal API,")
            .AppendLine("  #     service token only: a tenant's token answers 403)")
            .AppendLine(culture, $"  ROUTING_KEY=$(curl -sS \"{providers}/$PROVIDER_ID\" -H \"Authorization: Bearer $VP_TOKEN\" | grep -o '\"inboundRoutingKey\":\"[^\"]*\"' | cut -d '\"' -f 4)")
            .AppendLine("  curl -sS \"$VP_API/internal/v1/inbound-calls/resolve?calledNumber=${NUMBER/+/%2B}&routingKey=$ROUTING_KEY\" -H \"Authorization: Bearer $VP_SIP_TOKEN\" -w '\\nHTTP %{http_code}\\n'")
            .AppendLine()
            .AppendLine("  # 13. Rotate the trunk's SIP credential without dropping a call (HTTP 200, sipCredentialVersion 2): the old one keeps")
            .AppendLine("  #     working for 15 minutes (Sip:CredentialRotationGracePeriod), then a background job deletes it")
            .AppendLine(culture, $"  curl -sS -X POST \"{providers}/$PROVIDER_ID/sip-credential/rotate\" -H \"Authorization: Bearer $VP_TOKEN\" -w '\\nHTTP %{{http_code}}\\n'")
            .AppendLine()
            .AppendLine("  # 14. The SIP service reads the dial-out route: termination URI, the new SIP credential (password in plain, never")
            .AppendLine("  #     cached: Cache-Control no-store), caller IDs (HTTP 200; the read is logged without the password)")
            .AppendLine(culture, $"  curl -sS \"$VP_API/internal/v1/providers/$PROVIDER_ID/dial-out-route?organizationId={facts.Organization}\" -H \"Authorization: Bearer $VP_SIP_TOKEN\" -w '\\nHTTP %{{http_code}}\\n'")
            .AppendLine()
            .AppendLine("  # 15. Delete the provider (HTTP 204). Its numbers are detached and its trunk and credential list removed from")
            .AppendLine("  #     Twilio by a background job right after;")
            .AppendLine(culture, $"  #     watch them disappear in {emulator}/_emulator/state")
            .AppendLine(culture, $"  curl -sS -X DELETE \"{allProviders}/$PROVIDER_ID\" -H \"Authorization: Bearer $VP_TOKEN\" -w 'HTTP %{{http_code}}\\n'")
            .AppendLine()
            .Append("Press Ctrl+C to stop everything (the throwaway database is removed).");
        return text.ToString();
    }

    internal sealed record Facts(
        Uri Api,
        Uri Emulator,
        string Database,
        string BearerToken,
        string ServiceToken,
        string Organization,
        TimeSpan TokenLifetime,
        EmulatedAccount Account,
        IReadOnlyList<string> PhoneNumberSids);
}
