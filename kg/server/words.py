"""The interface's words in Kazakh, English and Russian: headings, navigation,
buttons and the sentences around the data. The data's own labels come from
the graph; these are only the page's frame. ``{name}`` marks a value filled in."""

from __future__ import annotations

LANGUAGES = ("kk", "en", "ru")
LANGUAGE_NAMES = {"kk": "қазақша", "en": "English", "ru": "русский"}

WORDS: dict[str, dict[str, str]] = {
    "site": {
        "en": "Kazakh anti-corruption KG",
        "kk": "Сыбайлас жемқорлыққа қарсы білім графы",
        "ru": "Граф знаний о противодействии коррупции",
    },
    "skip": {"en": "Skip to the content", "kk": "Мазмұнға өту", "ru": "Перейти к содержанию"},
    "search": {"en": "Search", "kk": "Іздеу", "ru": "Найти"},
    "search-hint": {
        "en": "Search labels (kk, en, ru)",
        "kk": "Атаулардан іздеу (kk, en, ru)",
        "ru": "Поиск по названиям (kk, en, ru)",
    },
    "language": {"en": "Language", "kk": "Тіл", "ru": "Язык"},
    "questions": {"en": "Questions", "kk": "Сұрақтар", "ru": "Вопросы"},
    "classes": {"en": "Classes", "kk": "Кластар", "ru": "Классы"},
    "downloads": {"en": "Downloads", "kk": "Жүктеп алу", "ru": "Скачать"},
    "vocabulary": {"en": "Vocabulary", "kk": "Сөздік", "ru": "Словарь"},
    "sparql": {"en": "SPARQL", "kk": "SPARQL", "ru": "SPARQL"},
    "shapes": {"en": "Shapes", "kk": "Пішіндер", "ru": "Формы"},
    # The home page.
    "home-title": {
        "en": "Kazakh anti-corruption news as linked data",
        "kk": "Сыбайлас жемқорлыққа қарсы жаңалықтар байланысқан деректер ретінде",
        "ru": "Казахстанские новости о борьбе с коррупцией как связанные данные",
    },
    "home-summary": {
        "en": "{entities} entities in {classes} classes, {facts} facts from the articles and {outside} from "
        "outside sources, each with its evidence; {triples} triples in all. Built {built}. Licence: {licence}.",
        "kk": "{classes} класта {entities} нысан, мақалалардан {facts} факт және сыртқы дереккөздерден {outside}, "
        "әрқайсысы өз дәлелімен; барлығы {triples} үштік. Жиналған уақыты: {built}. Лицензия: {licence}.",
        "ru": "{entities} сущностей в {classes} классах, {facts} фактов из статей и {outside} из внешних "
        "источников, каждый со своим обоснованием; всего {triples} триплетов. Собрано {built}. Лицензия: {licence}.",
    },
    "questions-answered": {
        "en": "Questions answered from the graph",
        "kk": "Графтан жауап берілетін сұрақтар",
        "ru": "Вопросы, на которые отвечает граф",
    },
    "articles": {"en": "Articles", "kk": "Мақалалар", "ru": "Статьи"},
    "holdings": {"en": "What the graph holds", "kk": "Графта не бар", "ru": "Что содержит граф"},
    "class": {"en": "class", "kk": "класс", "ru": "класс"},
    "entities": {"en": "entities", "kk": "нысандар", "ru": "сущности"},
    # Questions.
    "questions-intro": {
        "en": "Each question is a SPARQL query run on the graph when you open it; its answer is a table with "
        "links, the article's words, and downloads.",
        "kk": "Әр сұрақ — ашқан кезде графта орындалатын SPARQL сұрауы; жауабы — сілтемелері, мақаланың сөздері "
        "және жүктеп алу мүмкіндігі бар кесте.",
        "ru": "Каждый вопрос — это SPARQL-запрос, который выполняется на графе при открытии; ответ — таблица "
        "со ссылками, словами статьи и файлами для скачивания.",
    },
    "labels-in": {"en": "Labels in", "kk": "Атаулар тілі", "ru": "Названия на"},
    "any": {"en": "any", "kk": "кез келген", "ru": "любой"},
    "show": {"en": "Show", "kk": "Көрсету", "ru": "Показать"},
    "rows": {"en": "{count} rows", "kk": "{count} жол", "ru": "строк: {count}"},
    "row": {"en": "{count} row", "kk": "{count} жол", "ru": "строк: {count}"},
    "download": {"en": "Download", "kk": "Жүктеп алу", "ru": "Скачать"},
    "cut": {
        "en": "The answer was cut at the server's row limit.",
        "kk": "Жауап сервердің жол шегінде қиылды.",
        "ru": "Ответ обрезан по лимиту строк сервера.",
    },
    "yes": {"en": "Yes", "kk": "Иә", "ru": "Да"},
    "no": {"en": "No", "kk": "Жоқ", "ru": "Нет"},
    # Entity and article pages.
    "as-data": {"en": "As data", "kk": "Деректер ретінде", "ru": "Как данные"},
    "types": {"en": "Types", "kk": "Түрлері", "ru": "Типы"},
    "also-written": {"en": "Also written", "kk": "Басқаша жазылуы", "ru": "Также пишется"},
    "facts": {"en": "Facts", "kk": "Фактілер", "ru": "Факты"},
    "facts-elsewhere": {
        "en": "Facts about it elsewhere",
        "kk": "Ол туралы басқа фактілер",
        "ru": "Факты о нём в других местах",
    },
    "other-data": {"en": "Other data", "kk": "Басқа деректер", "ru": "Другие данные"},
    "spans": {
        "en": "{count} evidence spans, each highlighted and linked to the facts it states.",
        "kk": "{count} дәлел үзіндісі, әрқайсысы белгіленіп, өзі айтатын фактілерге сілтенген.",
        "ru": "{count} фрагментов-обоснований, каждый выделен и связан с фактами, которые он сообщает.",
    },
    "evidence-spans": {"en": "Evidence spans", "kk": "Дәлел үзінділері", "ru": "Фрагменты-обоснования"},
    "found": {"en": "{count} found", "kk": "{count} табылды", "ru": "найдено: {count}"},
    # The SPARQL editor.
    "sparql-intro": {
        "en": "Write a query, or start from an example. Ctrl-Enter runs it. Clients that ask for SPARQL results "
        "get the SPARQL 1.1 Protocol here.",
        "kk": "Сұрау жазыңыз немесе мысалдан бастаңыз. Ctrl-Enter оны орындайды. SPARQL нәтижелерін сұрайтын "
        "клиенттер мұнда SPARQL 1.1 хаттамасын алады.",
        "ru": "Напишите запрос или начните с примера. Ctrl-Enter выполняет его. Клиенты, запрашивающие результаты "
        "SPARQL, получают здесь протокол SPARQL 1.1.",
    },
    "example": {"en": "Example", "kk": "Мысал", "ru": "Пример"},
    "choose-question": {"en": "choose a question…", "kk": "сұрақты таңдаңыз…", "ru": "выберите вопрос…"},
    "load": {"en": "Load", "kk": "Жүктеу", "ru": "Загрузить"},
    "run": {"en": "Run", "kk": "Орындау", "ru": "Выполнить"},
    "answer": {"en": "Answer", "kk": "Жауап", "ru": "Ответ"},
    "query": {"en": "SPARQL query", "kk": "SPARQL сұрауы", "ru": "SPARQL-запрос"},
    "triples": {"en": "{count} triples", "kk": "{count} үштік", "ru": "триплетов: {count}"},
    # Claims, classes, the vocabulary and the downloads.
    "claimed": {
        "en": "Claimed, not asserted",
        "kk": "Айтылған, бірақ бекітілмеген",
        "ru": "Заявлено, но не утверждено",
    },
    "said": {"en": "What {name} said", "kk": "{name} не айтты", "ru": "Что сказал(а) {name}"},
    "kind-of": {"en": "A kind of", "kk": "Түрі", "ru": "Разновидность"},
    "kinds": {"en": "Kinds", "kk": "Түрлері", "ru": "Виды"},
    "of-class": {"en": "{count} of this class", "kk": "Осы кластан {count}", "ru": "{count} этого класса"},
    "by-inference": {
        "en": "{count} more by inference",
        "kk": "Қорытынды бойынша тағы {count}",
        "ru": "Ещё {count} по логическому выводу",
    },
    "its-definition": {"en": "its definition", "kk": "анықтамасы", "ru": "его определение"},
    "members": {
        "en": "{count} entities of this class",
        "kk": "Осы класқа жататын {count} нысан",
        "ru": "{count} сущностей этого класса",
    },
    "comment": {"en": "Comment", "kk": "Түсініктеме", "ru": "Комментарий"},
    "checks": {"en": "What it checks", "kk": "Нені тексереді", "ru": "Что проверяет"},
    "property-constraints": {
        "en": "Property constraints",
        "kk": "Қасиет шектеулері",
        "ru": "Ограничения свойств",
    },
    "sparql-constraint": {"en": "SPARQL constraint", "kk": "SPARQL шектеуі", "ru": "Ограничение SPARQL"},
    "shapes-intro": {
        "en": "The SHACL shapes every build is validated against.",
        "kk": "Әр жинақ тексерілетін SHACL пішіндері.",
        "ru": "Формы SHACL, по которым проверяется каждая сборка.",
    },
    "properties": {"en": "Properties", "kk": "Қасиеттер", "ru": "Свойства"},
    "other-terms": {"en": "Other terms", "kk": "Басқа терминдер", "ru": "Другие термины"},
    "dumps-intro": {
        "en": "The knowledge graph as files, under the licence {licence}. Sizes and SHA-256 checksums are also in "
        "the {void}.",
        "kk": "Білім графы файлдар түрінде, {licence} лицензиясымен. Өлшемдері мен SHA-256 бақылау сомалары "
        "{void} ішінде де бар.",
        "ru": "Граф знаний в виде файлов, по лицензии {licence}. Размеры и контрольные суммы SHA-256 есть также "
        "в {void}.",
    },
    "void": {"en": "VoID description", "kk": "VoID сипаттамасы", "ru": "описании VoID"},
    "file": {"en": "file", "kk": "файл", "ru": "файл"},
    "format": {"en": "format", "kk": "пішім", "ru": "формат"},
    "media-type": {"en": "media type", "kk": "медиа түрі", "ru": "тип данных"},
    "what": {"en": "what", "kk": "не", "ru": "что"},
    "size": {"en": "size", "kk": "өлшемі", "ru": "размер"},
}


def words(key: str, lang: str) -> str:
    """The words for ``key`` in ``lang``, in English when ``lang`` is not one of ours."""
    found = WORDS[key]
    return found.get(lang, found["en"])
