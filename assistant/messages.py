"""Every sentence the assistant says on its own behalf, in Swedish, in one place."""

from __future__ import annotations

from indices.provenance import EGNA_BERAKNINGAR, KALLA_KOLADA

NOTHING_FOUND = "Jag hittar inget stöd för det i handboken eller källorna."
SUGGESTIONS = (
    "Vad menas med effekthemtagning?",
    "Vilka är handbokens fem råd?",
    "Hur effektiv är grundskolan i Växjö?",
    "Jämför Växjö med Kalmar och Jönköping inom äldreomsorgen",
    "Hur mycket skulle Gävle spara om grundskolan kostade som referenskostnaden?",
    "Hur har meritvärdet i Umeå utvecklats?",
    "Vilka kommuner i Kalmar län har låg kostnad och hög kvalitet i äldreomsorgen?",
)
EMPTY_QUESTION = "Skriv en fråga, till exempel: ”Vad menas med effekthemtagning?”"
TOO_LONG = "Frågan är för lång för att jag ska kunna tolka den. Korta ned den till en eller ett par meningar och försök igen."
ENGLISH_NOTE = "Jag svarar på svenska. (I answer in Swedish.)"
ASK_IN_SWEDISH = (
    "Handboken och nyckeltalen är på svenska, så jag söker bäst med en svensk fråga. "
    "Ställ gärna frågan på svenska."
)
INJECTION_NOTE = (
    "Jag följer inte instruktioner i frågor; jag svarar bara utifrån handboken, dess källor "
    "och Koladas nyckeltal."
)
UNKNOWN_KOMMUN = "Jag hittar ingen kommun som heter ”{name}”."
DID_YOU_MEAN = "Menade du {names}?"
NO_SCREEN_HITS = "Ingen kommun uppfyller villkoren med kvalitetsindex över {strict}; nedan visas de som klarar en lägre gräns."
NEED_KOMMUN = "Vilken kommun gäller det? Skriv till exempel ”{example}”."
INTERNAL_ERROR = (
    "Något gick fel när svaret skulle tas fram. Försök igen, eller formulera frågan på ett annat sätt."
)
BAD_YEAR = "Året du angav finns inte i dataunderlaget; jag visar i stället {used}, det närmaste år som finns."
OWN = EGNA_BERAKNINGAR
KOLADA = KALLA_KOLADA
SOURCES_HEADING = "**Källor**"
HANDBOOK_LEAD = "Enligt handboken ({where}):"
DOCUMENT_LEAD = "Enligt uppladdade dokument (inte handboken):"
MIXED_LEAD = "Enligt handboken ({where}) och uppladdade dokument:"
KOLADA_MISSING = ("Kommundata från Kolada saknas i den här installationen, så jag kan inte svara på frågor "
                  "om kommunernas nyckeltal just nu. Frågor om handboken och dess källor går bra.")
NOT_TEXT = "Frågan måste vara text. Skriv en fråga, till exempel: ”Vad menas med effekthemtagning?”"
YEAR_OUT_OF_RANGE = ("Året {year} ligger utanför det jag kan svara om ({low}–{high}); "
                     "Koladas uppgifter i dataunderlaget gäller {first}–{last}.")
INTRO_SECTION = "inledningen"

TOPICS = (
    "Ett nyckeltal för en kommun: ”Vad är skattesatsen i Täby?”",
    "Hur en kommun ligger till inom ett område: ”Hur ligger Borås till inom äldreomsorgen?”",
    "Rangordning: ”Vilken kommun i Hallands län har lägst kostnad per elev?”",
    "Utveckling över tid: ”Hur har sjukfrånvaron i Varberg förändrats?”",
    "Jämförelse: ”Jämför förskolan i Ystad och Trelleborg”",
    "Liknande kommuner och vem man kan lära av: ”Vem kan Härnösand lära av inom förskolan?”",
    "Besparingspotential: ”Vad skulle Ludvika spara om gymnasieskolan kostade som referenskostnaden?”",
    "Sökning bland kommuner: ”Vilka kommuner i Jönköpings län har låg kostnad och hög kvalitet i förskolan?”",
    "Nyckeltal: vad de mäter och vilka som finns (”Vilka nyckeltal finns om avfall?”)",
    "Handboken och dess fem råd, och underlag till en debatt",
)
HELP_TEXT = """**Det här kan du fråga om**

{routes}

Exempel:
{examples}

Svaren bygger på handboken om fem goda råd, sammanfattningar av de rapporter den hänvisar till,
och Koladas nyckeltal för landets alla kommuner. Siffror som jag räknar fram märks ”{own}”; Koladas egna
värden märks ”{kolada}”."""
