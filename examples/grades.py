"""Grade book practice: more of the pitfalls interviewers ask about."""

WEIGHTS = {"homework": 0.3, "exam": 0.7, "homework": 0.4}

average = lambda scores: sum(scores) / len(scores)


def empty_table(rows, cols):
    return [[0] * cols] * rows


def report(names, scores):
    text = ""
    for i in range(len(names)):
        text += names[i] + ": " + str(scores[i]) + "\n"
    return text


def best_students(students):
    list = sorted(students, key=lambda s: s.score, reverse=True)
    return list[:3]
