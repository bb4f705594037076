using System.Text.Json;
using System.Text.Json.Nodes;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Quality;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Core.Telemetry;
using AutoIntel.Discord.Delivery;
using AutoIntel.Discord.Interactions;
using AutoIntel.Discord.Tests.Support;
using AutoIntel.Intelligence.Routing;
using AutoIntel.TestKit;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Quality;

namespace AutoIntel.Discord.Tests.Feedback;

/// <summary>Signed clicks on a briefing's feedback buttons and claim select, through the real handler and stores.</summary>
public sealed class FeedbackInteractionTests : IAsyncLifetime
{
    private const string RunId = "discord-5000000000000000010";
    private const string Model = "gpt-test";
    private readonly TestSigner _signer = new();
    private DiscordTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartHostAsync(withLlm: false);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ThumbsUp_SameUserTwice_CountsOnce()
    {
        await SeedRunAsync(_host, Briefings.Small(RunId));

        JsonNode first = Reply(await ClickAsync(_host, Custom(FeedbackComponents.Up)), 4);
        JsonNode second = Reply(await ClickAsync(_host, Custom(FeedbackComponents.Up)), 4);

        Content(first).Should().Contain("Thanks for the 👍");
        Content(second).Should().Contain("already");
        RunFeedback stored = (await StoredAsync(_host)).Should().ContainSingle().Subject;
        stored.Vote.Should().Be(FeedbackVote.Up);
        stored.Tenant.Should().Be(Payloads.GuildId);
        stored.UserId.Should().Be(Payloads.UserId);
    }

    [Fact]
    public async Task ThumbsUpThenDown_SameUser_ReplacesTheVote()
    {
        await SeedRunAsync(_host, Briefings.Small(RunId));

        await ClickAsync(_host, Custom(FeedbackComponents.Up));
        JsonNode changed = Reply(await ClickAsync(_host, Custom(FeedbackComponents.Down)), 4);

        Content(changed).Should().Contain("Changed your feedback").And.Contain("👎");
        (await StoredAsync(_host)).Should().ContainSingle().Which.Vote.Should().Be(FeedbackVote.Down);
    }

    [Fact]
    public async Task TwoUsers_EachKeepTheirOwnVote()
    {
        await SeedRunAsync(_host, Briefings.Small(RunId));

        await ClickAsync(_host, Custom(FeedbackComponents.Up));
        await ClickAsync(_host, Payloads.Component(Custom(FeedbackComponents.Down), userId: "4000000000000000044"));

        (await StoredAsync(_host)).Select(f => (f.UserId, f.Vote)).Should().BeEquivalentTo(
            [(Payloads.UserId, (FeedbackVote?)FeedbackVote.Up), ("4000000000000000044", (FeedbackVote?)FeedbackVote.Down)]);
    }

    [Fact]
    public async Task VerdictIsWrong_OpensEphemeralSelectWithinDiscordLimits()
    {
        Briefing briefing = Briefings.Oversized(RunId);
        await SeedRunAsync(_host, briefing);

        JsonNode reply = Reply(await ClickAsync(_host, Custom(FeedbackComponents.PickClaims)), 4);

        JsonNode row = reply["data"]!["components"]!.AsArray().Should().ContainSingle().Subject!;
        row["type"]!.GetValue<int>().Should().Be(1);
        JsonNode select = row["components"]!.AsArray().Should().ContainSingle().Subject!;
        select["type"]!.GetValue<int>().Should().Be(3);
        select["custom_id"]!.GetValue<string>().Length.Should().BeLessThanOrEqualTo(100);
        JsonArray options = select["options"]!.AsArray();
        options.Should().HaveCount(25, "Discord allows 25 options and the briefing has 40 claims");
        options.Should().OnlyContain(o => o!["label"]!.GetValue<string>().Length <= 100 && o["description"]!.GetValue<string>().Length <= 100);
        options[0]!["value"]!.GetValue<string>().Should().Be(briefing.Claims.OrderByDescending(c => c.Claim.CheckWorthiness).First().Claim.Id);
        select["max_values"]!.GetValue<int>().Should().Be(25);
    }

    [Fact]
    public async Task SelectOfClaims_MarksThemWrongAndRemovesTheSelect()
    {
        await SeedRunAsync(_host, Briefings.Oversized(RunId));

        JsonNode reply = Reply(await ClickAsync(_host, Payloads.Component(Custom(FeedbackComponents.WrongClaims), ["c3", "c0", "not-a-claim"])), 7);
        JsonNode again = Reply(await ClickAsync(_host, Payloads.Component(Custom(FeedbackComponents.WrongClaims), ["c0", "c3"])), 7);

        reply["data"]!["components"]!.AsArray().Should().BeEmpty("the update removes the select");
        Content(reply).Should().Contain("Marked 2 verdict(s) as wrong");
        Content(again).Should().Contain("nothing changed");
        (await StoredAsync(_host)).Should().ContainSingle().Which.WrongClaims.Should().Equal("c0", "c3");
    }

    [Fact]
    public async Task ClickFromAnotherServer_IsTreatedAsUnknownRun()
    {
        await SeedRunAsync(_host, Briefings.Small(RunId));

        JsonNode reply = Reply(await ClickAsync(_host, Payloads.Component(Custom(FeedbackComponents.Up), guildId: "2000000000000000099")), 4);

        Content(reply).Should().Contain("can't find");
        (await StoredAsync(_host)).Should().BeEmpty();
    }

    [Fact]
    public async Task ForeignCustomId_AnswersPlainly()
    {
        JsonNode reply = Reply(await ClickAsync(_host, Payloads.Component("someone-elses:button")), 4);

        Content(reply).Should().Contain("isn't one of AutoIntel's");
    }

    [Fact]
    public async Task ComponentWithBadSignature_Is401()
    {
        byte[] body = Payloads.Component(Custom(FeedbackComponents.Up));
        string timestamp = TestSigner.Timestamp(_host.Time.GetUtcNow());

        InteractionResponse response = await _host.Get<InteractionHandler>().HandleAsync(new InteractionHeaders(new string('0', 128), timestamp), body);

        response.StatusCode.Should().Be(401);
    }

    [Fact]
    public async Task Feedback_ReachesTheRoutersLearner_AndAChangedVoteReplacesItsReward()
    {
        await using DiscordTestHost host = await StartHostAsync(withLlm: true);
        Briefing briefing = Briefings.Small(RunId) with
        {
            Claims = [.. Briefings.Small(RunId).Claims.Select(c => c with { Method = Model })],
            Models = [new ModelUse("summary", Model, 900, 3), new ModelUse(FeedbackRewards.ClaimVerificationTask, Model, 400, 2)],
        };
        await SeedRunAsync(host, briefing);
        BanditLearner learner = host.Get<BanditLearner>();
        double prior = learner.Mean("summary", BanditLearner.BucketFor(900), Model, 0.8);
        using var taught = new MeasurementCapture(MetricNames.Feedback);

        await ClickAsync(host, Custom(FeedbackComponents.Down));
        double afterDown = learner.Mean("summary", BanditLearner.BucketFor(900), Model, 0.8);
        await ClickAsync(host, Custom(FeedbackComponents.Down));
        double afterRepeat = learner.Mean("summary", BanditLearner.BucketFor(900), Model, 0.8);
        await ClickAsync(host, Custom(FeedbackComponents.Up));
        double afterUp = learner.Mean("summary", BanditLearner.BucketFor(900), Model, 0.8);
        await ClickAsync(host, Payloads.Component(Custom(FeedbackComponents.WrongClaims), ["c0"]));

        afterDown.Should().BeLessThan(prior);
        afterRepeat.Should().Be(afterDown, "the same click twice counts once");
        afterUp.Should().BeGreaterThan(prior, "👍 replaced 👎 instead of adding to it");
        var arms = learner.Snapshot().Arms;
        arms.Single(a => a.Task == "summary").Pulls.Should().Be(1);
        var verification = arms.Single(a => a.Task == FeedbackRewards.ClaimVerificationTask);
        (verification.Pulls, verification.Successes, verification.Failures).Should().Be((1, 0.0, 1.0), "the wrong verdict overrides the 👍 for claim verification");
        (await host.Store.ExistsAsync(BanditLearner.StatePath)).Should().BeTrue("what was learned is persisted for the next process");
        taught.All.Select(m => (m["analysis"], m["reward"], m.Value)).Should().Equal(
            [
                (FeedbackRewards.ClaimVerificationTask, "negative", 1), ("summary", "negative", 1),
                (FeedbackRewards.ClaimVerificationTask, "positive", 1), ("summary", "positive", 1),
                (FeedbackRewards.ClaimVerificationTask, "negative", 1),
            ],
            "each reward a click changes is counted once, the repeated 👎 not at all");
    }

    private async Task<DiscordTestHost> StartHostAsync(bool withLlm) => await DiscordTestHost.StartAsync(
        settings =>
        {
            settings["Discord:PublicKey"] = _signer.PublicKeyHex;
            if (withLlm)
            {
                // Never called: feedback only touches the learner; the endpoint only makes the gateway configured.
                settings["Llm:Endpoint"] = "http://127.0.0.1:9/v1";
                settings["Llm:ApiKey"] = "unused";
                settings["Llm:Model"] = Model;
            }
        },
        withLlmGateway: withLlm);

    private static string Custom(string action) => $"autointel:fb:{action}:{RunId}";

    private static async Task SeedRunAsync(DiscordTestHost host, Briefing briefing)
    {
        await host.Workflows.StartAsync(WorkflowNames.AutoIntel, new AnalyzeRequest(briefing.Source, Depth.Standard, Payloads.GuildId), RunId);
        await host.Store.PutAsync(RunPaths.BriefingJson(RunId), JsonSerializer.SerializeToUtf8Bytes(briefing, AutoIntelJson.Options), "application/json");
    }

    private Task<InteractionResponse> ClickAsync(DiscordTestHost host, string customId) => ClickAsync(host, Payloads.Component(customId));

    private async Task<InteractionResponse> ClickAsync(DiscordTestHost host, byte[] body)
    {
        string timestamp = TestSigner.Timestamp(host.Time.GetUtcNow());
        return await host.Get<InteractionHandler>().HandleAsync(new InteractionHeaders(_signer.Sign(timestamp, body), timestamp), body);
    }

    private static async Task<IReadOnlyList<RunFeedback>> StoredAsync(DiscordTestHost host) => await host.Get<FeedbackStore>().ListAsync();

    private static JsonNode Reply(InteractionResponse response, int type)
    {
        response.StatusCode.Should().Be(200);
        JsonNode json = JsonNode.Parse(response.Body)!;
        json["type"]!.GetValue<int>().Should().Be(type);
        json["data"]!["flags"]!.GetValue<int>().Should().Be(InteractionHandler.EphemeralFlag, "only the clicker sees the answer");
        return json;
    }

    private static string Content(JsonNode reply) => reply["data"]!["content"]!.GetValue<string>();
}
