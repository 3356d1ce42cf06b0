"""Wrong: a lambda stored in a variable is still an anonymous function: its name is '<lambda>'."""

square = lambda x: x * x
