using System.Collections;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>
/// The read side over in-memory lists: LINQ to objects behind sets that also enumerate asynchronously, so handlers'
/// EF Core async operators (ToListAsync, ToDictionaryAsync, …) work. No change tracking; nothing is saved.
/// </summary>
public sealed class FakeVoipProvidersDbContext : IVoipProvidersDbContext
{
    public List<TwilioProvider> Providers { get; } = [];

    public List<ImportedPhoneNumber> PhoneNumbers { get; } = [];

    public DbSet<TwilioProvider> TwilioProviders => new InMemorySet<TwilioProvider>(Providers);

    public DbSet<ImportedPhoneNumber> ImportedPhoneNumbers => new InMemorySet<ImportedPhoneNumber>(PhoneNumbers);

    private sealed class InMemorySet<T>(IEnumerable<T> items) : DbSet<T>, IQueryable<T>, IAsyncEnumerable<T>
        where T : class
    {
        private readonly AsyncQuery<T> _query = new(items);

        public override IEntityType EntityType => throw new NotSupportedException("The fake has no model.");

        Type IQueryable.ElementType => typeof(T);

        Expression IQueryable.Expression => ((IQueryable)_query).Expression;

        IQueryProvider IQueryable.Provider => ((IQueryable)_query).Provider;

        IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)_query).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)_query).GetEnumerator();

        IAsyncEnumerator<T> IAsyncEnumerable<T>.GetAsyncEnumerator(CancellationToken cancellationToken) =>
            _query.GetAsyncEnumerator(cancellationToken);
    }

    private sealed class AsyncQuery<T> : EnumerableQuery<T>, IAsyncEnumerable<T>, IQueryable<T>
    {
        public AsyncQuery(IEnumerable<T> items)
            : base(items)
        {
        }

        public AsyncQuery(Expression expression)
            : base(expression)
        {
        }

        IQueryProvider IQueryable.Provider => new AsyncQueryProvider(this);

        public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            foreach (var item in (IEnumerable<T>)this)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
                yield return item;
            }
        }
    }

    private sealed class AsyncQueryProvider(IQueryProvider inner) : IAsyncQueryProvider
    {
        public IQueryable CreateQuery(Expression expression) =>
            (IQueryable)Activator.CreateInstance(typeof(AsyncQuery<>).MakeGenericType(expression.Type.GetGenericArguments()[0]), expression)!;

        public IQueryable<TElement> CreateQuery<TElement>(Expression expression) => new AsyncQuery<TElement>(expression);

        public object? Execute(Expression expression) => inner.Execute(expression);

        public TResult Execute<TResult>(Expression expression) => inner.Execute<TResult>(expression);

        public TResult ExecuteAsync<TResult>(Expression expression, CancellationToken cancellationToken)
        {
            // Scalar async operators (CountAsync, AnyAsync, …) ask for Task<T>: run them synchronously and wrap the result.
            var resultType = typeof(TResult).GetGenericArguments()[0];
            var result = typeof(IQueryProvider).GetMethods()
                .Single(m => m is { Name: nameof(IQueryProvider.Execute), IsGenericMethod: true })
                .MakeGenericMethod(resultType)
                .Invoke(inner, [expression]);
            return (TResult)typeof(Task).GetMethod(nameof(Task.FromResult))!.MakeGenericMethod(resultType).Invoke(null, [result])!;
        }
    }
}
