using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace AutoIntel.TestKit;

/// <summary>Binds the Qdrant gRPC methods that QdrantVectorStore calls to <see cref="FakeQdrantServer"/>, written from
/// Qdrant.Client's message types: the package ships client stubs only, so the server side is declared here, method by method.</summary>
/// <remarks>Service and method names are Qdrant's (<c>/qdrant.Points/Upsert</c> …); a test compares them with the client stubs' own descriptors.</remarks>
internal sealed class FakeQdrantServices(FakeQdrantServer server) : IServiceMethodProvider<FakeQdrantServer>
{
    private const string Points = "qdrant.Points";
    private const string Collections = "qdrant.Collections";

    private static readonly Method<UpsertPoints, PointsOperationResponse> Upsert = Unary<UpsertPoints, PointsOperationResponse>(Points, "Upsert");
    private static readonly Method<DeletePoints, PointsOperationResponse> Delete = Unary<DeletePoints, PointsOperationResponse>(Points, "Delete");
    private static readonly Method<CountPoints, CountResponse> Count = Unary<CountPoints, CountResponse>(Points, "Count");
    private static readonly Method<QueryPoints, QueryResponse> Query = Unary<QueryPoints, QueryResponse>(Points, "Query");
    private static readonly Method<CreateFieldIndexCollection, PointsOperationResponse> CreateFieldIndex =
        Unary<CreateFieldIndexCollection, PointsOperationResponse>(Points, "CreateFieldIndex");
    private static readonly Method<GetCollectionInfoRequest, GetCollectionInfoResponse> GetCollection =
        Unary<GetCollectionInfoRequest, GetCollectionInfoResponse>(Collections, "Get");
    private static readonly Method<CreateCollection, CollectionOperationResponse> CreateCollection = Unary<CreateCollection, CollectionOperationResponse>(Collections, "Create");
    private static readonly Method<DeleteCollection, CollectionOperationResponse> DeleteCollection = Unary<DeleteCollection, CollectionOperationResponse>(Collections, "Delete");

    /// <summary>Every method served, for the check against the client stubs.</summary>
    public static IReadOnlyList<IMethod> Methods { get; } = [Upsert, Delete, Count, Query, CreateFieldIndex, GetCollection, CreateCollection, DeleteCollection];

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<FakeQdrantServer> context)
    {
        Add(context, Upsert, server.Upsert);
        Add(context, Delete, server.Delete);
        Add(context, Count, server.Count);
        Add(context, Query, server.Query);
        Add(context, CreateFieldIndex, server.CreateFieldIndex);
        Add(context, GetCollection, server.GetCollection);
        Add(context, CreateCollection, server.CreateCollection);
        Add(context, DeleteCollection, server.DeleteCollection);
    }

    private static void Add<TRequest, TResponse>(ServiceMethodProviderContext<FakeQdrantServer> context, Method<TRequest, TResponse> method, Func<TRequest, TResponse> handler)
        where TRequest : class
        where TResponse : class =>
        context.AddUnaryMethod(method, [], (fake, request, call) => fake.HandleAsync(method.FullName, request, call, handler));

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        new(MethodType.Unary, service, name, Marshaller<TRequest>(), Marshaller<TResponse>());

    private static Marshaller<T> Marshaller<T>()
        where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
    }
}
