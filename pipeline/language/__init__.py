"""French language analysis of the notes (spaCy, ``fr_core_news_sm``): one analysis
per note, cached by content hash (``analysis``); theme suggestion from the themes'
``mots_cles`` (``themes``); the index of places and organisations (``index``);
possible names of residents (``privacy``); the words that set a theme apart
(``distinctive``). spaCy is imported only when a note has to be analysed."""
