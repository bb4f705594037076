using System.Text.Json;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Intelligence.Offline;
using AutoIntel.Intelligence.Prompts;
using AutoIntel.TestKit;

namespace AutoIntel.Intelligence.Tests.Analyses;

public sealed class LoadedLanguageAnalysisTests : IAsyncLifetime
{
    private const string Speech =
        "The regime has pushed another job-killing rule through parliament. Prices are skyrocketing while the bureaucrats do nothing. " +
        "Our hard-working families are under attack, and the so-called experts keep telling us it is fine. " +
        "Thousands of workers were let go last spring, and the job-killing rule will make it worse.";

    private static readonly LoadedLanguageAnalysis Analysis = new();
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Offline_ChargedSpeech_FindsEachTermOnceWithItsKindSentenceAndNeutralWording()
    {
        var terms = Analysis.Offline(Speech, new Chunk(3, Speech, 0));

        terms.Select(t => t.Term).Should().Equal(
            "The regime", "job-killing", "skyrocketing", "bureaucrats", "hard-working families", "under attack", "so-called", "were let go");
        var regime = terms[0];
        regime.Kind.Should().Be(LoadedLanguageAnalysis.Pejorative);
        regime.Quote.Should().Be("The regime has pushed another job-killing rule through parliament.");
        regime.Neutral.Should().Be("the government");
        regime.ChunkIndex.Should().Be(3);
        terms.Single(t => t.Term == "skyrocketing").Kind.Should().Be(LoadedLanguageAnalysis.Hyperbole);
        terms.Single(t => t.Term == "under attack").Kind.Should().Be(LoadedLanguageAnalysis.Fear);
        terms.Single(t => t.Term == "hard-working families").Kind.Should().Be(LoadedLanguageAnalysis.Flattering);
        terms.Single(t => t.Term == "were let go").Kind.Should().Be(LoadedLanguageAnalysis.Euphemism);
    }

    [Fact]
    public void Offline_LabelledTranscript_QuotesTheWordsWithoutTheSpeakerLabel()
    {
        const string text = "Host: Welcome back. Graham Whitlock: Don't let the so-called experts bully you.";
        var term = Analysis.Offline(text, new Chunk(0, text, 0)).Should().ContainSingle().Subject;

        term.Quote.Should().Be("Don't let the so-called experts bully you.");
    }

    [Fact]
    public void Offline_TwoSpeakers_EachTermGoesToWhoeverSaidIt()
    {
        const string text = "Prices are skyrocketing, they say. Mayor Jansen: The so-called experts were wrong again. Councillor Berg: " +
            "Our hard-working families deserve better than a fight that has dragged on for years, through budget after budget, " +
            "committee after committee, meeting after meeting, motion after motion, report after report, consultation after consultation, " +
            "and now a job-killing rule that nobody here has read to the end, and that nobody in this chamber can explain to a single resident.";
        var chunk = new Chunk(0, text, 0, SpeakerAtStart: "Host", Speakers: ["Host", "Mayor Jansen", "Councillor Berg"]);

        var terms = Analysis.Offline(text, chunk);

        terms.Select(t => (t.Term, t.Speaker)).Should().Equal(
            ("skyrocketing", "Host"), ("so-called", "Mayor Jansen"), ("hard-working families", "Councillor Berg"), ("job-killing", "Councillor Berg"));
        terms.Single(t => t.Term == "job-killing").Quote.Should().EndWith("\u2026", "the long sentence is cut, and still attributed");
    }

    [Fact]
    public void Present_TermsWithSpeakers_NamesThemAfterEachQuote()
    {
        const string text = "Mayor Jansen: The so-called experts were wrong again.";
        var chunk = new Chunk(0, text, 0, SpeakerAtStart: "Mayor Jansen", Speakers: ["Mayor Jansen"]);

        var section = Analysis.Present([JsonSerializer.SerializeToElement(Analysis.Offline(text, chunk), AutoIntelJson.Options)]);

        section.Markdown.Should().Contain("  - \u201CThe so-called experts were wrong again.\u201D \u2014 Mayor Jansen\n");
        section.Fields[0].Value.Should().StartWith("\u201CThe so-called experts were wrong again.\u201D (Mayor Jansen)");
        var quote = section.Data.GetProperty("terms")[0].GetProperty("quotes")[0];
        quote.GetProperty("text").GetString().Should().Be("The so-called experts were wrong again.");
        quote.GetProperty("speaker").GetString().Should().Be("Mayor Jansen");
    }

    [Fact]
    public void Prompt_AnswerInALabelledChunk_QuoteWithoutTheLabelAndTheTurnsSpeaker()
    {
        const string text = "Rents rose again. Tom Hale: The bureaucrats do nothing about it.";
        var chunk = new Chunk(1, text, 20, SpeakerAtStart: "Ruth Adeyemi", Speakers: ["Ruth Adeyemi", "Tom Hale"]);
        var input = new TaskInput([new DataSection("chunk 2", text)], text, 1, SpeakerTurns.Of(chunk));
        using var answer = JsonDocument.Parse("""
            {"terms":[{"term":"bureaucrats","kind":"pejorative","quote":"Tom Hale: The bureaucrats do nothing about it.","neutral":"officials"}],"ignoredInstructions":[]}
            """);

        var term = Analysis.Prompt.Parse(answer.RootElement, input).Should().ContainSingle().Subject;

        term.Quote.Should().Be("The bureaucrats do nothing about it.");
        term.Speaker.Should().Be("Tom Hale");
    }

    [Theory]
    [InlineData("The pension scheme changed the tax regime for elite athletes, who let go of their old contracts.")]
    [InlineData("A six-month trial of a four-day working week at 61 British companies ended with 56 of them keeping the shorter week.")]
    [InlineData("Catastrophic flooding destroyed 300 homes after the river rose by four metres overnight.")]
    public void Offline_NeutralOrLiteralWording_FindsNothing(string text) =>
        Analysis.Offline(text, new Chunk(0, text, 0)).Should().BeEmpty();

    [Fact]
    public async Task Offline_ArticleSample_FindsNothingInNeutralReporting()
    {
        var html = await File.ReadAllTextAsync(RepoPaths.Sample("article.html"));
        var text = System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ");

        Analysis.Offline(text, new Chunk(0, text, 0)).Should().BeEmpty("the article reports a trial in neutral words");
    }

    [Fact]
    public void Present_TermsAcrossChunks_MergedMostUsedFirstInMarkdownJsonAndDiscordFields()
    {
        var perChunk = new[] { Analysis.Offline(Speech, new Chunk(0, Speech, 0)), Analysis.Offline("Another job-killing plan arrived today.", new Chunk(1, "Another job-killing plan arrived today.", 0)) }
            .Select(t => JsonSerializer.SerializeToElement(t, AutoIntelJson.Options)).ToList();

        var section = Analysis.Present(perChunk);

        section.Name.Should().Be("loaded_language");
        section.Title.Should().Be("Loaded language");
        section.Markdown.Should().StartWith("- **\u201Cjob-killing\u201D** (pejorative, \u00D72) — neutral: costly for employers\n  - \u201CThe regime has pushed another job-killing rule through parliament.\u201D\n  - \u201CAnother job-killing plan arrived today.\u201D\n");
        section.Markdown.Should().Contain("- **\u201Cso-called\u201D** (pejorative) — neutral: (drop it)\n  - \u201COur hard-working families are under attack, and the so-called experts keep telling us it is fine.\u201D");
        var first = section.Data.GetProperty("terms")[0];
        first.GetProperty("term").GetString().Should().Be("job-killing");
        first.GetProperty("uses").GetInt32().Should().Be(2);
        section.Fields.Should().HaveCount(6, "five terms and a pointer to the report");
        section.Fields[0].Name.Should().Be("\u201Cjob-killing\u201D · pejorative \u00D72");
        section.Fields[^1].Value.Should().Be("3 more are in the attached report.");
    }

    [Fact]
    public void Present_NothingFound_SaysSoWithoutDiscordFields()
    {
        var section = Analysis.Present([JsonSerializer.SerializeToElement(Array.Empty<LoadedTerm>(), AutoIntelJson.Options)]);

        section.Markdown.Should().Be("_No loaded terms were found._");
        section.Fields.Should().BeEmpty();
    }

    [Fact]
    public void Prompt_ValidAnswer_MappedWithTheChunkIndex()
    {
        var input = new TaskInput([new DataSection("chunk 2", Speech)], Speech, 1);
        using var answer = JsonDocument.Parse("""
            {"terms":[{"term":"bureaucrats","kind":"pejorative","quote":"Prices are skyrocketing while the bureaucrats do nothing.","neutral":"officials"}],"ignoredInstructions":[]}
            """);

        var terms = Analysis.Prompt.Parse(answer.RootElement, input);

        terms.Should().Equal(new LoadedTerm("bureaucrats", "pejorative", "Prices are skyrocketing while the bureaucrats do nothing.", "officials", 1));
        Analysis.Prompt.TaskType.Should().Be("loaded_language");
        Analysis.Prompt.SchemaJson.Should().Contain("\"enum\":[\"pejorative\",\"hyperbole\",\"euphemism\",\"fear\",\"flattering\"]");
    }

    [Theory]
    [InlineData("""{"terms":[{"term":"thugs","kind":"pejorative","quote":"Prices are skyrocketing while the bureaucrats do nothing.","neutral":"x"}],"ignoredInstructions":[]}""", "'term' must appear in its quote")]
    [InlineData("""{"terms":[{"term":"villains","kind":"pejorative","quote":"The villains won again.","neutral":"x"}],"ignoredInstructions":[]}""", "quote")]
    [InlineData("""{"terms":[{"term":"bureaucrats","kind":"rude","quote":"Prices are skyrocketing while the bureaucrats do nothing.","neutral":"x"}],"ignoredInstructions":[]}""", "'kind' must be one of")]
    public void Prompt_InvalidAnswer_RefusedNamingTheField(string json, string problem)
    {
        var input = new TaskInput([new DataSection("chunk 1", Speech)], Speech, 0);
        using var answer = JsonDocument.Parse(json);

        var act = () => Analysis.Prompt.Parse(answer.RootElement, input);

        act.Should().Throw<OutputValidationException>().WithMessage($"*{problem}*");
    }

    [Fact]
    public async Task AnalyseAsync_ModelAnswersInvalidTwiceOnEveryModel_LexiconStandsInMarkedDegraded()
    {
        await using var h = new GatewayHarness(_server);
        _server.Chat = _ => FakeReply.Json("""{"terms":"none","ignoredInstructions":[]}""");
        var analyzer = new LlmContentAnalyzer(h.Gateway, new OfflineAnalyzer(), h.Journal);

        var result = await Analysis.AnalyseAsync(analyzer, new AnalysisRequest("run-1", "local", Depth.Standard), new Chunk(0, Speech, 80));

        result.Degraded.Should().Be(LlmContentAnalyzer.InvalidOutputReason);
        result.Value.Deserialize<List<LoadedTerm>>(AutoIntelJson.Options)!.Select(t => t.Term).Should().Contain("job-killing");
        _server.ChatRequests.Should().OnlyContain(r => r.SchemaName == "loaded_language");
    }
}
