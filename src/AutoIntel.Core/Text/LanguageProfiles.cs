using System.Collections.Frozen;

namespace AutoIntel.Core.Text;

/// <summary>The most frequent function words of the languages <see cref="LanguageDetector"/> tells apart by words, and the English names
/// of every language it knows (for transcription endpoints that report a name).</summary>
/// <remarks>Written from common knowledge of each language's commonest words, not copied from a corpus: short lists, each word
/// frequent in running text. Words two languages share are kept in both; the detector compares counts, so they cancel out.</remarks>
internal static class LanguageProfiles
{
    /// <summary>Function words per language (lower case, split at apostrophes: French <c>l'état</c> counts <c>l</c>).</summary>
    public static readonly FrozenDictionary<string, FrozenSet<string>> StopWords = new Dictionary<string, string>
    {
        ["en"] = "the and of to in is that it was for on are with as be this have from by not but what they which you we he she his her their has had were been will would there an or at my our about more than when also into who can its",
        ["de"] = "der die das und ist nicht ein eine einen einem einer den dem des mit sich auf für von zu im auch es wir ich sie er wie aber noch nach wird wurde werden bei aus hat haben sind war dass oder über nur vor durch zum zur am um schon kann wenn",
        ["fr"] = "le la les des un une et est en du que qui dans pour pas sur au aux avec ce cette il elle ils nous vous je ne se sont été ont par plus mais ou son sa ses leur comme aussi tout très était avait fait entre sans être l d qu c n",
        ["es"] = "el la los las de del que y en un una es por con no se para al lo como más pero sus su le ya o este esta ha han fue son entre cuando muy sin sobre también porque hay donde desde todo era",
        ["it"] = "il lo la i gli le di del della dei delle che e è un una per con non si da al alla nel nella sono ha hanno ma come anche più questo questa loro suo sua dell all era stato essere tra dopo se perché molto l",
        ["pt"] = "o a os as de do da dos das que e é em no na nos nas um uma para com não por se mais mas como ao foi são ser está seu sua ele ela eles pelo pela também já entre quando muito há isso este esta",
        ["nl"] = "de het een en van in is dat op te zijn niet met voor die er aan ook als maar om dan door wordt werd naar bij uit nog was heeft hebben geen worden kan zo wel deze dit wij ik hij zij over tot",
        ["pl"] = "i w z na się nie do to że jest o od po a jak ale co za jego jej oraz przez dla tak już tym był była było są być może ich tego także który która które przy bardzo lub",
        ["sv"] = "och i att det som en på är av för med till den har de inte om ett var jag han hon vi men från kan så sig när också efter eller vid nu hade skulle detta alla mot blev under",
        ["da"] = "og i at det som en på er af for med til den har de ikke om et var jeg han hun vi men fra kan så sig når også efter eller ved nu havde skulle dette alle mod blev under være der",
        ["no"] = "og i at det som en på er av for med til den har de ikke om et var jeg han hun vi men fra kan så seg når også etter eller ved nå hadde skulle dette alle mot ble under være der",
        ["tr"] = "ve bir bu da de için ile çok ne daha gibi olarak olan en ama kadar sonra ise veya her şey mi var yok o ben biz onlar değil bunu şu ancak göre tarafından",
        ["id"] = "yang dan di ke dari ini itu dengan untuk tidak dalam akan pada juga oleh adalah ada sebagai karena atau saya kami mereka sudah telah bisa lebih hanya tersebut seperti",
        ["vi"] = "và của là có không được trong cho những các một người này với đã để khi từ đến về cũng như thì sẽ ra nhiều năm bị theo",
        ["cs"] = "a se na je v že to s z do o k ve pro jako ale by jsou byl byla bylo jeho které který která po tak jsem také není už podle však nebo při od jen",
        ["fi"] = "ja on ei se että oli hän ovat mutta kun myös joka jotka tai kuin niin sen olla ole vain mukaan tämä tämän nyt jo sekä jos minä me he",
        ["ru"] = "и в не на что с по как это он она они к из у за от для но так его ее её же бы был была были о только уже или мы вы я при также который которые чтобы если до",
        ["uk"] = "і в у на що з не до як це він вона вони від за для але так його її був була були про тільки вже або ми ви я при також який які щоб якщо й та",
        ["ar"] = "في من على أن إلى عن مع هذا هذه التي الذي ما لا كان قد أو بين كما هو هي ذلك بعد عند كل لم إن",
        ["fa"] = "و در به از که این را با است برای آن یک تا می بر هم شد نیز بود های خود ما او شده",
    }.ToFrozenDictionary(p => p.Key, p => p.Value.Split(' ').ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>No words.</summary>
    public static readonly FrozenSet<string> Empty = FrozenSet<string>.Empty;

    /// <summary>English names of languages (as Whisper reports them) to their codes.</summary>
    public static readonly FrozenDictionary<string, string> ByName = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["english"] = "en", ["german"] = "de", ["french"] = "fr", ["spanish"] = "es", ["castilian"] = "es", ["italian"] = "it",
        ["portuguese"] = "pt", ["dutch"] = "nl", ["flemish"] = "nl", ["polish"] = "pl", ["swedish"] = "sv", ["danish"] = "da",
        ["norwegian"] = "no", ["turkish"] = "tr", ["indonesian"] = "id", ["vietnamese"] = "vi", ["czech"] = "cs", ["finnish"] = "fi",
        ["russian"] = "ru", ["ukrainian"] = "uk", ["arabic"] = "ar", ["persian"] = "fa", ["japanese"] = "ja", ["chinese"] = "zh",
        ["mandarin"] = "zh", ["korean"] = "ko", ["greek"] = "el", ["hebrew"] = "he", ["hindi"] = "hi", ["thai"] = "th",
        ["romanian"] = "ro", ["hungarian"] = "hu", ["catalan"] = "ca", ["bulgarian"] = "bg", ["croatian"] = "hr", ["serbian"] = "sr",
        ["slovak"] = "sk", ["slovenian"] = "sl", ["lithuanian"] = "lt", ["latvian"] = "lv", ["estonian"] = "et", ["malay"] = "ms",
        ["tagalog"] = "tl", ["bengali"] = "bn", ["urdu"] = "ur", ["tamil"] = "ta", ["swahili"] = "sw", ["welsh"] = "cy",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
