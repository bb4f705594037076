using System.Text;
using System.Text.Json.Nodes;

namespace AutoIntel.Discord.Tests.Support;

/// <summary>Interaction bodies shaped like Discord's.</summary>
public static class Payloads
{
    public const string ApplicationId = "1000000000000000001";
    public const string GuildId = "2000000000000000002";
    public const string ChannelId = "3000000000000000003";
    public const string UserId = "4000000000000000004";

    public static byte[] Ping() => Encoding.UTF8.GetBytes("""{"id":"5000000000000000005","application_id":"1000000000000000001","type":1,"token":"interaction-ping","version":1}""");

    public static byte[] Command(string name, string interactionId = "5000000000000000010", string? guildId = GuildId, JsonObject? resolved = null, string token = "interaction-secret-token", params (string Name, JsonNode Value, int Type)[] options)
    {
        var body = new JsonObject
        {
            ["id"] = interactionId,
            ["application_id"] = ApplicationId,
            ["type"] = 2,
            ["token"] = token,
            ["version"] = 1,
            ["channel_id"] = ChannelId,
            ["data"] = new JsonObject
            {
                ["id"] = "6000000000000000006",
                ["name"] = name,
                ["type"] = 1,
                ["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = o.Type, ["value"] = o.Value })]),
                ["resolved"] = resolved,
            },
        };
        if (guildId is null)
        {
            body["user"] = new JsonObject { ["id"] = UserId, ["username"] = "someone" };
        }
        else
        {
            body["guild_id"] = guildId;
            body["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = UserId, ["username"] = "someone" } };
        }

        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>A message-component interaction (type 3): a button click, or a string select with <paramref name="values"/>.</summary>
    public static byte[] Component(string customId, string[]? values = null, string guildId = GuildId, string userId = UserId, string interactionId = "5000000000000000020")
    {
        var data = new JsonObject { ["custom_id"] = customId, ["component_type"] = values is null ? 2 : 3 };
        if (values is not null)
        {
            data["values"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]);
        }

        var body = new JsonObject
        {
            ["id"] = interactionId,
            ["application_id"] = ApplicationId,
            ["type"] = 3,
            ["token"] = "component-token",
            ["version"] = 1,
            ["channel_id"] = ChannelId,
            ["guild_id"] = guildId,
            ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = userId, ["username"] = "reader" } },
            ["message"] = new JsonObject { ["id"] = "7000000000000000007", ["channel_id"] = ChannelId },
            ["data"] = data,
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    public static (string, JsonNode, int) Text(string name, string value) => (name, JsonValue.Create(value)!, 3);
}
