using Mediator;
using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Providers.Commands.DeleteProvider;

public sealed class DeleteProviderCommandHandler(IEnumerable<IProviderDeletion> types) : ICommandHandler<DeleteProviderCommand>
{
    public async ValueTask<Unit> Handle(DeleteProviderCommand command, CancellationToken cancellationToken)
    {
        foreach (var type in types)
        {
            if (await type.TryDeleteAsync(command.OrganizationId, command.ProviderId, command.IfMatch, cancellationToken))
            {
                return Unit.Value;
            }
        }

        throw new NotFoundException("Provider", command.ProviderId.Value);
    }
}
