"""Every label and sentence the interface shows, in Swedish, in one place."""

from __future__ import annotations

APP_TITLE = "Effektiviseringsassistenten"
INTRO = (
    "# Effektiviseringsassistenten\n"
    "Frågor om handboken *Fem goda råd för en effektivare kommunsektor* och kommunernas "
    "nyckeltal i Kolada (2010–2022). Svaren anger alltid sina källor."
)

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
TOOL_TITLE = "Verktyg: {name}"
TOOL_ARGS = "**Indata**"
TOOL_RESULT = "**Resultat** (förkortat)"
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
AREAS = [("Grundskola", "grundskola"), ("Äldreomsorg", "aldreomsorg")]
YEAR = "År"
SHOW_PROFILE = "Visa profil"
PROFILE_EMPTY = "Välj kommun, verksamhetsområde och år och tryck på **Visa profil**."
HANDBOOK_HEADING = "### Vad säger handboken?"
EXPORT_MEMO = "Exportera beslutsunderlag (Markdown och PDF)"
EXPORT_FILES = "Beslutsunderlag att ladda ned"
EXPORT_FIRST = "Visa en profil först; beslutsunderlaget bygger på den."
FIGURES_QUESTION = "Hur effektiv är {area} i {kommun} {year}?"
HANDBOOK_QUESTION = "Vad säger handboken om det?"
AREA_IN_QUESTION = {"grundskola": "grundskolan", "aldreomsorg": "äldreomsorgen"}

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

# Admin
TAB_ADMIN = "Administration"
UPLOAD_LABEL = "Dokument att lägga till (.md, .txt eller .pdf)"
UPLOAD_BUTTON = "Lägg till och indexera om"
UPLOAD_NONE = "Välj en fil först."
UPLOAD_DONE = ("Lade till **{name}**. Indexet har nu {chunks} textstycken från {files} filer "
               "({mode}, {seconds} s).")
UPLOAD_FAILED = "Det gick inte att lägga till filen: {reason}"
INDEXING = "Indexerar"
FEEDBACK_HEADING = "### Återkoppling från användarna"
FEEDBACK_SHOW = "Visa återkoppling"
FEEDBACK_SUMMARY = "Bra svar: {up} · Dåliga svar: {down} · Kommentarer: {comments}"
RATING_LABELS = {1: "Bra", -1: "Dåligt"}
FEEDBACK_COLUMNS = ["Tid", "Omdöme", "Fråga", "Väg", "Källor", "Kommentar"]

# Errors shown in the interface
ERROR = "Något gick fel: {reason}"
