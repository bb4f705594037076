using System.Text.RegularExpressions;
using AutoIntel.Core.Analysis;

namespace AutoIntel.Intelligence.Offline;

/// <summary>Rule-based named entities: capitalised names typed by honorifics, organisation suffixes and known places, plus numbers and dates.</summary>
internal static class EntityExtractor
{
    private const string Month = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";

    private static readonly HashSet<string> Honorifics = new(StringComparer.OrdinalIgnoreCase)
    {
        "Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Prof", "Prof.", "Professor", "Sen.", "Senator", "Rep.", "Representative",
        "President", "Governor", "Councillor", "Councilor", "Councilman", "Councilwoman", "Commissioner", "Chief", "Host", "Gov.", "Minister", "Chancellor", "Judge", "Justice", "Mayor", "Secretary", "Sir", "Dame", "Lord", "Lady",
    };

    private static readonly HashSet<string> OrgWords = new(StringComparer.Ordinal)
    {
        "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Company", "Co.", "Ltd", "Ltd.", "LLC", "University", "Institute", "Agency",
        "Administration", "Department", "Ministry", "Association", "Council", "Foundation", "Bank", "Group", "Commission", "Organization",
        "Organisation", "Party", "Board", "Center", "Centre", "Laboratory", "Labs", "Society", "Authority", "Office", "Bureau", "Fund",
        "Trust", "Committee", "Network", "Times", "Post", "Journal", "News", "Review", "Federation", "Union", "Court", "Parliament",
        "Congress", "Senate", "College", "School", "Hospital", "Hall", "Institution", "Forum", "Alliance", "Coalition", "Energy", "Motors", "Airlines",
        "Logistics", "Campaign", "Partners", "Holdings", "Industries", "Services", "Technologies", "Plc", "PLC", "GmbH", "Consulting", "Media",
        "Press", "Herald", "Gazette", "Courier", "Tribune", "Chronicle", "Telegraph", "Ledger", "Brewery", "Bakery",
    };

    // Job titles and the party or portfolio words before them: "Conservative MP Douglas Prentice" names Douglas Prentice,
    // and a run that ends in one ("Work and Economy Correspondent") is a role, not an entity.
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal)
    {
        "MP", "MPs", "MEP", "MSP", "MLA", "Congressman", "Congresswoman", "Chairman", "Chairwoman", "Chair", "CEO", "CFO", "Director",
        "Editor", "Correspondent", "Reporter", "Columnist", "Presenter", "Spokesperson", "Spokesman", "Spokeswoman", "Economist", "Analyst",
        "Researcher", "Scientist", "Leader", "Manager", "Executive", "Officer", "Founder", "Co-founder", "Coach", "Captain", "Inspector",
        "Detective", "Sergeant", "Constable", "Ambassador", "Bishop", "Archbishop", "Pope", "King", "Queen", "Prince", "Princess",
    };

    private static readonly HashSet<string> ProgramWords = new(StringComparer.Ordinal)
    {
        "Act", "Bill", "Program", "Programme", "Grants", "Plan", "Initiative", "Project", "Treaty", "Agreement", "Accord", "Deal", "Report", "Index",
    };

    // The last word of a place's name: regions and landscape, then streets and structures ("Mill Road", "Empire State Building").
    private static readonly HashSet<string> PlaceWords = new(StringComparer.Ordinal)
    {
        "City", "County", "State", "Province", "River", "Valley", "Island", "Islands", "Mountains", "Sea", "Ocean", "Bay", "Lake", "Coast", "Desert",
        "Road", "Street", "Avenue", "Lane", "Boulevard", "Square", "Bridge", "Station", "Airport", "Park", "Building", "Tower", "Wall",
        "Canal", "Harbour", "Harbor", "Cathedral", "Castle", "Palace", "Stadium",
    };

    // Adjectives of nationality: "in Egyptian tombs" names no place.
    private static readonly string[] DemonymEndings = ["ian", "ean", "ese", "ish"];

    private static readonly HashSet<string> Places = new(StringComparer.Ordinal)
    {
        "U.S.", "US", "USA", "U.K.", "UK", "America", "United States", "United Kingdom", "Britain", "Great Britain", "England", "Scotland", "Wales",
        "Ireland", "Europe", "Africa", "Asia", "Australia", "Canada", "Mexico", "Brazil", "Argentina", "Chile", "Colombia", "Peru", "China", "India",
        "Japan", "Korea", "South Korea", "North Korea", "Vietnam", "Indonesia", "Pakistan", "Bangladesh", "Russia", "Ukraine", "Germany", "France",
        "Spain", "Italy", "Portugal", "Greece", "Turkey", "Norway", "Sweden", "Denmark", "Finland", "Iceland", "Netherlands", "Belgium", "Poland",
        "Austria", "Switzerland", "Kenya", "Nigeria", "Egypt", "Ethiopia", "South Africa", "Morocco", "Iran", "Iraq", "Israel", "Saudi Arabia",
        "Qatar", "Greenland", "Antarctica", "Arctic", "Middle East", "Texas", "California", "Florida", "New York", "Ohio", "Michigan", "Arizona",
        "Nevada", "Oregon", "Alaska", "Hawaii", "Iowa", "Colorado", "Washington", "London", "Paris", "Berlin", "Madrid", "Rome", "Amsterdam",
        "Brussels", "Geneva", "Vienna", "Stockholm", "Oslo", "Copenhagen", "Helsinki", "Warsaw", "Kyiv", "Moscow", "Cairo", "Lagos", "Nairobi",
        "Dubai", "Singapore", "Hong Kong", "Tokyo", "Seoul", "Beijing", "Shanghai", "Delhi", "New Delhi", "Mumbai", "Sydney", "Melbourne",
        "Toronto", "Vancouver", "Chicago", "Boston", "Los Angeles", "San Francisco", "Seattle", "Houston", "Manchester", "Birmingham",
        "Glasgow", "Edinburgh", "Dublin", "Bristol", "Leeds", "Liverpool", "Pacific", "Atlantic", "Baltic", "North Sea", "Mediterranean",
    };

    private static readonly HashSet<string> NotOrganizations = new(StringComparer.Ordinal)
    {
        "I", "OK", "TV", "AM", "PM", "CEO", "GDP", "CO2", "AI", "DNA", "COVID", "PhD", "FAQ", "USD", "EUR", "GBP", "LOL", "OMG", "ID", "IT", "GW", "MW", "TWH", "KWH", "NOT",
    };

    private static readonly HashSet<string> Calendar = new(StringComparer.Ordinal)
    {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    };

    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "of", "for", "the", "and", "&", "de", "van", "von", "der", "da", "del", "on" };

    private static readonly (Regex Pattern, string Type)[] Quantities =
    [
        (new Regex(@"[$€£]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|trillion|thousand|bn|m|k)\b)?", OfflineText.Options), "number"),
        (new Regex(@"\b\d+(?:\.\d+)?\s?(?:%|percent\b|per\s+cent\b)", OfflineText.Options), "number"),
        (new Regex($@"\b(?:{Month}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{Month}(?:\s+\d{{4}})?|{Month}\s+\d{{4}})\b", RegexOptions.CultureInvariant), "date"),
        (new Regex(@"\b\d[\d,]*(?:\.\d+)?\s(?:million|billion|trillion|thousand)\b(?:\s(?:dollars|euros|pounds|people|tonnes|tons|homes|jobs|barrels|households))?", OfflineText.Options), "number"),
        (new Regex(@"\b\d[\d,]*(?:\.\d+)?\s?(?:°C|°F|degrees|gigawatts?|megawatts?|GW|MW|TWh|kWh|km|miles|tonnes|tons|kg|years|hours)\b", RegexOptions.CultureInvariant), "number"),
        (new Regex(@"\b(?:19|20)\d{2}s?\b", RegexOptions.CultureInvariant), "date"),
        (new Regex(@"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b", RegexOptions.CultureInvariant), "number"),
    ];

    private static readonly char[] Punctuation = ['.', ',', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']', '\u201C', '\u201D', '\u2018', '\u2019', '\u2014', '-'];

    private static readonly HashSet<string> CommonOpeners = new(StringComparer.Ordinal)
    {
        "welcome", "thanks", "thank", "today", "tonight", "yesterday", "tomorrow", "last", "next", "first", "second", "third", "finally",
        "however", "meanwhile", "still", "instead", "look", "listen", "sure", "exactly", "absolutely", "of", "after", "before", "even",
        "every", "many", "most", "some", "those", "these", "each", "imagine", "consider", "critics", "supporters", "experts", "people",
        "nobody", "everyone", "everybody", "once", "since", "during", "until", "although", "despite", "according", "without", "with",
        "that", "this", "there", "here", "it", "we", "they", "he", "she", "you", "our", "my", "their", "his", "her", "its", "one",
        "let", "maybe", "perhaps", "yet", "both", "either", "neither", "whether", "unless", "though", "thus", "hence", "indeed", "oh",
        "hey", "hi", "hello", "please", "sorry", "never", "always", "often", "sometimes", "nothing", "something", "everything", "another",
        "few", "several", "much", "wow", "great", "good", "what", "who", "why", "how", "where", "when", "which", "while", "if", "yes", "no",
    };

    private static readonly Regex Token = new(@"\S+", RegexOptions.CultureInvariant);

    /// <summary>Entities of one chunk with mentions merged (surnames count towards the full name).</summary>
    public static IReadOnlyList<Entity> Extract(string text)
    {
        var counts = new Dictionary<(string Name, string Type), int>();
        var singles = new List<(string Word, bool AfterPreposition)>();
        var lowercaseInText = Token.Matches(text).Select(m => m.Value.Trim(Punctuation)).Where(w => w.Length > 0 && char.IsLower(w[0]))
            .Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

        foreach (var sentence in OfflineText.Sentences(text))
        {
            foreach (var run in Runs(sentence, lowercaseInText))
            {
                foreach (var (name, type) in ClassifyAll(run.Words, lowercaseInText))
                {
                    if (name.Length == 0)
                    {
                        continue;
                    }

                    if (type is null)
                    {
                        singles.Add((name, run.AfterPreposition));
                        continue;
                    }

                    counts[(name, type)] = counts.GetValueOrDefault((name, type)) + 1;
                }
            }
        }

        // Single capitalised words: a surname or first name of a person already found, a known place, or "other" if repeated.
        var people = counts.Keys.Where(k => k.Type == "person").Select(k => k.Name).ToList();
        foreach (var group in singles.GroupBy(s => s.Word, StringComparer.Ordinal))
        {
            var person = people.FirstOrDefault(p => p.Split(' ').Contains(group.Key, StringComparer.Ordinal));
            if (person is not null)
            {
                counts[(person, "person")] += group.Count();
            }
            else if (group.Any(g => g.AfterPreposition) && !Calendar.Contains(group.Key) && !IsDemonym(group.Key))
            {
                counts[(group.Key, "place")] = group.Count();
            }
            else if (group.Count() >= 2)
            {
                counts[(group.Key, "other")] = group.Count();
            }
        }

        MergeShortNames(counts, "person");
        MergeShortNames(counts, "organization");
        MergeShortNames(counts, "place");
        foreach (var (name, type) in QuantitiesIn(text))
        {
            counts[(name, type)] = counts.GetValueOrDefault((name, type)) + 1;
        }

        return [.. counts.Select(kv => new Entity(kv.Key.Name, kv.Key.Type, kv.Value))
            .OrderByDescending(e => e.Mentions).ThenBy(e => e.Type, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal)];
    }

    // "Raman" and "Transit Authority" are later mentions of "Priya Raman" and "Northfield Transit Authority"; "Great Wall" of the "Great Wall of China".
    private static void MergeShortNames(Dictionary<(string Name, string Type), int> counts, string type)
    {
        var names = counts.Keys.Where(k => k.Type == type).Select(k => k.Name).OrderByDescending(n => n.Length).ToList();
        foreach (var shortName in names.OrderBy(n => n.Length))
        {
            var longName = names.FirstOrDefault(n => n.Length > shortName.Length
                && (n.EndsWith(" " + shortName, StringComparison.Ordinal) || (type == "person" && n.StartsWith(shortName + " ", StringComparison.Ordinal))
                || (type == "place" && n.StartsWith(shortName + " of ", StringComparison.Ordinal))));
            if (longName is not null && counts.Remove((shortName, type), out var mentions))
            {
                counts[(longName, type)] += mentions;
            }
        }
    }

    private static IEnumerable<(string Name, string Type)> QuantitiesIn(string text)
    {
        var taken = new List<(int Start, int End)>();
        foreach (var (pattern, type) in Quantities)
        {
            foreach (Match m in pattern.Matches(text))
            {
                var end = m.Index + m.Length;
                if (taken.Any(t => m.Index < t.End && end > t.Start))
                {
                    continue;
                }

                taken.Add((m.Index, end));
                yield return (Regex.Replace(m.Value.Trim(), @"\s+", " "), type);
            }
        }
    }

    private static IEnumerable<(List<string> Words, bool AfterPreposition)> Runs(string sentence, HashSet<string> lowercaseInText)
    {
        var tokens = Token.Matches(sentence).Select(m => m.Value).ToList();
        var run = new List<string>();
        var afterPreposition = false;
        for (var i = 0; i <= tokens.Count; i++)
        {
            var raw = i < tokens.Count ? tokens[i] : string.Empty;

            // A contraction is a function word, not a possessive: "Let's" must not leave "Let", nor "That's" leave "That".
            var word = IsContraction(raw.Trim(Punctuation)) ? string.Empty : StripPossessive(raw.Trim(Punctuation));
            if (Honorifics.Contains(raw) && run.Count == 0)
            {
                word = raw.TrimEnd('.');
            }

            var isCap = word.Length > 0 && char.IsUpper(word[0]) && !IsDigitish(word);
            var isConnector = run.Count > 0 && Connectors.Contains(word) && i + 1 < tokens.Count && IsCapitalised(tokens[i + 1]);
            // A sentence starts a transcript line after a speaker label ("Jordan Ellis: So...") and a quotation.
            var startsSentence = i == 0 || tokens[i - 1].EndsWith(':') || (raw.Length > 0 && raw[0] is '"' or '\u201C' or '\'' or '\u2018');
            if ((isCap || isConnector) && !(run.Count == 0 && startsSentence && IsCommonOpener(word, lowercaseInText)))
            {
                if (run.Count == 0)
                {
                    afterPreposition = i > 0 && tokens[i - 1].ToLowerInvariant() is "in" or "from" or "across" or "near" or "to" or "at";
                }

                run.Add(word);

                // Punctuation after a word ends the name ("Okafor, who..."), except an honorific's or initial's period.
                var endsRun = raw.Length > 0 && !char.IsLetterOrDigit(raw[^1]) && !(raw.EndsWith('.') && (Honorifics.Contains(raw) || word.Length == 1));
                if (!endsRun)
                {
                    continue;
                }
            }

            if (run.Count > 0)
            {
                while (run.Count > 0 && Connectors.Contains(run[^1]))
                {
                    run.RemoveAt(run.Count - 1);
                }

                yield return ([.. run], afterPreposition);
                run.Clear();
            }
        }
    }

    // "Spain and Portugal" and "Amara Osei and Graham Whitlock" are two entities; "Department for Business and Trade" is one.
    private static IEnumerable<(string Name, string? Type)> ClassifyAll(List<string> words, HashSet<string> lowercaseInText)
    {
        var and = words.FindIndex(1, w => w is "and" or "&");
        if (and > 0 && and < words.Count - 1)
        {
            var left = Classify(words[..and], lowercaseInText);
            var right = ClassifyAll(words[(and + 1)..], lowercaseInText).ToList();
            if (left.Type is not null && left.Type != "other" && right.Count > 0 && right[0].Type == left.Type)
            {
                return [left, .. right];
            }
        }

        return [Classify(words, lowercaseInText)];
    }

    private static (string Name, string? Type) Classify(List<string> words, HashSet<string> lowercaseInText)
    {
        // Leading function words are not part of a name: "By Ruth Adeyemi", "And Marsh", "The Office for National Statistics".
        var first = words.FindIndex(w => !IsFunctionWord(w));
        if (first < 0 || (words.Count - first == 1 && words[first].Length == 1))
        {
            return (string.Empty, null);
        }

        words = words[first..];
        if (Roles.Contains(words[^1]) || (words.Count == 1 && Honorifics.Contains(words[0])))
        {
            return (string.Empty, null);
        }

        // A title or role followed by a plain name: "Conservative MP Douglas Prentice", "Health Minister Ana Silva", "Dr Okoro".
        var role = words.FindLastIndex(w => Roles.Contains(w) || Honorifics.Contains(w));
        if (role >= 0 && role < words.Count - 1 && words.Count - role - 1 <= 3
            && !words.Skip(role + 1).Any(w => Connectors.Contains(w) || OrgWords.Contains(w) || PlaceWords.Contains(w) || Places.Contains(w)))
        {
            return (string.Join(' ', words.Skip(role + 1)), "person");
        }

        var name = string.Join(' ', words);
        if (words.Any(Calendar.Contains))
        {
            return (string.Empty, null);
        }

        // "Great Wall of China", "Bay of Biscay": a place's name, then where it is.
        var of = words.IndexOf("of");
        if (Places.Contains(name) || PlaceWords.Contains(words[^1]) || (of > 0 && PlaceWords.Contains(words[of - 1])))
        {
            return (name, "place");
        }

        if (ProgramWords.Contains(words[^1]))
        {
            return (name, "other");
        }

        if (words.Any(OrgWords.Contains) || (words.Count == 1 && IsAcronym(name)))
        {
            return (name.TrimEnd('.'), "organization");
        }

        // Names of people are not made of words the text also uses in lowercase ("Climate Change", "Net Zero").
        if (words.Count >= 2 && words.Count <= 4 && words.All(w => w.Length > 1 && !IsAcronym(w) && !lowercaseInText.Contains(w.ToLowerInvariant())))
        {
            return (name, "person");
        }

        return words.Count == 1 && name.Length > 1 ? (name, null) : (name, "other");
    }

    private static bool IsContraction(string word)
    {
        var lower = word.ToLowerInvariant().Replace('\u2019', '\'');
        return lower.Contains('\'', StringComparison.Ordinal) && (OfflineText.Stopwords.Contains(lower) || CommonOpeners.Contains(lower[..lower.IndexOf('\'', StringComparison.Ordinal)]));
    }

    private static string StripPossessive(string word) =>
        word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("\u2019s", StringComparison.Ordinal) ? word[..^2] : word.TrimEnd('\'', '\u2019');

    // "The", "By", "It", "I'd", "That's" are function words, never (part of) a name at its start; "US" and "IT" are acronyms.
    private static bool IsFunctionWord(string word)
    {
        if (word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c)))
        {
            return false;
        }

        var lower = word.ToLowerInvariant().Replace('\u2019', '\'');
        var apostrophe = lower.IndexOf('\'', StringComparison.Ordinal);
        return OfflineText.Stopwords.Contains(lower) || (apostrophe > 0 && OfflineText.Stopwords.Contains(lower[..apostrophe]));
    }

    private static bool IsDemonym(string word) =>
        word.Length > 5 && !Places.Contains(word) && DemonymEndings.Any(e => word.EndsWith(e, StringComparison.Ordinal));

    private static bool IsAcronym(string word) =>
        word.Length is >= 2 and <= 6 && word.All(c => char.IsUpper(c) || char.IsDigit(c)) && char.IsLetter(word[0]) && !NotOrganizations.Contains(word);

    private static bool IsCapitalised(string raw)
    {
        var word = raw.Trim(Punctuation);
        return word.Length > 0 && char.IsUpper(word[0]);
    }

    private static bool IsDigitish(string word) => word.Any(char.IsDigit) && !IsAcronym(word);

    // A capitalised sentence opener is a name only if the word never appears in lowercase and is not a common word.
    private static bool IsCommonOpener(string word, HashSet<string> lowercaseInText)
    {
        var lower = word.ToLowerInvariant();
        return OfflineText.Stopwords.Contains(lower) || lowercaseInText.Contains(lower) || word == "I" || CommonOpeners.Contains(lower);
    }

}
