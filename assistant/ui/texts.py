"""Every label and sentence the interface shows, in Swedish, in one place."""

from __future__ import annotations

APP_TITLE = "Effektiviseringsassistenten"
INTRO = (  # {years}: the data's year span, read from the data
    "# Effektiviseringsassistenten\n"
    "Frågor om handboken *Fem goda råd för en effektivare kommunsektor* och kommunernas "
    "nyckeltal i Kolada ({years}). Svaren anger alltid sina källor."
)
YEARS_UNKNOWN = "kommundata saknas i den här installationen"
# Notification titles (Gradio's defaults are English), by Gradio's notification type
TITLE_INFO = "Meddelande"
TITLE_WARNING = "Observera"
TITLE_ERROR = "Det gick inte"
TOAST_TITLES = {"info": TITLE_INFO, "warning": TITLE_WARNING, "error": TITLE_ERROR, "success": "Klart"}

# Chat
TAB_CHAT = "Fråga assistenten"
CHAT_LABEL = "Samtal"
CHAT_PLACEHOLDER = "Ställ en fråga om handboken eller om en kommuns nyckeltal."
QUESTION_LABEL = "Din fråga"
QUESTION_PLACEHOLDER = "Till exempel: Hur effektiv är grundskolan i Växjö?"
SEND = "Skicka"
CLEAR = "Nytt samtal"
EXAMPLES_LABEL = "Exempel på frågor"
WORKING_TITLE = "Tar fram svaret"
WORKING_TEXT = "Söker i handboken och räknar på Koladas nyckeltal …"
TOOL_TITLE = "Uppslag: {summary}"
TOOL_SHOW_DATA = "Visa data"
TOOL_ARGS = "Indata"
TOOL_RESULT = "Resultat (förkortat)"
# What each tool looked up, said in Swedish: (what, detail); {kommun}, {kpi}, {others} come from
# its inputs, and ", <area> <year>" is added after "what" when the inputs name them.
TOOL_SUMMARIES = {
    "profile": ("profil för {kommun}", "index, kostnad mot referens, jämförelsegrupp och DEA"),
    "compare": ("jämförelse av {kommun} med {others}", "värde, gruppens median, rang och riket"),
    "screen": ("kommuner med {criteria}", ""),
    "trend": ("{kpi} år för år i {kommun}", "jämfört med liknande kommuner och riket"),
    "savings": ("besparingspotential för {kommun}", "tre scenarier för kostnadsavvikelsen"),
    "dea": ("DEA-effektivitet för {kommun}", "bootstrapintervall och kommuner att lära av"),
    "kpi": ("Koladas beskrivning av nyckeltalet {kpi}", ""),
    "brief": ("debattunderlag för {kommun}", "samma siffror, argument och motargument som fliken Debattunderlag"),
    "kpi_value": ("{kpi} för {kommun}", "värde, riket och plats bland alla och bland liknande kommuner"),
    "ranking": ("rangordning på {kpi}", ""),
    "peers": ("Koladas liknande kommuner för {kommun}", ""),
    "learn_from": ("kommuner som {kommun} kan lära av", "högre effektivitetsindex och lägre kostnad, DEA"),
    "kpi_search": ("sökning bland Koladas nyckeltal", ""),
}
TOOL_UNKNOWN = "uppslag i Kolada-data"
SOURCES_TITLE = "Källor och utdrag ({n})"
SOURCE_ADVICE = "råd {n}"
SOURCE_CITES = "hänvisar till {reports}"
COMMENT_LABEL = "Kommentar till senaste svaret (valfritt)"
COMMENT_SEND = "Skicka kommentar"
ANSWER_FAILED = "Svaret kunde inte tas fram. Försök igen."
LONG_QUESTION = "… (frågan är {n} tecken lång; bara början visas)"
FEEDBACK_THANKS = "Tack för din återkoppling!"
FEEDBACK_NOTHING = "Ställ en fråga först; kommentaren gäller det senaste svaret."

# Explorer
TAB_EXPLORER = "Kommunutforskaren"
KOMMUN = "Kommun"
AREA = "Verksamhetsområde"
YEAR = "År"
SHOW_PROFILE = "Visa profil"
PROFILE_EMPTY = "Välj kommun, verksamhetsområde och år och tryck på **Visa profil**."
PROFILE_WORKING = ("### Tar fram profilen för {kommun} …\n\nIndex, kostnader, jämförelsegrupp, DEA och vad "
                   "handboken säger hämtas och beräknas. Det tar några sekunder.")
HANDBOOK_HEADING = "### Vad säger handboken?"
EXPORT_MEMO = "Exportera beslutsunderlag (Markdown och PDF)"
EXPORT_FILES = "Beslutsunderlag att ladda ned"
EXPORT_FIRST = "Visa en profil först; beslutsunderlaget bygger på den."

# Trainer
TAB_TRAINER = "Övningsläge"
TRAINER_INTRO = ("Testa dina kunskaper om handbokens fem råd och dess nyckelbegrepp. "
                 "Samma quiznummer ger alltid samma frågor.")
QUIZ_SEED = "Quiznummer"
QUIZ_START = "Starta quiz"
QUIZ_ANSWER = "Svara"
QUIZ_NEXT = "Nästa fråga"
QUIZ_OPTIONS = "Svarsalternativ"
QUIZ_HEADER = "**Fråga {i} av {n}**\n\n{prompt}"
QUIZ_RIGHT = "**Rätt!** {explanation}"
QUIZ_WRONG = "**Inte rätt.** {explanation}"  # every explanation names the right answer
QUIZ_PICK = "Välj ett alternativ först."
QUIZ_DONE = "### Klart!\n\n{score}"
QUIZ_SOURCE = "Källa: {title}, {section}."
QUIZ_CORRECT_OPTION = "Rätt svar: **{option}**"
QUIZ_PASSAGE = "Ur källan:"
QUIZ_REVIEW = "#### Frågor att repetera"
QUIZ_REVIEW_ITEM = "{i}. {prompt}\n   - Ditt svar: {given}\n   - Rätt svar: **{right}**\n   - {source}"
QUIZ_NO_ANSWER = "(inget svar)"
QUIZ_ALL_RIGHT = "Alla rätt – inget att repetera."
QUIZ_NEW_ROUND = "Ny omgång"

# Politician brief
TAB_BRIEF = "Debattunderlag"
BRIEF_INTRO = ("Ett underlag inför en debatt: 3–5 argument med siffror och stöd i handboken, "
               "de troliga motargumenten och svar på dem.")
BRIEF_MAKE = "Skapa debattunderlag"
BRIEF_FILES = "Debattunderlag att ladda ned"
BRIEF_WORKING = "### Skapar debattunderlaget för {kommun} …\n\nSiffrorna räknas fram och handboken genomsöks."

# Admin
TAB_ADMIN = "Administration"
ADMIN_PASSWORD = "Administratörslösenord"
ADMIN_LOGIN = "Logga in"
ADMIN_WELCOME = "Inloggad. Lösenordet skickas med varje åtgärd och kontrolleras på servern."
ADMIN_DENIED = "Fel lösenord. Administrationen kräver administratörslösenordet."
UPLOAD_LABEL = "Dokument att lägga till (.md, .txt eller .pdf)"
REPLACE_LABEL = "Ersätt ett tidigare uppladdat dokument (valfritt)"
REPLACE_NONE = "Nej, lägg till som nytt dokument"
UPLOAD_BUTTON = "Lägg till och indexera"
UPLOAD_NONE = "Välj en fil först."
UPLOAD_DONE = ("Lade till **{name}** som uppladdat dokument ”{title}”. Indexet har nu {chunks} textstycken "
               "från {files} filer ({mode}, {seconds} s).")
UPLOAD_FAILED = "Det gick inte att lägga till filen: {reason}"
INDEX_REFRESH = "Visa indexeringens status"
INDEX_IDLE = "Ingen indexering pågår."
INDEX_RUNNING = ("Indexerar **{name}** i bakgrunden: {done} av {total} textstycken klara. "
                 "Chatten svarar under tiden med det nuvarande indexet.")
INDEX_CANCELLED = "indexeringen avbröts"
INDEXING = "Indexerar"
FEEDBACK_HEADING = "### Återkoppling från användarna"
FEEDBACK_SHOW = "Visa återkoppling"
FEEDBACK_PAGE_LABEL = "Sida"
FEEDBACK_PAGE = "sida {page} av {pages} ({total} rader)"
FEEDBACK_SUMMARY = "Bra svar: {up} · Dåliga svar: {down} · Kommentarer: {comments}"
RATING_LABELS = {1: "Bra", -1: "Dåligt"}
FEEDBACK_COLUMNS = ["Tid", "Omdöme", "Fråga", "Väg", "Källor", "Kommentar"]

KOLADA_MISSING_TAB = ("Kommundata från Kolada saknas i den här installationen, så den här fliken är avstängd. "
                      "Frågor om handboken går bra i fliken *Fråga assistenten*.")

# Errors shown in the interface
ERROR = "{reason}"  # lower layers' Swedish messages are shown as they are
UNEXPECTED = "Något gick fel när underlaget skulle tas fram. Försök igen."
