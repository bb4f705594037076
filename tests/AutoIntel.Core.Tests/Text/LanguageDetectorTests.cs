using AutoIntel.Core.Text;

namespace AutoIntel.Core.Tests.Text;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("en", "The town council approved the new bridge last year, and the work on it will begin in the spring. Residents who live near the river have asked for a second crossing for a long time.")]
    [InlineData("de", "Der Stadtrat hat im vergangenen Jahr den Bau der neuen Brücke beschlossen, und die Arbeiten sollen im Frühjahr beginnen. Die Anwohner am Fluss wünschen sich schon lange eine zweite Querung.")]
    [InlineData("fr", "Le conseil municipal a approuvé le nouveau pont l'année dernière, et les travaux doivent commencer au printemps. Les habitants qui vivent près de la rivière demandent depuis longtemps un second passage.")]
    [InlineData("es", "El ayuntamiento aprobó el nuevo puente el año pasado, y las obras comenzarán en la primavera. Los vecinos que viven cerca del río piden desde hace mucho tiempo un segundo cruce.")]
    [InlineData("it", "Il consiglio comunale ha approvato il nuovo ponte l'anno scorso, e i lavori inizieranno in primavera. Gli abitanti che vivono vicino al fiume chiedono da molto tempo un secondo attraversamento.")]
    [InlineData("pt", "A câmara municipal aprovou a nova ponte no ano passado, e as obras vão começar na primavera. Os moradores que vivem perto do rio pedem há muito tempo uma segunda travessia.")]
    [InlineData("nl", "De gemeenteraad heeft vorig jaar de nieuwe brug goedgekeurd, en het werk begint in het voorjaar. De bewoners die bij de rivier wonen vragen al lang om een tweede oversteek.")]
    [InlineData("pl", "Rada miasta zatwierdziła w zeszłym roku budowę nowego mostu, a prace mają się rozpocząć wiosną. Mieszkańcy, którzy żyją przy rzece, od dawna proszą o drugą przeprawę, bo to jest dla nich ważne.")]
    [InlineData("ru", "Городской совет в прошлом году одобрил строительство нового моста, и работы начнутся весной. Жители, которые живут у реки, уже давно просят о второй переправе, потому что это для них важно.")]
    public void Detect_ParagraphInALanguage_ThatLanguage(string expected, string text)
    {
        LanguageDetector.Detect(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("ja", "市議会は昨年、新しい橋の建設を承認しました。工事は春に始まる予定です。")]
    [InlineData("zh", "市议会去年批准了新桥的建设，工程将于春季开始，河边的居民很久以来一直要求第二座桥。")]
    [InlineData("ko", "시의회는 작년에 새 다리 건설을 승인했으며 공사는 봄에 시작될 예정입니다.")]
    [InlineData("el", "Το δημοτικό συμβούλιο ενέκρινε πέρυσι τη νέα γέφυρα και οι εργασίες θα αρχίσουν την άνοιξη.")]
    public void Detect_ScriptOfOneLanguage_ThatLanguage(string expected, string text)
    {
        LanguageDetector.Detect(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("The bridge.")]
    [InlineData("Berlin 2024: 40 Mio. EUR")]
    [InlineData("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.")]
    public void Detect_TooShortOrNoProfile_Null(string text)
    {
        LanguageDetector.Detect(text).Should().BeNull();
    }

    [Fact]
    public void StopWords_KnownAndUnknownLanguage_ProfileOrEmpty()
    {
        LanguageDetector.StopWords("de").Should().Contain(["der", "und", "nicht"]);
        LanguageDetector.StopWords("xx").Should().BeEmpty();
    }
}
