using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders.Commands.RepairProvider;
using VoipProviders.Application.TwilioProviders.Queries.PlanProviderRepair;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.Web.Auth;
using VoipProviders.Web.Http;
using VoipProviders.Web.Infrastructure;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>Drift repair of a Twilio provider: <c>POST /api/v1/providers/twilio/{id}/repair</c> (and the deprecated <c>/api/v1/providers/{id}/repair</c>).</summary>
public sealed class ProviderRepairEndpoints : IEndpointGroup
{
    public static string RoutePrefix => "/api/v1/providers";

    public static string Tag => "Drift repair";


    public static string TagDescription => "What drifted in the tenant's Twilio account from what the provider needs, and the repair that puts it back.";

    public static void Map(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);

        group.MapPost("/twilio/{id}/repair", RepairAsync)
            .WithName("RepairProvider")
            .WithSummary("Plan or apply the repair of what drifted in the Twilio account")
            .WithDescription("Looks at the tenant's Twilio account afresh and plans how to bring the module's own resources back in line with the provider: recreate_trunk (disruptive: new SIP domain, so the termination URI changes), set_domain_name, set_transfer_mode, set_secure, create_credential_list, associate_credential_list, create_sip_credential (a new username and password: the dial-out route changes), create_origination_url, update_origination_url, reattach_phone_number. A number moved to another trunk or released, URLs the tenant added, rejected credentials or a suspended account are manual: reported, never repaired. With ?dryRun=true nothing changes and the answer is the plan {planId, basedOnVersion, actions}. Otherwise the plan is applied action by action (each Twilio change committed with its audit record and a ProviderRepaired event), then the provider is verified: results has each action's outcome (applied, failed, skipped) and verification the outcome. Body (optional): planId applies exactly that plan (409 repair_plan_stale when anything changed since), allowDisruptive must be true for a plan that recreates the trunk (else 409 disruptive_repair_not_allowed). If-Match is optional. Only the module's own trunk, credential list, SIP credentials, origination URLs and imported numbers are touched.")
            .Produces<ProviderRepairResponse>()
            .ChangesVersionedResource()
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/{id}/repair", RepairAsync)
            .WithName("RepairProviderDeprecatedRoute")
            .ChangesVersionedResource()
            .DeprecatedInFavourOf($"{RoutePrefix}/twilio/{{id}}/repair");
    }

    private static async Task<Ok<ProviderRepairResponse>> RepairAsync(
        string id,
        [FromQuery] string? dryRun,
        RepairProviderRequest? request,
        HttpRequest http,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        var isDryRun = dryRun switch
        {
            null or "false" => false,
            "true" => true,
            _ => throw RequestValidationException.For("dryRun", "dryRun must be true or false."),
        };
        request?.ThrowIfOtherFields();
        if (isDryRun)
        {
            if (request is { PlanId: not null } or { AllowDisruptive: not null })
            {
                throw RequestValidationException.For("body", "A dry run takes no body: it only plans. Send planId or allowDisruptive without ?dryRun=true to apply.");
            }

            return TypedResults.Ok(await sender.Send(new PlanProviderRepairQuery(user.GetOrganizationId(), providerId), cancellationToken));
        }

        return TypedResults.Ok(await sender.Send(
            new RepairProviderCommand(
                user.GetOrganizationId(),
                providerId,
                request?.PlanId,
                request?.AllowDisruptive ?? false,
                EntityTags.IfMatch(http, providerId.Value)),
            cancellationToken));
    }
}
