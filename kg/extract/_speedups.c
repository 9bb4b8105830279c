/* kg.extract._speedups: whole-text scans of the extractor, in C.
 *
 * Each function here has a pure-Python reference that gives the same results and is used for
 * non-ASCII text and when this module was not built (it is optional: see setup.py); the tests
 * compare the two (tests/extract/test_phrases.py, test_gazetteer.py, test_scan.py,
 * test_sentences.py).
 *
 * Trie: the gazetteer's token trie (reference: PhraseIndex.find over WordTokens in
 * kg/extract/phrases.py). On the Python side the walk cost ~150 us per abstract: ~256 word
 * pieces made as Python strings, each looked up in a root dict of ~28,000 keys, and the trie's
 * ~40,000 dicts did not stay in the CPU caches between papers. Here the pieces are never
 * materialised and the trie is one compact hash table of edges.
 *
 * Tokens (the ASCII case of phrases._PIECE_ASCII on lower-cased text): a run of [a-z0-9],
 * or any other single non-space character. One space before a token keeps the token glued
 * to the previous one (a phrase may continue through it); any other whitespace (two spaces,
 * a line break) is a piece of its own that ends every phrase. Whitespace is str.isspace()
 * on ASCII: \t \n \v \f \r, \x1c-\x1f and the space.
 *
 *   trie = Trie()
 *   trie.add(("gpt", "-", "4"), hit)   -> the hit stored at that node (the first one wins)
 *   trie.find("we use gpt-4 ...")      -> [(start, end, hit), ...] by start, then length
 *
 * compound_words(text): the words with a digit or a hyphen that start with a letter
 * ("Llama-3-8B"), reference: gazetteer._compound_words (~50 us per abstract in Python);
 * compound_cuts(word): where such a word may be cut before a known prefix is looked up
 * (reference: gazetteer._CUTS).
 *
 * name_shape(word): the shape tests of names.looks_like_name (reference: names._name_shape).
 *
 * words_then_preposition(text, starts, leads, preps, max_between): the "experiments … on" rule of
 * kg/extract/contexts.py (reference: matches_at(_EVAL, …)).
 *
 * lead_words_head(text, starts, pos, …): "a novel <words> framework, called" of kg/extract/proposals.py
 * (reference: _NOVEL_HEAD and _HEAD_THEN_NAME).
 *
 * numbers_at(text, starts): the numbers of kg/extract/results.py (reference: matches_at(_NUMBER, …)).
 *
 * KeywordMatcher: the shared keyword pass of kg/extract/scan.py (~30 us per abstract as one
 * regex over the blanked text).
 *
 * split_sentences(text, start): the sentence spans of kg/extract/sentences.py (reference:
 * _scan_sentences; ~34 us per abstract in Python, ~9 here; 2% of the extractor's instructions).
 *
 * acronym_definitions(text, start): the acronym definitions of kg/extract/acronyms.py (reference:
 * _scan_definitions; ~95k instructions an abstract compiled, 7% of the extractor's).
 *
 * AppositionScanner(heads).spans(text, pos): proposals._APPOSITION.finditer (", a novel <head>").
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* One edge: (parent node, token bytes) -> child node. Token bytes live in the arena. */
typedef struct {
    uint64_t hash; /* 0: empty slot */
    int32_t parent, child;
    uint32_t offset, length;
} Edge;

typedef struct {
    PyObject_HEAD
    PyObject **hits;       /* per node: the hit (a strong reference) or NULL; hits never refer back to
                              the trie, so the type needs no cyclic-GC support */
    uint8_t *has_children; /* per node: some edge leaves it */
    Py_ssize_t n_nodes, node_capacity;
    Edge *edges;           /* open addressing, linear probing, power-of-two capacity, at most half full */
    Py_ssize_t n_edges, edge_capacity;
    char *arena;
    Py_ssize_t arena_length, arena_capacity;
} Trie;

static uint64_t edge_hash(int32_t parent, const char *token, Py_ssize_t length) {
    uint64_t hash = 14695981039346656037ULL ^ ((uint64_t)(uint32_t)parent * 0x9E3779B97F4A7C15ULL);
    for (Py_ssize_t i = 0; i < length; i++) {
        hash ^= (unsigned char)token[i];
        hash *= 1099511628211ULL;
    }
    /* FNV's low bits, which pick the slot, are weak for short keys: mix the high bits in
       (the finaliser of MurmurHash3); lookups measured 20-35% faster on the corpus. */
    hash ^= hash >> 33;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33;
    return hash | 1;
}

static int32_t child_of(const Trie *trie, int32_t parent, const char *token, Py_ssize_t length) {
    uint64_t hash = edge_hash(parent, token, length);
    size_t mask = (size_t)trie->edge_capacity - 1;
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        const Edge *edge = &trie->edges[slot];
        if (edge->hash == 0)
            return -1;
        if (edge->hash == hash && edge->parent == parent && edge->length == (uint32_t)length &&
            memcmp(trie->arena + edge->offset, token, length) == 0)
            return edge->child;
    }
}

static int grow_edges(Trie *trie) {
    Py_ssize_t capacity = trie->edge_capacity ? trie->edge_capacity * 2 : 1024;
    Edge *edges = PyMem_Calloc(capacity, sizeof(Edge));
    if (edges == NULL)
        return -1;
    for (Py_ssize_t k = 0; k < trie->edge_capacity; k++) {
        Edge edge = trie->edges[k];
        if (edge.hash == 0)
            continue;
        size_t slot = edge.hash & (size_t)(capacity - 1);
        while (edges[slot].hash)
            slot = (slot + 1) & (size_t)(capacity - 1);
        edges[slot] = edge;
    }
    PyMem_Free(trie->edges);
    trie->edges = edges;
    trie->edge_capacity = capacity;
    return 0;
}

static int32_t new_node(Trie *trie) {
    if (trie->n_nodes >= INT32_MAX)
        return -1;
    if (trie->n_nodes == trie->node_capacity) {
        Py_ssize_t capacity = trie->node_capacity ? trie->node_capacity * 2 : 1024;
        PyObject **hits = PyMem_Realloc(trie->hits, capacity * sizeof(PyObject *));
        if (hits == NULL)
            return -1;
        trie->hits = hits;
        uint8_t *has_children = PyMem_Realloc(trie->has_children, capacity);
        if (has_children == NULL)
            return -1;
        trie->has_children = has_children;
        trie->node_capacity = capacity;
    }
    trie->hits[trie->n_nodes] = NULL;
    trie->has_children[trie->n_nodes] = 0;
    return (int32_t)trie->n_nodes++;
}

static int32_t add_child(Trie *trie, int32_t parent, const char *token, Py_ssize_t length) {
    int32_t found = child_of(trie, parent, token, length);
    if (found >= 0)
        return found;
    if (length > UINT32_MAX || trie->arena_length > UINT32_MAX - length)
        return -1;
    if ((trie->n_edges + 1) * 2 > trie->edge_capacity && grow_edges(trie) < 0)
        return -1;
    if (trie->arena_length + length > trie->arena_capacity) {
        Py_ssize_t capacity = (trie->arena_capacity + length) * 2;
        char *arena = PyMem_Realloc(trie->arena, capacity);
        if (arena == NULL)
            return -1;
        trie->arena = arena;
        trie->arena_capacity = capacity;
    }
    int32_t child = new_node(trie);
    if (child < 0)
        return -1;
    memcpy(trie->arena + trie->arena_length, token, length);
    uint64_t hash = edge_hash(parent, token, length);
    size_t mask = (size_t)trie->edge_capacity - 1, slot = hash & mask;
    while (trie->edges[slot].hash)
        slot = (slot + 1) & mask;
    trie->edges[slot] = (Edge){hash, parent, child, (uint32_t)trie->arena_length, (uint32_t)length};
    trie->arena_length += length;
    trie->n_edges++;
    trie->has_children[parent] = 1;
    return child;
}

static PyObject *Trie_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    if (PyTuple_GET_SIZE(args) != 0 || (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0)) {
        PyErr_SetString(PyExc_TypeError, "Trie() takes no arguments");
        return NULL;
    }
    Trie *trie = (Trie *)type->tp_alloc(type, 0);
    if (trie == NULL)
        return NULL;
    if (new_node(trie) < 0 || grow_edges(trie) < 0) { /* node 0 is the root */
        Py_DECREF(trie);
        return PyErr_NoMemory();
    }
    return (PyObject *)trie;
}

static void Trie_dealloc(Trie *trie) {
    for (Py_ssize_t i = 0; i < trie->n_nodes; i++)
        Py_XDECREF(trie->hits[i]);
    PyMem_Free(trie->hits);
    PyMem_Free(trie->has_children);
    PyMem_Free(trie->edges);
    PyMem_Free(trie->arena);
    Py_TYPE(trie)->tp_free((PyObject *)trie);
}

static PyObject *Trie_add(Trie *trie, PyObject *args) {
    PyObject *tokens, *hit;
    if (!PyArg_ParseTuple(args, "OO:add", &tokens, &hit))
        return NULL;
    PyObject *sequence = PySequence_Fast(tokens, "tokens must be a sequence of str");
    if (sequence == NULL)
        return NULL;
    if (PySequence_Fast_GET_SIZE(sequence) == 0) {
        Py_DECREF(sequence);
        PyErr_SetString(PyExc_ValueError, "a phrase has at least one token");
        return NULL;
    }
    int32_t node = 0;
    for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(sequence); k++) {
        PyObject *item = PySequence_Fast_GET_ITEM(sequence, k);
        Py_ssize_t length;
        const char *token = PyUnicode_Check(item) ? PyUnicode_AsUTF8AndSize(item, &length) : NULL;
        if (token == NULL) {
            Py_DECREF(sequence);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "tokens must be str");
            return NULL;
        }
        node = add_child(trie, node, token, length);
        if (node < 0) {
            Py_DECREF(sequence);
            return PyErr_NoMemory();
        }
    }
    Py_DECREF(sequence);
    if (trie->hits[node] == NULL) {
        Py_INCREF(hit);
        trie->hits[node] = hit;
    }
    Py_INCREF(trie->hits[node]);
    return trie->hits[node];
}

static inline int is_word(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
static inline int is_space(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31); }

/* 0 when `text` is an ASCII str, else -1 with ValueError(message): what every scan here takes. */
static int require_ascii(PyObject *text, const char *message) {
    if (PyUnicode_Check(text) && PyUnicode_IS_ASCII(text))
        return 0;
    PyErr_SetString(PyExc_ValueError, message);
    return -1;
}

static PyObject *Trie_find(Trie *trie, PyObject *text) {
    if (require_ascii(text, "find() takes lower-cased ASCII text") < 0)
        return NULL;
    const char *chars = (const char *)PyUnicode_1BYTE_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n > INT32_MAX / 2) { /* offsets are kept as 32-bit integers */
        PyErr_SetString(PyExc_OverflowError, "find() takes text of at most 2**30 characters");
        return NULL;
    }
    /* Tokens: a token takes at least one character, so there are at most n of them. */
    int32_t *bounds = PyMem_Malloc((n + 1) * 2 * sizeof(int32_t));
    uint8_t *after_break = PyMem_Malloc(n + 1); /* a whitespace piece of its own comes before it */
    PyObject *found = NULL;
    if (bounds == NULL || after_break == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t count = 0, p = 0;
    int pending_break = 0;
    while (p < n) {
        unsigned char c = (unsigned char)chars[p];
        if (c == ' ' && p + 1 < n && !is_space((unsigned char)chars[p + 1])) {
            c = (unsigned char)chars[++p]; /* the one space that glues a token to the previous one */
        } else if (is_space(c)) {
            while (p < n && is_space((unsigned char)chars[p]))
                p++;
            pending_break = 1;
            continue;
        }
        Py_ssize_t q = p + 1;
        if (is_word(c))
            while (q < n && is_word((unsigned char)chars[q]))
                q++;
        bounds[2 * count] = (int32_t)p;
        bounds[2 * count + 1] = (int32_t)q;
        after_break[count++] = (uint8_t)pending_break;
        pending_break = 0;
        p = q;
    }
    found = PyList_New(0);
    if (found == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < count; i++) {
        int32_t node = child_of(trie, 0, chars + bounds[2 * i], bounds[2 * i + 1] - bounds[2 * i]);
        for (Py_ssize_t j = i + 1; node >= 0; j++) {
            if (trie->hits[node] != NULL) {
                PyObject *row = Py_BuildValue("(iiO)", bounds[2 * i], bounds[2 * j - 1], trie->hits[node]);
                if (row == NULL || PyList_Append(found, row) < 0) {
                    Py_XDECREF(row);
                    Py_CLEAR(found);
                    goto done;
                }
                Py_DECREF(row);
            }
            if (j == count || after_break[j] || !trie->has_children[node])
                break;
            node = child_of(trie, node, chars + bounds[2 * j], bounds[2 * j + 1] - bounds[2 * j]);
        }
    }
done:
    PyMem_Free(bounds);
    PyMem_Free(after_break);
    return found;
}

static PyMethodDef Trie_methods[] = {
    {"add", (PyCFunction)Trie_add, METH_VARARGS,
     "add(tokens, hit) -> the hit stored for the phrase of these lower-cased tokens (the first one added wins)"},
    {"find", (PyCFunction)Trie_find, METH_O,
     "find(lowered) -> [(start, end, hit)] of every known phrase in lower-cased ASCII text, by start then length"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject TrieType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "kg.extract._speedups.Trie",
    .tp_doc = "A trie of phrases over lower-cased word tokens, walked over ASCII text.",
    .tp_basicsize = sizeof(Trie),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = Trie_new,
    .tp_dealloc = (destructor)Trie_dealloc,
    .tp_methods = Trie_methods,
};

static inline int is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline int is_word_char(unsigned char c) { return is_letter(c) || (c >= '0' && c <= '9') || c == '_'; }
static inline int in_run(unsigned char c) {
    return is_letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '+' || c == '-';
}
static inline int digit_or_hyphen(unsigned char c) { return (c >= '0' && c <= '9') || c == '-'; }

/* compound_words(text: ASCII str) -> [(start, end, word)]
 *
 * A run is a maximal stretch of [A-Za-z0-9_.+-]. In each run that holds a digit or a hyphen,
 * the word is the first place p where a letter starts a word (p is the run's start, or follows
 * "." or "+") and a digit or hyphen comes later in the run; it goes to the run's end. This is
 * what _COMPOUND_SCAN = (?<![\w\-])[A-Za-z][\w.+]*[\d\-][\w.+\-]* finds searched within the
 * run, and the run ends where the first digit-or-hyphen match of the run ends. */
static PyObject *compound_words(PyObject *module, PyObject *text) {
    if (require_ascii(text, "compound_words() takes ASCII text") < 0)
        return NULL;
    const unsigned char *chars = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), p = 0;
    PyObject *found = PyList_New(0);
    if (found == NULL)
        return NULL;
    while (p < n) {
        /* runs are found from their digits and hyphens (most runs have none): the tight loop
           tests one character a step, and the run around a mark is read once */
        while (p < n && !digit_or_hyphen(chars[p]))
            p++;
        if (p == n)
            break;
        Py_ssize_t begin = p, last_mark = p;
        while (begin > 0 && in_run(chars[begin - 1]))
            begin--;
        while (p < n && in_run(chars[p])) {
            if (digit_or_hyphen(chars[p]))
                last_mark = p;
            p++;
        }
        for (Py_ssize_t start = begin; start < last_mark; start++) {
            if (!is_letter(chars[start]))
                continue;
            if (start > begin && chars[start - 1] != '.' && chars[start - 1] != '+')
                continue;  /* inside a word */
            PyObject *row = Py_BuildValue("(nnN)", start, p, PyUnicode_FromStringAndSize((const char *)chars + start, p - start));
            if (row == NULL || PyList_Append(found, row) < 0) {
                Py_XDECREF(row);
                Py_DECREF(found);
                return NULL;
            }
            Py_DECREF(row);
            break;
        }
    }
    return found;
}

/* compound_cuts(word) -> the offsets where gazetteer._split_known may cut an ASCII word: each "-",
 * and each digit right after a letter ([m.start() for m in _CUTS.finditer(word)], the regex tried
 * at every character: ~2,000 instructions a word). */
static PyObject *compound_cuts(PyObject *module, PyObject *word) {
    if (require_ascii(word, "compound_cuts() takes an ASCII str") < 0)
        return NULL;
    const unsigned char *w = PyUnicode_1BYTE_DATA(word);
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    PyObject *cuts = PyList_New(0);
    for (Py_ssize_t i = 0; cuts != NULL && i < n; i++) {
        if (w[i] == '-' || (i > 0 && is_letter(w[i - 1]) && w[i] >= '0' && w[i] <= '9')) {
            PyObject *offset = PyLong_FromSsize_t(i);
            if (offset == NULL || PyList_Append(cuts, offset) < 0)
                Py_CLEAR(cuts);
            Py_XDECREF(offset);
        }
    }
    return cuts;
}

/* The shapes name_shape() tells apart (names._NUMBERISH, names._INNER, names._ALLCAPS). */
enum { SHAPE_PLAIN = 0, SHAPE_NUMBERISH = 1, SHAPE_INNER = 2, SHAPE_INNER_ALLCAPS = 3 };

static inline int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* _NUMBERISH.fullmatch(word) on ASCII: [\d.,%x×]+[A-Za-z]? | \d+[BMKT] | [A-Z][a-z]? | \d+(?:st|nd|rd|th|D) */
static int numberish(const unsigned char *w, Py_ssize_t n) {
    Py_ssize_t run = 0; /* the leading run of [0-9.,%x] */
    while (run < n && (is_digit(w[run]) || w[run] == '.' || w[run] == ',' || w[run] == '%' || w[run] == 'x'))
        run++;
    if (run > 0 && (run == n || (run == n - 1 && is_letter(w[n - 1]))))
        return 1;
    if (n >= 1 && n <= 2 && is_upper(w[0]) && (n == 1 || is_lower(w[1])))
        return 1;
    Py_ssize_t digits = 0;
    while (digits < n && is_digit(w[digits]))
        digits++;
    if (digits == 0)
        return 0;
    Py_ssize_t rest = n - digits;
    const unsigned char *r = w + digits;
    if (rest == 1)
        return r[0] == 'B' || r[0] == 'M' || r[0] == 'K' || r[0] == 'T' || r[0] == 'D';
    return rest == 2 && ((r[0] == 's' && r[1] == 't') || (r[0] == 'n' && r[1] == 'd') || (r[0] == 'r' && r[1] == 'd') ||
                         (r[0] == 't' && r[1] == 'h'));
}

/* _INNER.match(word) on ASCII: ^(?=[A-Za-z0-9]).*?(?:[a-z0-9][A-Z]|[A-Z]{2}|[A-Za-z]\d|\d[A-Za-z]) ("." stops at "\n") */
static int inner_capital_or_digit(const unsigned char *w, Py_ssize_t n) {
    if (n == 0 || !(is_letter(w[0]) || is_digit(w[0])))
        return 0;
    for (Py_ssize_t i = 0; i + 1 < n; i++) {
        unsigned char a = w[i], b = w[i + 1];
        if (((is_lower(a) || is_digit(a)) && is_upper(b)) || (is_upper(a) && is_upper(b)) ||
            (is_letter(a) && is_digit(b)) || (is_digit(a) && is_letter(b)))
            return 1;
        if (a == '\n')
            return 0;
    }
    return 0;
}

/* name_shape(word) -> what names.looks_like_name asks of an ASCII word's shape, in one pass of each test
 * (three regexes there, ~2,500 instructions a new word): 1 when _NUMBERISH matches all of it, else 2 when
 * _INNER matches it (3 when _ALLCAPS also matches all of it), else 0. Reference: names._name_shape. */
static PyObject *name_shape(PyObject *module, PyObject *word) {
    if (require_ascii(word, "name_shape() takes an ASCII str") < 0)
        return NULL;
    const unsigned char *w = PyUnicode_1BYTE_DATA(word);
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    if (numberish(w, n))
        return PyLong_FromLong(SHAPE_NUMBERISH);
    if (!inner_capital_or_digit(w, n))
        return PyLong_FromLong(SHAPE_PLAIN);
    Py_ssize_t caps = 0; /* _ALLCAPS.fullmatch: [A-Z]{2,}s? */
    while (caps < n && is_upper(w[caps]))
        caps++;
    int allcaps = caps >= 2 && (caps == n || (caps == n - 1 && w[n - 1] == 's'));
    return PyLong_FromLong(allcaps ? SHAPE_INNER_ALLCAPS : SHAPE_INNER);
}

/* [A-Za-z0-9_] as 1 to 63, any other byte 0; and each byte's blanked copy (itself or a blank) */
static uint8_t WORD_CODE[256];
static char BLANKED[256];

static void fill_word_codes(void) {
    int code = 1;
    for (int c = 0; c < 256; c++) {
        WORD_CODE[c] = (uint8_t)(is_word_char((unsigned char)c) ? code++ : 0);
        BLANKED[c] = WORD_CODE[c] ? (char)c : ' ';
    }
}

/* blank_words(text) -> b" " + scan.blanked(text): every character but [A-Za-z0-9_] a blank, one
 * byte per character, after one leading blank (the keyword pass's copy of the text; encoding,
 * translating and concatenating cost ~13k instructions an abstract). */
static PyObject *blank_words(PyObject *module, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "blank_words() takes a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *out = PyBytes_FromStringAndSize(NULL, n + 1);
    if (out == NULL)
        return NULL;
    char *b = PyBytes_AS_STRING(out);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    b[0] = ' ';
    if (kind == PyUnicode_1BYTE_KIND) { /* ASCII and Latin-1: a table lookup per character */
        const unsigned char *chars = data;
        for (Py_ssize_t i = 0; i < n; i++)
            b[i + 1] = BLANKED[chars[i]];
    } else {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, i);
            b[i + 1] = ch < 256 ? BLANKED[ch] : ' ';
        }
    }
    return out;
}

/* KeywordMatcher(alternatives) where alternatives is a sequence of (first: bytes, lookaheads:
 * tuple of bytes), in the order a regex alternation would try them; matcher.scan(blanked, pos)
 * -> [(offset, index of the alternative)] is what
 *     re.compile(b" (?:" + b"|".join(first + (b"(?=" + b"|".join(lookaheads) + b")" if lookaheads else b"")
 *                                    for first, lookaheads in alternatives) + b")").finditer(blanked, pos)
 * finds, for text in which every word follows a blank (scan.blanked): the first alternative that
 * matches after a blank wins, and the scan goes on after the word it matched. Reference and
 * fallback: kg/extract/scan.py. */
typedef struct {
    Py_ssize_t length, n_lookaheads;
    char *first;        /* owned copy */
    char **lookaheads;  /* owned copies */
    Py_ssize_t *lookahead_lengths;
} Alternative;

typedef struct {
    PyObject_HEAD
    Py_ssize_t n_alternatives;
    Alternative *alternatives;
    Py_ssize_t *by_first_byte[256]; /* per first byte: alternative indices in order, -1 terminated */
    /* When every alternative begins with [A-Za-z0-9_] (one such character, or two): per first two
       characters, as two 6-bit codes (WORD_CODE; 0 for any other byte), the offset in two_lists of
       the alternatives that can match there, in order and -1 terminated (offset 0 holds a lone -1).
       Most words then fail at one lookup: the scan per first byte cost ~130 instructions a blank. */
    uint32_t *by_two;
    int32_t *two_lists;
    Py_ssize_t n_kinds;             /* 0 unless kinds were given */
    uint64_t *kind_masks;           /* per alternative: bit k set when it reports kind k */
} KeywordMatcher;

static void KeywordMatcher_dealloc(KeywordMatcher *self) {
    for (Py_ssize_t i = 0; i < self->n_alternatives; i++) {
        Alternative *alt = &self->alternatives[i];
        PyMem_Free(alt->first);
        for (Py_ssize_t k = 0; k < alt->n_lookaheads; k++)
            PyMem_Free(alt->lookaheads[k]);
        PyMem_Free(alt->lookaheads);
        PyMem_Free(alt->lookahead_lengths);
    }
    PyMem_Free(self->alternatives);
    PyMem_Free(self->kind_masks);
    for (int c = 0; c < 256; c++)
        PyMem_Free(self->by_first_byte[c]);
    PyMem_Free(self->by_two);
    PyMem_Free(self->two_lists);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static char *copy_bytes(PyObject *item, Py_ssize_t *length) {
    char *data;
    if (!PyBytes_Check(item)) {
        PyErr_SetString(PyExc_TypeError, "words must be bytes");
        return NULL;
    }
    PyBytes_AsStringAndSize(item, &data, length);
    char *copy = PyMem_Malloc(*length + 1);
    if (copy == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(copy, data, *length);
    return copy;
}

/* kinds: per alternative, a sequence of kind numbers (0 to 63) it reports; for offsets(). */
static int set_kinds(KeywordMatcher *self, PyObject *kinds, Py_ssize_t n) {
    PyObject *sequence = PySequence_Fast(kinds, "kinds must be a sequence");
    if (sequence == NULL)
        return -1;
    if (PySequence_Fast_GET_SIZE(sequence) != n) {
        PyErr_SetString(PyExc_ValueError, "kinds must give the kinds of each alternative");
        goto fail;
    }
    if ((self->kind_masks = PyMem_Calloc(n ? n : 1, sizeof(uint64_t))) == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *numbers = PySequence_Fast(PySequence_Fast_GET_ITEM(sequence, i), "each kinds entry must be a sequence");
        if (numbers == NULL)
            goto fail;
        for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(numbers); k++) {
            Py_ssize_t kind = PyNumber_AsSsize_t(PySequence_Fast_GET_ITEM(numbers, k), PyExc_OverflowError);
            if (kind == -1 && PyErr_Occurred()) {
                Py_DECREF(numbers);
                goto fail;
            }
            if (kind < 0 || kind > 63) {
                PyErr_SetString(PyExc_ValueError, "kind numbers must be from 0 to 63");
                Py_DECREF(numbers);
                goto fail;
            }
            self->kind_masks[i] |= (uint64_t)1 << kind;
            if (kind + 1 > self->n_kinds)
                self->n_kinds = kind + 1;
        }
        Py_DECREF(numbers);
    }
    Py_DECREF(sequence);
    return 0;
fail:
    Py_DECREF(sequence);
    return -1;
}

/* Builds by_two and two_lists, or leaves them NULL when an alternative begins otherwise. */
static int index_by_two(KeywordMatcher *self) {
    for (Py_ssize_t i = 0; i < self->n_alternatives; i++) {
        const Alternative *alt = &self->alternatives[i];
        if (!WORD_CODE[(unsigned char)alt->first[0]] || (alt->length > 1 && !WORD_CODE[(unsigned char)alt->first[1]]))
            return 0;
    }
    Py_ssize_t capacity = 1 + 64 * 64 * (self->n_alternatives + 1), used = 1;
    self->by_two = PyMem_Calloc(64 * 64, sizeof(uint32_t));
    int32_t *lists = PyMem_Malloc(capacity * sizeof(int32_t));
    if (self->by_two == NULL || lists == NULL) {
        PyMem_Free(lists);
        PyErr_NoMemory();
        return -1;
    }
    lists[0] = -1;
    for (int c0 = 1; c0 < 64; c0++)
        for (int c1 = 0; c1 < 64; c1++) {
            Py_ssize_t begin = used;
            for (Py_ssize_t i = 0; i < self->n_alternatives; i++) {
                const Alternative *alt = &self->alternatives[i];
                if (WORD_CODE[(unsigned char)alt->first[0]] == c0 &&
                    (alt->length == 1 || WORD_CODE[(unsigned char)alt->first[1]] == c1))
                    lists[used++] = (int32_t)i;
            }
            if (used > begin) {
                lists[used++] = -1;
                self->by_two[c0 * 64 + c1] = (uint32_t)begin;
            }
        }
    self->two_lists = PyMem_Realloc(lists, used * sizeof(int32_t));
    if (self->two_lists == NULL) {
        self->two_lists = lists;
    }
    return 0;
}

static PyObject *KeywordMatcher_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    PyObject *alternatives, *kinds = NULL;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "KeywordMatcher() takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "O|O:KeywordMatcher", &alternatives, &kinds))
        return NULL;
    PyObject *sequence = PySequence_Fast(alternatives, "alternatives must be a sequence");
    if (sequence == NULL)
        return NULL;
    KeywordMatcher *self = (KeywordMatcher *)type->tp_alloc(type, 0);
    Py_ssize_t n = PySequence_Fast_GET_SIZE(sequence), counts[256] = {0};
    if (self == NULL)
        goto fail;
    self->alternatives = PyMem_Calloc(n ? n : 1, sizeof(Alternative));
    if (self->alternatives == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *pair = PySequence_Fast_GET_ITEM(sequence, i);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "each alternative is a (first word, lookaheads) tuple");
            goto fail;
        }
        PyObject *first = PyTuple_GET_ITEM(pair, 0), *lookaheads = PyTuple_GET_ITEM(pair, 1);
        Alternative *alt = &self->alternatives[i];
        self->n_alternatives = i + 1;
        if ((alt->first = copy_bytes(first, &alt->length)) == NULL)
            goto fail;
        if (alt->length == 0) {
            PyErr_SetString(PyExc_ValueError, "an alternative's first word must not be empty");
            goto fail;
        }
        PyObject *ahead = PySequence_Fast(lookaheads, "lookaheads must be a sequence of bytes");
        if (ahead == NULL)
            goto fail;
        Py_ssize_t n_lookaheads = PySequence_Fast_GET_SIZE(ahead);
        alt->lookaheads = PyMem_Calloc(n_lookaheads ? n_lookaheads : 1, sizeof(char *));
        alt->lookahead_lengths = PyMem_Calloc(n_lookaheads ? n_lookaheads : 1, sizeof(Py_ssize_t));
        if (alt->lookaheads == NULL || alt->lookahead_lengths == NULL) {
            Py_DECREF(ahead);
            PyErr_NoMemory();
            goto fail;
        }
        alt->n_lookaheads = n_lookaheads; /* (dealloc frees this many, NULL until copied) */
        for (Py_ssize_t k = 0; k < alt->n_lookaheads; k++) {
            alt->lookaheads[k] = copy_bytes(PySequence_Fast_GET_ITEM(ahead, k), &alt->lookahead_lengths[k]);
            if (alt->lookaheads[k] == NULL) {
                Py_DECREF(ahead);
                goto fail;
            }
        }
        Py_DECREF(ahead);
        counts[(unsigned char)alt->first[0]]++;
    }
    for (int c = 0; c < 256; c++) {
        if ((self->by_first_byte[c] = PyMem_Malloc((counts[c] + 1) * sizeof(Py_ssize_t))) == NULL) {
            PyErr_NoMemory();
            goto fail;
        }
        self->by_first_byte[c][0] = -1;
        counts[c] = 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)self->alternatives[i].first[0];
        self->by_first_byte[c][counts[c]++] = i;
        self->by_first_byte[c][counts[c]] = -1;
    }
    if (index_by_two(self) < 0)
        goto fail;
    if (kinds != NULL && set_kinds(self, kinds, n) < 0)
        goto fail;
    Py_DECREF(sequence);
    return (PyObject *)self;
fail:
    Py_DECREF(sequence);
    Py_XDECREF(self);
    return NULL;
}

/* The next word at or after blank i, or -1: sets *alternative; the scan goes on at the returned
 * offset + the alternative's length + 1. */
static Py_ssize_t next_keyword_by_two(const KeywordMatcher *self, const char *chars, Py_ssize_t n, Py_ssize_t i,
                                      Py_ssize_t *alternative) {
    for (; i + 1 < n; i++) {
        if (chars[i] != ' ')
            continue;
        const char *word = chars + i + 1;
        Py_ssize_t room = n - i - 1;
        unsigned c0 = WORD_CODE[(unsigned char)word[0]];
        if (c0 == 0)
            continue;
        unsigned c1 = room > 1 ? WORD_CODE[(unsigned char)word[1]] : 0;
        for (const int32_t *index = self->two_lists + self->by_two[c0 * 64 + c1]; *index >= 0; index++) {
            const Alternative *alt = &self->alternatives[*index];
            if (alt->length > room || memcmp(word, alt->first, alt->length) != 0)
                continue;
            int ahead_ok = alt->n_lookaheads == 0;
            for (Py_ssize_t k = 0; k < alt->n_lookaheads && !ahead_ok; k++)
                ahead_ok = alt->lookahead_lengths[k] <= room - alt->length &&
                           memcmp(word + alt->length, alt->lookaheads[k], alt->lookahead_lengths[k]) == 0;
            if (ahead_ok) {
                *alternative = *index;
                return i;
            }
        }
    }
    return -1;
}

static Py_ssize_t next_keyword(const KeywordMatcher *self, const char *chars, Py_ssize_t n, Py_ssize_t i,
                               Py_ssize_t *alternative) {
    if (self->by_two != NULL)
        return next_keyword_by_two(self, chars, n, i, alternative);
    for (; i + 1 < n; i++) {
        if (chars[i] != ' ')
            continue;
        const char *word = chars + i + 1;
        Py_ssize_t room = n - i - 1;
        for (Py_ssize_t *index = self->by_first_byte[(unsigned char)*word]; *index >= 0; index++) {
            const Alternative *alt = &self->alternatives[*index];
            if (alt->length > room || (alt->length > 1 && word[1] != alt->first[1]) ||
                memcmp(word, alt->first, alt->length) != 0)
                continue; /* (the second byte first: most alternatives fail there, without a call) */
            int ahead_ok = alt->n_lookaheads == 0;
            for (Py_ssize_t k = 0; k < alt->n_lookaheads && !ahead_ok; k++)
                ahead_ok = alt->lookahead_lengths[k] <= room - alt->length &&
                           memcmp(word + alt->length, alt->lookaheads[k], alt->lookahead_lengths[k]) == 0;
            if (ahead_ok) {
                *alternative = *index;
                return i;
            }
        }
    }
    return -1;
}

static PyObject *KeywordMatcher_scan(KeywordMatcher *self, PyObject *args) {
    Py_buffer buffer;
    Py_ssize_t pos = 0, alternative;
    if (!PyArg_ParseTuple(args, "y*|n:scan", &buffer, &pos))
        return NULL;
    const char *chars = buffer.buf;
    Py_ssize_t n = buffer.len;
    PyObject *found = PyList_New(0);
    if (found == NULL)
        goto done;
    for (Py_ssize_t i = pos < 0 ? 0 : pos; (i = next_keyword(self, chars, n, i, &alternative)) >= 0;) {
        PyObject *row = Py_BuildValue("(nn)", i, alternative);
        if (row == NULL || PyList_Append(found, row) < 0) {
            Py_XDECREF(row);
            Py_CLEAR(found);
            goto done;
        }
        Py_DECREF(row);
        i += self->alternatives[alternative].length + 1;
    }
done:
    PyBuffer_Release(&buffer);
    return found;
}

/* offsets(blanked, pos=0) -> one list per kind of the offsets (in order) of the words that report it:
 * what grouping scan()'s rows by their alternative's kinds gives, without a tuple per word. */
static PyObject *KeywordMatcher_offsets(KeywordMatcher *self, PyObject *args) {
    Py_buffer buffer;
    Py_ssize_t pos = 0, alternative;
    if (!PyArg_ParseTuple(args, "y*|n:offsets", &buffer, &pos))
        return NULL;
    if (self->kind_masks == NULL) {
        PyErr_SetString(PyExc_TypeError, "offsets() needs a matcher built with kinds");
        PyBuffer_Release(&buffer);
        return NULL;
    }
    const char *chars = buffer.buf;
    Py_ssize_t n = buffer.len;
    PyObject *lists = PyList_New(self->n_kinds);
    if (lists == NULL)
        goto done;
    for (Py_ssize_t k = 0; k < self->n_kinds; k++) {
        PyObject *list = PyList_New(0);
        if (list == NULL) {
            Py_CLEAR(lists);
            goto done;
        }
        PyList_SET_ITEM(lists, k, list);
    }
    for (Py_ssize_t i = pos < 0 ? 0 : pos; (i = next_keyword(self, chars, n, i, &alternative)) >= 0;) {
        uint64_t mask = self->kind_masks[alternative];
        if (mask) {
            PyObject *offset = PyLong_FromSsize_t(i);
            if (offset == NULL) {
                Py_CLEAR(lists);
                goto done;
            }
            for (Py_ssize_t k = 0; mask; k++, mask >>= 1)
                if ((mask & 1) && PyList_Append(PyList_GET_ITEM(lists, k), offset) < 0) {
                    Py_DECREF(offset);
                    Py_CLEAR(lists);
                    goto done;
                }
            Py_DECREF(offset);
        }
        i += self->alternatives[alternative].length + 1;
    }
done:
    PyBuffer_Release(&buffer);
    return lists;
}

static PyMethodDef KeywordMatcher_methods[] = {
    {"scan", (PyCFunction)KeywordMatcher_scan, METH_VARARGS,
     "scan(blanked, pos=0) -> [(offset of the blank, index of the alternative)] of each word found"},
    {"offsets", (PyCFunction)KeywordMatcher_offsets, METH_VARARGS,
     "offsets(blanked, pos=0) -> per kind, the offsets of the words found that report it (needs kinds)"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject KeywordMatcherType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "kg.extract._speedups.KeywordMatcher",
    .tp_doc = "The keyword pass of kg/extract/scan.py: registered words after a blank, first match wins.",
    .tp_basicsize = sizeof(KeywordMatcher),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = KeywordMatcher_new,
    .tp_dealloc = (destructor)KeywordMatcher_dealloc,
    .tp_methods = KeywordMatcher_methods,
};

/* split_sentences(text: ASCII str, start: int) -> [(start, end)]
 *
 * Reference: kg/extract/sentences.py (_scan_sentences), whose rules this follows exactly:
 *   a boundary is [.!?]["')\]]*\s+ before ["'(\[]?[A-Z0-9\\$], or \n\s*\n (to its last line
 *   break), found left to right without overlap (finditer);
 *   a boundary is ignored when _ABBREV ends at its end: an abbreviation of ABBREVIATIONS or one
 *   capital, at a word start no earlier than max(sentence start, boundary - 12), then ".",
 *   closers and whitespace up to the boundary's end;
 *   a span ends after the boundary's punctuation (at a line break), the next starts at the
 *   boundary's end, and spans holding only whitespace are dropped. */
static const char *const ABBREVIATIONS[] = {
    "e.g", "i.e", "et al", "vs", "cf", "Fig", "Figs", "Eq", "Eqs", "Sec", "Tab", "No", "approx", "resp",
    "Dr", "Mr", "Ms", "Prof", "St", "Inc", "Ltd", "Co", "Jr", "al", "Ref", "Refs", "viz"};

static inline int is_closer(unsigned char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }
static inline int is_opener(unsigned char c) { return c == '"' || c == '\'' || c == '(' || c == '['; }
static inline int starts_sentence(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\\' || c == '$';
}

/* The end of the boundary that begins at p, or -1 (sentences.py: _BOUNDARY.match(text, p)). */
static Py_ssize_t boundary_end(const unsigned char *t, Py_ssize_t n, Py_ssize_t p) {
    if (t[p] == '.' || t[p] == '!' || t[p] == '?') {
        Py_ssize_t q = p + 1;
        while (q < n && is_closer(t[q]))
            q++;
        Py_ssize_t r = q;
        while (r < n && is_space(t[r]))
            r++;
        if (r == q || r == n)
            return -1;
        if (starts_sentence(t[r]) || (is_opener(t[r]) && r + 1 < n && starts_sentence(t[r + 1])))
            return r;
        return -1;
    }
    if (t[p] == '\n') {
        Py_ssize_t r = p + 1, last = -1;
        while (r < n && is_space(t[r])) {
            if (t[r] == '\n')
                last = r;
            r++;
        }
        return last < 0 ? -1 : last + 1;
    }
    return -1;
}

/* Whether an abbreviation or initial ends at the boundary ending at e (sentences.py:
 * _ABBREV.search(text, lo, e)): the text before e must be "." + closers + whitespace. */
static int after_abbreviation(const unsigned char *t, Py_ssize_t lo, Py_ssize_t e) {
    Py_ssize_t d = e;
    while (d > lo && is_space(t[d - 1]))
        d--;
    if (d == e)
        return 0;
    while (d > lo && is_closer(t[d - 1]))
        d--;
    if (d == lo || t[d - 1] != '.')
        return 0;
    d--; /* the period */
    for (size_t k = 0; k < sizeof(ABBREVIATIONS) / sizeof(ABBREVIATIONS[0]); k++) {
        Py_ssize_t length = (Py_ssize_t)strlen(ABBREVIATIONS[k]), p = d - length;
        if (p >= lo && memcmp(t + p, ABBREVIATIONS[k], length) == 0 && (p == 0 || !is_word_char(t[p - 1])))
            return 1;
    }
    return d - 1 >= lo && t[d - 1] >= 'A' && t[d - 1] <= 'Z' && (d - 1 == 0 || !is_word_char(t[d - 2]));
}

static int append_span(PyObject *spans, const unsigned char *t, Py_ssize_t s, Py_ssize_t e) {
    Py_ssize_t k = s;
    while (k < e && is_space(t[k]))
        k++;
    if (k == e) /* empty, or whitespace only */
        return 0;
    PyObject *span = Py_BuildValue("(nn)", s, e);
    if (span == NULL)
        return -1;
    int failed = PyList_Append(spans, span);
    Py_DECREF(span);
    return failed;
}

static PyObject *split_sentences(PyObject *module, PyObject *args) {
    PyObject *text;
    Py_ssize_t start;
    if (!PyArg_ParseTuple(args, "Un:split_sentences", &text, &start))
        return NULL;
    if (require_ascii(text, "split_sentences() takes ASCII text") < 0)
        return NULL;
    const unsigned char *t = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (start < 0 || start > n) {
        PyErr_SetString(PyExc_ValueError, "split_sentences() start is outside the text");
        return NULL;
    }
    PyObject *spans = PyList_New(0);
    if (spans == NULL)
        return NULL;
    Py_ssize_t begin = start, p = start;
    /* the next ".", "!", "?" and line break at or after p, found with memchr (only they begin a
       boundary; testing every character cost three times the rest of the split) */
    static const char STARTS[4] = {'.', '!', '?', '\n'};
    Py_ssize_t next[4] = {-1, -1, -1, -1};
    while (p < n) {
        Py_ssize_t candidate = n;
        for (int k = 0; k < 4; k++) {
            if (next[k] < p) { /* not looked for yet, or passed */
                const unsigned char *at = memchr(t + p, STARTS[k], n - p);
                next[k] = at == NULL ? n : at - t;
            }
            if (next[k] < candidate)
                candidate = next[k];
        }
        if (candidate == n)
            break;
        p = candidate;
        Py_ssize_t e = boundary_end(t, n, p);
        if (e < 0) {
            p++;
            continue;
        }
        Py_ssize_t lo = p - 12 > begin ? p - 12 : begin;
        if (!after_abbreviation(t, lo, e)) {
            if (append_span(spans, t, begin, t[p] == '\n' ? p : p + 1) < 0)
                goto fail;
            begin = e;
        }
        p = e;
    }
    if (begin < n && append_span(spans, t, begin, n) < 0)
        goto fail;
    return spans;
fail:
    Py_DECREF(spans);
    return NULL;
}

/* ---- Acronym definitions (reference: kg/extract/acronyms.py, _scan_definitions and the functions it
 * calls; ~95k instructions an abstract in compiled Python, 7% of the extractor's). ASCII text only.
 *
 *   acronym_definitions(text, start) -> [(short, long, short_start, short_end, long_start, long_end)]
 *
 * Every "(...)" of 1-120 characters without a parenthesis, left to right without overlap, is read
 * first as "Long Form (SF)" (_short_first), else as "SF (Long Form)" (_long_inside). Whitespace is
 * str.isspace() on ASCII (is_space) and words are what str.split() makes. It returns None where the
 * Python code would index from the end of the text (a long form not found in its own window, which
 * the window's construction rules out): the caller then runs the Python code on that text. */

#define ACRONYM_MAX_WORDS 64  /* words kept from a window or a long form: more is never a long form */
#define ACRONYM_MAX_PARTS 128 /* word parts initials_match tries (the window has at most 14 words) */

static const char *const ACRONYM_STOP_WORDS[] = {"the", "a", "an", "of", "in", "on", "for", "and", "or", "to",
                                                 "with", "by", "we", "our", "this", "that", "is", "are"};

typedef struct {
    const unsigned char *s;
    Py_ssize_t n;
} Span;

static inline unsigned char to_lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c; }
static inline int is_alnum(unsigned char c) { return is_letter(c) || (c >= '0' && c <= '9'); }

/* _LF_STOP membership of a word, in any case. */
static int is_stop_word(Span w) {
    for (size_t k = 0; k < sizeof(ACRONYM_STOP_WORDS) / sizeof(ACRONYM_STOP_WORDS[0]); k++) {
        const char *stop = ACRONYM_STOP_WORDS[k];
        Py_ssize_t length = (Py_ssize_t)strlen(stop), i = 0;
        if (length != w.n)
            continue;
        while (i < length && to_lower(w.s[i]) == (unsigned char)stop[i])
            i++;
        if (i == length)
            return 1;
    }
    return 0;
}

/* str.split(): up to max words of s; returns how many there are (it may be more than max). */
static Py_ssize_t split_words(Span s, Span *words, Py_ssize_t max) {
    Py_ssize_t count = 0, i = 0;
    while (i < s.n) {
        while (i < s.n && is_space(s.s[i]))
            i++;
        if (i == s.n)
            break;
        Py_ssize_t j = i;
        while (j < s.n && !is_space(s.s[j]))
            j++;
        if (count < max)
            words[count] = (Span){s.s + i, j - i};
        count++;
        i = j;
    }
    return count;
}

static Span strip_chars(Span s, const char *chars, int left, int right) {
    while (left && s.n > 0 && strchr(chars, s.s[0]) != NULL && s.s[0] != '\0') {
        s.s++;
        s.n--;
    }
    while (right && s.n > 0 && strchr(chars, s.s[s.n - 1]) != NULL && s.s[s.n - 1] != '\0')
        s.n--;
    return s;
}

static Span strip_space(Span s) {
    while (s.n > 0 && is_space(s.s[0])) {
        s.s++;
        s.n--;
    }
    while (s.n > 0 && is_space(s.s[s.n - 1]))
        s.n--;
    return s;
}

/* Offset of the last (or first) occurrence of needle in hay[lo:hi], or -1 (str.rfind / str.find). */
static Py_ssize_t find_in(const unsigned char *hay, Py_ssize_t lo, Py_ssize_t hi, Span needle, int last) {
    if (hi - lo < needle.n)
        return -1;
    if (last) {
        for (Py_ssize_t i = hi - needle.n; i >= lo; i--)
            if (memcmp(hay + i, needle.s, needle.n) == 0)
                return i;
    } else {
        for (Py_ssize_t i = lo; i <= hi - needle.n; i++)
            if (memcmp(hay + i, needle.s, needle.n) == 0)
                return i;
    }
    return -1;
}

/* _SHORT.match: 1-12 characters, the first a letter or digit, the rest [A-Za-z0-9-+&.'], and the
 * first letter a capital. */
static int short_form_shape(Span s) {
    if (s.n < 1 || s.n > 12 || !is_alnum(s.s[0]))
        return 0;
    for (Py_ssize_t i = 1; i < s.n; i++) {
        unsigned char c = s.s[i];
        if (!is_alnum(c) && c != '-' && c != '+' && c != '&' && c != '.' && c != '\'')
            return 0;
    }
    for (Py_ssize_t i = 0; i < s.n; i++) {
        if (s.s[i] >= 'a' && s.s[i] <= 'z')
            return 0;
        if (s.s[i] >= 'A' && s.s[i] <= 'Z')
            return 1;
    }
    return 0;
}

/* best_long_form: where the shortest suffix of candidate holding the short form's letters in order
 * (the first at a word start) begins, or -1. */
static Py_ssize_t best_long_form_start(Span short_form, Span candidate) {
    Py_ssize_t s = short_form.n - 1, i = candidate.n - 1;
    while (s >= 0) {
        unsigned char letter = to_lower(short_form.s[s]);
        if (!is_alnum(letter)) {
            s--;
            continue;
        }
        Py_ssize_t k = i; /* lowered.rfind(letter, 0, i + 1) */
        while (k >= 0 && to_lower(candidate.s[k]) != letter)
            k--;
        i = k;
        if (s == 0)
            while (i > 0 && is_alnum(candidate.s[i - 1])) {
                k = i - 1; /* lowered.rfind(letter, 0, i) */
                while (k >= 0 && to_lower(candidate.s[k]) != letter)
                    k--;
                i = k;
            }
        if (i < 0)
            return -1;
        i--;
        s--;
    }
    while (i >= 0 && candidate.s[i] != ' ' && candidate.s[i] != '\n')
        i--;
    return i + 1;
}

typedef struct {
    const unsigned char *letters; /* the short form's letters and digits, lower-cased */
    Py_ssize_t n_letters, n_parts;
    Span parts[ACRONYM_MAX_PARTS];
    uint8_t skippable[ACRONYM_MAX_PARTS]; /* a stop word, or written with a lower-case first letter */
    uint8_t failed[13][ACRONYM_MAX_PARTS + 1]; /* fits(i, j) known to be false */
} Initials;

/* initials_match's fits(i, j): parts j.. spell letters i.. (a part may be skipped when skippable). */
static int initials_fit(Initials *in, Py_ssize_t i, Py_ssize_t j) {
    if (j == in->n_parts)
        return i == in->n_letters;
    if (in->failed[i][j])
        return 0;
    if (j > 0 && in->skippable[j] && initials_fit(in, i, j + 1))
        return 1;
    Span part = in->parts[j];
    for (Py_ssize_t n = 1; n <= in->n_letters - i && n <= part.n; n++) {
        if (in->letters[i + n - 1] != to_lower(part.s[n - 1]))
            break;
        if (initials_fit(in, i + n, j + 1))
            return 1;
    }
    in->failed[i][j] = 1;
    return 0;
}

/* initials_match(short_form, words): -1 when there are more parts than it keeps. */
static int initials_match_words(Span short_form, const Span *words, Py_ssize_t n_words) {
    unsigned char letters[12];
    Initials in;
    in.n_letters = 0;
    for (Py_ssize_t k = 0; k < short_form.n; k++)
        if (is_alnum(short_form.s[k]))
            letters[in.n_letters++] = to_lower(short_form.s[k]);
    in.letters = letters;
    in.n_parts = 0;
    for (Py_ssize_t w = 0; w < n_words; w++) {
        Py_ssize_t a = 0;
        while (a <= words[w].n) { /* the pieces between "-" and "/"; empty ones dropped */
            Py_ssize_t b = a;
            while (b < words[w].n && words[w].s[b] != '-' && words[w].s[b] != '/')
                b++;
            if (b > a) {
                if (in.n_parts == ACRONYM_MAX_PARTS)
                    return -1;
                Span part = {words[w].s + a, b - a};
                in.parts[in.n_parts] = part;
                in.skippable[in.n_parts++] = (uint8_t)(is_stop_word(part) || (part.s[0] >= 'a' && part.s[0] <= 'z'));
            }
            a = b + 1;
        }
    }
    memset(in.failed, 0, sizeof(in.failed));
    return in.n_parts > 0 && initials_fit(&in, 0, 0);
}

/* _extend: the longest suffix of window (single-spaced words) whose initials spell the short form,
 * else long_form. Sets *out; returns -1 when a limit was passed. */
static int extend_long_form(Span short_form, Span long_form, Span window, Span *out) {
    Span words[ACRONYM_MAX_WORDS], long_words[1];
    Py_ssize_t n_words = split_words(window, words, ACRONYM_MAX_WORDS);
    if (n_words > ACRONYM_MAX_WORDS)
        return -1;
    Py_ssize_t n_long = split_words(long_form, long_words, 1), letters = 0;
    unsigned char initial = 0;
    for (Py_ssize_t k = 0; k < short_form.n; k++)
        if (is_alnum(short_form.s[k])) {
            if (letters++ == 0)
                initial = to_lower(short_form.s[k]);
        }
    Py_ssize_t top = n_words < letters + 2 ? n_words : letters + 2;
    for (Py_ssize_t k = top; k > n_long; k--) {
        Span head = words[n_words - k], first = strip_chars(head, "-/", 1, 0);
        if (first.n > 0 && to_lower(first.s[0]) != initial)
            continue;
        if (is_stop_word(head))
            continue;
        int match = initials_match_words(short_form, words + n_words - k, k);
        if (match < 0)
            return -1;
        if (match) {
            Span last = words[n_words - 1];
            *out = (Span){head.s, last.s + last.n - head.s};
            return 0;
        }
    }
    *out = long_form;
    return 0;
}

/* _valid(short_form, long_form); -1 when a limit was passed. */
static int valid_long_form(Span short_form, Span long_form) {
    if (long_form.n <= short_form.n || !is_alnum(long_form.s[0]))
        return 0;
    Span words[ACRONYM_MAX_WORDS];
    Py_ssize_t n_words = split_words(long_form, words, ACRONYM_MAX_WORDS), letters = 0;
    for (Py_ssize_t k = 0; k < short_form.n; k++)
        letters += is_letter(short_form.s[k]);
    Py_ssize_t most = letters + 5 < letters * 2 + 1 ? letters + 5 : letters * 2 + 1;
    if (is_stop_word(words[0]) || n_words > most)
        return 0;
    if (n_words > ACRONYM_MAX_WORDS)
        return -1;
    /* short_lowered in long_lowered.split(): a word equal to the short form in any case (which
       implies short_lowered in long_lowered) */
    for (Py_ssize_t w = 0; w < n_words; w++) {
        if (words[w].n != short_form.n)
            continue;
        Py_ssize_t i = 0;
        while (i < short_form.n && to_lower(words[w].s[i]) == to_lower(short_form.s[i]))
            i++;
        if (i == short_form.n)
            return 0;
    }
    for (Py_ssize_t i = 0; i < long_form.n; i++)
        if (strchr("()[]{};:", long_form.s[i]) != NULL && long_form.s[i] != '\0')
            return 0;
    return 1;
}

typedef struct {
    Span short_form, long_form; /* long_form may point into the window buffer */
    Py_ssize_t short_start, long_start;
} Definition;

/* _short_first: "Long Form (SF)"; 1 found, 0 none, -1 defer to Python. */
static int short_first(const unsigned char *t, Py_ssize_t paren, Py_ssize_t close, unsigned char *buffer,
                       Definition *out) {
    Span group = {t + paren + 1, close - paren - 1}, inner = group;
    if (memchr(group.s, ';', group.n) != NULL || memchr(group.s, ',', group.n) != NULL)
        for (Py_ssize_t k = 0; k + 1 < group.n; k++)
            if ((group.s[k] == ';' || group.s[k] == ',') && is_space(group.s[k + 1])) {
                inner.n = k; /* _SHORT_FORM_END.split(group, 1)[0] */
                break;
            }
    inner = strip_space(inner);
    if (!short_form_shape(inner))
        return 0;
    Py_ssize_t window_start = paren > 160 ? paren - 160 : 0;
    Span raw = {t + window_start, paren - window_start};
    Py_ssize_t cut = -1;
    for (Py_ssize_t k = raw.n - 1; k >= 0 && cut < 0; k--) {
        unsigned char c = raw.s[k];
        if (c == '(' || c == ')' || ((c == '.' || c == ';' || c == ':') && k + 1 < raw.n && raw.s[k + 1] == ' '))
            cut = k;
    }
    cut += 1;
    Span words[ACRONYM_MAX_WORDS];
    Span rest = {raw.s + cut, raw.n - cut};
    Py_ssize_t n_all = split_words(rest, words, ACRONYM_MAX_WORDS);
    if (n_all == 0)
        return 0;
    if (n_all > ACRONYM_MAX_WORDS) /* 160 characters hold at most 80 words */
        return -1;
    Py_ssize_t first = n_all > 12 ? n_all - 12 : 0; /* _WINDOW_WORDS */
    window_start += words[first].s - raw.s;
    Py_ssize_t length = 0;
    for (Py_ssize_t w = first; w < n_all; w++) {
        if (w > first)
            buffer[length++] = ' ';
        memcpy(buffer + length, words[w].s, words[w].n);
        length += words[w].n;
    }
    Span window = {buffer, length};
    Py_ssize_t start = best_long_form_start(inner, window);
    if (start < 0)
        return 0;
    Span long_form = {window.s + start, window.n - start};
    long_form = strip_chars(long_form, "\"'`", 1, 0);
    long_form = strip_chars(long_form, " ,", 1, 1);
    Span extended;
    if (extend_long_form(inner, long_form, strip_chars(window, " ,", 1, 1), &extended) < 0)
        return -1;
    long_form = extended;
    int valid = valid_long_form(inner, long_form);
    if (valid <= 0)
        return valid;
    Py_ssize_t long_start = window_start + find_in(window.s, 0, window.n, long_form, 1);
    if (long_start < 0)
        return -1; /* Python would slice from the end of the text */
    if (long_start + long_form.n > paren || memcmp(t + long_start, long_form.s, long_form.n) != 0) {
        /* the window had line breaks or double spaces: the long form as the text writes it */
        Span first_word;
        split_words(long_form, &first_word, 1);
        Py_ssize_t found = find_in(t, window_start, paren, first_word, 1);
        long_start = found >= 0 ? found : long_start;
        Span written = {t + long_start, long_start < paren ? paren - long_start : 0};
        written = strip_chars(written, " ,\t\n", 0, 1);
        if (written.n == 0)
            return 0;
        Span written_words[ACRONYM_MAX_WORDS];
        Py_ssize_t n_written = split_words(written, written_words, ACRONYM_MAX_WORDS), joined = 0;
        if (n_written > ACRONYM_MAX_WORDS)
            return -1;
        unsigned char *spaced = buffer + length + 1; /* " ".join(written.split()), after the window */
        for (Py_ssize_t w = 0; w < n_written; w++) {
            if (w > 0)
                spaced[joined++] = ' ';
            memcpy(spaced + joined, written_words[w].s, written_words[w].n);
            joined += written_words[w].n;
        }
        valid = valid_long_form(inner, (Span){spaced, joined});
        if (valid <= 0)
            return valid;
        long_form = written;
    }
    out->short_form = inner;
    out->short_start = (group.s - t) + find_in(group.s, 0, group.n, inner, 0);
    out->long_form = long_form;
    out->long_start = long_start;
    return 1;
}

/* _long_inside: "SF (Long Form)"; 1 found, 0 none, -1 defer to Python. */
static int long_inside(const unsigned char *t, Py_ssize_t paren, Py_ssize_t close, Definition *out) {
    Span group = {t + paren + 1, close - paren - 1}, inner = strip_space(group), two[2];
    if (split_words(inner, two, 2) < 2)
        return 0;
    Py_ssize_t before_start = paren > 16 ? paren - 16 : 0;
    Span before = {t + before_start, paren - before_start};
    if (before.n == 0 || (before.s[before.n - 1] != ' ' && before.s[before.n - 1] != '\t'))
        return 0;
    Span words[16];
    Py_ssize_t n_words = split_words(before, words, 16);
    if (n_words == 0)
        return 0;
    Span short_form = words[n_words - 1];
    if (!short_form_shape(short_form))
        return 0;
    Py_ssize_t short_start = before_start + find_in(before.s, 0, before.n, short_form, 1);
    if (best_long_form_start(short_form, inner) != 0)
        return 0;
    int valid = valid_long_form(short_form, inner);
    if (valid <= 0)
        return valid;
    out->short_form = short_form;
    out->short_start = short_start;
    out->long_form = inner;
    out->long_start = (group.s - t) + find_in(group.s, 0, group.n, inner, 0);
    return 1;
}

static PyObject *acronym_definitions(PyObject *module, PyObject *args) {
    PyObject *text;
    Py_ssize_t pos;
    if (!PyArg_ParseTuple(args, "Un:acronym_definitions", &text, &pos))
        return NULL;
    if (require_ascii(text, "acronym_definitions() takes ASCII text") < 0)
        return NULL;
    const unsigned char *t = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (pos < 0)
        pos = 0;
    PyObject *found = PyList_New(0);
    if (found == NULL)
        return NULL;
    unsigned char buffer[2 * 170 + 2]; /* a window of 160 characters, single-spaced, and its long form */
    while (pos < n) {
        const unsigned char *open = memchr(t + pos, '(', n - pos);
        if (open == NULL)
            break;
        Py_ssize_t paren = open - t, close = paren + 1;
        while (close < n && t[close] != '(' && t[close] != ')')
            close++;
        if (close == n || t[close] != ')' || close - paren - 1 < 1 || close - paren - 1 > 120) {
            pos = paren + 1; /* _PAREN does not match here */
            continue;
        }
        pos = close + 1;
        Definition definition;
        int status = short_first(t, paren, close, buffer, &definition);
        if (status == 0)
            status = long_inside(t, paren, close, &definition);
        if (status < 0) {
            Py_DECREF(found);
            Py_RETURN_NONE;
        }
        if (status == 0)
            continue;
        PyObject *row = Py_BuildValue(
            "(s#s#nnnn)", (const char *)definition.short_form.s, definition.short_form.n,
            (const char *)definition.long_form.s, definition.long_form.n, definition.short_start,
            definition.short_start + definition.short_form.n, definition.long_start,
            definition.long_start + definition.long_form.n);
        if (row == NULL || PyList_Append(found, row) < 0) {
            Py_XDECREF(row);
            Py_DECREF(found);
            return NULL;
        }
        Py_DECREF(row);
    }
    return found;
}

/* ---- Appositions (reference: kg/extract/proposals.py, _APPOSITION.finditer; ~6 us an abstract as a
 * regex: it is tried at every comma, with up to six words and ~47 head nouns after an article).
 *
 *   AppositionScanner(heads).spans(text, pos) -> [(start, end)] of
 *       re.finditer(r",\s*(?:an?|the first|the)\s+(?:[\w\-]+\s+){0,5}?(?:head|head|...)s?\b", text, pos)
 *
 * for ASCII text (\w is [A-Za-z0-9_], \s is str.isspace()). Every quantifier there is followed by
 * something its own characters cannot start, so the regex never gives back what one takes except
 * where this tries the same choices in the same order: the article's alternatives ("the first"
 * before "the": the words after "the" may then include "first"), the words from none to five (the
 * fewest first), the heads in their order, and "s" before no "s". */
typedef struct {
    PyObject_HEAD
    Py_ssize_t n_heads;
    char **heads;
    Py_ssize_t *head_lengths;
} AppositionScanner;

static void AppositionScanner_dealloc(AppositionScanner *self) {
    for (Py_ssize_t i = 0; i < self->n_heads; i++)
        PyMem_Free(self->heads[i]);
    PyMem_Free(self->heads);
    PyMem_Free(self->head_lengths);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *AppositionScanner_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    PyObject *heads;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "AppositionScanner() takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "O:AppositionScanner", &heads))
        return NULL;
    PyObject *sequence = PySequence_Fast(heads, "heads must be a sequence of bytes");
    if (sequence == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(sequence);
    AppositionScanner *self = (AppositionScanner *)type->tp_alloc(type, 0);
    if (self == NULL)
        goto fail;
    self->heads = PyMem_Calloc(n ? n : 1, sizeof(char *));
    self->head_lengths = PyMem_Calloc(n ? n : 1, sizeof(Py_ssize_t));
    if (self->heads == NULL || self->head_lengths == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        self->n_heads = i + 1;
        if ((self->heads[i] = copy_bytes(PySequence_Fast_GET_ITEM(sequence, i), &self->head_lengths[i])) == NULL)
            goto fail;
        if (self->head_lengths[i] == 0) {
            PyErr_SetString(PyExc_ValueError, "a head must not be empty");
            goto fail;
        }
    }
    Py_DECREF(sequence);
    return (PyObject *)self;
fail:
    Py_DECREF(sequence);
    Py_XDECREF(self);
    return NULL;
}

/* Where "(?:head|...)s?\b" matching at p ends, or -1. */
static Py_ssize_t head_end(const AppositionScanner *self, const unsigned char *t, Py_ssize_t n, Py_ssize_t p) {
    for (Py_ssize_t i = 0; i < self->n_heads; i++) {
        Py_ssize_t e = p + self->head_lengths[i];
        if (e > n || memcmp(t + p, self->heads[i], self->head_lengths[i]) != 0)
            continue;
        if (e < n && t[e] == 's' && (e + 1 == n || !is_word_char(t[e + 1])))
            return e + 1; /* with the "s", and a boundary after it */
        int before = is_word_char(t[e - 1]);
        if (e == n ? before : is_word_char(t[e]) != before)
            return e; /* a boundary right after the head */
    }
    return -1;
}

/* Where the apposition starting at the comma at c ends, or -1. */
static Py_ssize_t apposition_end(const AppositionScanner *self, const unsigned char *t, Py_ssize_t n, Py_ssize_t c) {
    static const char *const ARTICLES[] = {"an", "a", "the first", "the"};
    Py_ssize_t p = c + 1;
    while (p < n && is_space(t[p]))
        p++;
    for (size_t k = 0; k < sizeof(ARTICLES) / sizeof(ARTICLES[0]); k++) {
        Py_ssize_t length = (Py_ssize_t)strlen(ARTICLES[k]), r = p + length;
        if (r >= n || memcmp(t + p, ARTICLES[k], length) != 0 || !is_space(t[r]))
            continue;
        while (r < n && is_space(t[r]))
            r++;
        for (int words = 0;; words++) {
            Py_ssize_t e = head_end(self, t, n, r);
            if (e >= 0)
                return e;
            if (words == 5)
                break;
            Py_ssize_t w = r; /* one more word: [\w\-]+\s+ */
            while (w < n && (is_word_char(t[w]) || t[w] == '-'))
                w++;
            if (w == r || w == n || !is_space(t[w]))
                break;
            while (w < n && is_space(t[w]))
                w++;
            r = w;
        }
    }
    return -1;
}

static PyObject *AppositionScanner_spans(AppositionScanner *self, PyObject *args) {
    PyObject *text;
    Py_ssize_t pos = 0;
    if (!PyArg_ParseTuple(args, "U|n:spans", &text, &pos))
        return NULL;
    if (require_ascii(text, "spans() takes ASCII text") < 0)
        return NULL;
    const unsigned char *t = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *found = PyList_New(0);
    for (Py_ssize_t c = pos < 0 ? 0 : pos; found != NULL && c < n; c++) {
        const unsigned char *comma = memchr(t + c, ',', n - c);
        if (comma == NULL)
            break;
        c = comma - t;
        Py_ssize_t e = apposition_end(self, t, n, c);
        if (e < 0)
            continue;
        PyObject *span = Py_BuildValue("(nn)", c, e);
        if (span == NULL || PyList_Append(found, span) < 0)
            Py_CLEAR(found);
        Py_XDECREF(span);
        c = e - 1; /* finditer goes on after the match */
    }
    return found;
}

static PyMethodDef AppositionScanner_methods[] = {
    {"spans", (PyCFunction)AppositionScanner_spans, METH_VARARGS,
     "spans(text, pos=0) -> [(start, end)] of the appositions in ASCII text from pos"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject AppositionScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "kg.extract._speedups.AppositionScanner",
    .tp_doc = "proposals._APPOSITION.finditer for ASCII text: \", a new <words> <head>\" after a name.",
    .tp_basicsize = sizeof(AppositionScanner),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = AppositionScanner_new,
    .tp_dealloc = (destructor)AppositionScanner_dealloc,
    .tp_methods = AppositionScanner_methods,
};

/* arxiv_hint(text) -> whether ASCII text has a "." before four digits or a "/" before seven
 * (cites._NEW_ID_HINT / _OLD_ID_HINT, searched before the arXiv-id pattern: as regexes, ~24k
 * instructions an abstract that hardly ever cites one). */
static int digits_at(const unsigned char *t, Py_ssize_t n, Py_ssize_t p, Py_ssize_t count) {
    if (p + count > n)
        return 0;
    for (Py_ssize_t k = 0; k < count; k++)
        if (t[p + k] < '0' || t[p + k] > '9')
            return 0;
    return 1;
}

static PyObject *arxiv_hint(PyObject *module, PyObject *text) {
    if (require_ascii(text, "arxiv_hint() takes ASCII text") < 0)
        return NULL;
    const unsigned char *t = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    for (const unsigned char *at = memchr(t, '.', n); at != NULL; at = memchr(at + 1, '.', n - (at + 1 - t)))
        if (digits_at(t, n, at - t + 1, 4))
            Py_RETURN_TRUE;
    for (const unsigned char *at = memchr(t, '/', n); at != NULL; at = memchr(at + 1, '/', n - (at + 1 - t)))
        if (digits_at(t, n, at - t + 1, 7))
            Py_RETURN_TRUE;
    Py_RETURN_FALSE;
}

/* bench_endings(text, start) -> contexts._bench_endings for ASCII text: the offsets, in order, of
 * each BENCH_ENDINGS word (overlaps included) that no letter or "_" follows. */
static const char *const BENCH_ENDINGS[] = {"Bench", "-bench", "BENCH", "Eval", "Arena", "Gym", "QA"};

static int compare_offsets(const void *a, const void *b) {
    Py_ssize_t x = *(const Py_ssize_t *)a, y = *(const Py_ssize_t *)b;
    return (x > y) - (x < y);
}

static PyObject *bench_endings(PyObject *module, PyObject *args) {
    PyObject *text;
    Py_ssize_t start;
    if (!PyArg_ParseTuple(args, "Un:bench_endings", &text, &start))
        return NULL;
    if (!PyUnicode_IS_ASCII(text) || start < 0) {
        PyErr_SetString(PyExc_ValueError, "bench_endings() takes ASCII text and a start from 0");
        return NULL;
    }
    const unsigned char *t = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = 0, capacity = 16;
    Py_ssize_t *offsets = PyMem_Malloc(capacity * sizeof(Py_ssize_t));
    if (offsets == NULL)
        return PyErr_NoMemory();
    /* each ending found from its first character with memchr, as str.find does (a test of every
       character against the six first characters cost ~7k instructions an abstract) */
    for (size_t k = 0; k < sizeof(BENCH_ENDINGS) / sizeof(BENCH_ENDINGS[0]); k++) {
        const char *word = BENCH_ENDINGS[k];
        Py_ssize_t length = (Py_ssize_t)strlen(word);
        for (Py_ssize_t i = start; i + length <= n;) {
            const unsigned char *at = memchr(t + i, word[0], n - length + 1 - i);
            if (at == NULL)
                break;
            i = at - t;
            if (memcmp(t + i, word, length) == 0 &&
                !(i + length < n && (is_letter(t[i + length]) || t[i + length] == '_'))) {
                if (count == capacity) {
                    Py_ssize_t *grown = PyMem_Realloc(offsets, 2 * capacity * sizeof(Py_ssize_t));
                    if (grown == NULL) {
                        PyMem_Free(offsets);
                        return PyErr_NoMemory();
                    }
                    offsets = grown;
                    capacity *= 2;
                }
                offsets[count++] = i;
            }
            i++;
        }
    }
    qsort(offsets, count, sizeof(Py_ssize_t), compare_offsets);
    PyObject *found = PyList_New(count);
    for (Py_ssize_t k = 0; found != NULL && k < count; k++) {
        PyObject *offset = PyLong_FromSsize_t(offsets[k]);
        if (offset == NULL)
            Py_CLEAR(found);
        else
            PyList_SET_ITEM(found, k, offset);
    }
    PyMem_Free(offsets);
    return found;
}

/* One of the words of a tuple of bytes, checked. */
static int word_at(PyObject *words, Py_ssize_t k, const char **word, Py_ssize_t *length) {
    PyObject *item = PyTuple_GET_ITEM(words, k);
    if (!PyBytes_Check(item)) {
        PyErr_SetString(PyExc_TypeError, "the word alternatives must be tuples of bytes");
        return -1;
    }
    *word = PyBytes_AS_STRING(item);
    *length = PyBytes_GET_SIZE(item);
    return 0;
}

/* The length of the first of `words` (a tuple of bytes) written at t[at] and followed by a blank (or,
 * when `comma_ok`, a ","), with an "s" between when `plural_ok`; 0 when none is; -1 with an exception. */
static Py_ssize_t word_then_blank(const unsigned char *t, Py_ssize_t n, Py_ssize_t at, PyObject *words, int plural_ok,
                                  int comma_ok) {
    const char *word;
    Py_ssize_t length;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(words); k++) {
        if (word_at(words, k, &word, &length) < 0)
            return -1;
        if (at + length >= n || t[at] != (unsigned char)word[0] || memcmp(t + at, word, length) != 0)
            continue;
        Py_ssize_t end = at + length;
        if (plural_ok && t[end] == 's' && end + 1 < n && (is_space(t[end + 1]) || (comma_ok && t[end + 1] == ',')))
            return length + 1; /* "s?" is greedy: with the "s" first */
        if (is_space(t[end]) || (comma_ok && t[end] == ','))
            return length;
    }
    return 0;
}

/* `at` moved past the blanks there (\s* or, after a checked blank, \s+). */
static inline Py_ssize_t skip_blanks(const unsigned char *t, Py_ssize_t n, Py_ssize_t at) {
    while (at < n && is_space(t[at]))
        at++;
    return at;
}

/* One try of a pattern at `start` of ASCII text (for matches_at_starts): the end of its match, with *row
 * what to report for it (a new reference); -1 when it does not match there; -2 with an exception set. */
typedef Py_ssize_t (*MatchAt)(const unsigned char *t, Py_ssize_t n, Py_ssize_t start, void *context, PyObject **row);

/* [row, …] of the matches `match` finds tried at `starts` from `pos`, as kg.extract.scan.matches_at finds
 * them: a start before `pos`, inside the last match (finditer resumes after it) or past the text is not tried. */
static PyObject *matches_at_starts(PyObject *text, PyObject *starts, Py_ssize_t pos, MatchAt match, void *context) {
    const unsigned char *t = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), end = pos > 0 ? pos : 0;
    PyObject *rows = PyList_New(0);
    for (Py_ssize_t k = 0; rows != NULL && k < PyList_GET_SIZE(starts); k++) {
        Py_ssize_t start = PyLong_AsSsize_t(PyList_GET_ITEM(starts, k));
        if (start == -1 && PyErr_Occurred()) {
            Py_CLEAR(rows);
            break;
        }
        if (start < end || start >= n)
            continue;
        PyObject *row = NULL;
        Py_ssize_t found = match(t, n, start, context, &row);
        if (found == -2 || (found >= 0 && (row == NULL || PyList_Append(rows, row) < 0)))
            Py_CLEAR(rows);
        Py_XDECREF(row);
        if (found >= 0)
            end = found;
    }
    return rows;
}

/* The words and bound of the patterns below, for matches_at_starts. */
typedef struct {
    PyObject *leads, *middles, *tails; /* tuples of bytes (tails: lead_words_head only) */
    Py_ssize_t max_between;
    int leading_blanks; /* lead_words_head: blanks may come before the lead (^\s*), else \b before it */
} WordPattern;

/* Where the match of   \b(?:LEAD1|LEAD2|…)(?:\s+[\w\-]+){0,MAX}?\s+(?:PREP1|PREP2|…)\s+   that begins at i ends
 * (the MatchAt of words_then_preposition; ASCII text; each LEAD is followed by \s there, so at most one of
 * them can begin a match; a word is a whole run of [\w\-], and the preposition is tried before each word,
 * as the lazy repeat does). The row is the end. */
static Py_ssize_t lead_then_preposition(const unsigned char *t, Py_ssize_t n, Py_ssize_t i, void *context,
                                        PyObject **row) {
    const WordPattern *pattern = context;
    if (i > 0 && is_word_char(t[i - 1])) /* the pattern's leading \b (every lead begins with a letter) */
        return -1;
    Py_ssize_t length = word_then_blank(t, n, i, pattern->leads, 0, 0);
    if (length <= 0)
        return length < 0 ? -2 : -1;
    Py_ssize_t at = i + length;
    for (Py_ssize_t between = 0;; between++) {
        at = skip_blanks(t, n, at); /* \s+ (at least one: checked for the lead, and below) */
        length = word_then_blank(t, n, at, pattern->middles, 0, 0);
        if (length < 0)
            return -2;
        if (length > 0) {
            at = skip_blanks(t, n, at + length);
            *row = PyLong_FromSsize_t(at);
            return at;
        }
        if (between == pattern->max_between)
            return -1;
        Py_ssize_t run = at; /* [\w\-]+, then \s must follow */
        while (run < n && (is_word_char(t[run]) || t[run] == '-'))
            run++;
        if (run == at || run == n || !is_space(t[run]))
            return -1;
        at = run;
    }
}

/* words_then_preposition(text, starts, leads, preps, max_between) -> the ends of the matches that
 * matches_at(pattern, text, starts) finds, for a pattern of the shape above (contexts._EVAL). */
static PyObject *words_then_preposition(PyObject *module, PyObject *args) {
    PyObject *text, *starts;
    WordPattern pattern = {NULL, NULL, NULL, 0, 0};
    if (!PyArg_ParseTuple(args, "UO!O!O!n:words_then_preposition", &text, &PyList_Type, &starts, &PyTuple_Type,
                          &pattern.leads, &PyTuple_Type, &pattern.middles, &pattern.max_between))
        return NULL;
    if (require_ascii(text, "words_then_preposition() takes ASCII text") < 0)
        return NULL;
    return matches_at_starts(text, starts, 0, lead_then_preposition, &pattern);
}

/* Where the match of   LEAD\s+(?:[\w\-]+,?\s+){0,MAX}?HEADs?,?\s+(?:TAIL\s+)?   that begins at i ends, or -1, or
 * -2 with an exception (ASCII text; LEAD, HEAD and TAIL are alternatives of whole words, none a prefix of
 * another one that could match there, as in proposals._NOVEL_HEAD and _HEAD_THEN_NAME). */
static Py_ssize_t lead_words_head_at(const unsigned char *t, Py_ssize_t n, Py_ssize_t i, PyObject *leads,
                                     PyObject *heads, PyObject *tails, Py_ssize_t max_between) {
    Py_ssize_t length = word_then_blank(t, n, i, leads, 0, 0);
    if (length <= 0)
        return length < 0 ? -2 : -1;
    Py_ssize_t at = i + length;
    for (Py_ssize_t between = 0;; between++) {
        at = skip_blanks(t, n, at); /* \s+: at least one, checked before */
        length = word_then_blank(t, n, at, heads, 1, 1);
        if (length < 0)
            return -2;
        if (length > 0) {
            at += length;
            if (t[at] == ',')
                at++;
            if (at >= n || !is_space(t[at])) /* ",?\s+" */
                return -1;
            at = skip_blanks(t, n, at);
            length = word_then_blank(t, n, at, tails, 0, 0); /* an optional "called\s+" */
            if (length < 0)
                return -2;
            return length > 0 ? skip_blanks(t, n, at + length) : at;
        }
        if (between == max_between)
            return -1;
        Py_ssize_t run = at; /* [\w\-]+,?\s+ */
        while (run < n && (is_word_char(t[run]) || t[run] == '-'))
            run++;
        if (run == at)
            return -1;
        if (run < n && t[run] == ',')
            run++;
        if (run >= n || !is_space(t[run]))
            return -1;
        at = run;
    }
}

/* The MatchAt of lead_words_head: lead_words_head_at after the blanks or the \b; the row is (start, end). */
static Py_ssize_t lead_words_head_from(const unsigned char *t, Py_ssize_t n, Py_ssize_t start, void *context,
                                       PyObject **row) {
    const WordPattern *pattern = context;
    Py_ssize_t at = start;
    if (pattern->leading_blanks)
        at = skip_blanks(t, n, at);
    else if (start > 0 && is_word_char(t[start - 1])) /* \b: every lead begins with a letter */
        return -1;
    Py_ssize_t found = lead_words_head_at(t, n, at, pattern->leads, pattern->middles, pattern->tails,
                                          pattern->max_between);
    if (found >= 0)
        *row = Py_BuildValue("(nn)", start, found);
    return found;
}

/* lead_words_head(text, starts, pos, leads, heads, tails, max_between, leading_blanks) -> [(start, end)] of
 * the matches tried at `starts` from `pos` as matches_at finds them: with leading_blanks, each match may
 * begin with blanks before its lead (^\s*); without, a lead must begin a word (\b). */
static PyObject *lead_words_head(PyObject *module, PyObject *args) {
    PyObject *text, *starts;
    Py_ssize_t pos;
    WordPattern pattern = {NULL, NULL, NULL, 0, 0};
    if (!PyArg_ParseTuple(args, "UO!nO!O!O!np:lead_words_head", &text, &PyList_Type, &starts, &pos, &PyTuple_Type,
                          &pattern.leads, &PyTuple_Type, &pattern.middles, &PyTuple_Type, &pattern.tails,
                          &pattern.max_between, &pattern.leading_blanks))
        return NULL;
    if (require_ascii(text, "lead_words_head() takes ASCII text") < 0)
        return NULL;
    return matches_at_starts(text, starts, pos, lead_words_head_from, &pattern);
}

/* The MatchAt of numbers_at: results._NUMBER at i, with the row (start, end, value, unit). */
static Py_ssize_t number_at(const unsigned char *t, Py_ssize_t n, Py_ssize_t i, void *context, PyObject **row) {
    static const char *const UNITS[] = {"%", "pp", "points", "point", "x", "dB"}; /* the regex's order */
    if (!is_digit(t[i]))
        return -1;
    Py_ssize_t at = i;
    while (at < n && is_digit(t[at]))
        at++;
    if (at + 1 < n && t[at] == '.' && is_digit(t[at + 1])) {
        at++;
        while (at < n && is_digit(t[at]))
            at++;
    }
    Py_ssize_t value_end = at;
    at = skip_blanks(t, n, at);
    const char *unit = "";
    for (size_t u = 0; u < sizeof(UNITS) / sizeof(UNITS[0]); u++) {
        Py_ssize_t length = (Py_ssize_t)strlen(UNITS[u]);
        if (at + length <= n && memcmp(t + at, UNITS[u], length) == 0) {
            unit = UNITS[u];
            at += length;
            break;
        }
    }
    *row = Py_BuildValue("(nns#s)", i, at, (const char *)t + i, value_end - i, unit);
    return at;
}

/* numbers_at(text, starts) -> [(start, end, value, unit)] of the matches of results._NUMBER,
 * (\d+(?:\.\d+)?)\s*(%|pp|points?|x|×|dB)?, tried at `starts` as matches_at tries them, in ASCII text
 * (no "×" there); `unit` is "" when the optional group matched nothing (the blanks before it stay in
 * the match, as the greedy \s* leaves them). */
static PyObject *numbers_at(PyObject *module, PyObject *args) {
    PyObject *text, *starts;
    if (!PyArg_ParseTuple(args, "UO!:numbers_at", &text, &PyList_Type, &starts))
        return NULL;
    if (require_ascii(text, "numbers_at() takes ASCII text") < 0)
        return NULL;
    return matches_at_starts(text, starts, 0, number_at, NULL);
}

static PyMethodDef module_methods[] = {
    {"compound_words", (PyCFunction)compound_words, METH_O,
     "compound_words(text) -> [(start, end, word)] of the words with a digit or hyphen that start with a letter, in ASCII text"},
    {"arxiv_hint", (PyCFunction)arxiv_hint, METH_O,
     "arxiv_hint(text) -> whether ASCII text has a '.' before 4 digits or a '/' before 7 (a possible arXiv id)"},
    {"bench_endings", (PyCFunction)bench_endings, METH_VARARGS,
     "bench_endings(text, start) -> offsets of the benchmark-name endings no letter or '_' follows, in ASCII text"},
    {"blank_words", (PyCFunction)blank_words, METH_O,
     "blank_words(text) -> b' ' + the text with every character but [A-Za-z0-9_] a blank, one byte per character"},
    {"name_shape", (PyCFunction)name_shape, METH_O,
     "name_shape(word) -> 1 for a number-like ASCII word, 2 for one with an inner capital or digit (3 when all capitals), else 0"},
    {"words_then_preposition", (PyCFunction)words_then_preposition, METH_VARARGS,
     "words_then_preposition(text, starts, leads, preps, max_between) -> the ends of the matches of "
     "(?:LEAD|…)(?:\\s+[\\w\\-]+){0,max_between}?\\s+(?:PREP|…)\\s+ tried at starts, in ASCII text"},
    {"lead_words_head", (PyCFunction)lead_words_head, METH_VARARGS,
     "lead_words_head(text, starts, pos, leads, heads, tails, max_between, leading_blanks) -> [(start, end)] of the "
     "matches of LEAD\\s+(?:[\\w\\-]+,?\\s+){0,max_between}?HEADs?,?\\s+(?:TAIL\\s+)? tried at starts, in ASCII text"},
    {"numbers_at", (PyCFunction)numbers_at, METH_VARARGS,
     "numbers_at(text, starts) -> [(start, end, value, unit)] of the claimed-number matches tried at starts, in ASCII text"},
    {"compound_cuts", (PyCFunction)compound_cuts, METH_O,
     "compound_cuts(word) -> the offsets of each '-' and of each digit after a letter in an ASCII word"},
    {"split_sentences", (PyCFunction)split_sentences, METH_VARARGS,
     "split_sentences(text, start) -> [(start, end)] of the sentences of ASCII text from start (whitespace-only spans dropped)"},
    {"acronym_definitions", (PyCFunction)acronym_definitions, METH_VARARGS,
     "acronym_definitions(text, start) -> [(short, long, short_start, short_end, long_start, long_end)] in ASCII text, "
     "or None where the Python code must decide"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT, "kg.extract._speedups",
    "The extractor's whole-text scans in C (pure-Python references in kg/extract/phrases.py, gazetteer.py, scan.py, sentences.py, acronyms.py, proposals.py).",
    -1,
    module_methods,
};

/* Adds a type to the module; 0, or -1 with an exception set. */
static int add_type(PyObject *module, const char *name, PyTypeObject *type) {
    Py_INCREF(type);
    if (PyModule_AddObject(module, name, (PyObject *)type) < 0) {
        Py_DECREF(type);
        return -1;
    }
    return 0;
}

/* Adds a tuple of a C word list to the module, for the tests that compare it with its Python twin;
   0, or -1 with an exception set. */
static int add_words(PyObject *module, const char *name, const char *const *words, Py_ssize_t n) {
    PyObject *tuple = PyTuple_New(n);
    for (Py_ssize_t k = 0; tuple != NULL && k < n; k++) {
        PyObject *item = PyUnicode_FromString(words[k]);
        if (item == NULL)
            Py_CLEAR(tuple);
        else
            PyTuple_SET_ITEM(tuple, k, item);
    }
    if (tuple == NULL || PyModule_AddObject(module, name, tuple) < 0) {
        Py_XDECREF(tuple);
        return -1;
    }
    return 0;
}

#define N_WORDS(words) ((Py_ssize_t)(sizeof(words) / sizeof((words)[0])))

PyMODINIT_FUNC PyInit__speedups(void) {
    if (PyType_Ready(&TrieType) < 0 || PyType_Ready(&KeywordMatcherType) < 0 || PyType_Ready(&AppositionScannerType) < 0)
        return NULL;
    fill_word_codes();
    PyObject *module = PyModule_Create(&speedups_module);
    if (module == NULL)
        return NULL;
    if (add_type(module, "Trie", &TrieType) < 0 || add_type(module, "AppositionScanner", &AppositionScannerType) < 0 ||
        add_type(module, "KeywordMatcher", &KeywordMatcherType) < 0 ||
        /* sentences._ABBREVIATIONS, contexts._BENCH_ENDINGS and acronyms._LF_STOP, as C has them */
        add_words(module, "SENTENCE_ABBREVIATIONS", ABBREVIATIONS, N_WORDS(ABBREVIATIONS)) < 0 ||
        add_words(module, "BENCH_ENDINGS", BENCH_ENDINGS, N_WORDS(BENCH_ENDINGS)) < 0 ||
        add_words(module, "ACRONYM_STOP_WORDS", ACRONYM_STOP_WORDS, N_WORDS(ACRONYM_STOP_WORDS)) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
