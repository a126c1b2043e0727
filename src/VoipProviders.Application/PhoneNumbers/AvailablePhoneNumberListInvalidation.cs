using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>
/// Drops the listings at the end of the command either way: after the commit, or — registered before the command's
/// own compensations, so it runs after them (newest first) — after the numbers were put back.
/// </summary>
internal sealed class AvailablePhoneNumberListInvalidation(IUnitOfWork unitOfWork, AvailablePhoneNumberListCache cache)
    : IAvailablePhoneNumberListInvalidation
{
    public void InvalidateWhenSettled(ProviderId providerId)
    {
        unitOfWork.RegisterCompensation(
            $"drop the cached number listings of provider {providerId.Value}",
            _ =>
            {
                cache.Invalidate(providerId);
                return Task.CompletedTask;
            });
        unitOfWork.OnCommitted(
            $"drop the cached number listings of provider {providerId.Value}",
            _ =>
            {
                cache.Invalidate(providerId);
                return Task.CompletedTask;
            });
    }
}
