using System.Text.Json;
using FluentValidation;
using Mediator;
using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Common.Behaviours;

/// <summary>Runs every FluentValidation validator of the message before its handler; any failure stops the pipeline.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        // Allocated only when something fails: the usual request passes.
        Dictionary<string, List<string>>? errors = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (result.IsValid)
            {
                continue;
            }

            errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var failure in result.Errors)
            {
                var field = ToJsonFieldName(failure.PropertyName);
                if (!errors.TryGetValue(field, out var messages))
                {
                    errors[field] = messages = [];
                }

                if (!messages.Contains(failure.ErrorMessage, StringComparer.Ordinal))
                {
                    messages.Add(failure.ErrorMessage);
                }
            }
        }

        if (errors is { Count: > 0 })
        {
            throw new RequestValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }

        return await next(message, cancellationToken);
    }

    private static string ToJsonFieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
