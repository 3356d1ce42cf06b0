"""Hand judgments of corpus findings, keyed by (file inside the cache's src/, line, rule).

Each finding was read in its file by a person, not by a script. `sample.py`
picks up to ten findings per rule, spread over the projects, and writes
judged.csv from these; a picked finding without a judgment here is listed as
UNJUDGED, so the table never claims more than was read.
"""

TRUE, FALSE, DEBATABLE = "TRUE", "FALSE", "DEBATABLE"

JUDGED: dict[tuple[str, int, str], tuple[str, str]] = {
    # binary-dunder-rejects-type
    (
        "algorithms-1.0.1/algorithms-1.0.1/algorithms/data_structures/graph.py",
        71,
        "binary-dunder-rejects-type",
    ): (
        TRUE,
        "__eq__ returns False for other types instead of NotImplemented, so the other operand never gets a say",
    ),
    (
        "more-itertools-11.2.1/more_itertools-11.2.1/more_itertools/more.py",
        2364,
        "binary-dunder-rejects-type",
    ): (
        DEBATABLE,
        "deliberately mirrors range equality; NotImplemented would still give False for plain objects",
    ),
    # dedupe-with-list
    (
        "algorithms-1.0.1/algorithms-1.0.1/algorithms/string/unique_morse.py",
        82,
        "dedupe-with-list",
    ): (TRUE, "only the count of unique strings is used: a set does it in one pass"),
    ("pythonds-1.2.1/pythonds-1.2.1/pythonds/trees/bst.py", 416, "dedupe-with-list"): (
        TRUE,
        "10,000 random numbers checked against a growing list: quadratic",
    ),
    ("pythonds-1.2.1/pythonds-1.2.1/pythonds/trees/bst.py", 446, "dedupe-with-list"): (
        TRUE,
        "same pattern as above with 100 items",
    ),
    ("requests-2.34.2/requests-2.34.2/src/requests/cookies.py", 306, "dedupe-with-list"): (
        TRUE,
        "ordered unique domains: dict.fromkeys gives the same list in one pass",
    ),
    ("requests-2.34.2/requests-2.34.2/src/requests/cookies.py", 314, "dedupe-with-list"): (
        TRUE,
        "same as list_domains, for paths",
    ),
    (
        "more-itertools-11.2.1/more_itertools-11.2.1/more_itertools/more.py",
        4853,
        "dedupe-with-list",
    ): (FALSE, "the list is the except-TypeError fallback for unhashable keys (now silent)"),
    # duplicate-dict-key
    ("boltons-26.2.0/boltons-26.2.0/boltons/strutils.py", 293, "duplicate-dict-key"): (
        TRUE,
        "'formula' listed twice with different plurals: 'formulae' is silently lost",
    ),
    # eq-without-hash
    (
        "algorithms-1.0.1/algorithms-1.0.1/algorithms/compression/huffman_coding.py",
        21,
        "eq-without-hash",
    ): (
        TRUE,
        "value-like node compared by frequency; nothing mutates it after __init__, yet it cannot go in a set",
    ),
    (
        "algorithms-1.0.1/algorithms-1.0.1/algorithms/data_structures/graph.py",
        61,
        "eq-without-hash",
    ): (TRUE, "an immutable edge that a graph would naturally keep in a set"),
    ("algorithms-1.0.1/algorithms-1.0.1/algorithms/math/polynomial.py", 344, "eq-without-hash"): (
        TRUE,
        "operators return new polynomials; an immutable value made unhashable by accident",
    ),
    ("boltons-26.2.0/boltons-26.2.0/tests/test_funcutils.py", 59, "eq-without-hash"): (
        DEBATABLE,
        "a throwaway class inside a total_ordering test: hashing never matters there",
    ),
    ("click-8.5.1/click-8.5.1/tests/test_options.py", 1399, "eq-without-hash"): (
        DEBATABLE,
        "a deliberately odd test double",
    ),
    ("requests-2.34.2/requests-2.34.2/src/requests/auth.py", 85, "eq-without-hash"): (
        DEBATABLE,
        "auth objects are rarely hashed, but keying a cache by auth would raise TypeError",
    ),
    (
        "algorithms-1.0.1/algorithms-1.0.1/algorithms/array/merge_intervals.py",
        17,
        "eq-without-hash",
    ): (FALSE, "Interval.merge mutates instances' .end: unhashable is right (now silent)"),
    ("boltons-26.2.0/boltons-26.2.0/boltons/cacheutils.py", 94, "eq-without-hash"): (
        FALSE,
        "a dict subclass: unhashable is right (now silent)",
    ),
    # global-statement
    (
        "algorithms-1.0.1/algorithms-1.0.1/algorithms/string/make_sentence.py",
        35,
        "global-statement",
    ): (
        TRUE,
        "a module counter bumped by a recursive function: the result depends on earlier calls",
    ),
    (
        "algorithms-1.0.1/algorithms-1.0.1/algorithms/tree/construct_tree_postorder_preorder.py",
        60,
        "global-statement",
    ): (
        TRUE,
        "a module cursor shared by the recursion: a second call starts where the first ended",
    ),
    ("boltons-26.2.0/boltons-26.2.0/boltons/statsutils.py", 352, "global-statement"): (
        TRUE,
        "the function only reads `mean`: the global statement is dead weight, as the message says",
    ),
    ("boltons-26.2.0/boltons-26.2.0/boltons/statsutils.py", 374, "global-statement"): (
        TRUE,
        "same, for `median`",
    ),
    ("click-8.5.1/click-8.5.1/src/click/termui.py", 977, "global-statement"): (
        TRUE,
        "a lazy module cache; the advice now names functools.cache, which fits",
    ),
    ("requests-2.34.2/requests-2.34.2/src/requests/status_codes.py", 120, "global-statement"): (
        FALSE,
        "rebinding the module's own __doc__ is the point (now silent)",
    ),
}

_MORE = "more-itertools-11.2.1/more_itertools-11.2.1/tests/test_more.py"
_ALG = "algorithms-1.0.1/algorithms-1.0.1/algorithms/"
_ALG3 = "algorithms3-0.1.9/algorithms3-0.1.9/algorithms/"
_AOC = "advent-of-code-wim-2025.12/advent_of_code_wim-2025.12/aoc_wim/"
_PEP8_LAMBDA = "a named lambda where a def gives the function its name in tracebacks (PEP 8 E731)"

JUDGED.update(
    {
        # lambda-assigned-to-name
        ("boltons-26.2.0/boltons-26.2.0/boltons/statsutils.py", 340, "lambda-assigned-to-name"): (
            TRUE,
            _PEP8_LAMBDA,
        ),
        ("boltons-26.2.0/boltons-26.2.0/tests/test_iterutils.py", 24, "lambda-assigned-to-name"): (
            TRUE,
            _PEP8_LAMBDA,
        ),
        (_MORE, 725, "lambda-assigned-to-name"): (TRUE, _PEP8_LAMBDA),
        (_MORE, 1462, "lambda-assigned-to-name"): (TRUE, _PEP8_LAMBDA),
        (_MORE, 2604, "lambda-assigned-to-name"): (TRUE, _PEP8_LAMBDA),
        (_MORE, 3427, "lambda-assigned-to-name"): (TRUE, _PEP8_LAMBDA),
        (_MORE, 4120, "lambda-assigned-to-name"): (TRUE, _PEP8_LAMBDA),
        (_MORE, 4190, "lambda-assigned-to-name"): (TRUE, _PEP8_LAMBDA),
        (_MORE, 4247, "lambda-assigned-to-name"): (TRUE, _PEP8_LAMBDA),
        (_MORE, 5106, "lambda-assigned-to-name"): (
            TRUE,
            "a three-line named lambda: a def reads better and names itself",
        ),
        ("boltons-26.2.0/boltons-26.2.0/boltons/funcutils.py", 390, "lambda-assigned-to-name"): (
            FALSE,
            "a parameter given a default callable inside `if opt_key is None` (now silent)",
        ),
        ("boltons-26.2.0/boltons-26.2.0/boltons/debugutils.py", 175, "lambda-assigned-to-name"): (
            FALSE,
            "one of several callables chosen per branch for one name (now silent)",
        ),
        # lambda-only-forwards
        (_ALG + "string/breaking_bad.py", 59, "lambda-only-forwards"): (
            TRUE,
            "key=lambda item: len(item) is key=len",
        ),
        ("click-8.5.1/click-8.5.1/tests/test_termui.py", 346, "lambda-only-forwards"): (
            TRUE,
            "item_show_func=str says the same",
        ),
        (
            "click-8.5.1/click-8.5.1/tests/test_utils/test_echo_via_pager.py",
            91,
            "lambda-only-forwards",
        ): (TRUE, "the module function is defined above: pass it directly"),
        (
            "click-8.5.1/click-8.5.1/tests/test_utils/test_echo_via_pager.py",
            127,
            "lambda-only-forwards",
        ): (TRUE, "same"),
        (
            "click-8.5.1/click-8.5.1/tests/test_utils/test_echo_via_pager.py",
            139,
            "lambda-only-forwards",
        ): (TRUE, "same"),
        (_MORE, 1628, "lambda-only-forwards"): (TRUE, "lambda c: bool(c) is bool"),
        (_MORE, 1690, "lambda-only-forwards"): (TRUE, "lambda c: bool(c) is bool"),
        (_MORE, 3666, "lambda-only-forwards"): (
            TRUE,
            "ordering = int; lambda-assigned-to-name now leaves this one to this rule",
        ),
        # list-membership-in-loop
        (_AOC + "aoc2021/q23.py", 20, "list-membership-in-loop"): (
            TRUE,
            "a list of grid cells tested once per hall cell: a set is the natural container",
        ),
        (_ALG + "graph/prims_minimum_spanning.py", 42, "list-membership-in-loop"): (
            TRUE,
            "visited nodes kept in a list and tested per pop (second test shown as related)",
        ),
        (_ALG + "graph/word_ladder.py", 58, "list-membership-in-loop"): (
            TRUE,
            "the word list is tested for every candidate word: a set (and discard) is the textbook fix",
        ),
        (_ALG + "string/first_unique_char.py", 36, "list-membership-in-loop"): (
            TRUE,
            "banned characters kept in a growing list",
        ),
        (_ALG + "string/make_sentence.py", 40, "list-membership-in-loop"): (
            TRUE,
            "the word dictionary is a list tested twice per split (once reported, the other as related)",
        ),
        ("boltons-26.2.0/boltons-26.2.0/tests/test_dictutils.py", 596, "list-membership-in-loop"): (
            DEBATABLE,
            "a 30-name constant list in a test over dir(): correct advice, negligible cost",
        ),
        (
            "requests-2.34.2/requests-2.34.2/src/requests/cookies.py",
            326,
            "list-membership-in-loop",
        ): (TRUE, "seen domains kept in a list to find a repeat: a set"),
        (
            "requests-2.34.2/requests-2.34.2/src/requests/cookies.py",
            598,
            "list-membership-in-loop",
        ): (TRUE, "cookie names tested for every incoming name: build a set once"),
        (_AOC + "aoc2020/q23.py", 44, "list-membership-in-loop"): (
            FALSE,
            "a three-item list rebuilt per move: a set costs more (now silent: short fixed list)",
        ),
        (_ALG + "string/validate_coordinates.py", 33, "list-membership-in-loop"): (
            FALSE,
            "a four-item constant list, compiled to a tuple: nothing quadratic (now silent)",
        ),
        (
            "more-itertools-11.2.1/more_itertools-11.2.1/more_itertools/more.py",
            4288,
            "list-membership-in-loop",
        ): (FALSE, "the except-TypeError fallback for unhashable items (now silent)"),
        ("click-8.5.1/click-8.5.1/src/click/core.py", 1137, "list-membership-in-loop"): (
            FALSE,
            "a list rebuilt on every iteration and tested once (now silent)",
        ),
        # mutable-default-argument
        ("boltons-26.2.0/boltons-26.2.0/boltons/debugutils.py", 116, "mutable-default-argument"): (
            TRUE,
            "kwargs={} default; read only today, one edit away from the shared-dict bug (fix offered as unsafe)",
        ),
        ("boltons-26.2.0/boltons-26.2.0/boltons/funcutils.py", 58, "mutable-default-argument"): (
            TRUE,
            "kwonlydefaults={} and annotations={} defaults; the same latent sharing",
        ),
        (_ALG3 + "backtracking/combinations.py", 22, "mutable-default-argument"): (
            FALSE,
            "a nested def: the default is new on every outer call and shared on purpose by the backtracking (now silent)",
        ),
        # mutate-and-return-argument (judged by the rule's contract, as the lead decided)
        (_AOC + "aoc2016/q08.py", 20, "mutate-and-return-argument"): (
            TRUE,
            "the caller's array is changed and also returned",
        ),
        (_ALG + "backtracking/factor_combinations.py", 69, "mutate-and-return-argument"): (
            DEBATABLE,
            "a private recursive helper whose accumulator the caller passes fresh",
        ),
        (_ALG + "sorting/cocktail_shaker_sort.py", 39, "mutate-and-return-argument"): (
            TRUE,
            "sorts the caller's list in place and returns it; the docstring promises a sorted list, not in place",
        ),
        (_ALG + "sorting/gnome_sort.py", 39, "mutate-and-return-argument"): (
            TRUE,
            "same contract problem",
        ),
        (_ALG + "sorting/selection_sort.py", 36, "mutate-and-return-argument"): (
            TRUE,
            "same contract problem",
        ),
        (_ALG + "stack/stutter.py", 68, "mutate-and-return-argument"): (
            TRUE,
            "the caller's stack is doubled in place and also returned",
        ),
        (_ALG + "tree/traversal_inorder.py", 38, "mutate-and-return-argument"): (
            TRUE,
            "after the None guard a passed list is still filled and returned",
        ),
        (_ALG3 + "arrays/next_greater_element.py", 50, "mutate-and-return-argument"): (
            TRUE,
            "overwrites the caller's nums1 with the answers and returns it",
        ),
        (_ALG3 + "matrix/flip_image.py", 31, "mutate-and-return-argument"): (
            TRUE,
            "flips the caller's matrix and returns it",
        ),
        (_ALG3 + "sort/insertion_sort.py", 15, "mutate-and-return-argument"): (
            TRUE,
            "sorts in place and returns",
        ),
        # open-without-encoding
        (_AOC + "util.py", 22, "open-without-encoding"): (
            TRUE,
            "reads Python source with the locale's encoding",
        ),
        ("boltons-26.2.0/boltons-26.2.0/tests/test_ioutils.py", 475, "open-without-encoding"): (
            TRUE,
            "reads a source file as text with the locale's encoding",
        ),
        ("boltons-26.2.0/boltons-26.2.0/tests/test_jsonutils.py", 37, "open-without-encoding"): (
            TRUE,
            "JSON Lines read with the locale's encoding",
        ),
        ("boltons-26.2.0/boltons-26.2.0/tests/test_jsonutils.py", 79, "open-without-encoding"): (
            TRUE,
            "same",
        ),
        ("click-8.5.1/click-8.5.1/tests/test_termui.py", 440, "open-without-encoding"): (
            TRUE,
            "re-reads an edited file as locale text",
        ),
        ("click-8.5.1/click-8.5.1/tests/test_testing.py", 508, "open-without-encoding"): (
            DEBATABLE,
            "writes and reads back an ASCII payload: any locale agrees",
        ),
        ("click-8.5.1/click-8.5.1/tests/test_types/test_Path.py", 150, "open-without-encoding"): (
            DEBATABLE,
            "opens only to see whether the file name is allowed; nothing is written",
        ),
        ("more-itertools-11.2.1/more_itertools-11.2.1/docs/conf.py", 38, "open-without-encoding"): (
            TRUE,
            "writes README text that may hold non-ASCII",
        ),
        ("requests-2.34.2/requests-2.34.2/tests/test_requests.py", 825, "open-without-encoding"): (
            DEBATABLE,
            "a file handed to an upload: binary mode, not an encoding, is the better fix",
        ),
        ("requests-2.34.2/requests-2.34.2/tests/test_utils.py", 160, "open-without-encoding"): (
            DEBATABLE,
            "writes one ASCII .netrc line",
        ),
        ("click-8.5.1/click-8.5.1/tests/test_testing.py", 664, "open-without-encoding"): (
            FALSE,
            "open(1, 'w', closefd=False) wraps stdout's descriptor (now silent)",
        ),
        # open-without-with
        ("pythonds-1.2.1/pythonds-1.2.1/pythonds/graphs/adjGraph.py", 108, "open-without-with"): (
            TRUE,
            "the data file is read and never closed",
        ),
        ("pythonds-1.2.1/pythonds-1.2.1/setup.py", 22, "open-without-with"): (
            TRUE,
            "open('README.rst').read() leaves the file to the garbage collector",
        ),
        ("click-8.5.1/click-8.5.1/tests/test_testing.py", 664, "open-without-with"): (
            FALSE,
            "closefd=False: closing would not release anything (now silent)",
        ),
        ("click-8.5.1/click-8.5.1/tests/test_types/test_Path.py", 79, "open-without-with"): (
            FALSE,
            "nothing runs between the open and the close (now silent)",
        ),
    }
)

_INDEX = "the index only reads the items: iterate over them (or enumerate)"
_SHADOW = "hides the builtin for the rest of the function; a telling name is better"
_SMALL = "correct, but the string stays a few characters long: the cost never shows"

JUDGED.update(
    {
        # range-len-loop
        (_ALG + "bit_manipulation/single_number2.py", 37, "range-len-loop"): (TRUE, _INDEX),
        (_ALG + "graph/count_islands_bfs.py", 46, "range-len-loop"): (
            TRUE,
            "for dx, dy in directions: reads better",
        ),
        (_ALG + "graph/strongly_connected_components_kosaraju.py", 78, "range-len-loop"): (
            TRUE,
            _INDEX,
        ),
        ("algorithms-1.0.1/algorithms-1.0.1/tests/test_backtracking.py", 66, "range-len-loop"): (
            TRUE,
            _INDEX,
        ),
        (_ALG3 + "arrays/next_greater_element.py", 47, "range-len-loop"): (
            TRUE,
            "writes back by position: enumerate, as the message says",
        ),
        (_ALG3 + "bits/prefix_divisible_5.py", 36, "range-len-loop"): (TRUE, _INDEX),
        (_ALG3 + "dp/maximum_sum_two_non_overlapping_subarray.py", 58, "range-len-loop"): (
            TRUE,
            _INDEX,
        ),
        (_ALG3 + "matrix/flip_image.py", 27, "range-len-loop"): (
            TRUE,
            "writes back by position: enumerate",
        ),
        (_ALG3 + "strings/reverse_vowels_strings.py", 41, "range-len-loop"): (TRUE, _INDEX),
        (_ALG3 + "strings/zigzag_conversion.py", 33, "range-len-loop"): (TRUE, _INDEX),
        # shadowed-builtin
        (_AOC + "aoc2018/q15.py", 241, "shadowed-builtin"): (
            TRUE,
            "`round` shadowed in a long function",
        ),
        (_ALG3 + "backtracking/permutations_two.py", 23, "shadowed-builtin"): (TRUE, _SHADOW),
        (_ALG3 + "linkedlist/reverse_linkedlist.py", 34, "shadowed-builtin"): (TRUE, _SHADOW),
        (_ALG3 + "linkedlist/singly_linked_list_implementation.py", 130, "shadowed-builtin"): (
            TRUE,
            _SHADOW,
        ),
        (_ALG3 + "math/happy_numbers.py", 34, "shadowed-builtin"): (
            TRUE,
            "`sum` as an accumulator: the builtin is gone for the rest of the loop",
        ),
        ("click-8.5.1/click-8.5.1/src/click/types.py", 1250, "shadowed-builtin"): (
            DEBATABLE,
            "two-line method, named to match the type= keyword it feeds",
        ),
        ("click-8.5.1/click-8.5.1/tests/test_options.py", 144, "shadowed-builtin"): (
            DEBATABLE,
            "a two-line test command; `id` mirrors the option's meaning",
        ),
        ("click-8.5.1/click-8.5.1/tests/test_utils/test_echo.py", 19, "shadowed-builtin"): (
            TRUE,
            "`bytes` holds the captured output; `output` says what it is",
        ),
        (_MORE, 6110, "shadowed-builtin"): (TRUE, _SHADOW),
        (_MORE, 6128, "shadowed-builtin"): (TRUE, _SHADOW),
        # string-concat-in-loop
        (_AOC + "aoc2015/q11.py", 48, "string-concat-in-loop"): (DEBATABLE, _SMALL),
        (_AOC + "aoc2017/q19.py", 25, "string-concat-in-loop"): (DEBATABLE, _SMALL),
        (_AOC + "aoc2019/q17.py", 94, "string-concat-in-loop"): (DEBATABLE, _SMALL),
        (_ALG + "graph/sudoku_solver.py", 138, "string-concat-in-loop"): (
            TRUE,
            "the board text grows cell by cell (the row break is a related place now, not a repeat)",
        ),
        (_ALG + "math/base_conversion.py", 46, "string-concat-in-loop"): (
            DEBATABLE,
            "as many characters as digits: never large",
        ),
        (_ALG + "string/atbash_cipher.py", 36, "string-concat-in-loop"): (
            TRUE,
            "the output grows with the input text; three += lines are one finding now",
        ),
        (_ALG + "string/word_squares.py", 44, "string-concat-in-loop"): (
            DEBATABLE,
            "bounded by the word length",
        ),
        (_ALG3 + "hashtables/hashmap_implementation.py", 38, "string-concat-in-loop"): (
            TRUE,
            "__repr__ text grows with the table",
        ),
        (_ALG3 + "strings/count_say.py", 36, "string-concat-in-loop"): (
            TRUE,
            "the sequence grows geometrically",
        ),
        (_ALG3 + "strings/reverse_string.py", 33, "string-concat-in-loop"): (
            TRUE,
            "grows with the input string",
        ),
        # unneeded-list-comprehension
        (_AOC + "aoc2015/q14.py", 38, "unneeded-list-comprehension"): (
            TRUE,
            "max over a generator needs no list",
        ),
        (_AOC + "aoc2018/q05.py", 29, "unneeded-list-comprehension"): (
            TRUE,
            "min over a generator needs no list",
        ),
        (_AOC + "aoc2019/q24.py", 59, "unneeded-list-comprehension"): (
            DEBATABLE,
            "five items: memory is no concern, and a generator is slower",
        ),
        (_AOC + "aoc2020/q18.py", 42, "unneeded-list-comprehension"): (
            TRUE,
            "sum over the input lines",
        ),
        (_AOC + "aoc2022/q18.py", 37, "unneeded-list-comprehension"): (
            TRUE,
            "thousands of booleans built only to be summed",
        ),
        (_AOC + "aoc2024/q21.py", 67, "unneeded-list-comprehension"): (TRUE, "sum over the codes"),
        (_ALG3 + "graphs/longest_increasing_path_matrix.py", 43, "unneeded-list-comprehension"): (
            TRUE,
            "m*n values built only for max",
        ),
        (_ALG3 + "math/happy_numbers.py", 24, "unneeded-list-comprehension"): (
            DEBATABLE,
            "a handful of digits",
        ),
        (
            "boltons-26.2.0/boltons-26.2.0/boltons/listutils.py",
            230,
            "unneeded-list-comprehension",
        ): (TRUE, "sum of lengths"),
        (
            "boltons-26.2.0/boltons-26.2.0/tests/test_dictutils.py",
            161,
            "unneeded-list-comprehension",
        ): (TRUE, "all() could stop at the first False (fix offered as unsafe)"),
        (
            "boltons-26.2.0/boltons-26.2.0/boltons/iterutils.py",
            1593,
            "unneeded-list-comprehension",
        ): (FALSE, "sorted() builds the whole list anyway: memory does not stay flat (now silent)"),
        # complex-comprehension
        (_AOC + "aoc2021/q21.py", 40, "complex-comprehension"): (
            FALSE,
            "three independent `for r in r` clauses: a plain product (now silent)",
        ),
        (_AOC + "aoc2023/q22.py", 33, "complex-comprehension"): (
            FALSE,
            "x, y, z over independent ranges (now silent)",
        ),
        # dedupe-with-list, second look
        (_ALG + "array/remove_duplicates.py", 45, "dedupe-with-list"): (
            FALSE,
            "the branch for unhashable items, beside a set for the rest (now silent)",
        ),
    }
)
